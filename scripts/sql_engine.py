#!/usr/bin/env python3
"""Runs seg's exported RFM SQL on a real engine, on the UCI Online Retail data.

Usage: scripts/sql_engine.py duckdb|spark RFM.sql OUT.csv [DATA.csv.gz]

Loads the transaction log (default examples/data/online_retail.csv.gz) into a table named
`sales` with the engine's own CSV reader and typed columns (as the PostgreSQL test table of
scripts/test-postgres), runs the one SELECT in RFM.sql and writes its rows to OUT.csv, floats
in Python's shortest round-trip form, NULL as an empty field. The engine's version goes to
stderr. SegWarehouseTests/ExportSQLTests compare OUT.csv with seg's own customer table; this
script shares no code with seg.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS = [
    ("InvoiceNo", "VARCHAR", "string"),
    ("StockCode", "VARCHAR", "string"),
    ("Description", "VARCHAR", "string"),
    ("Quantity", "INTEGER", "int"),
    ("InvoiceDate", "TIMESTAMP", "timestamp"),
    ("UnitPrice", "DOUBLE", "double"),
    ("CustomerID", "DOUBLE", "double"),
    ("Country", "VARCHAR", "string"),
]


def text(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def run_duckdb(sql, data):
    import duckdb

    con = duckdb.connect()
    cols = ", ".join(f"'{n}': '{t}'" for n, t, _ in COLUMNS)
    con.execute(
        f"CREATE TABLE sales AS SELECT * FROM read_csv('{data}', header = true, "
        f"columns = {{{cols}}}, timestampformat = '%Y-%m-%d %H:%M:%S')"
    )
    print(f"duckdb {duckdb.__version__}", file=sys.stderr)
    cur = con.execute(sql)
    header = [d[0] for d in cur.description]
    return header, cur.fetchall()


def run_spark(sql, data):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("seg-rfm-sql")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    schema = ", ".join(f"`{n}` {s}" for n, _, s in COLUMNS)
    df = spark.read.csv(data, header=True, schema=schema, timestampFormat="yyyy-MM-dd HH:mm:ss")
    df.createOrReplaceTempView("sales")
    print(f"spark {spark.version}", file=sys.stderr)
    result = spark.sql(sql)
    header = result.columns
    rows = [tuple(r) for r in result.collect()]
    spark.stop()
    return header, rows


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    engine, sql_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    data = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, "examples/data/online_retail.csv.gz")
    with open(sql_path) as f:
        sql = f.read().strip().rstrip(";")
    if engine == "duckdb":
        header, rows = run_duckdb(sql, data)
    elif engine == "spark":
        header, rows = run_spark(sql, data)
    else:
        print(f"unknown engine {engine}", file=sys.stderr)
        sys.exit(2)
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([text(v) for v in r])


if __name__ == "__main__":
    main()
