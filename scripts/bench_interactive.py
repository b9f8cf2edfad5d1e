"""The peers of scripts/bench_interactive: the example script's steps in pandas/scikit-learn, and
t-SNE in openTSNE (and FIt-SNE when installed) and scikit-learn, on the same rows.

    python3 scripts/bench_interactive.py DATA.csv.gz SCALED.csv REPEAT

DATA is examples/data/online_retail.csv.gz. SCALED is the matrix seg embeds (the transformed,
scaled features, one row per customer, written by `export` in scripts/bench_interactive), so
t-SNE runs on exactly seg's rows. Prints one line per step, `peer STEP SECONDS` (best of
REPEAT), and for t-SNE the KL divergence and the trustworthiness (k=5) of each embedding, so that
seg's quality can be compared in the same run.
"""

import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.metrics import (
    adjusted_rand_score,
    calinski_harabasz_score,
    davies_bouldin_score,
    silhouette_score,
)
from sklearn.preprocessing import StandardScaler

EXCLUDED = ["POST", "DOT", "M", "m", "C2", "D", "S", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "B"]


def best_of(repeat, body):
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = body()
        best = min(best, time.perf_counter() - start)
    return best, result


def load(path):
    log = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str}, encoding="latin-1")
    log = log[log["CustomerID"].notna() & (log["UnitPrice"] > 0)]
    return log[~log["StockCode"].isin(EXCLUDED)]


def rfm(log):
    log = log.assign(
        InvoiceDate=pd.to_datetime(log["InvoiceDate"]), Amount=log["Quantity"] * log["UnitPrice"]
    )
    asof = pd.Timestamp("2011-12-10")
    g = log.groupby("CustomerID")
    return pd.DataFrame(
        {
            "recency": (asof - g["InvoiceDate"].max()).dt.days,
            "frequency": g["InvoiceNo"].nunique(),
            "monetary": g["Amount"].sum(),
        }
    )


def features(table):
    z = (table - table.mean()) / table.std(ddof=0)
    table = table[(z.abs() < 3).all(axis=1)]
    table = table[table["monetary"] > 0]
    return StandardScaler().fit_transform(np.log1p(table.clip(lower=0)).to_numpy())


def choose(x, seed=42):
    rng = np.random.default_rng(seed)
    n = len(x)
    subsamples = [np.sort(rng.choice(n, int(n * 0.8), replace=False)) for _ in range(10)]
    rows = []
    for k in range(2, 11):
        fit = KMeans(k, n_init=10, random_state=seed).fit(x)
        sil = silhouette_score(x, fit.labels_)
        ch = calinski_harabasz_score(x, fit.labels_)
        db = davies_bouldin_score(x, fit.labels_)
        aris = []
        for b, rows_b in enumerate(subsamples):
            sub = KMeans(k, n_init=3, random_state=seed + b).fit(x[rows_b])
            aris.append(adjusted_rand_score(sub.labels_, fit.labels_[rows_b]))
        rows.append((k, fit.inertia_, sil, ch, db, float(np.mean(aris))))
    return rows


def main():
    path, scaled_path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t, log = best_of(repeat, lambda: load(path))
    print(f"peer load {t:.4f}")
    t, table = best_of(repeat, lambda: rfm(log))
    print(f"peer rfm {t:.4f}")
    t, x = best_of(repeat, lambda: features(table))
    print(f"peer features {t:.4f}")
    t, _ = best_of(repeat, lambda: choose(x))
    print(f"peer choose {t:.4f}")
    t, fit = best_of(repeat, lambda: KMeans(4, n_init=10, random_state=42).fit(x))
    print(f"peer cluster {t:.4f}")
    t, _ = best_of(repeat, lambda: PCA(2).fit_transform(x))
    print(f"peer pca {t:.4f}")
    frame = pd.DataFrame(x, columns=["recency", "frequency", "monetary"]).assign(segment=fit.labels_)
    t, _ = best_of(repeat, lambda: frame.to_csv("/tmp/bench_interactive_peer.csv"))
    print(f"peer export {t:.4f}")

    scaled = pd.read_csv(scaled_path).select_dtypes("number").to_numpy()
    print(f"peer tsne_rows {len(scaled)}")
    from openTSNE import TSNE as OpenTSNE

    def report(name, seconds, embedding, kl):
        tw = trustworthiness(scaled, embedding, n_neighbors=5)
        print(f"peer {name} {seconds:.4f} kl={kl:.4f} trustworthiness={tw:.4f}")

    t, emb = best_of(repeat, lambda: OpenTSNE(n_jobs=2, random_state=42).fit(scaled))
    report("tsne_opentsne_auto", t, np.asarray(emb), emb.kl_divergence)
    t, emb = best_of(
        repeat,
        lambda: OpenTSNE(n_jobs=2, random_state=42, negative_gradient_method="bh").fit(scaled),
    )
    report("tsne_opentsne_bh", t, np.asarray(emb), emb.kl_divergence)
    t, emb = best_of(
        repeat,
        lambda: OpenTSNE(n_jobs=2, random_state=42, negative_gradient_method="fft").fit(scaled),
    )
    report("tsne_opentsne_fft", t, np.asarray(emb), emb.kl_divergence)
    try:
        from fitsne import FItSNE

        t, emb = best_of(repeat, lambda: FItSNE(np.ascontiguousarray(scaled), nthreads=2, rand_seed=42))
        report("tsne_fitsne", t, emb, float("nan"))
    except ImportError:
        print("peer tsne_fitsne unavailable (pip install fitsne needs FFTW)")
    t, model = best_of(repeat, lambda: TSNE(random_state=42).fit(scaled))
    report("tsne_sklearn", t, model.embedding_, model.kl_divergence_)


if __name__ == "__main__":
    main()
