#!/usr/bin/env python3
"""The runs of scripts/bench_warehouse (see there): seg with push-down, psql \\copy then seg on
the CSV, and DuckDB's postgres scanner, interleaved, each under /usr/bin/time -v.

Usage: bench_warehouse.py --host SOCKET_DIR --psql PSQL --seg SEG [--repeat N] TABLE:LABEL ...
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The same RFM in DuckDB over the attached table: customers with a purchase before asof.
DUCKDB_RFM = """
SELECT COUNT(*) FROM (
  SELECT "CustomerID" AS customer,
    COUNT(DISTINCT CASE WHEN kind = 1 THEN "InvoiceNo" END) AS frequency,
    SUM(CASE WHEN kind = 1 THEN value ELSE 0 END) - SUM(CASE WHEN kind = 2 THEN ABS(value) ELSE 0 END) AS monetary,
    MAX(CASE WHEN kind = 1 THEN "InvoiceDate" END) AS last_purchase,
    SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END) AS purchases
  FROM (
    SELECT *, CAST("Quantity" AS DOUBLE) * CAST("UnitPrice" AS DOUBLE) AS value,
      CASE WHEN NOT starts_with(COALESCE("InvoiceNo", ''), 'C') AND "Quantity" > 0
        AND CAST("Quantity" AS DOUBLE) * CAST("UnitPrice" AS DOUBLE) > 0 THEN 1
        WHEN starts_with(COALESCE("InvoiceNo", ''), 'C') OR "Quantity" < 0 THEN 2 ELSE 0 END AS kind
    FROM pg.public.{table}
    WHERE "CustomerID" IS NOT NULL AND "InvoiceDate" IS NOT NULL
  ) GROUP BY "CustomerID"
) WHERE purchases > 0
"""


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v: (seconds, peak MiB, stdout)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as t:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", t.name, *cmd], capture_output=True,
                           text=True, env=env)
        elapsed = time.perf_counter() - start
        if p.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {p.stderr[-2000:]}")
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t.read())
        return elapsed, int(m.group(1)) / 1024 if m else float("nan"), p.stdout


def customers(seg_output):
    m = re.search(r"([\d,]+) customers", seg_output)
    return int(m.group(1).replace(",", "")) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--psql", required=True)
    ap.add_argument("--seg", default=os.path.join(ROOT, ".build/release/seg"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("tables", nargs="+")
    args = ap.parse_args()
    seg = args.seg
    conn = f"host={args.host} dbname=postgres user=postgres"
    duck_ok = None
    try:
        import duckdb

        con = duckdb.connect()
        con.execute("INSTALL postgres")
        con.execute("LOAD postgres")
        duck_ok = True
        duck_version = duckdb.__version__
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        duck_ok = False
        duck_error = str(e).splitlines()[0]
    results = {}
    counts = {}
    tmp = tempfile.mkdtemp(dir=os.path.join(ROOT, "bench-data"))
    for r in range(args.repeat):
        for spec in args.tables:
            table, label = spec.split(":")
            # seg, pushed down
            s, mem, out = timed([seg, "-c", f'load "{conn}" table={table}; rfm'])
            results.setdefault((label, "seg push-down"), []).append((s, mem))
            counts.setdefault(label, {})["seg push-down"] = customers(out)
            # psql \copy to CSV, then seg on the file
            csv = os.path.join(tmp, f"{table}.csv")
            s1, mem1, _ = timed([args.psql, "-X", "-q", "-h", args.host, "-U", "postgres", "-d",
                                 "postgres", "-c",
                                 f"\\copy {table} TO '{csv}' WITH (FORMAT csv, HEADER true)"])
            s2, mem2, out = timed([seg, "-c", f'load "{csv}"; rfm'])
            os.remove(csv)
            results.setdefault((label, "psql \\copy + seg on CSV"), []).append((s1 + s2, mem2))
            counts[label]["psql \\copy + seg on CSV"] = customers(out)
            if duck_ok:
                code = (
                    "import duckdb, sys\n"
                    "con = duckdb.connect()\n"
                    "con.execute('LOAD postgres')\n"
                    f"con.execute(\"ATTACH 'host={args.host} dbname=postgres user=postgres' AS pg (TYPE postgres, READ_ONLY)\")\n"
                    f"print(con.execute('''{DUCKDB_RFM.format(table=table)}''').fetchone()[0], 'customers')\n"
                )
                s, mem, out = timed([sys.executable, "-c", code])
                results.setdefault((label, "DuckDB postgres scanner"), []).append((s, mem))
                counts[label]["DuckDB postgres scanner"] = customers(out)
            print(f"  run {r + 1}/{args.repeat} {label} done", file=sys.stderr)
    os.rmdir(tmp)
    print(f"best of {args.repeat} interleaved runs; peak memory is the largest of the runs "
          "(seg's, or the DuckDB process's)")
    print("| rows | tool | seconds | peak memory | customers |")
    print("| --- | --- | --- | --- | --- |")
    for (label, tool), runs in results.items():
        best = min(s for s, _ in runs)
        peak = max(m for _, m in runs)
        print(f"| {label} | {tool} | {best:.2f} | {peak:,.0f} MiB | {counts[label].get(tool)} |")
    if not duck_ok:
        print(f"DuckDB postgres scanner: not run, INSTALL postgres failed: {duck_error}")
    else:
        print(f"DuckDB {duck_version} with its postgres extension")


if __name__ == "__main__":
    main()
