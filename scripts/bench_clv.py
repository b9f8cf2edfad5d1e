#!/usr/bin/env python3
"""Benchmark of `clv` against lifetimes 0.11.3, in the same run (scripts/bench_clv runs it).

Usage: scripts/bench_clv.py CUSTOMERS SEG_BINARY [--seed 42]

1. Generates a seeded log of CUSTOMERS customers following a BG/NBD process over 365 days
   (gamma purchase rates, beta dropout after each purchase), each purchase day a basket of
   about 10 lines of positive gamma-distributed amounts (50M rows at 1M customers), written as
   customer,date,amount CSV under bench-data/ (git-ignored; about 1.3 GB at 1M customers).
2. seg: `load` alone, then `load; clv unit=day` (summary + BG/NBD + Gamma-Gamma fits +
   predictions over 1 day); the difference is clv's time, the median over the seg rounds
   (--seg-runs, default 5), which are interleaved with the peers' runs: the load alone varies
   by a second or more from run to run. One more run, not timed, exports seg's summary for the
   peers (writing 1M rows is no part of the summary or the fits).
3. lifetimes: pandas read_csv + summary_data_from_transaction_data(freq="D") (the same
   definitions in days), then BetaGeoFitter and GammaGammaFitter fitted on seg's summary, so
   both tools fit the same numbers; the log-likelihoods of both fits are computed here with the
   same formulas and compared.
4. pymc-marketing, when it imports: BetaGeoModel and GammaGammaModel MAP fits (default priors)
   on the same summary; their log-likelihoods computed with the same formulas.
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


def generate(n, path, seed, lines_per_day=10.0):
    """A seeded BG/NBD log: purchase days per customer, then a basket of lines per day.

    Purchase days follow the BG/NBD process over 365 days; each purchase day holds
    1 + Poisson(lines_per_day - 1) lines (a basket, as in a retail log), each worth a positive
    gamma-distributed amount, so about 10 lines per purchase day (50M rows at 1M customers).
    Rows are in date order, written in chunks. The same seed gives the same file."""
    rng = np.random.default_rng(seed)
    lam = rng.gamma(0.6, 1 / 20.0, n)           # purchases per day while alive (mean 0.03)
    p = rng.beta(0.8, 4.0, n)                     # dropout after each purchase
    spend = rng.gamma(5.0, 1.0, n) * 8.0          # mean order value per customer
    first = rng.integers(0, 180, n)               # first purchase day
    custs, days = [np.arange(n)], [first.copy()]
    cur = first.astype(float)
    alive = np.ones(n, bool)
    idx = np.arange(n)
    while alive.any():
        a = idx[alive]
        gap = rng.exponential(1 / lam[a])
        cur[a] += gap
        ok = cur[a] < 365
        a = a[ok]
        if a.size == 0:
            break
        custs.append(a); days.append(np.floor(cur[a]).astype(int))
        die = rng.random(a.size) < p[a]
        alive[:] = False
        alive[a[~die]] = True
    c = np.concatenate(custs); d = np.concatenate(days)
    order = np.argsort(d, kind="stable")
    c, d = c[order], d[order]
    k = 1 + rng.poisson(lines_per_day - 1, c.size)  # lines per purchase day
    dates = (np.datetime64("2011-01-01") + np.arange(366).astype("timedelta64[D]")).astype(str)
    rows = 0
    chunk = 500_000
    with open(path, "w") as out:
        out.write("customer,date,amount\n")
        for lo in range(0, c.size, chunk):
            cc = np.repeat(c[lo:lo + chunk], k[lo:lo + chunk])
            dd = np.repeat(d[lo:lo + chunk], k[lo:lo + chunk])
            cents = np.maximum(1, np.round(rng.gamma(2.0, spend[cc] / (2 * lines_per_day)) * 100)).astype(np.int64)
            frame = pd.DataFrame({"customer": cc + 100000,
                                  "date": pd.Categorical.from_codes(dd, dates),
                                  "amount": (cents // 100).astype(str)})
            frame["amount"] = frame["amount"] + "." + pd.Series(cents % 100).astype(str).str.zfill(2)
            frame.to_csv(out, header=False, index=False)
            rows += cc.size
    return rows


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


def seg_round(seg, log, end):
    """One seg measurement: `load` alone, then `load; clv`; clv's time is the difference."""
    t_load, _ = run([seg, "-c", f'load "{log}"'])
    t_all, out = run([seg, "-c", f'load "{log}"; clv unit=day end={end} horizon=1'])
    return t_load, t_all, out


