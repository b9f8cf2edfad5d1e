"""Oracle for SegCore's mini-batch k-means: scikit-learn's MiniBatchKMeans on the clustering fixtures.

Run from the repository root:  python3 scripts/oracle_minibatch.py
Needs numpy, pandas and scikit-learn.

Mini-batch k-means is stochastic, so the oracle is a distribution, not one answer: for each case,
the inertia (over all rows) of MiniBatchKMeans with 10 seeds, and full k-means (n_init=10) as the
floor. Output: Tests/SegCoreTests/Fixtures/clustering/minibatch.json.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.preprocessing import StandardScaler

OUT = os.path.join("Tests", "SegCoreTests", "Fixtures", "clustering")

# (dataset name as in oracle.json, file, features, transform, k, batch size)
CASES = [
    ("blobs6", "blobs6.csv", [f"x{i}" for i in range(6)], None, 5, 256),
    ("rfm_signedlog", "rfm.csv", ["recency", "frequency", "monetary"], "signedlog", 4, 256),
    ("rfm_signedlog", "rfm.csv", ["recency", "frequency", "monetary"], "signedlog", 8, 1024),
]


def matrix(file, features, transform):
    x = pd.read_csv(os.path.join(OUT, file))[features].to_numpy(float)
    if transform == "signedlog":
        x = np.sign(x) * np.log1p(np.abs(x))
    return StandardScaler().fit_transform(x)


def main():
    cases = []
    for name, file, features, transform, k, batch in CASES:
        x = matrix(file, features, transform)
        inertias = []
        for seed in range(10):
            mb = MiniBatchKMeans(n_clusters=k, batch_size=batch, n_init=3, random_state=seed).fit(x)
            inertias.append(float(mb.inertia_))
        full = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        cases.append({
            "dataset": name, "k": k, "batch_size": batch, "n_init": 3,
            "minibatch_inertias": inertias, "minibatch_median": float(np.median(inertias)),
            "minibatch_max": max(inertias), "kmeans_inertia": float(full.inertia_),
        })
    out = {
        "generator": "scripts/oracle_minibatch.py",
        "versions": {"numpy": np.__version__, "pandas": pd.__version__, "sklearn": sklearn.__version__},
        "cases": cases,
    }
    with open(os.path.join(OUT, "minibatch.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
