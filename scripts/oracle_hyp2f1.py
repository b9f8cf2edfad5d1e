#!/usr/bin/env python3
"""Oracle for ln 2F1(a, b; a + 1; z) near z = 1, the Pareto/NBD likelihood's hypergeometric
function where the fit heads when the data show little dropout (beta >> alpha).

Writes Tests/SegCoreTests/Fixtures/clv/hyp2f1_near_one.json: for a grid of (a, b, z), ln 2F1
computed by mpmath at 50 digits. Needs mpmath (pip install mpmath). The tests never run Python.
"""
import json
import os

import mpmath

mpmath.mp.dps = 50

# a = r + s + x; b = r + x (beta > alpha) or s + 1 (alpha >= beta).
cases = []
for a in [0.6, 1.3, 2.83, 7.2, 25.4, 60.01]:
    for b in [0.37, 0.83, 1.5, 2.26, 6.9, 24.61]:
        for eps in [0.019, 0.01, 2e-3, 1e-4, 1e-6, 1e-9]:
            if a * eps > 1:
                continue
            z = 1.0 - eps  # the double the test passes, exactly
            value = mpmath.log(mpmath.hyp2f1(a, b, a + 1, mpmath.mpf(z)))
            cases.append({"a": a, "b": b, "z": float(z), "log": float(value)})

path = os.path.join(os.path.dirname(__file__), "..", "Tests", "SegCoreTests", "Fixtures", "clv",
                    "hyp2f1_near_one.json")
with open(path, "w") as f:
    json.dump({"source": "mpmath.hyp2f1 at 50 digits (scripts/oracle_hyp2f1.py)", "cases": cases}, f,
              indent=1)
print(f"{len(cases)} cases written to {path}")