def seg_export(seg, log, end, summary):
    """seg's summary and predictions, exported for the peers to fit (not timed)."""
    run([seg, "-c", f'load "{log}"; clv unit=day end={end} horizon=1; export "{summary}"'])


def pymc_fits(x, tx, T, z, m):
    """pymc-marketing's MAP fits of BG/NBD and Gamma-Gamma on the same summary, or why not."""
    try:
        from pymc_marketing.clv import BetaGeoModel, GammaGammaModel
        import pymc_marketing
    except Exception as e:  # not installed, or broken
        return {"error": f"pymc-marketing not importable: {e}"}
    ids = np.arange(len(x))
    out = {"version": pymc_marketing.__version__}
    t = time.perf_counter()
    bg = BetaGeoModel(data=pd.DataFrame({"customer_id": ids, "frequency": x, "recency": tx, "T": T}))
    bg.fit(method="map")
    out["bg_time"] = time.perf_counter() - t
    post = bg.idata.posterior
    out["bg"] = [float(post[k].values.ravel()[0]) for k in ["r", "alpha", "a", "b"]]
    t = time.perf_counter()
    gg = GammaGammaModel(data=pd.DataFrame({"customer_id": ids[m], "monetary_value": z[m], "frequency": x[m]}))
    gg.fit(method="map")
    out["gg_time"] = time.perf_counter() - t
    post = gg.idata.posterior
    out["gg"] = [float(post[k].values.ravel()[0]) for k in ["p", "q", "v"]]
    return out


def _pymc_child(queue, x, tx, T, z, m):
    try:
        queue.put(pymc_fits(x, tx, T, z, m))
    except Exception as e:
        queue.put({"error": f"pymc-marketing failed: {type(e).__name__}: {e}"})


