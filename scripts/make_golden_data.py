#!/usr/bin/env python3
"""Writes the small data files of the golden scripts (Tests/SegEndToEndTests/Scripts/data/).

retail_small.csv: every row of about 60 customers of examples/data/online_retail.csv.gz
(drawn with a fixed seed among customers with at most 150 rows, so frequencies and recencies are
realistic), plus the rows without a customer id and the postage rows of the same invoices' days,
in file order. The other files are deliberately broken inputs, one per loader error, and two
small customer-level tables. Run from the repository root; the output is deterministic.
"""
import csv
import gzip
import io
import random

SOURCE = "examples/data/online_retail.csv.gz"
OUT = "Tests/SegEndToEndTests/Scripts/data/"

with gzip.open(SOURCE, "rt", encoding="utf-8", newline="") as f:
    lines = f.read().split("\n")
header, rows = lines[0], [l for l in lines[1:] if l]
parsed = list(csv.reader(rows))
by_customer = {}
for i, r in enumerate(parsed):
    if r[6]:
        by_customer.setdefault(r[6], []).append(i)
rng = random.Random(7)
candidates = sorted(c for c, idx in by_customer.items() if len(idx) <= 150)
rng.shuffle(candidates)
chosen, total = set(), 0
for c in candidates:
    if total + len(by_customer[c]) > 4200:
        continue
    chosen.add(c)
    total += len(by_customer[c])
    if len(chosen) >= 60:
        break
keep = sorted(i for c in chosen for i in by_customer[c])
# A sprinkle of rows without a customer id (every 400th such row).
anonymous = [i for i, r in enumerate(parsed) if not r[6]][::400]
keep = sorted(set(keep) | set(anonymous))
with open(OUT + "retail_small.csv", "w", encoding="utf-8", newline="") as f:
    f.write(header + "\n")
    for i in keep:
        f.write(rows[i] + "\n")

first = rows[:6]
def write(name, text, mode="w"):
    with open(OUT + name, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(text)

write("empty.csv", "")
write("header_only.csv", header + "\n")
write("ragged.csv", "\n".join([header] + first[:3] + [first[3] + ",extra"] + first[4:]) + "\n")
write("unterminated_quote.csv", "\n".join([header] + first[:2] + ['536365,84406B,"CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2.75,17850.0,United Kingdom'] + first[3:]) + "\n")
bad_q = first[2].split(",")
bad_q[3] = "six"
write("bad_quantity.csv", "\n".join([header] + first[:2] + [",".join(bad_q)] + first[3:]) + "\n")
bad_d = first[4].split(",")
bad_d[4] = "yesterday"
write("bad_date.csv", "\n".join([header] + first[:4] + [",".join(bad_d)] + first[5:]) + "\n")
write("duplicate_columns.csv", "\n".join([header.replace("Country", "Quantity")] + first) + "\n")
write("binary.csv", bytes([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]) + bytes(range(256)) * 4, "wb")
write("renamed_roles.csv", "\n".join([header.replace("CustomerID", "client_no")] + first) + "\n")

# Customer-level tables: features without a transaction log.
write("identical_customers.csv", "customer,recency,frequency,monetary\n" + "".join(f"{i},10,2,100.5\n" for i in range(1, 9)))
write("features_with_gaps.csv", "customer,recency,frequency,monetary,avg_gap\n" + "".join(
    f"{i},{(i * 37) % 300},{1 + i % 7},{round(50 + (i * 91) % 900 + 0.25, 2)},{'' if i % 5 == 0 else (i * 13) % 60}\n" for i in range(1, 41)))
write("negative_spend.csv", "customer,recency,frequency,monetary\n" + "".join(
    f"{i},{(i * 53) % 365},{1 + i % 4},{-35.5 if i in (4, 9) else round(20 + (i * 67) % 500 + 0.5, 2)}\n" for i in range(1, 21)))
