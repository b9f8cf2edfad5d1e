#!/usr/bin/env python3
"""Log shapes beyond Online Retail, with their expected RFM: an independent oracle.

Writes small transaction logs of five shapes into Tests/SegCoreTests/Fixtures/shapes/ and, for
each, the expected per-customer recency, frequency and monetary value computed here with the
standard library only, from the rules of docs/rfm.md written out independently:

  superstore.csv   order-level sample with Order IDs like CA-2018-152156 / US-2017-108966:
                   no cancellations (C is no prefix there); Sales is the line amount.
  uci.csv          Online Retail naming: C536379 beside 536365 is a cancellation.
  olist.csv        Olist naming with an order_status column: canceled lines are set aside
                   (neither bought nor returned); price is the line amount (no quantity).
  noinvoice.csv    customer_id, trans_date, tran_amount: a purchase is a customer's day.
  cdnow.txt        header-less whitespace (id, customer, YYYYMMDD, quantity, amount).

Rows are in date order (as real logs are, and as a streamed load needs). asof is the day after
the last transaction's day. Run: python3 scripts/oracle_log_shapes.py
"""

import csv
import datetime as dt
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "SegCoreTests", "Fixtures", "shapes")


def day_of(text):
    """The calendar day of a date-time written ISO, M/D/YYYY or YYYYMMDD."""
    text = text.strip()
    if "/" in text:
        m, d, y = text.split(" ")[0].split("/")
        return dt.date(int(y), int(m), int(d))
    if len(text) == 8 and text.isdigit():
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return dt.date.fromisoformat(text[:10])


def expected(lines, path):
    """lines: dicts with customer, day, invoice (or None), kind ('buy', 'return', 'other'), value.

    recency = asof day - last purchase day; frequency = distinct invoices with a purchase line
    (without invoices: distinct purchase days); monetary = purchases - |returns|.
    """
    asof = max(l["day"] for l in lines) + dt.timedelta(days=1)
    per = {}
    for l in lines:
        c = per.setdefault(l["customer"], {"last": None, "visits": set(), "gross": 0.0, "ret": 0.0})
        if l["kind"] == "buy":
            c["last"] = l["day"] if c["last"] is None else max(c["last"], l["day"])
            c["visits"].add(l["invoice"] if l["invoice"] is not None else l["day"])
            c["gross"] += l["value"]
        elif l["kind"] == "return":
            c["ret"] += abs(l["value"])
    rows = []
    for cust, c in per.items():
        if c["last"] is None:
            continue  # no purchase: set aside
        rows.append((cust, (asof - c["last"]).days, len(c["visits"]), round(c["gross"] - c["ret"], 6)))
    rows.sort(key=lambda r: (int(r[0]) if str(r[0]).isdigit() else 0, str(r[0])))
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer", "recency", "frequency", "monetary"])
        for r in rows:
            w.writerow([r[0], r[1], r[2], "%.6f" % r[3]])


