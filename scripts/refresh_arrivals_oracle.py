#!/usr/bin/env python3
"""Oracle for the arrivals of `compare` on the real Online Retail data.

For the monthly as-of dates the end-to-end refresh test uses, lists the customers whose FIRST
purchase line (customer known, not a `C` invoice, quantity > 0, unit price > 0) falls in
[previous as-of, as-of): they are not in the previous run (no purchase before its as-of date)
and are in the next one unless set aside as outliers, so `compare` must count them as arrivals.
Also records how many customers have a purchase before each as-of date (before any outlier
filter).

Writes Tests/SegEndToEndTests/Scripts/history/first_purchases.json. Run from anywhere:

    python3 scripts/refresh_arrivals_oracle.py
"""

import json

import pandas as pd

from refresh_drift_oracle import ASOFS, ROOT, purchase_lines


def main() -> None:
    first = purchase_lines().groupby("CustomerID").InvoiceDate.min()
    months = []
    for i, asof in enumerate(ASOFS):
        cutoff = pd.Timestamp(asof)
        month = {"asof": asof, "customersBefore": int((first < cutoff).sum())}
        if i > 0:
            start = pd.Timestamp(ASOFS[i - 1])
            ids = first[(first >= start) & (first < cutoff)].index
            month["firstPurchases"] = sorted(str(int(c)) for c in ids)
        months.append(month)
    out = ROOT / "Tests/SegEndToEndTests/Scripts/history/first_purchases.json"
    out.write_text(json.dumps({"months": months}, indent=1) + "\n")
    print(f"wrote {out.relative_to(ROOT)}: " + ", ".join(
        f"{m['asof']}: {m['customersBefore']} customers, {len(m.get('firstPurchases', []))} new"
        for m in months))


if __name__ == "__main__":
    main()
