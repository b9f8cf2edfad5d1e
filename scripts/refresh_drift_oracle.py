#!/usr/bin/env python3
"""Oracle for SegHistory's segment matching on the real Online Retail data.

For four monthly as-of dates it computes RFM per customer (transactions before the as-of date,
customer known, quantity and price positive, no cancellations), drops customers with |z| >= 3 in
any feature, standardizes (population sd), runs scikit-learn k-means (k=4, n_init=10,
random_state=42), and matches each month's centroids to the previous month's with SciPy's
linear_sum_assignment on Euclidean distance in scaled units.

Writes Tests/SegHistoryTests/Fixtures/refresh_centroids.json; the Swift tests check that
SegmentMatcher finds the same assignment and distances. Run from the repository root:

    python3 scripts/refresh_drift_oracle.py
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans

ROOT = Path(__file__).resolve().parent.parent
ASOFS = ["2011-09-01", "2011-10-01", "2011-11-01", "2011-12-10"]


def purchase_lines() -> pd.DataFrame:
    """The example data's purchase lines: customer known, quantity and price positive, not a
    cancellation; with parsed dates and the line amount."""
    df = pd.read_csv(
        ROOT / "examples/data/online_retail.csv.gz",
        dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "float64"},
    )
    df = df[
        df.CustomerID.notna()
        & (df.Quantity > 0)
        & (df.UnitPrice > 0)
        & ~df.InvoiceNo.str.startswith("C")
    ].copy()
    df["InvoiceDate"] = pd.to_datetime(df.InvoiceDate)
    df["amount"] = df.Quantity * df.UnitPrice
    return df


def main() -> None:
    df = purchase_lines()
    months = []
    previous = None
    for asof in ASOFS:
        cutoff = pd.Timestamp(asof)
        d = df[df.InvoiceDate < cutoff]
        g = d.groupby("CustomerID").agg(
            last=("InvoiceDate", "max"), frequency=("InvoiceNo", "nunique"), monetary=("amount", "sum")
        )
        g["recency"] = (cutoff - g["last"]).dt.days
        x = g[["recency", "frequency", "monetary"]].to_numpy(float)
        z = (x - x.mean(0)) / x.std(0)
        x = x[(np.abs(z) < 3).all(1)]
        scaled = (x - x.mean(0)) / x.std(0)
        km = KMeans(4, n_init=10, random_state=42).fit(scaled)
        centroids = km.cluster_centers_
        month = {
            "asof": asof,
            "customers": int(len(x)),
            "sizes": np.bincount(km.labels_).tolist(),
            "scaledCentroids": [float(v) for v in centroids.ravel()],
        }
        if previous is not None:
            cost = np.linalg.norm(centroids[:, None, :] - previous[None, :, :], axis=2)
            rows, cols = linear_sum_assignment(cost)
            month["previousClusterOf"] = [int(c) for c in cols[np.argsort(rows)]]
            month["distances"] = [float(cost[r, c]) for r, c in sorted(zip(rows, cols))]
        months.append(month)
        previous = centroids
    out = ROOT / "Tests/SegHistoryTests/Fixtures/refresh_centroids.json"
    out.write_text(json.dumps({"features": ["recency", "frequency", "monetary"], "months": months}, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
