#!/usr/bin/env python3
"""Independent pandas oracle for seg's RFM table (see docs/rfm.md for the definitions).

Usage: scripts/oracle_rfm.py [INPUT.csv[.gz]] [--asof YYYY-MM-DD] [--affinity P] [-o OUT.csv]

Defaults: examples/data/online_retail.csv.gz, asof 2011-12-10, 5 affinity groups, output to
Tests/SegCoreTests/Fixtures/rfm_online_retail.csv. Reads the Online Retail naming (InvoiceNo,
StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID) or the Online Retail II naming (Invoice,
Price, Customer ID). Written with pandas idioms only, sharing no code with seg.

Money is exact: quantities and prices are read as the digits written (Python's `decimal`), line
values and sums are exact decimals, and the ratios (avg_order_value, return_rate, affinity shares)
are exact fractions rounded once to the nearest double. seg must equal these figures exactly.
"""
import argparse
import os
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# R rows 5..1, FM columns 1..5, FM = ceil((F + M) / 2).
GRID = [
    ["Recent Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
    ["Promising", "Potential Loyalist", "Loyal Customers", "Champions", "Champions"],
    ["About To Sleep", "Customers Needing Attention", "Customers Needing Attention", "Loyal Customers", "Loyal Customers"],
    ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
    ["Lost", "Lost", "At Risk", "Can't Lose Them", "Can't Lose Them"],
]


def segment(r, f, m):
    return GRID[5 - r][(f + m + 1) // 2 - 1]


def quintile(values, higher_is_better):
    # 1 + floor(5 * (number of strictly worse values) / n): pandas' "min" rank.
    n = len(values)
    worse = values.rank(method="min", ascending=higher_is_better) - 1
    return (1 + (5 * worse.astype("int64")) // n).astype("int64")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?", default=os.path.join(ROOT, "examples/data/online_retail.csv.gz"))
    ap.add_argument("--asof", default="2011-12-10")
    ap.add_argument("--affinity", type=int, default=5)
    ap.add_argument("-o", "--output", default=os.path.join(ROOT, "Tests/SegCoreTests/Fixtures/rfm_online_retail.csv"))
    args = ap.parse_args()

    df = pd.read_csv(args.input, dtype={"InvoiceNo": str, "Invoice": str, "StockCode": str,
                                        "Quantity": str, "UnitPrice": str, "Price": str},
                     keep_default_na=False, na_values=[""])
    df = df.rename(columns={"Invoice": "InvoiceNo", "Price": "UnitPrice", "Customer ID": "CustomerID"})
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
    asof = pd.Timestamp(args.asof)

    d = df[df["CustomerID"].notna() & (df["InvoiceDate"] < asof)].copy()
    d["customer"] = d["CustomerID"].astype("int64")
    qty = d["Quantity"].map(Decimal)
    d["Quantity"] = qty.map(int)
    # The exact line value, as a decimal of the digits written.
    d["value"] = [q * Decimal(p) for q, p in zip(qty, d["UnitPrice"])]
    zero = Decimal(0)
    cancelled = d["InvoiceNo"].str.startswith("C")
    purchase = ~cancelled & (d["value"] > zero) & (d["Quantity"] > 0)
    returned = ~purchase & (cancelled | (d["Quantity"] < 0))
    p = d[purchase]
    r = d[returned]

    def exact_sum(frame, values):
        sums = {}
        for c, v in zip(frame["customer"], values):
            sums[c] = sums.get(c, zero) + v
        return sums

    def nearest(fraction):
        # float(Fraction) is the correctly rounded double.
        return repr(float(fraction))

    g = p.groupby("customer")
    out = pd.DataFrame(index=g.size().index)
    first_day = g["InvoiceDate"].min().dt.normalize()
    last_day = g["InvoiceDate"].max().dt.normalize()
    out["recency"] = (asof.normalize() - last_day).dt.days
    out["frequency"] = g["InvoiceNo"].nunique()
    gross_of = exact_sum(p, p["value"])
    ret_of = exact_sum(r, r["value"].map(abs))
    gross = [gross_of[c] for c in out.index]
    ret = [ret_of.get(c, zero) for c in out.index]
    out["monetary"] = [str(a - b) for a, b in zip(gross, ret)]
    out["tenure"] = (asof.normalize() - first_day).dt.days
    out["avg_order_value"] = [nearest(Fraction(a) / f) for a, f in zip(gross, out["frequency"])]
    span = (last_day - first_day).dt.days
    out["days_between_purchases"] = (span / (out["frequency"] - 1)).where(out["frequency"] > 1, np.nan)
    out["gross_spend"] = [str(a) for a in gross]
    out["returned_value"] = [str(b) for b in ret]
    # Capped at 1: returns of goods bought before the log starts can exceed the purchases in it.
    out["return_rate"] = [nearest(min(Fraction(b) / Fraction(a), Fraction(1))) for a, b in zip(gross, ret)]
    # The sums are exact: returns exceed purchases exactly when they are larger.
    out["returns_exceed_purchases"] = ["true" if b > a else "false" for a, b in zip(gross, ret)]
    out["distinct_products"] = g["StockCode"].nunique()
    out["items"] = g["Quantity"].sum()

    spend = {}
    for code, v in zip(p["StockCode"], p["value"]):
        spend[code] = spend.get(code, zero) + v
    top = sorted(((c, v) for c, v in spend.items() if v > zero), key=lambda kv: (-kv[1], kv[0]))[: args.affinity]
    for k, (code, _) in enumerate(top, start=1):
        sel = p[p["StockCode"] == code]
        share = exact_sum(sel, sel["value"])
        out[f"affinity_{k}"] = [nearest(Fraction(share.get(c, zero)) / Fraction(a)) for c, a in zip(out.index, gross)]

    monetary_exact = [a - b for a, b in zip(gross, ret)]
    out["monetary_rank"] = [float(m) for m in monetary_exact]
    out["r_score"] = quintile(out["recency"], higher_is_better=False)
    out["f_score"] = quintile(out["frequency"], higher_is_better=True)
    # Ranks on the exact values (no two distinct sums here are as close as a double's rounding).
    out["m_score"] = quintile(out.pop("monetary_rank"), higher_is_better=True)
    out["rfm_code"] = (out["r_score"].astype(str) + out["f_score"].astype(str) + out["m_score"].astype(str))
    out["rfm_segment"] = [segment(a, b, c) for a, b, c in zip(out["r_score"], out["f_score"], out["m_score"])]
    out.index.name = "customer"
    out = out.sort_index()
    out.to_csv(args.output)

    print(f"{len(out)} customers; frequency sum {out['frequency'].sum()}, recency sum {out['recency'].sum()}, "
          f"monetary sum {sum(monetary_exact)}; affinity groups {[c for c, _ in top]}", file=sys.stderr)
    no_purchase = set(d["customer"]) - set(out.index)
    print(f"{len(no_purchase)} customers without a purchase line "
          f"({len(no_purchase & set(r['customer']))} with only returns)", file=sys.stderr)


if __name__ == "__main__":
    main()
