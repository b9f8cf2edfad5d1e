#!/usr/bin/env python3
"""Oracle for ClusterValidity.silhouetteSamples: scikit-learn's silhouette_samples on the
algos_blobs4 fixture, labelled by KMeans(k=4, seed 0), written to
Tests/SegCoreTests/Fixtures/silhouette_samples.json. Run from the repository root."""
import json

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_samples, silhouette_score

X = np.loadtxt("Tests/SegCoreTests/Fixtures/algos_blobs4.csv", delimiter=",", skiprows=1)
labels = KMeans(n_clusters=4, n_init=4, random_state=0).fit_predict(X)
values = silhouette_samples(X, labels)
out = {
    "dataset": "blobs4",
    "labels": [int(v) for v in labels],
    "values": [float(v) for v in values],
    "mean": float(silhouette_score(X, labels)),
}
with open("Tests/SegCoreTests/Fixtures/silhouette_samples.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
