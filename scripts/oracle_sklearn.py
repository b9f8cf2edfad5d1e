#!/usr/bin/env python3
"""Oracle for SegCore's numeric core: writes the fixtures that Tests/SegCoreTests check.

Run from the repository root:  python3 scripts/oracle_sklearn.py
Needs numpy, scipy, pandas, scikit-learn and kneed (pip install kneed).

Outputs (Tests/SegCoreTests/Fixtures/clustering/):
  rfm.csv      customer RFM table built from examples/data/online_retail.csv.gz (asof 2011-12-10)
  blobs3.csv   sklearn make_blobs, 1000 x 3, 4 centres, seeded
  blobs6.csv   sklearn make_blobs, 2000 x 6, 5 centres, seeded
  oracle.json  scaler outputs, masks, k-means from given centres, validity indices, ARI, PCA,
               k-means++ best inertias (n_init=10) for k=2..10 and kneed knees
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score,
                             davies_bouldin_score, silhouette_score)
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

try:
    from kneed import KneeLocator
except ImportError:  # pragma: no cover
    sys.exit("pip install kneed")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "SegCoreTests", "Fixtures", "clustering")
DATA = os.path.join(ROOT, "examples", "data", "online_retail.csv.gz")
if not os.path.exists(DATA):
    DATA = os.path.join(os.path.dirname(ROOT), "shared", "data", "online_retail.csv.gz")


def rfm_table():
    df = pd.read_csv(DATA, dtype={"InvoiceNo": str, "StockCode": str})
    df = df[df["CustomerID"].notna()].copy()
    df["CustomerID"] = df["CustomerID"].astype("int64")
    df["day"] = pd.to_datetime(df["InvoiceDate"]).dt.normalize()
    purchase = df[~df["InvoiceNo"].str.startswith("C") & (df["Quantity"] > 0) & (df["UnitPrice"] > 0)]
    asof = pd.Timestamp("2011-12-10")
    g = purchase.groupby("CustomerID")
    recency = (asof - g["day"].max()).dt.days
    frequency = g["InvoiceNo"].nunique()
    df["amount"] = df["Quantity"] * df["UnitPrice"]
    monetary = df.groupby("CustomerID")["amount"].sum()
    out = pd.DataFrame({"recency": recency, "frequency": frequency})
    out["monetary"] = monetary.loc[out.index]
    out.index.name = "customer"
    return out.reset_index().sort_values("customer").reset_index(drop=True)


def signedlog(x):
    return np.sign(x) * np.log1p(np.abs(x))


def fl(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def kmeans_from_centres(X, k, seed):
    idx = np.random.default_rng(seed).choice(X.shape[0], size=k, replace=False)
    init = X[idx]
    km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd").fit(X)
    labels = km.labels_.astype(int)
    return {
        "k": k,
        "init_rows": [int(i) for i in idx],
        "labels": [int(v) for v in labels],
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
        "centres": fl(km.cluster_centers_),
        "silhouette": float(silhouette_score(X, labels)),
        "calinski_harabasz": float(calinski_harabasz_score(X, labels)),
        "davies_bouldin": float(davies_bouldin_score(X, labels)),
    }


def knee(xs, ys):
    kl = KneeLocator(xs, ys, S=1.0, curve="convex", direction="decreasing")
    return None if kl.knee is None else float(kl.knee)


def dataset_oracle(name, raw, feature_names, transform=None, truth=None):
    X0 = raw.copy()
    if transform == "signedlog":
        X0 = signedlog(X0)
    std = StandardScaler().fit(X0)
    X = std.transform(X0)
    rob = RobustScaler().fit(X0)
    mm = MinMaxScaler().fit(X0)
    z = np.abs(stats.zscore(X0, axis=0))
    zkeep = np.all(z < 3, axis=1)
    q1, q3 = np.percentile(X0, 25, axis=0), np.percentile(X0, 75, axis=0)
    iqr = q3 - q1
    ikeep = np.all((X0 >= q1 - 1.5 * iqr) & (X0 <= q3 + 1.5 * iqr), axis=1)
    pca = PCA().fit(X)
    fits = [kmeans_from_centres(X, k, seed=100 + k) for k in (3, 5, 8)]
    ari_pairs = [
        {"a": fits[0]["labels"], "b": fits[1]["labels"]},
        {"a": fits[1]["labels"], "b": fits[2]["labels"]},
    ]
    if truth is not None:
        ari_pairs.append({"a": [int(v) for v in truth], "b": fits[1]["labels"]})
    for p in ari_pairs:
        p["ari"] = float(adjusted_rand_score(p["a"], p["b"]))
    ks = list(range(2, 11))
    best = [float(KMeans(n_clusters=k, n_init=10, init="k-means++", random_state=0).fit(X).inertia_) for k in ks]
    single = [float(KMeans(n_clusters=k, n_init=1, init="k-means++", random_state=0).fit(X).inertia_) for k in ks]
    return {
        "name": name,
        "features": feature_names,
        "transform": transform,
        "rows": int(X.shape[0]),
        "standard": {"mean": fl(std.mean_), "scale": fl(std.scale_), "first_rows": fl(X[:50]),
                     "column_sum_squares": fl((X ** 2).sum(axis=0))},
        "robust": {"center": fl(rob.center_), "scale": fl(rob.scale_)},
        "minmax": {"min": fl(mm.data_min_), "max": fl(mm.data_max_)},
        "zscore3_removed_rows": [int(i) for i in np.where(~zkeep)[0]],
        "iqr1_5_removed_rows": [int(i) for i in np.where(~ikeep)[0]],
        "quartiles": {"q1": fl(q1), "q3": fl(q3)},
        "kmeans_from_centres": fits,
        "ari_pairs": ari_pairs,
        "pca": {"explained_variance": fl(pca.explained_variance_),
                "explained_variance_ratio": fl(pca.explained_variance_ratio_),
                "components": fl(pca.components_),
                "first_rows_transformed": fl(pca.transform(X)[:20])},
        "kmeanspp": {"ks": ks, "best_inertia_n_init_10": best, "inertia_n_init_1": single,
                     "knee_n_init_10": knee(ks, best)},
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rfm = rfm_table()
    rfm.to_csv(os.path.join(OUT, "rfm.csv"), index=False)
    b3, t3 = make_blobs(n_samples=1000, centers=4, n_features=3, cluster_std=1.2, random_state=7)
    b6, t6 = make_blobs(n_samples=2000, centers=5, n_features=6, cluster_std=1.5, random_state=11)
    for fname, X, t in (("blobs3.csv", b3, t3), ("blobs6.csv", b6, t6)):
        df = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
        df["truth"] = t
        df.to_csv(os.path.join(OUT, fname), index=False)
    # Read back what was written so that oracle and Swift tests share the exact same doubles.
    rfm = pd.read_csv(os.path.join(OUT, "rfm.csv"))
    b3 = pd.read_csv(os.path.join(OUT, "blobs3.csv"))
    b6 = pd.read_csv(os.path.join(OUT, "blobs6.csv"))
    rfm_cols = ["recency", "frequency", "monetary"]
    x3 = [f"x{i}" for i in range(3)]
    x6 = [f"x{i}" for i in range(6)]
    datasets = [
        dataset_oracle("rfm", rfm[rfm_cols].to_numpy(float), rfm_cols),
        dataset_oracle("rfm_signedlog", rfm[rfm_cols].to_numpy(float), rfm_cols, transform="signedlog"),
        dataset_oracle("blobs3", b3[x3].to_numpy(float), x3, truth=b3["truth"].to_numpy()),
        dataset_oracle("blobs6", b6[x6].to_numpy(float), x6, truth=b6["truth"].to_numpy()),
    ]
    curves = []
    for xs, ys in (
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [100, 40, 20, 14, 11, 9, 8, 7.5, 7, 6.8]),
        ([2, 3, 4, 5, 6, 7, 8, 9, 10], [900, 880, 860, 500, 300, 200, 150, 120, 100]),
        ([1, 2, 3, 4, 5], [10, 8, 6, 4, 2]),
        ([1, 2, 3, 4, 5, 6], [5, 5, 5, 5, 5, 4]),
        ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [90, 60, 40, 27, 19, 14, 11, 9, 8, 7.5]),
    ):
        curves.append({"x": [float(v) for v in xs], "y": [float(v) for v in ys], "knee": knee(xs, ys)})
    oracle = {
        "generator": "scripts/oracle_sklearn.py",
        "versions": {"numpy": np.__version__, "pandas": pd.__version__,
                     "sklearn": __import__("sklearn").__version__,
                     "kneed": __import__("kneed").__version__ if hasattr(__import__("kneed"), "__version__") else "?"},
        "rfm_customers": int(len(rfm)),
        "datasets": datasets,
        "knee_curves": curves,
        "ari_small": [
            {"a": [0, 0, 1, 1], "b": [0, 0, 1, 1], "ari": float(adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 1]))},
            {"a": [0, 0, 1, 1], "b": [1, 1, 0, 0], "ari": float(adjusted_rand_score([0, 0, 1, 1], [1, 1, 0, 0]))},
            {"a": [0, 0, 1, 2], "b": [0, 0, 1, 1], "ari": float(adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]))},
            {"a": [0, 0, 0, 1, 1, 1], "b": [0, 1, 2, 0, 1, 2], "ari": float(adjusted_rand_score([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]))},
            {"a": [5, 5, 7, 7, 9], "b": [1, 1, 1, 2, 2], "ari": float(adjusted_rand_score([5, 5, 7, 7, 9], [1, 1, 1, 2, 2]))},
        ],
    }
    with open(os.path.join(OUT, "oracle.json"), "w") as f:
        json.dump(oracle, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(rfm)} customers")


if __name__ == "__main__":
    main()
