"""Airflow DAG: refresh the seg customer segments once a month.

Runs ``seg run examples/refresh.seg asof=<date>`` in a checkout of the seg repository. The
script saves each run to ``history.db`` in that directory, keeps segment names stable against
the previous run and compares the two; its last line is an ``assert``, so the task fails when
too many Champions moved to At Risk (seg exits with status 3), as well as on any error (1) or
script error (2). See docs/refresh.md.

The as-of date is the end of the scheduled month: with ``schedule="@monthly"`` the run that
starts on 1 December covers the interval 1 November - 1 December, whose ``{{ ds }}`` is
1 November (the *start*) and whose ``{{ data_interval_end | ds }}`` is 1 December. Segmenting
as of the day the data ends is what a refresh wants, so the command uses the latter; write
``asof={{ ds }}`` instead to segment as of the start of the month.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow import DAG

try:  # Airflow 3 moved the operator into the standard provider.
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

# The checkout that holds examples/refresh.seg and the history file; `seg` must be on PATH.
SEG_HOME = os.environ.get("SEG_HOME", "/srv/seg")

with DAG(
    dag_id="seg_refresh",
    description="Monthly customer segment refresh with stable names and a migration check",
    schedule="@monthly",
    start_date=datetime(2011, 9, 1),
    catchup=False,
    # One refresh at a time: runs append to one history file and compare with the latest.
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=15)},
    tags=["seg", "segmentation"],
) as dag:
    BashOperator(
        task_id="refresh_segments",
        bash_command=(
            "cd {{ params.seg_home }} && "
            "seg run examples/refresh.seg asof={{ data_interval_end | ds }}"
        ),
        params={"seg_home": SEG_HOME},
    )
