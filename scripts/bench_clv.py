#!/usr/bin/env python3
"""Benchmark of `clv` against lifetimes 0.11.3, in the same run (scripts/bench_clv runs it).

Usage: scripts/bench_clv.py CUSTOMERS SEG_BINARY [--seed 42]

1. Generates a seeded log of CUSTOMERS customers following a BG/NBD process over 365 days
   (gamma purchase rates, beta dropout after each purchase, gamma-distributed order values, all
   positive), written as customer,date,amount CSV under bench-data/.
2. seg: `load` alone, then `load; clv unit=day` (summary + BG/NBD + Gamma-Gamma fits +
   predictions over 1 day); the difference is clv's time. It also exports seg's summary.
3. lifetimes: pandas read_csv + summary_data_from_transaction_data(freq="D") (the same
   definitions in days), then BetaGeoFitter and GammaGammaFitter fitted on seg's summary, so
   both tools fit the same numbers; the log-likelihoods of both fits are computed here with the
   same formulas and compared.
Needs numpy, pandas, scipy and lifetimes (pip install lifetimes==0.11.3).
"""
import argparse
import os
import re
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from scipy.special import gammaln


def generate(n, path, seed):
    rng = np.random.default_rng(seed)
    lam = rng.gamma(0.6, 1 / 20.0, n)           # purchases per day while alive (mean 0.03)
    p = rng.beta(0.8, 4.0, n)                     # dropout after each purchase
    spend = rng.gamma(5.0, 1.0, n) * 8.0          # mean order value per customer
    first = rng.integers(0, 180, n)               # first purchase day
    custs, days, values = [], [], []
    cur = first.astype(float)
    alive = np.ones(n, bool)
    idx = np.arange(n)
    custs.append(idx); days.append(first.copy()); values.append(rng.gamma(4.0, spend / 4.0))
    while alive.any():
        a = idx[alive]
        gap = rng.exponential(1 / lam[a])
        cur[a] += gap
        ok = cur[a] < 365
        a = a[ok]
        if a.size == 0:
            break
        custs.append(a); days.append(np.floor(cur[a]).astype(int))
        values.append(rng.gamma(4.0, spend[a] / 4.0))
        die = rng.random(a.size) < p[a]
        alive[:] = False
        alive[a[~die]] = True
    c = np.concatenate(custs); d = np.concatenate(days); v = np.round(np.concatenate(values), 2)
    order = np.argsort(d, kind="stable")
    dates = (np.datetime64("2011-01-01") + d[order].astype("timedelta64[D]")).astype(str)
    pd.DataFrame({"customer": c[order] + 100000, "date": dates, "amount": v[order]}).to_csv(
        path, index=False)
    return len(c)


def bg_ll(r, alpha, a, b, x, tx, T):
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                      - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def gg_ll(p, q, v, x, m):
    return float(np.sum(gammaln(p * x + q) - gammaln(q) + q * np.log(v) - gammaln(p * x)
                        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)))


def run(cmd):
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - t, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("customers", type=int)
    ap.add_argument("seg")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    os.makedirs("bench-data", exist_ok=True)
    log = f"bench-data/clv_{args.customers}.csv"
    if not os.path.exists(log):
        rows = generate(args.customers, log, args.seed)
        print(f"generated {log}: {rows:,} rows", file=sys.stderr)
    rows = sum(1 for _ in open(log)) - 1
    end = "2011-12-31"
    summary = f"bench-data/clv_{args.customers}_summary.csv"
    t_load, _ = run([args.seg, "-c", f'load "{log}"'])
    t_all, out = run([args.seg, "-c", f'load "{log}"; clv unit=day end={end} horizon=1; '
                      f'export "{summary}"'])
    seg_bg = float(re.search(r"BG/NBD: .*?log-likelihood (-?[\d.]+)", out).group(1))
    seg_gg = float(re.search(r"Gamma-Gamma .*?log-likelihood (-?[\d.]+)", out).group(1))
    print(out, file=sys.stderr)

    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data
    t = time.perf_counter()
    df = pd.read_csv(log, parse_dates=["date"])
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    try:
        lt_summary = summary_data_from_transaction_data(
            df, "customer", "date", monetary_value_col="amount", observation_period_end=end, freq="D")
        t_sum = time.perf_counter() - t
        lt_n = len(lt_summary)
    except Exception as e:  # pandas 3 may break lifetimes' summary
        t_sum, lt_n = float("nan"), f"failed: {e}"
    s = pd.read_csv(summary)
    x, tx, T, z = (s[c].to_numpy(float) for c in ["x", "t_x", "T", "zbar"])
    t = time.perf_counter()
    bg = BetaGeoFitter().fit(x, tx, T)
    t_bg = time.perf_counter() - t
    m = (x > 0) & (z > 0)
    t = time.perf_counter()
    gg = GammaGammaFitter().fit(x[m], z[m])
    t_gg = time.perf_counter() - t
    lt_bg = bg_ll(*(bg.params_[k] for k in ["r", "alpha", "a", "b"]), x, tx, T)
    lt_gg = gg_ll(*(gg.params_[k] for k in ["p", "q", "v"]), x[m], z[m])
    t_seg = t_all - t_load
    t_lt = t_sum + t_bg + t_gg
    print(f"log: {rows:,} rows, {len(s):,} customers (lifetimes' summary: {lt_n})")
    print(f"seg: load {t_load:.2f} s; clv (summary + BG/NBD + Gamma-Gamma + predictions + export) {t_seg:.2f} s")
    print(f"lifetimes: read_csv {t_read:.2f} s; summary {t_sum:.2f} s; BG/NBD fit {t_bg:.2f} s; "
          f"Gamma-Gamma fit {t_gg:.2f} s; total without read_csv {t_lt:.2f} s")
    print(f"log-likelihood BG/NBD: seg {seg_bg:.4f}, lifetimes {lt_bg:.4f} (difference {seg_bg - lt_bg:+.4f})")
    print(f"log-likelihood Gamma-Gamma: seg {seg_gg:.4f}, lifetimes {lt_gg:.4f} (difference {seg_gg - lt_gg:+.4f})")
    print(f"speed-up (lifetimes summary + fits) / (seg clv): {t_lt / t_seg:.1f}x")


if __name__ == "__main__":
    main()
