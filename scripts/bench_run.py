#!/usr/bin/env python3
"""Runs each tool on each file under /usr/bin/time -v and prints wall time, peak memory and the
ratios to seg. Called by scripts/bench; each run is its own process so peak memory is its own."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PANDAS = r'''
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str}, parse_dates=["InvoiceDate"])
df = df[df["CustomerID"].notna()]
df["value"] = df["Quantity"] * df["UnitPrice"]
cancelled = df["InvoiceNo"].str.startswith("C")
purchase = ~cancelled & (df["Quantity"] > 0) & (df["UnitPrice"] > 0)
returned = ~purchase & (cancelled | (df["Quantity"] < 0))
asof = df["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
g = df[purchase].groupby("CustomerID")
rfm = pd.DataFrame({
    "recency": (asof - g["InvoiceDate"].max().dt.normalize()).dt.days,
    "frequency": g["InvoiceNo"].nunique(),
    "tenure": (asof - g["InvoiceDate"].min().dt.normalize()).dt.days,
    "gross": g["value"].sum(),
})
rfm["monetary"] = rfm["gross"] - df[returned].groupby("CustomerID")["value"].sum().abs().reindex(rfm.index, fill_value=0)
print(len(rfm), int(rfm["frequency"].sum()))
'''

DUCKDB = r'''
import sys, duckdb
con = duckdb.connect()
r = con.execute("""
WITH t AS (
  SELECT CustomerID AS c, InvoiceNo AS inv, InvoiceDate AS d, Quantity * UnitPrice AS v,
         starts_with(InvoiceNo, 'C') AS canc, Quantity AS q, UnitPrice AS p
  FROM read_csv(?) WHERE CustomerID IS NOT NULL),
ref AS (SELECT date_trunc('day', max(d)) + INTERVAL 1 DAY AS a FROM t),
r AS (
  SELECT c,
    count(DISTINCT inv) FILTER (WHERE NOT canc AND q > 0 AND p > 0) AS frequency,
    max(d) FILTER (WHERE NOT canc AND q > 0 AND p > 0) AS last,
    min(d) FILTER (WHERE NOT canc AND q > 0 AND p > 0) AS first,
    sum(v) FILTER (WHERE NOT canc AND q > 0 AND p > 0)
      - coalesce(sum(abs(v)) FILTER (WHERE canc OR q < 0), 0) AS monetary
  FROM t GROUP BY c)
SELECT count(*), sum(frequency), sum(date_diff('day', date_trunc('day', last), a)),
       sum(date_diff('day', date_trunc('day', first), a))
FROM r, ref WHERE frequency > 0""", [sys.argv[1]]).fetchone()
print(r[0], r[1])
'''


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak MiB, stdout)."""
    out = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", out.stderr)
    h, m, s = wall.groups()
    seconds = (int(h) if h else 0) * 3600 + int(m) * 60 + float(s)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1)) / 1024
    return seconds, peak, out.stdout


def seg_command(path):
    seg = os.path.join(ROOT, ".build/release/seg")
    return [seg, "-c", f'load "{path}"; rfm']


def customers(name, stdout):
    """The number of customers a tool's output reports."""
    if name == "seg":
        m = re.search(r"current table: customers \(([\d,]+) rows", stdout)
        return int(m.group(1).replace(",", "")) if m else None
    return int(stdout.split()[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tools", default="seg,pandas,duckdb", help="comma-separated subset to run")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pandas_py = os.path.join(tmp, "rfm_pandas.py")
        duckdb_py = os.path.join(tmp, "rfm_duckdb.py")
        open(pandas_py, "w").write(PANDAS)
        open(duckdb_py, "w").write(DUCKDB)
        print(f"{'file':<24}{'rows':>12}{'MB':>8}  {'tool':<12}{'seconds':>9}{'peak MiB':>10}{'time/seg':>10}{'mem/seg':>9}", flush=True)
        for path in args.files:
            path = os.path.abspath(path)
            rows = sum(1 for _ in open(path, "rb")) - 1
            size = os.path.getsize(path) / 1e6
            label = "seg"
            tools = []
            wanted = args.tools.split(",")
            if "seg" in wanted:
                tools.append((label, seg_command(path), None))
            if "pandas" in wanted:
                tools.append(("pandas", [sys.executable, pandas_py, path], None))
            if "duckdb" in wanted:
                tools.append(("duckdb", [sys.executable, duckdb_py, path], None))
            # Runs are interleaved (seg, pandas, duckdb, seg, ...) so that a busy moment on the
            # machine does not fall on one tool only.
            runs = {name: [] for name, _, _ in tools}
            for _ in range(args.repeat):
                for name, cmd, env in tools:
                    runs[name].append(timed(cmd, env))
            counts = {name: customers(name, rs[0][2]) for name, rs in runs.items()}
            if len(set(counts.values())) > 1:
                print(f"bench: the tools disagree on the number of customers: {counts}", file=sys.stderr)
            results = {name: (min(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in runs.items()}
            base = results.get(label)
            for name, (seconds, peak) in results.items():
                ratio_t = f"{seconds / base[0]:.2f}x" if base else "-"
                ratio_m = f"{peak / base[1]:.2f}x" if base else "-"
                print(f"{os.path.basename(path):<24}{rows:>12,}{size:>8.0f}  {name:<12}{seconds:>9.2f}{peak:>10.0f}{ratio_t:>10}{ratio_m:>9}")
            sys.stdout.flush()
    print("\nseconds: best of the runs, whole process (start-up included); peak: the largest maximum"
          "\nresident set size of the runs. seg computes more than the others: distinct products, items,"
          "\naffinity, scores and segments.")


if __name__ == "__main__":
    main()
