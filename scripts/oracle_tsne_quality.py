"""Writes Tests/SegCoreTests/Fixtures/algos_tsne_rfm.json: the quality bar for seg's Barnes–Hut
t-SNE on real customers.

The data: the Online Retail RFM table (Fixtures/rfm_online_retail.csv), as the example script
prepares it (|z| < 3 on recency, frequency, monetary with population sd, monetary > 0, log1p,
standardised), first ROWS customers. Then openTSNE (Barnes–Hut, theta 0.5, and FFT) and
scikit-learn (Barnes–Hut, angle 0.5) embed it with their defaults and seed 42, and the fixture
keeps each one's KL divergence and trustworthiness (k = 5, scikit-learn's definition).

    python3 scripts/oracle_tsne_quality.py        # needs numpy, pandas, scikit-learn, openTSNE

TSNEEmbeddingTests checks that seg's embedding of the same rows is at least as trustworthy as the
worst peer minus 0.01 and that its KL divergence is within 5 % of scikit-learn's (same schedule
and objective; openTSNE runs a different schedule, so its KL is informative only).
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import openTSNE
import sklearn
from sklearn.manifold import TSNE, trustworthiness

ROWS = 1500
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "SegCoreTests" / "Fixtures"


def prepared():
    table = pd.read_csv(FIXTURES / "rfm_online_retail.csv")[["recency", "frequency", "monetary"]]
    z = (table - table.mean()) / table.std(ddof=0)
    table = table[(z.abs() < 3).all(axis=1)]
    table = table[table["monetary"] > 0]
    x = np.log1p(table.to_numpy(dtype=float))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    return x[:ROWS]


def main():
    x = prepared()
    runs = {}
    emb = openTSNE.TSNE(n_jobs=1, random_state=42, negative_gradient_method="bh").fit(x)
    runs["opentsne_bh"] = (float(emb.kl_divergence), np.asarray(emb))
    emb = openTSNE.TSNE(n_jobs=1, random_state=42, negative_gradient_method="fft").fit(x)
    runs["opentsne_fft"] = (float(emb.kl_divergence), np.asarray(emb))
    model = TSNE(random_state=42, method="barnes_hut").fit(x)
    runs["sklearn_bh"] = (float(model.kl_divergence_), model.embedding_)
    out = {
        "source": f"openTSNE {openTSNE.__version__}, scikit-learn {sklearn.__version__}",
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "data": [round(float(v), 15) for v in x.ravel()],
        "peers": {
            name: {"kl": kl, "trustworthiness": float(trustworthiness(x, e, n_neighbors=5))}
            for name, (kl, e) in runs.items()
        },
    }
    (FIXTURES / "algos_tsne_rfm.json").write_text(json.dumps(out, indent=1) + "\n")
    for name, peer in out["peers"].items():
        print(name, peer)


if __name__ == "__main__":
    main()
