#!/usr/bin/env python3
"""Builds the small history fixtures of the golden scripts in Tests/SegEndToEndTests/Scripts/history/.

1. `shop.csv`: a synthetic transaction log (seeded, Online Retail's columns) of 48 customers in
   three kinds: frequent recent big spenders, occasional mid spenders, and customers who
   stopped buying in the spring; three big spenders and four mid spenders go quiet in the
   autumn, and four new customers make their first purchase in November.
2. `one_run.db` and `two_runs.db`: history files written by the built `seg` (`.build/debug/seg`
   unless SEG_BINARY is set) running `make_history.seg` as of 2011-11-01 (and 2011-12-01), with
   the saved times then set to fixed values so that golden output does not depend on the clock.

Run from anywhere after `swift build`:

    python3 scripts/make_history_fixtures.py
"""

import os
import random
import sqlite3
import subprocess
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/SegEndToEndTests/Scripts/history"
SEG = os.environ.get("SEG_BINARY") or str(ROOT / ".build/debug/seg")

SCRIPT = """\
param asof: date = 2011-11-01
load "shop.csv"
rfm asof=$asof
scale
cluster k=3 seed=42
name auto
save "history.db"
"""


def transactions() -> list[str]:
    rng = random.Random(7)
    start = datetime(2011, 1, 3, 9, 0)
    rows = []
    invoice = 540000

    def buy(customer: int, when: datetime, lines: int, price: float) -> None:
        nonlocal invoice
        invoice += 1
        for line in range(lines):
            quantity = rng.randint(1, 12)
            unit = round(price * rng.uniform(0.8, 1.2), 2)
            rows.append(
                f"{invoice},{20000 + line},ITEM {line},{quantity},"
                f"{when:%Y-%m-%d %H:%M:%S},{unit},{customer}.0,United Kingdom"
            )

    def days(n: int) -> timedelta:
        return timedelta(days=n, minutes=rng.randint(0, 480))

    for i in range(48):
        customer = 13000 + i
        kind = i % 3
        if kind == 0:  # frequent, recent, big; three of them stop buying in October
            last = 285 if i in (0, 3, 6) else 330
            for d in range(5, last, rng.randint(12, 18)):
                buy(customer, start + days(d), 3, 12.0)
        elif kind == 1:  # occasional, mid; four of them stop in August
            last = 215 if i in (1, 4, 7, 10) else 320
            for d in range(20, last, rng.randint(45, 60)):
                buy(customer, start + days(d), 2, 6.0)
        else:  # stopped in the spring
            for d in range(10, 110, rng.randint(35, 50)):
                buy(customer, start + days(d), 1, 4.0)
    for j in range(4):  # first purchases in November
        for d in (305 + 3 * j, 318 + 2 * j):
            buy(14000 + j, start + days(d), 2, 8.0)
    header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
    rows.sort(key=lambda r: r.split(",")[4])
    return [header] + rows


def history(directory: Path, asofs: list[str], saved: list[str]) -> bytes:
    for asof in asofs:
        subprocess.run(
            [SEG, "run", "make_history.seg", f"asof={asof}"], cwd=directory, check=True,
            stdout=subprocess.DEVNULL,
        )
    db = directory / "history.db"
    with sqlite3.connect(db) as c:
        for run_id, time in enumerate(saved, start=1):
            c.execute("UPDATE run SET created_at = ? WHERE id = ?", (time, run_id))
    c.close()
    data = db.read_bytes()
    db.unlink()
    return data


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "shop.csv").write_text("\n".join(transactions()) + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "shop.csv").write_bytes((OUT / "shop.csv").read_bytes())
        (work / "make_history.seg").write_text(SCRIPT)
        (OUT / "one_run.db").write_bytes(
            history(work, ["2011-11-01"], ["2011-11-01T06:00:00.000Z"]))
        (OUT / "two_runs.db").write_bytes(
            history(work, ["2011-11-01", "2011-12-01"],
                    ["2011-11-01T06:00:00.000Z", "2011-12-01T06:00:00.000Z"]))
    print(f"wrote {OUT.relative_to(ROOT)}: shop.csv, one_run.db, two_runs.db")


if __name__ == "__main__":
    main()
