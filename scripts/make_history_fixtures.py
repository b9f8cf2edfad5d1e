"""Builds the history fixtures of the golden scripts in Tests/SegEndToEndTests/Scripts/history/.

`one_run.db` and `two_runs.db` are history files written by the built `seg` (`.build/debug/seg`
unless SEG_BINARY is set) running a monthly refresh of the golden scripts' small shop
(`Scripts/shop.csv`, from scripts/make_shop_fixture.py) as of 2011-10-01 (and 2011-12-10), with
the saved times then set to fixed values so that golden output does not depend on the clock.

Run from anywhere after `swift build`:

    python3 scripts/make_history_fixtures.py
"""

import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "Tests/SegEndToEndTests/Scripts"
OUT = SCRIPTS / "history"
SEG = os.environ.get("SEG_BINARY") or str(ROOT / ".build/debug/seg")

SCRIPT = """\
param asof: date = 2011-10-01
load "shop.csv"
rfm asof=$asof
filter z<3
scale
cluster k=4 seed=42
name auto
save "history.db"
"""


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
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "shop.csv").write_bytes((SCRIPTS / "shop.csv").read_bytes())
        (work / "make_history.seg").write_text(SCRIPT)
        (OUT / "one_run.db").write_bytes(
            history(work, ["2011-10-01"], ["2011-10-01T06:00:00.000Z"]))
        (OUT / "two_runs.db").write_bytes(
            history(work, ["2011-10-01", "2011-12-10"],
                    ["2011-10-01T06:00:00.000Z", "2011-12-10T06:00:00.000Z"]))
    print(f"wrote {OUT.relative_to(ROOT)}: one_run.db, two_runs.db")


if __name__ == "__main__":
    main()