def pymc_capped(x, tx, T, z, m, timeout):
    """pymc_fits in a child process, stopped after `timeout` seconds (a MAP fit at 1M customers
    can run for longer than the rest of the benchmark); a stopped fit is reported as such."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_pymc_child, args=(queue, x, tx, T, z, m))
    t = time.perf_counter()
    child.start()
    try:
        return queue.get(timeout=timeout)
    except Exception:
        return {"error": f"pymc-marketing's MAP fits did not finish in {time.perf_counter() - t:.0f} s (stopped)"}
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("customers", type=int)
    ap.add_argument("seg")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--seg-runs", type=int, default=5, help="seg rounds, interleaved with the peers")
    ap.add_argument("--no-pymc", action="store_true")
    ap.add_argument("--pymc-timeout", type=float, default=900, help="seconds before pymc-marketing is stopped")
    args = ap.parse_args()
    os.makedirs("bench-data", exist_ok=True)
    log = f"bench-data/clv_{args.customers}.csv"
    if not os.path.exists(log):
        t = time.perf_counter()
        rows = generate(args.customers, log, args.seed)
        print(f"generated {log}: {rows:,} rows in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    rows = sum(1 for _ in open(log, "rb")) - 1
    end = "2011-12-31"
    summary = f"bench-data/clv_{args.customers}_summary.csv"
    seg_times = []

    def seg_once():
        t_load, t_all, out = seg_round(args.seg, log, end)
        seg_times.append((t_load, t_all))
        print(f"seg round {len(seg_times)}: load {t_load:.2f} s, load + clv {t_all:.2f} s, "
              f"clv {t_all - t_load:.2f} s", file=sys.stderr)
        return out

    seg_export(args.seg, log, end, summary)
    out = seg_once()
    print(out, file=sys.stderr)
    seg_bg = float(re.search(r"BG/NBD: .*?log-likelihood (-?[\d.]+)", out).group(1))
    seg_gg = float(re.search(r"Gamma-Gamma .*?log-likelihood (-?[\d.]+)", out).group(1))

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
    del df
    print(f"lifetimes: read_csv {t_read:.2f} s, summary {t_sum:.2f} s", file=sys.stderr)
    if args.seg_runs > 1:
        seg_once()
    s = pd.read_csv(summary)
    x, tx, T, z = (s[c].to_numpy(float) for c in ["x", "t_x", "T", "zbar"])
    t = time.perf_counter()
    bg = BetaGeoFitter().fit(x, tx, T)
    t_bg = time.perf_counter() - t
    m = (x > 0) & (z > 0)
    t = time.perf_counter()
    gg = GammaGammaFitter().fit(x[m], z[m])
    t_gg = time.perf_counter() - t
    print(f"lifetimes: BG/NBD fit {t_bg:.2f} s, Gamma-Gamma fit {t_gg:.2f} s", file=sys.stderr)
    lt_bg = bg_ll(*(bg.params_[k] for k in ["r", "alpha", "a", "b"]), x, tx, T)
    lt_gg = gg_ll(*(gg.params_[k] for k in ["p", "q", "v"]), x[m], z[m])
    pm = None
    if not args.no_pymc:
        pm = pymc_capped(x, tx, T, z, m, args.pymc_timeout)
        print(f"pymc-marketing: {pm}", file=sys.stderr)
    for _ in range(2, args.seg_runs):
        seg_once()
    # The load's time varies by a second or more from run to run, so clv's time (a difference)
    # is the median over the rounds, not the luckiest one.
    diffs = sorted(b - a for a, b in seg_times)
    t_seg = diffs[len(diffs) // 2]
    t_load = min(a for a, _ in seg_times)
    t_all = min(b for _, b in seg_times)
    t_lt = t_sum + t_bg + t_gg
    print(f"log: {rows:,} rows, {len(s):,} customers (lifetimes' summary: {lt_n})")
    print(f"seg ({len(seg_times)} interleaved rounds): load best {t_load:.2f} s, load + clv best {t_all:.2f} s; "
          f"clv (summary + BG/NBD + Gamma-Gamma + predictions) median {t_seg:.2f} s; "
          f"all rounds' clv: {', '.join(f'{b - a:.2f}' for a, b in seg_times)} s")
    print(f"lifetimes (one run): read_csv {t_read:.2f} s; summary {t_sum:.2f} s; BG/NBD fit {t_bg:.2f} s; "
          f"Gamma-Gamma fit {t_gg:.2f} s; total without read_csv {t_lt:.2f} s")
    print(f"log-likelihood BG/NBD: seg {seg_bg:.4f}, lifetimes {lt_bg:.4f} (difference {seg_bg - lt_bg:+.4f})")
    print(f"log-likelihood Gamma-Gamma: seg {seg_gg:.4f}, lifetimes {lt_gg:.4f} (difference {seg_gg - lt_gg:+.4f})")
    print(f"speed-up (lifetimes summary + fits) / (seg clv): {t_lt / t_seg:.1f}x")
    print(f"speed-up (read_csv + lifetimes summary + fits) / (seg load + clv): {(t_read + t_lt) / t_all:.1f}x")
    if pm is not None:
        if "error" in pm:
            print(f"pymc-marketing: {pm['error']}")
        else:
            pm_bg = bg_ll(*pm["bg"], x, tx, T)
            pm_gg = gg_ll(*pm["gg"], x[m], z[m])
            print(f"pymc-marketing {pm['version']} MAP (default priors): BG/NBD fit {pm['bg_time']:.2f} s "
                  f"(log-likelihood {pm_bg:.4f}, difference to seg {seg_bg - pm_bg:+.4f}); Gamma-Gamma fit "
                  f"{pm['gg_time']:.2f} s (log-likelihood {pm_gg:.4f}, difference to seg {seg_gg - pm_gg:+.4f})")
            print(f"speed-up (lifetimes summary + pymc-marketing fits) / (seg clv): "
                  f"{(t_sum + pm['bg_time'] + pm['gg_time']) / t_seg:.1f}x")


if __name__ == "__main__":
    main()