def superstore(rng):
    header = ("Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,"
              "Country,City,State,Postal Code,Region,Product ID,Category,Sub-Category,Product Name,"
              "Sales,Quantity,Discount,Profit").split(",")
    customers = ["CG-12520", "DV-13045", "SO-20335", "BH-11710", "AA-10480", "IM-15070", "HP-14815"]
    names = {c: "Name %d" % i for i, c in enumerate(customers)}
    rows, lines = [], []
    row_id = 1
    for k in range(40):
        year = rng.choice([2015, 2016, 2017, 2018])
        oid = "%s-%d-%06d" % (rng.choice(["CA", "CA", "CA", "US"]), year, rng.randrange(100000, 999999))
        cust = rng.choice(customers)
        day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        if k == 0:
            day = dt.date(2016, 11, 28)  # a day > 12: month-first is the only reading
        ship = day + dt.timedelta(days=rng.randint(1, 6))
        for _ in range(rng.randint(1, 4)):
            qty = rng.randint(1, 9)
            sales = round(rng.uniform(2, 900), 2)
            profit = round(rng.uniform(-200, 300), 4)
            cat = rng.choice(["Furniture", "Office Supplies", "Technology"])
            rows.append([row_id, oid, "%d/%d/%d" % (day.month, day.day, day.year),
                         "%d/%d/%d" % (ship.month, ship.day, ship.year), "Second Class", cust,
                         names[cust], "Consumer", "United States", "Henderson", "Kentucky", 42420,
                         "South", "FUR-BO-%08d" % rng.randrange(10 ** 7), cat, "Bookcases",
                         "Bush Somerset Collection Bookcase", "%.4f" % sales, qty,
                         rng.choice(["0", "0.2", "0.45"]), "%.4f" % profit])
            lines.append({"customer": cust, "day": day, "invoice": oid, "kind": "buy", "value": sales})
            row_id += 1
    rows.sort(key=lambda r: day_of(r[2]))
    with open(os.path.join(OUT, "superstore.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    expected(lines, os.path.join(OUT, "superstore_expected.csv"))


def uci(rng):
    rows, lines = [], []
    invoice = 536365
    bought = []
    for k in range(60):
        cust = rng.choice([12346, 12347, 12348, 12350, 12352, 17850])
        day = dt.date(2011, rng.randint(1, 12), rng.randint(1, 28))
        t = "%s %02d:%02d:00" % (day.isoformat(), rng.randint(8, 18), rng.randint(0, 59))
        cancel = k % 7 == 6 and bought
        inv = ("C%d" % invoice) if cancel else str(invoice)
        invoice += rng.randint(1, 30)
        for _ in range(rng.randint(1, 3)):
            code = rng.choice(["85123A", "71053", "84406B", "22752", "POST"])
            price = rng.choice([2.55, 3.39, 2.75, 7.65, 18.0])
            qty = rng.randint(1, 12)
            if cancel:
                qty = -qty
            rows.append([inv, code, "ITEM " + code, qty, t, price, cust, "United Kingdom"])
            value = qty * price
            kind = "return" if cancel or qty < 0 else ("buy" if qty > 0 and price > 0 else "other")
            lines.append({"customer": str(cust), "day": day, "invoice": inv, "kind": kind, "value": value})
        if not cancel:
            bought.append(inv)
    rows.sort(key=lambda r: r[4])
    with open(os.path.join(OUT, "uci.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                    "CustomerID", "Country"])
        w.writerows(rows)
    expected(lines, os.path.join(OUT, "uci_expected.csv"))


def olist(rng):
    rows, lines = [], []
    customers = ["861eff4711a542e4b93843c6dd7febb0", "290c77bc529b7ac935b93aa66c333dc3",
                 "060e732b5b29e8181a18229c7b0b2b5e", "259dac757896d24d7702b9acbbff3f3c",
                 "345ecd01c38d18a9036ed96c73b8d066"]
    for k in range(30):
        oid = "%032x" % rng.getrandbits(128)
        cust = rng.choice(customers)
        day = dt.date(2017, rng.randint(1, 12), rng.randint(1, 28))
        t = "%s %02d:%02d:%02d" % (day.isoformat(), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
        status = "canceled" if k % 6 == 5 else rng.choice(["delivered", "delivered", "shipped", "invoiced"])
        for item in range(rng.randint(1, 3)):
            price = round(rng.uniform(5, 300), 2)
            freight = round(rng.uniform(5, 40), 2)
            product = "%032x" % rng.getrandbits(128)
            rows.append([oid, item + 1, product, cust, status, t, "%.2f" % price, "%.2f" % freight])
            kind = "other" if status == "canceled" else "buy"
            lines.append({"customer": cust, "day": day, "invoice": oid, "kind": kind, "value": price})
    rows.sort(key=lambda r: r[5])
    with open(os.path.join(OUT, "olist.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["order_id", "order_item_id", "product_id", "customer_unique_id", "order_status",
                    "order_purchase_timestamp", "price", "freight_value"])
        w.writerows(rows)
    expected(lines, os.path.join(OUT, "olist_expected.csv"))


def noinvoice(rng):
    rows, lines = [], []
    for k in range(50):
        cust = "CS%d" % rng.choice([1112, 1113, 1114, 2188, 5270])
        day = dt.date(2013, rng.randint(1, 3), rng.randint(1, 28))
        amount = rng.randint(10, 105)
        rows.append([cust, day.isoformat(), amount])
        lines.append({"customer": cust, "day": day, "invoice": None, "kind": "buy", "value": amount})
    rows.sort(key=lambda r: r[1])
    with open(os.path.join(OUT, "noinvoice.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "trans_date", "tran_amount"])
        w.writerows(rows)
    expected(lines, os.path.join(OUT, "noinvoice_expected.csv"))


def cdnow(rng):
    rows, lines = [], []
    for k in range(40):
        cust = rng.choice([1, 2, 3, 4, 5, 6])
        day = dt.date(1997, rng.randint(1, 6), rng.randint(1, 28))
        qty = rng.randint(1, 5)
        amount = round(rng.uniform(5, 80), 2)
        rows.append("%5s %04d %s %2d %6.2f" % ("%05d" % (k + 1), cust, day.strftime("%Y%m%d"), qty, amount))
        # The id as written: a zero-padded id is a code, and seg keeps its zeros.
        lines.append({"customer": "%04d" % cust, "day": day, "invoice": None, "kind": "buy", "value": amount})
    rows.sort(key=lambda r: r.split()[2])
    with open(os.path.join(OUT, "cdnow.txt"), "w") as f:
        f.write("\n".join(rows) + "\n")
    expected(lines, os.path.join(OUT, "cdnow_expected.csv"))


def main():
    os.makedirs(OUT, exist_ok=True)
    superstore(random.Random(13))
    uci(random.Random(14))
    olist(random.Random(15))
    noinvoice(random.Random(16))
    cdnow(random.Random(17))


if __name__ == "__main__":
    main()
