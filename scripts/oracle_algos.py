#!/usr/bin/env python3
"""Oracle fixtures for SegCore's Ward, DBSCAN, Gaussian mixture and t-SNE (Tests/SegCoreTests).

Generates small seeded inputs with scikit-learn (make_blobs / make_moons), writes them as CSV
(17 significant digits, so Swift reads back the exact doubles), and writes what SciPy and
scikit-learn compute on them as JSON. Run from the repository root:

    python3 scripts/oracle_algos.py

Needs numpy, scipy and scikit-learn (1.9 used for the committed fixtures). The Swift tests
never run Python; they read the committed files under Tests/SegCoreTests/Fixtures/algos_*.
"""
import json
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist, squareform
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.datasets import make_blobs, make_moons
from sklearn.manifold import TSNE, trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities, _joint_probabilities_nn
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import NearestNeighbors

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SegCoreTests", "Fixtures")


def write_csv(name, X):
    path = os.path.join(OUT, f"algos_{name}.csv")
    with open(path, "w") as f:
        f.write(",".join(f"x{j}" for j in range(X.shape[1])) + "\n")
        for row in X:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def write_json(name, obj):
    path = os.path.join(OUT, f"algos_{name}.json")
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def datasets():
    blobs2, _ = make_blobs(n_samples=60, centers=3, n_features=2, random_state=0)
    blobs4, _ = make_blobs(n_samples=200, centers=4, n_features=4, cluster_std=1.5, random_state=1)
    moons, _ = make_moons(n_samples=300, noise=0.08, random_state=0)
    noisy, _ = make_blobs(n_samples=250, centers=3, n_features=3, cluster_std=0.6, random_state=2)
    rng = np.random.RandomState(3)
    noisy = np.vstack([noisy, rng.uniform(-12, 12, size=(30, 3))])
    # Blobs with exact duplicate rows, to exercise ties.
    dup = np.vstack([blobs2[:20], blobs2[:5], blobs2[10:12]])
    gmm2, _ = make_blobs(n_samples=300, centers=3, n_features=2, cluster_std=[1.0, 1.5, 0.5],
                         random_state=4)
    gmm3, _ = make_blobs(n_samples=400, centers=4, n_features=3, cluster_std=1.2, random_state=5)
    tsne4, _ = make_blobs(n_samples=100, centers=3, n_features=4, cluster_std=1.0, random_state=6)
    return dict(blobs2=blobs2, blobs4=blobs4, moons=moons, noisy3=noisy, dup2=dup, gmm2=gmm2,
                gmm3=gmm3, tsne4=tsne4)


def ward_fixture(name, X):
    Z = linkage(X, method="ward")
    fc = {str(k): ints(fcluster(Z, k, criterion="maxclust")) for k in range(2, 6)}
    ag = {str(k): ints(AgglomerativeClustering(n_clusters=k, linkage="ward").fit(X).labels_)
          for k in range(2, 6)}
    return dict(data=name, left=ints(Z[:, 0]), right=ints(Z[:, 1]), heights=floats(Z[:, 2]),
                sizes=ints(Z[:, 3]), fcluster=fc, agglomerative=ag)


def dbscan_fixture(name, X, cases, k):
    out = dict(data=name, cases=[])
    for eps, ms in cases:
        lab = DBSCAN(eps=eps, min_samples=ms).fit(X)
        core = np.zeros(len(X), dtype=bool)
        core[lab.core_sample_indices_] = True
        out["cases"].append(dict(eps=eps, minSamples=ms, labels=ints(lab.labels_),
                                 core=[bool(c) for c in core]))
    d, _ = NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)
    out["kDistanceK"] = k
    out["kDistances"] = floats(np.sort(d[:, -1]))
    return out


def gmm_fixture(name, X, k, start_rows):
    d = X.shape[1]
    means = X[start_rows]
    covs = np.array([np.eye(d) * (1.0 + 0.5 * c) for c in range(k)])
    weights = np.full(k, 1.0 / k)
    g = GaussianMixture(n_components=k, covariance_type="full", tol=1e-3, reg_covar=1e-6,
                        max_iter=100, weights_init=weights, means_init=means,
                        precisions_init=np.linalg.inv(covs), random_state=0)
    labels = g.fit_predict(X)
    free = GaussianMixture(n_components=k, n_init=10, random_state=0).fit(X)
    return dict(data=name, k=k, initialWeights=floats(weights), initialMeans=floats(means),
                initialCovariances=floats(covs), weights=floats(g.weights_),
                means=floats(g.means_), covariances=floats(g.covariances_),
                lowerBound=float(g.lower_bound_), iterations=int(g.n_iter_),
                converged=bool(g.converged_), labels=ints(labels), score=float(g.score(X)),
                bic=float(g.bic(X)), aic=float(g.aic(X)), bestOfTenScore=float(free.score(X)))


def tsne_fixture(name, X):
    D = squareform(pdist(X, "sqeuclidean"))
    exact = {}
    for perp in (30.0, 10.0, 5.5):
        exact[repr(perp)] = floats(_joint_probabilities(D, perp, 0))
    # Barnes–Hut affinities over the 16 nearest neighbours (perplexity 5).
    perp = 5.0
    k = min(len(X) - 1, int(3.0 * perp + 1))
    graph = NearestNeighbors(n_neighbors=k).fit(X).kneighbors_graph(mode="distance")
    graph.data **= 2
    P = _joint_probabilities_nn(graph, perp, 0).tocsr()
    P.sort_indices()
    out = dict(data=name, exact=exact, sparsePerplexity=perp, sparseRowStart=ints(P.indptr),
               sparseColumns=ints(P.indices), sparseValues=floats(P.data))
    for method in ("exact", "barnes_hut"):
        t = TSNE(n_components=2, perplexity=30.0, method=method, init="pca", random_state=0)
        Y = t.fit_transform(X)
        out["exact_run" if method == "exact" else method] = dict(embedding=floats(Y), kl=float(t.kl_divergence_),
                           trustworthiness=float(trustworthiness(X, Y, n_neighbors=5)))
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    data = datasets()
    for name, X in data.items():
        write_csv(name, X)
    write_json("ward", dict(
        versions=dict(scipy=scipy.__version__, sklearn=sklearn.__version__),
        cases=[ward_fixture(n, data[n]) for n in ("blobs2", "blobs4", "dup2")]))
    write_json("dbscan", dict(
        versions=dict(sklearn=sklearn.__version__),
        cases=[dbscan_fixture("moons", data["moons"], [(0.2, 5), (0.1, 5), (0.15, 3), (0.3, 10)], 5),
               dbscan_fixture("noisy3", data["noisy3"], [(0.8, 5), (1.2, 4), (0.5, 8)], 4),
               dbscan_fixture("dup2", data["dup2"], [(1.5, 3), (1e-9, 2)], 3)]))
    write_json("gmm", dict(
        versions=dict(sklearn=sklearn.__version__),
        cases=[gmm_fixture("gmm2", data["gmm2"], 3, [0, 1, 2]),
               gmm_fixture("gmm3", data["gmm3"], 4, [0, 10, 20, 30]),
               gmm_fixture("blobs4", data["blobs4"], 2, [5, 6])]))
    write_json("tsne", dict(versions=dict(sklearn=sklearn.__version__),
                            cases=[tsne_fixture("tsne4", data["tsne4"])]))
    print("wrote fixtures to", os.path.normpath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
