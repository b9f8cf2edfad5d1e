#!/usr/bin/env python3
"""Runs seg's exported RFM SQL on a real engine, on the UCI Online Retail data.

Usage: scripts/sql_engine.py duckdb|spark RFM.sql OUT.csv [DATA.csv.gz]
       scripts/sql_engine.py duckdb|spark [--data DATA.csv.gz] [--table NAME=FILE.csv ...]
           [--setup SETUP.sql] --run QUERY.sql=OUT.csv [--run ...]

Loads the transaction log (default examples/data/online_retail.csv.gz) into a table named
`sales` with the engine's own CSV reader and typed columns (as the PostgreSQL test table of
scripts/test-postgres), runs the one SELECT in RFM.sql and writes its rows to OUT.csv, floats
in Python's shortest round-trip form, NULL as an empty field. The engine's version goes to
stderr. The second form runs several queries in one session (one Spark start-up): each
--table registers a CSV with a header as a table (types inferred by the engine), SETUP.sql's
statements (separated by `;` at the end of a line) run first, e.g. to create views, then each
--run query writes its OUT.csv. SegWarehouseTests/ScoringTests use it for `export scoring`. SegWarehouseTests/ExportSQLTests compare OUT.csv with seg's own customer table; this
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


def duckdb_session(data, tables):
    import duckdb

    con = duckdb.connect()
    cols = ", ".join(f"'{n}': '{t}'" for n, t, _ in COLUMNS)
    con.execute(
        f"CREATE TABLE sales AS SELECT * FROM read_csv('{data}', header = true, "
        f"columns = {{{cols}}}, timestampformat = '%Y-%m-%d %H:%M:%S')"
    )
    for name, path in tables:
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true)")
    print(f"duckdb {duckdb.__version__}", file=sys.stderr)

    def run(sql):
        cur = con.execute(sql)
        header = [d[0] for d in cur.description]
        return header, cur.fetchall()

    return run, lambda: None


def run_duckdb(sql, data):
    run, _ = duckdb_session(data, [])
    return run(sql)


def spark_session(data, tables):
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
    for name, path in tables:
        spark.read.csv(path, header=True, inferSchema=True).createOrReplaceTempView(name)
    print(f"spark {spark.version}", file=sys.stderr)

    def run(sql):
        result = spark.sql(sql)
        header = result.columns
        return header, [tuple(r) for r in result.collect()]

    return run, spark.stop


def run_spark(sql, data):
    run, stop = spark_session(data, [])
    header, rows = run(sql)
    stop()
    return header, rows


def write_csv(out, header, rows):
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([text(v) for v in r])


def read_sql(path):
    with open(path) as f:
        return f.read().strip().rstrip(";")


def main_runs(engine, argv):
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "examples/data/online_retail.csv.gz"))
    ap.add_argument("--table", action="append", default=[])
    ap.add_argument("--setup")
    ap.add_argument("--run", action="append", default=[], required=True)
    args = ap.parse_args(argv)
    tables = [t.split("=", 1) for t in args.table]
    if engine == "duckdb":
        run, stop = duckdb_session(args.data, tables)
    elif engine == "spark":
        run, stop = spark_session(args.data, tables)
    else:
        print(f"unknown engine {engine}", file=sys.stderr)
        sys.exit(2)
    try:
        if args.setup:
            with open(args.setup) as f:
                for statement in f.read().split(";\n"):
                    if statement.strip():
                        run(statement.strip().rstrip(";"))
        for spec in args.run:
            sql_path, out = spec.split("=", 1)
            header, rows = run(read_sql(sql_path))
            write_csv(out, header, rows)
    finally:
        stop()


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    if sys.argv[2].startswith("--"):
        main_runs(sys.argv[1], sys.argv[2:])
        return
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
    write_csv(out, header, rows)


if __name__ == "__main__":
    main()
