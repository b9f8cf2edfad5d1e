#!/usr/bin/env python3
"""Oracle fixtures for `clv` (Tests/SegCoreTests/Fixtures/clv): the CDNOW data and lifetimes' fits.

Downloads the lifetimes 0.11.3 wheel from PyPI (pip download, no dependencies), copies two of its
public data files into the fixtures, and, when lifetimes can be imported, writes its fitted
parameters, log-likelihoods and per-customer predictions as JSON. Run from the repository root:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install lifetimes==0.11.3
    /tmp/venv/bin/python scripts/oracle_clv.py

Files written (the Swift tests never run Python; they read these):
  CDNOW_sample.txt        lifetimes/datasets/CDNOW_sample.txt: header-less, whitespace-separated
                          master id, customer (1..2357), YYYYMMDD, CDs, dollars. Public data
                          (Fader and Hardie's CDNOW 1/10th sample) as shipped in the wheel.
  cdnow_summary.csv       lifetimes/datasets/cdnow_customers_summary_with_transactions.csv:
                          ID, x, t_x, T, zbar per customer (weeks, calibration to 1997-09-30),
                          rounded to 2 decimals by its authors.
  cdnow_reference.json    lifetimes' fits (BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter) on
                          that summary, their log-likelihoods (summed, computed here with SciPy
                          from lifetimes' formulas), predictions for every customer over the
                          39-week holdout, and the holdout purchases counted from the sample.

Used with lifetimes 0.11.3, numpy 2.4, pandas 3.1, scipy 1.17, autograd 1.9 (arrays, not pandas
Series, are passed to lifetimes: its input check misreads pandas 3 Series).
"""
import datetime as dt
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SegCoreTests",
                   "Fixtures", "clv")
END = dt.date(1997, 9, 30)
HOLDOUT = dt.date(1998, 6, 30)


def fetch():
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "lifetimes==0.11.3",
                    "-d", tmp], check=True)
    wheel = glob.glob(os.path.join(tmp, "*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        z.extract("lifetimes/datasets/CDNOW_sample.txt", tmp)
        z.extract("lifetimes/datasets/cdnow_customers_summary_with_transactions.csv", tmp)
    os.makedirs(OUT, exist_ok=True)
    shutil.copy(os.path.join(tmp, "lifetimes/datasets/CDNOW_sample.txt"),
                os.path.join(OUT, "CDNOW_sample.txt"))
    shutil.copy(os.path.join(tmp, "lifetimes/datasets/cdnow_customers_summary_with_transactions.csv"),
                os.path.join(OUT, "cdnow_summary.csv"))


def holdout_purchases():
    """Per customer, days in (END, HOLDOUT] with positive net value, counted from the sample."""
    days = {}
    for line in open(os.path.join(OUT, "CDNOW_sample.txt")):
        f = line.split()
        if not f:
            continue
        c, d, v = int(f[1]), dt.datetime.strptime(f[2], "%Y%m%d").date(), float(f[4])
        days.setdefault(c, {}).setdefault(d, 0.0)
        days[c][d] += v
    return {c: sum(1 for d, v in ds.items() if END < d <= HOLDOUT and v > 0)
            for c, ds in days.items()}


def main():
    fetch()
    import numpy as np
    from scipy.special import gammaln, hyp2f1
    import pandas as pd

    s = pd.read_csv(os.path.join(OUT, "cdnow_summary.csv"))
    x, tx, T, z = (s[c].to_numpy(float) for c in ["x", "t_x", "T", "zbar"])
    ref = {"customers": len(s), "holdout_weeks": (HOLDOUT - END).days / 7}
    hold = holdout_purchases()
    ref["holdout_actual"] = [hold.get(int(i), 0) for i in s["ID"]]
    try:
        from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
    except ImportError as e:
        print("lifetimes does not import (%s): only the data files were written" % e)
        return
    t = ref["holdout_weeks"]
    bg = BetaGeoFitter().fit(x, tx, T)
    r, alpha, a, b = (bg.params_[k] for k in ["r", "alpha", "a", "b"])
    # BG/NBD log-likelihood (Fader, Hardie and Lee 2005, eq. 6), summed.
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    ll_bg = float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))
    ref["bgnbd"] = {"r": r, "alpha": alpha, "a": a, "b": b, "loglik": ll_bg,
                    "expected_holdout": bg.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T).tolist(),
                    "expected_52": bg.conditional_expected_number_of_purchases_up_to_time(52, x, tx, T).tolist(),
                    "p_alive": bg.conditional_probability_alive(x, tx, T).tolist()}
    pn = ParetoNBDFitter().fit(x, tx, T)
    ll_pn = float(np.sum(ParetoNBDFitter._conditional_log_likelihood(
        tuple(pn.params_[k] for k in ["r", "alpha", "s", "beta"]), x, tx, T)))
    ref["pareto_nbd"] = {k: pn.params_[k] for k in ["r", "alpha", "s", "beta"]}
    ref["pareto_nbd"]["loglik"] = ll_pn
    ref["pareto_nbd"]["expected_holdout"] = pn.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T).tolist()
    ref["pareto_nbd"]["p_alive"] = pn.conditional_probability_alive(x, tx, T).tolist()
    m = (x > 0) & (z > 0)
    gg = GammaGammaFitter().fit(x[m], z[m])
    p, q, v = (gg.params_[k] for k in ["p", "q", "v"])
    xm, zm = x[m], z[m]
    ll_gg = float(np.sum(gammaln(p * xm + q) - gammaln(q) + q * np.log(v) - gammaln(p * xm)
                         + (p * xm - 1) * np.log(zm) + p * xm * np.log(xm) - (p * xm + q) * np.log(xm * zm + v)))
    ref["gamma_gamma"] = {"p": p, "q": q, "gamma": v, "loglik": ll_gg, "customers": int(m.sum()),
                          "expected_spend": gg.conditional_expected_average_profit(x, z).tolist()}
    with open(os.path.join(OUT, "cdnow_reference.json"), "w") as f:
        json.dump(ref, f, indent=1)
    print("BG/NBD", r, alpha, a, b, ll_bg)
    print("Pareto/NBD", dict(pn.params_), ll_pn)
    print("Gamma-Gamma", p, q, v, ll_gg, int(m.sum()))


if __name__ == "__main__":
    main()
