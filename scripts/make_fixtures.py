#!/usr/bin/env python3
"""Builds the small loader fixtures in Tests/SegCoreTests/Fixtures from the shipped data.

Usage: scripts/make_fixtures.py   (then scripts/oracle_rfm.py on the sample, see below)

- retail_sample.csv: every row of 40 customers, 60 rows without a customer and all rows whose
  description holds '£' (UTF-8, LF, the Online Retail naming).
- retail_sample.csv.gz: the same bytes, gzip-compressed.
- retail_ii_sample.csv: the same rows in the Online Retail II naming (Invoice, Price, Customer ID).
- retail_latin1_us.csv: the same rows, ISO-8859-1, CRLF, US dates (12/1/2010 8:26).
- orders_whitespace.txt: an order-level log of the same customers (one row per invoice, amount =
  the invoice's purchase or return value), whitespace-separated, YYYYMMDD dates.
- rfm_retail_sample.csv: `scripts/oracle_rfm.py retail_sample.csv --asof 2011-12-10`.
"""
import gzip
import os
import subprocess

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "Tests/SegCoreTests/Fixtures")

df = pd.read_csv(os.path.join(ROOT, "examples/data/online_retail.csv.gz"), dtype=str, keep_default_na=False)
customers = sorted(c for c in df["CustomerID"].unique() if c)
rng = np.random.default_rng(7)
chosen = set(rng.choice(customers, 40, replace=False)) | {"12346.0", "17850.0"}
mask = df["CustomerID"].isin(chosen) | df["Description"].str.contains("£")
no_customer = df.index[df["CustomerID"] == ""][:60]
mask[no_customer] = True
sample = df[mask]

sample.to_csv(os.path.join(FIX, "retail_sample.csv"), index=False, lineterminator="\n")
with open(os.path.join(FIX, "retail_sample.csv"), "rb") as f:
    raw = f.read()
with gzip.GzipFile(os.path.join(FIX, "retail_sample.csv.gz"), "wb", mtime=0) as g:
    g.write(raw)

sample.rename(columns={"InvoiceNo": "Invoice", "UnitPrice": "Price", "CustomerID": "Customer ID"}).to_csv(
    os.path.join(FIX, "retail_ii_sample.csv"), index=False, lineterminator="\n")

us = sample.copy()
t = pd.to_datetime(us["InvoiceDate"])
us["InvoiceDate"] = [f"{d.month}/{d.day}/{d.year} {d.hour}:{d.minute:02d}" for d in t]
with open(os.path.join(FIX, "retail_latin1_us.csv"), "wb") as f:
    f.write(us.to_csv(index=False, lineterminator="\r\n").encode("latin-1"))

lines = sample[sample["CustomerID"] != ""].copy()
lines["value"] = lines["Quantity"].astype(int) * lines["UnitPrice"].astype(float)
purchase = ~lines["InvoiceNo"].str.startswith("C") & (lines["Quantity"].astype(int) > 0) & (lines["UnitPrice"].astype(float) > 0)
lines = lines[purchase | lines["InvoiceNo"].str.startswith("C")]
orders = lines.groupby("InvoiceNo", sort=False).agg(
    customer_id=("CustomerID", "first"), order_date=("InvoiceDate", "first"), amount=("value", "sum"))
with open(os.path.join(FIX, "orders_whitespace.txt"), "w") as f:
    f.write("order_id   customer_id   order_date   amount\n")
    for inv, row in orders.iterrows():
        f.write(f"{inv:<10} {row.customer_id[:-2]:<12}  {row.order_date[:10].replace('-', '')}   {round(row.amount, 2)!r}\n")

subprocess.run(["python3", os.path.join(ROOT, "scripts/oracle_rfm.py"), os.path.join(FIX, "retail_sample.csv"),
                "-o", os.path.join(FIX, "rfm_retail_sample.csv")], check=True)
print(f"{len(sample)} sample rows, {len(orders)} orders")
