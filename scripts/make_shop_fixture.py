#!/usr/bin/env python3
"""Writes Tests/SegEndToEndTests/Scripts/shop.csv: a small, deterministic transaction log for the
plot and report golden scripts. 64 customers in four behaviour groups (recent big spenders,
lapsed regulars, new one-time buyers, lost one-time buyers), two very large accounts that
`filter z<3` sets aside, a cancellation, a return and two lines without a customer id.
Run from the repository root."""
import datetime
import random

rng = random.Random(20111210)
start = datetime.datetime(2011, 1, 3, 9, 0)
asof = datetime.datetime(2011, 12, 10)
lines = []
invoice = 600000


def order(customer, when, items, price_scale):
    global invoice
    invoice += 1
    for _ in range(items):
        code = f"{rng.randint(20000, 20040)}"
        qty = rng.randint(1, 12)
        price = round(rng.uniform(0.5, 6.0) * price_scale, 2)
        lines.append((str(invoice), code, qty, when, price, customer))


def days_before_asof(d):
    return asof - datetime.timedelta(days=d, hours=rng.randint(0, 8))


groups = [
    # (first id, count, recency range, invoices range, price scale)
    (12001, 16, (1, 25), (8, 14), 3.0),
    (13001, 16, (90, 200), (4, 8), 1.5),
    (14001, 16, (1, 40), (1, 2), 0.8),
    (15001, 16, (240, 330), (1, 1), 0.6),
]
for first, count, (rlo, rhi), (flo, fhi), scale in groups:
    for c in range(count):
        customer = f"{first + c}.0"
        last = rng.randint(rlo, rhi)
        n = rng.randint(flo, fhi)
        span = rng.randint(0, 330 - last) if n > 1 else 0
        days = sorted({last + (span * i) // max(1, n - 1) for i in range(n)})
        for d in days:
            order(customer, days_before_asof(d), rng.randint(2, 5), scale)
for whale in ["17001.0", "17002.0"]:
    for d in range(3, 330, 12):
        order(whale, days_before_asof(d), 4, 25.0)
# A cancellation, a return, lines without customer id.
invoice += 1
lines.append((f"C{invoice}", "20001", -2, days_before_asof(30), 2.5, "12001.0"))
invoice += 1
lines.append((str(invoice), "20002", -1, days_before_asof(20), 3.1, "13002.0"))
invoice += 1
lines.append((str(invoice), "20003", 4, days_before_asof(15), 1.2, ""))
lines.append((str(invoice), "20004", 2, days_before_asof(15), 0.9, ""))

lines.sort(key=lambda l: (l[3], l[0]))
with open("Tests/SegEndToEndTests/Scripts/shop.csv", "w") as f:
    f.write("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n")
    for inv, code, qty, when, price, customer in lines:
        f.write(f"{inv},{code},{qty},{when:%Y-%m-%d %H:%M},{price:.2f},{customer}\n")
