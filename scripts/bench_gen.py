#!/usr/bin/env python3
"""Seeded synthetic transaction logs shaped like the Online Retail data, for benchmarks.

Usage: scripts/bench_gen.py ROWS OUT.csv [--seed 42]

Same columns and text forms as online_retail.csv (InvoiceNo, StockCode, Description, Quantity,
InvoiceDate, UnitPrice, CustomerID as `17850.0`, Country), chronological, ~20 lines per invoice,
~25 % of invoices without a customer, ~2 % cancellations (`C` invoices, negative quantities),
4,000 products with skewed popularity, ~1 % of descriptions quoted because they hold a comma,
one customer per ~125 rows. Written in chunks of ~1M rows with DuckDB's CSV writer; the same
ROWS and seed give the same bytes.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import duckdb
import numpy as np
import pandas as pd

CHUNK = 1_000_000
PRODUCTS = 4_000
START = np.datetime64("2010-12-01T08:00:00")
SPAN_SECONDS = 373 * 86_400


def products(rng):
    digits = rng.integers(10_000, 99_999, PRODUCTS)
    suffix = rng.choice(["", "", "", "A", "B", "C", "L", "S"], PRODUCTS)
    codes = np.unique(np.char.add(digits.astype(str), suffix))[:PRODUCTS]
    words = np.array(["WHITE", "RED", "HEART", "LANTERN", "VINTAGE", "BAG", "CAKE", "CASE", "JUMBO",
                      "SET", "OF", "3", "6", "GLASS", "HOLDER", "T-LIGHT", "PAPER", "CHAIN", "BOX",
                      "RETROSPOT", "PINK", "BLUE", "METAL", "SIGN", "DOORMAT", "CLOCK", "MUG"])
    n = len(codes)
    desc = [" ".join(rng.choice(words, rng.integers(1, 4))) for _ in range(n)]
    desc = [d + (", ASSORTED" if i >= 200 and rng.random() < 0.03 else "") for i, d in enumerate(desc)]
    price = np.round(np.exp(rng.normal(0.9, 0.9, n)), 2)
    price[rng.random(n) < 0.005] = 0.0
    weight = 1.0 / np.arange(1, n + 1) ** 0.9
    return codes, np.array(desc), price, weight / weight.sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    base = np.random.default_rng(args.seed)
    codes, desc, price, weight = products(base)
    customers = max(100, args.rows // 125)
    activity = np.exp(base.normal(0, 1.2, customers))
    activity /= activity.sum()
    countries = np.array(["United Kingdom"] * 90 + ["Germany", "France", "EIRE", "Spain", "Netherlands",
                                                    "Belgium", "Switzerland", "Portugal", "Australia", "Norway"])
    customer_country = base.choice(countries, customers)

    chunks = max(1, (args.rows + CHUNK - 1) // CHUNK)
    invoice_no = 536_365
    con = duckdb.connect()
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(args.out))) as tmp:
        parts = []
        for k in range(chunks):
            rng = np.random.default_rng([args.seed, k])
            rows = min(CHUNK, args.rows - k * CHUNK)
            lines = 1 + rng.geometric(1 / 20, size=rows // 10 + 10)
            ends = np.cumsum(lines)
            n_inv = int(np.searchsorted(ends, rows)) + 1
            lines = lines[:n_inv]
            lines[-1] -= ends[n_inv - 1] - rows
            inv_ids = invoice_no + np.arange(n_inv)
            invoice_no += n_inv
            cancel = rng.random(n_inv) < 0.02
            cust = rng.choice(customers, n_inv, p=activity)
            has_cust = rng.random(n_inv) >= 0.25
            t0 = k * SPAN_SECONDS / chunks
            secs = np.sort(rng.uniform(t0, t0 + SPAN_SECONDS / chunks, n_inv)).astype("int64") // 60 * 60
            row_inv = np.repeat(np.arange(n_inv), lines)
            prod = rng.choice(len(codes), rows, p=weight)
            qty = np.minimum(1 + rng.geometric(0.15, rows), 480)
            qty = np.where(cancel[row_inv], -qty, qty)
            inv_text = np.char.add(np.where(cancel, "C", ""), inv_ids.astype(str))
            cust_text = np.where(has_cust, np.char.add((12_346 + cust).astype(str), ".0"), "")
            df = pd.DataFrame({
                "InvoiceNo": inv_text[row_inv],
                "StockCode": codes[prod],
                "Description": desc[prod],
                "Quantity": qty,
                "InvoiceDate": START + secs[row_inv].astype("timedelta64[s]"),
                "UnitPrice": price[prod],
                "CustomerID": cust_text[row_inv],
                "Country": np.where(has_cust, customer_country[cust], "United Kingdom")[row_inv],
            })
            part = os.path.join(tmp, f"part{k:04d}.csv")
            con.register("chunk", df)
            con.execute(f"COPY (SELECT InvoiceNo, StockCode, Description, Quantity, "
                        f"strftime(InvoiceDate, '%Y-%m-%d %H:%M:%S') AS InvoiceDate, UnitPrice, "
                        f"NULLIF(CustomerID, '') AS CustomerID, Country FROM chunk) TO '{part}' (HEADER {'true' if k == 0 else 'false'})")
            con.unregister("chunk")
            parts.append(part)
            print(f"\r  generated {min(args.rows, (k + 1) * CHUNK):,} rows", end="", file=sys.stderr)
        print(file=sys.stderr)
        with open(args.out, "wb") as out:
            subprocess.run(["cat", *parts], stdout=out, check=True)


if __name__ == "__main__":
    main()
