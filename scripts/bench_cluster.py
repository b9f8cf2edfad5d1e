#!/usr/bin/env python3
"""Benchmark helper for scripts/bench_cluster: data generation, the scikit-learn side, the report.

  bench_cluster.py generate DIR SIZES     writes DIR/<name>.f64 (+ .labels.i32) and DIR/manifest.json
  bench_cluster.py names DIR              lists the data set names of DIR/manifest.json
  bench_cluster.py sklearn DIR [NAME]     prints JSON lines with scikit-learn timings and inertias
                                          (SEG_BENCH_TASKS=elbow,silhouette,minibatch picks tasks)
  bench_cluster.py report SEG SKLEARN     joins both JSON-lines files into a comparison table

Data: a seeded Gaussian mixture of 8 customer groups with unequal sizes and spreads, standardized
(so both sides cluster exactly the same doubles, read from the same binary file).
"""
import json
import os
import sys
import time

import numpy as np


def generate(out, sizes):
    os.makedirs(out, exist_ok=True)
    manifest = []
    for n in sizes:
        for d in (3, 6):
            rng = np.random.default_rng(1000 + d)
            centres = rng.normal(0, 4, size=(8, d))
            spreads = rng.uniform(0.5, 2.0, size=(8, d))
            weights = rng.dirichlet(np.full(8, 2.0))
            rng = np.random.default_rng(n + d)
            labels = rng.choice(8, size=n, p=weights)
            x = centres[labels] + rng.standard_normal((n, d)) * spreads[labels]
            x = (x - x.mean(axis=0)) / x.std(axis=0)
            name = f"n{n}_d{d}"
            x.astype("<f8").tofile(os.path.join(out, name + ".f64"))
            labels.astype("<i4").tofile(os.path.join(out, name + ".labels.i32"))
            manifest.append({"name": name, "rows": n, "cols": d})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f)


def load(out, entry):
    x = np.fromfile(os.path.join(out, entry["name"] + ".f64"), dtype="<f8").reshape(entry["rows"], entry["cols"])
    labels = np.fromfile(os.path.join(out, entry["name"] + ".labels.i32"), dtype="<i4")
    return x, labels


def emit(**kw):
    print(json.dumps({"bench": "cluster", "side": "sklearn", **kw}), flush=True)


def sklearn_side(out, only=None):
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    if only:
        manifest = [e for e in manifest if e["name"] == only]
    exact_limit = int(os.environ.get("SEG_BENCH_EXACT_SILHOUETTE_MAX", "100000"))
    tasks = os.environ.get("SEG_BENCH_TASKS", "elbow,silhouette,minibatch").split(",")
    for entry in manifest:
        x, labels = load(out, entry)
        if "minibatch" in tasks:
            from sklearn.cluster import MiniBatchKMeans
            seconds, inertias, steps = [], [], []
            for seed in range(11):
                t = time.perf_counter()
                mb = MiniBatchKMeans(n_clusters=8, batch_size=1024, n_init=3, random_state=seed).fit(x)
                seconds.append(time.perf_counter() - t)
                inertias.append(float(mb.inertia_))
                steps.append(int(mb.n_steps_))
            emit(task="minibatch_k8", dataset=entry["name"], seconds=sorted(seconds)[5],
                 inertia=sorted(inertias)[5], seconds_each=seconds, inertias=inertias, steps=steps)
        if "elbow" not in tasks and "silhouette" not in tasks:
            continue
        for n_init in (1, 10):
            inertias, seconds = [], []
            for k in range(2, 11):
                t = time.perf_counter()
                km = KMeans(n_clusters=k, n_init=n_init, random_state=0).fit(x)
                seconds.append(time.perf_counter() - t)
                inertias.append(float(km.inertia_))
            emit(task="elbow", dataset=entry["name"], n_init=n_init, seconds=sum(seconds),
                 per_k_seconds=seconds, inertias=inertias)
        t = time.perf_counter()
        s = silhouette_score(x, labels, sample_size=10000, random_state=0)
        emit(task="silhouette_sample10k", dataset=entry["name"], seconds=time.perf_counter() - t, score=float(s))
        if entry["rows"] <= exact_limit:
            t = time.perf_counter()
            s = silhouette_score(x, labels)
            emit(task="silhouette_exact", dataset=entry["name"], seconds=time.perf_counter() - t, score=float(s))


def report(seg_file, sk_file):
    def read(path):
        rows = []
        for line in open(path):
            line = line.strip()
            i = line.find('{"bench"')
            if i >= 0:
                rows.append(json.loads(line[i:]))
        return rows
    seg, sk = read(seg_file), read(sk_file)
    key = lambda r: (r["task"], r["dataset"], r.get("n_init"))
    skd = {key(r): r for r in sk}
    print(f"{'task':<22}{'dataset':<14}{'n_init':>6}{'variant':>9}{'seg s':>10}{'sklearn s':>11}{'speedup':>9}  inertia ratio seg/sklearn per k (2..10) / score")
    ok = True
    for r in seg:
        o = skd.get(key(r))
        if o is None:
            continue
        speed = o["seconds"] / r["seconds"] if r["seconds"] > 0 else float("inf")
        extra = ""
        if r["task"] == "minibatch_k8":
            ratio = r["inertia"] / o["inertia"]
            extra = f"median inertia seg/sklearn {ratio:.4f} (seg {r['inertia']:.6g}, sklearn {o['inertia']:.6g})"
            if ratio > 1.01:
                ok = False
                extra += "  <-- above 1%"
        elif "inertias" in r:
            ratios = [a / b for a, b in zip(r["inertias"], o["inertias"])]
            extra = " ".join(f"{v:.4f}" for v in ratios)
            if r.get("variant", "default") == "default" and max(ratios) > 1.005:
                ok = False
                extra += "  <-- above 0.5%"
        elif "score" in r:
            extra = f"seg {r['score']:.6f} sklearn {o['score']:.6f}"
        if r.get("variant", "default") == "default" and speed < 1:
            ok = False
            extra += "  <-- slower"
        print(f"{r['task']:<22}{r['dataset']:<14}{str(r.get('n_init', '')):>6}{r.get('variant', 'default'):>9}"
              f"{r['seconds']:>10.3f}{o['seconds']:>11.3f}{speed:>8.1f}x  {extra}")
    print("all default-variant rows faster, k-means within 0.5% and mini-batch within 1%:", "yes" if ok else "NO")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "generate":
        generate(sys.argv[2], [int(s) for s in sys.argv[3].split(",")])
    elif cmd == "names":
        print(" ".join(e["name"] for e in json.load(open(os.path.join(sys.argv[2], "manifest.json")))))
    elif cmd == "sklearn":
        sklearn_side(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif cmd == "report":
        report(sys.argv[2], sys.argv[3])
