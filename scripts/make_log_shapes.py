#!/usr/bin/env python3
"""Writes the corpus of transaction-log shapes that seg must load and segment without help.

Usage: scripts/make_log_shapes.py [--only NAME ...]

Each shape goes to Tests/SegEndToEndTests/Shapes/NAME/:
  - the data file(s), written the way real exports of that kind are written;
  - shape.seg, the script an analyst would type: `load` with at most role options, `rfm`, and
    `export $out`;
  - expected.csv, the oracle: customer, recency, frequency, monetary for every customer.

The oracle never reads the files it writes. Every generator keeps the ground truth of each line
(customer, invoice, UTC date-time, quantity, exact money as decimal.Decimal, whether the line is
cancelled) and rfm() below computes the table from that truth with the rules of docs/rfm.md:

  - asof: midnight after the last transaction's day;
  - purchase line: not cancelled, quantity > 0 (when the log has quantities), value > 0;
  - return line: not a purchase and (cancelled by invoice prefix, or quantity < 0, or value < 0);
    its value lowers monetary;
  - a line cancelled by a status column (canceled, returned, refunded) is neither: the order it
    stands for did not happen or was undone, and the line is the only record of it;
  - frequency: distinct invoices with a purchase line; without an invoice column, distinct
    purchase days (a customer's day is one basket, as lifetimes counts);
  - recency: days from the last purchase day to the asof day;
  - monetary: purchases minus returns, exact (empty for logs without money);
  - customers without a purchase line are left out.

Money is decimal.Decimal end to end, so expected.csv holds the exact sums as written. The real
UCI shape reads examples/data/online_retail.csv.gz with the csv module and Decimal, sharing no
code with seg and none with scripts/oracle_rfm.py (pandas).

The .xlsx shape needs openpyxl (pip install openpyxl); the other shapes need only the standard
library. Random choices come from random.Random(SEED) per shape, so the files are the same on
every run.
"""
import argparse
import csv
import datetime as dt
import gzip
import io
import os
import random
import shutil
import textwrap
import sys
from collections import defaultdict
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "SegEndToEndTests", "Shapes")
STATUS_CANCELLED = {"canceled", "cancelled", "returned", "refunded"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Line:
    """The truth about one line of a log."""

    __slots__ = ("customer", "invoice", "when", "quantity", "value", "prefix_cancelled",
                 "status_cancelled")

    def __init__(self, customer, invoice, when, quantity=None, value=None,
                 prefix_cancelled=False, status_cancelled=False):
        self.customer = customer
        self.invoice = invoice
        self.when = when
        self.quantity = quantity
        self.value = value
        self.prefix_cancelled = prefix_cancelled
        self.status_cancelled = status_cancelled


def rfm(lines, has_invoice, has_money, has_quantity):
    """The oracle: one (customer, recency, frequency, monetary) per customer with a purchase."""
    dated = [l.when for l in lines if l.when is not None]
    last_day = max(dated).date()
    asof = last_day + dt.timedelta(days=1)
    visits = defaultdict(set)
    last = {}
    money = defaultdict(Decimal)
    for l in lines:
        if l.customer is None or l.when is None or l.when.date() >= asof:
            continue
        if l.status_cancelled:
            continue
        if has_money and l.value is None:
            continue
        q = l.quantity if has_quantity else None
        value = l.value if has_money else None
        purchase = (not l.prefix_cancelled and (q is None or q > 0)
                    and (value is None or value > 0))
        if purchase:
            visits[l.customer].add(l.invoice if has_invoice else l.when.date())
            day = l.when.date()
            if l.customer not in last or day > last[l.customer]:
                last[l.customer] = day
            if has_money:
                money[l.customer] += value
        elif has_money and (l.prefix_cancelled or (q is not None and q < 0)
                            or (q is None and value < 0)):
            money[l.customer] -= abs(value)
    rows = []
    for c in sorted(visits, key=sort_key):
        rows.append((c, (asof - last[c]).days, len(visits[c]),
                     decimal_text(money[c]) if has_money else ""))
    return rows


def sort_key(c):
    return (0, int(c), "") if isinstance(c, int) else (1, 0, c)


def decimal_text(d):
    """The exact decimal, without exponent and without trailing zeros (4310.00 -> 4310)."""
    d = d.normalize()
    text = format(d, "f")
    return "0" if text in ("-0", "0") else text


def write_expected(folder, rows):
    with open(os.path.join(folder, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer", "recency", "frequency", "monetary"])
        for r in rows:
            w.writerow(r)


def write_script(folder, comment, body):
    text = "".join("# " + line + "\n" for line in textwrap.wrap(comment, 98))
    text += 'param out: string = "rfm.csv"\n' + body.strip() + "\nexport $out\n"
    with open(os.path.join(folder, "shape.seg"), "w") as f:
        f.write(text)


def fresh(name):
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def money(rng, low, high, places=2):
    cents = rng.randint(int(low * 10**places), int(high * 10**places))
    return Decimal(cents).scaleb(-places)


def moment(rng, start, days):
    return start + dt.timedelta(days=rng.randrange(days), seconds=rng.randrange(8 * 3600, 20 * 3600))


def uk_money(d):
    return format(d, "f")


# --- shapes -------------------------------------------------------------------------------


def superstore():
    """Order lines of the widely used Superstore sample: Order IDs CA-2017-152156 and
    US-2016-108966 start with C or U but are not cancellations; Sales is the line total; the
    dates are month-first; Customer Name, Ship Date and Profit compete for roles."""
    rng = random.Random(13_001)
    folder = fresh("superstore")
    names = ["Claire Gute", "Darrin Van Huff", "Sean O'Donnell", "Brosina Hoffman", "Andrew Allen",
             "Irene Maddox", "Harold Pawlan", "Pete Kriz", "Alejandro Grove", "Zuschuss Donatelli"]
    customers = []
    for i in range(60):
        first, last = rng.choice(names).split(" ", 1)
        customers.append((f"{first[0]}{last[0]}-{rng.randint(10000, 99999)}", f"{first} {last}",
                          rng.choice(["Consumer", "Corporate", "Home Office"])))
    products = [(f"{cat[:3].upper()}-{sub[:2].upper()}-{rng.randint(10000000, 10004999)}", cat, sub, pname)
                for cat, sub, pname in [
                    ("Furniture", "Bookcases", "Bush Somerset Collection Bookcase"),
                    ("Furniture", "Chairs", "Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back"),
                    ("Office Supplies", "Labels", "Self-Adhesive Address Labels for Typewriters by Universal"),
                    ("Furniture", "Tables", "Bretford CR4500 Series Slim Rectangular Table"),
                    ("Office Supplies", "Storage", "Eldon Fold 'N Roll Cart System"),
                    ("Technology", "Phones", "Mitel 5320 IP Phone VoIP phone"),
                    ("Office Supplies", "Binders", "DXL Angle-View Binders with Locking Rings by Samsill"),
                    ("Technology", "Accessories", "Logitech ClearChat Comfort/USB Headset H390"),
                ]]
    start = dt.datetime(2014, 1, 3)
    lines, rows = [], []
    row_id = 1
    for order in range(260):
        cust = rng.choice(customers)
        when = start + dt.timedelta(days=rng.randrange(4 * 365))
        when = dt.datetime(when.year, when.month, when.day)
        if order == 0:
            when = dt.datetime(2017, 12, 30)
        prefix = "CA" if rng.random() < 0.8 else "US"
        order_id = f"{prefix}-{when.year}-{rng.randint(100000, 169999)}"
        ship = when + dt.timedelta(days=rng.randint(0, 7))
        for _ in range(rng.randint(1, 5)):
            pid, cat, sub, pname = rng.choice(products)
            qty = rng.randint(1, 14)
            sales = money(rng, 1, 2000, 2) if rng.random() < 0.9 else money(rng, 1, 900, 4)
            profit = money(rng, -300, 600, 4)
            discount = rng.choice(["0", "0.2", "0.45", "0.7"])
            rows.append([row_id, order_id, f"{when.month}/{when.day}/{when.year}",
                         f"{ship.month}/{ship.day}/{ship.year}", rng.choice(["Second Class", "Standard Class", "First Class"]),
                         cust[0], cust[1], cust[2], "United States", "Henderson", "Kentucky",
                         rng.randint(10000, 99999), "South", pid, cat, sub, pname,
                         uk_money(sales), qty, discount, uk_money(profit)])
            lines.append(Line(cust[0], order_id, when, qty, sales))
            row_id += 1
    with open(os.path.join(folder, "superstore.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Row ID", "Order ID", "Order Date", "Ship Date", "Ship Mode", "Customer ID",
                    "Customer Name", "Segment", "Country", "City", "State", "Postal Code", "Region",
                    "Product ID", "Category", "Sub-Category", "Product Name", "Sales", "Quantity",
                    "Discount", "Profit"])
        w.writerows(rows)
    write_script(folder, __doc_of(superstore), 'load "superstore.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def semicolon_comma():
    """A European export: `;`-separated, decimal commas with `.` thousands (`1.234,56`),
    day-first dates (`24/12/2020 14:05`), returns as negative quantities without a C prefix."""
    rng = random.Random(13_002)
    folder = fresh("semicolon_comma")
    start = dt.datetime(2020, 1, 2)
    lines, rows = [], []
    for receipt in range(400):
        cust = rng.randint(1000, 1080)
        when = moment(rng, start, 360) if receipt else dt.datetime(2020, 12, 28, 17, 45)
        for _ in range(rng.randint(1, 4)):
            product = f"ART-{rng.randint(100, 160)}"
            price = money(rng, 0.2, 40, 2) if rng.random() < 0.95 else money(rng, 1000, 3000, 2)
            qty = rng.randint(1, 12)
            if rng.random() < 0.06:
                qty = -qty
            rows.append([cust, f"{receipt + 50000}", when.strftime("%d/%m/%Y %H:%M"), product,
                         qty, euro_number(price)])
            lines.append(Line(cust, str(receipt + 50000), when, qty, price * qty))
    with open(os.path.join(folder, "kassenbuch.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["customer_id", "receipt", "date", "product", "qty", "price"])
        w.writerows(rows)
    write_script(folder, __doc_of(semicolon_comma), 'load "kassenbuch.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def euro_number(d):
    whole, _, frac = format(d, "f").partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def dd_mon_yy():
    """The retail case-study log: customer_id, trans_date, tran_amount; dates like 11-Feb-17; no
    invoice column, so a customer's day is one purchase; whole-number amounts."""
    rng = random.Random(13_003)
    folder = fresh("dd_mon_yy")
    start = dt.datetime(2011, 5, 16)
    lines, rows = [], []
    for i in range(900):
        cust = f"CS{rng.randint(1112, 1190)}"
        day = start + dt.timedelta(days=rng.randrange(1400)) if i else dt.datetime(2015, 3, 16)
        amount = Decimal(rng.randint(10, 105))
        rows.append([cust, f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year % 100:02d}", amount])
        lines.append(Line(cust, None, day, None, amount))
        if rng.random() < 0.1:  # a second purchase the same day: the same basket
            amount = Decimal(rng.randint(10, 105))
            rows.append([cust, rows[-1][1], amount])
            lines.append(Line(cust, None, day, None, amount))
    with open(os.path.join(folder, "Retail_Data_Transactions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "trans_date", "tran_amount"])
        w.writerows(rows)
    write_script(folder, __doc_of(dd_mon_yy), 'load "Retail_Data_Transactions.csv"\nrfm')
    write_expected(folder, rfm(lines, False, True, False))


def no_money():
    """The Groceries basket log: Member_number, Date (21-07-2015, day-first), itemDescription.
    No money at all: recency and frequency only, a customer's day is one basket."""
    rng = random.Random(13_004)
    folder = fresh("no_money")
    items = ["whole milk", "other vegetables", "rolls/buns", "soda", "yogurt", "bottled water",
             "root vegetables", "tropical fruit", "shopping bags", "sausage", "pastry", "citrus fruit"]
    start = dt.datetime(2014, 1, 1)
    lines, rows = [], []
    for i in range(700):
        member = rng.randint(1000, 1070)
        day = start + dt.timedelta(days=rng.randrange(729)) if i else dt.datetime(2015, 12, 30)
        for _ in range(rng.randint(1, 4)):
            rows.append([member, day.strftime("%d-%m-%Y"), rng.choice(items)])
            lines.append(Line(member, None, day))
    with open(os.path.join(folder, "Groceries_dataset.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Member_number", "Date", "itemDescription"])
        w.writerows(rows)
    write_script(folder, __doc_of(no_money), 'load "Groceries_dataset.csv"\nrfm')
    write_expected(folder, rfm(lines, False, False, False))


def olist():
    """A shop database in three tables (the Olist layout): order items with the price, orders
    with the purchase time and a status (canceled orders did not happen), customers whose
    customer_unique_id joins several per-order customer_ids."""
    rng = random.Random(13_005)
    folder = fresh("olist")
    hexid = lambda: "%032x" % rng.getrandbits(128)
    people = [hexid() for _ in range(70)]
    customers, orders, items, lines = [], [], [], []
    start = dt.datetime(2016, 9, 4)
    for o in range(300):
        person = rng.choice(people)
        customer_id = hexid()  # Olist gives every order its own customer_id
        customers.append([customer_id, person, f"{rng.randint(1000, 99999):05d}",
                          rng.choice(["sao paulo", "rio de janeiro", "belo horizonte"]),
                          rng.choice(["SP", "RJ", "MG"])])
        when = moment(rng, start, 700) if o else dt.datetime(2018, 8, 29, 15, 0, 37)
        status = "delivered" if o == 0 else rng.choices(["delivered", "shipped", "canceled"], [90, 6, 4])[0]
        order_id = hexid()
        approved = when + dt.timedelta(minutes=rng.randint(5, 600))
        orders.append([order_id, customer_id, status, when.strftime("%Y-%m-%d %H:%M:%S"),
                       approved.strftime("%Y-%m-%d %H:%M:%S"),
                       "" if status != "delivered" else (when + dt.timedelta(days=rng.randint(3, 30))).strftime("%Y-%m-%d %H:%M:%S")])
        if o and rng.random() < 0.03:
            continue  # an order without items (it happens in the real export)
        seller = hexid()
        product = hexid()
        for n in range(1, rng.choice([1, 1, 1, 2, 3]) + 1):
            if rng.random() < 0.3:
                product = hexid()
            price = money(rng, 5, 600, 2)
            items.append([order_id, n, product, seller,
                          (when + dt.timedelta(days=6)).strftime("%Y-%m-%d %H:%M:%S"),
                          uk_money(price), uk_money(money(rng, 0, 60, 2))])
            lines.append(Line(person, order_id, when, None, price, status_cancelled=status == "canceled"))
    rng.shuffle(customers)
    write_csv(os.path.join(folder, "olist_customers_dataset.csv"),
              ["customer_id", "customer_unique_id", "customer_zip_code_prefix", "customer_city",
               "customer_state"], customers)
    write_csv(os.path.join(folder, "olist_orders_dataset.csv"),
              ["order_id", "customer_id", "order_status", "order_purchase_timestamp",
               "order_approved_at", "order_delivered_customer_date"], orders)
    write_csv(os.path.join(folder, "olist_order_items_dataset.csv"),
              ["order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date",
               "price", "freight_value"], items)
    write_script(folder, __doc_of(olist), """
load "olist_customers_dataset.csv" as customers
load "olist_orders_dataset.csv" as orders
load "olist_order_items_dataset.csv"
join orders on=order_id
join customers on=customer_id
rfm customer=customer_unique_id invoice=order_id date=order_purchase_timestamp amount=price
""")
    write_expected(folder, rfm(lines, True, True, False))


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def cdnow():
    """The CDNOW master file style: no header, whitespace-separated, zero-padded ids, compact
    dates (00004 0001 19970101 2 29.33); some $0 orders; no invoice column."""
    rng = random.Random(13_006)
    folder = fresh("cdnow")
    start = dt.datetime(1997, 1, 1)
    lines, out = [], []
    for i in range(800):
        cust = rng.randint(1, 90)
        day = start + dt.timedelta(days=rng.randrange(90) if rng.random() < 0.6 else rng.randrange(545))
        if i == 0:
            day = dt.datetime(1998, 6, 30)
        cds = rng.randint(1, 6)
        amount = money(rng, 5, 80, 2) if rng.random() > 0.02 else Decimal("0.00")
        out.append(f"{cust + 3:05d} {cust:04d} {day:%Y%m%d} {cds} {uk_money(amount)}")
        # The id as written: a zero-padded id is a code, and seg keeps its zeros.
        lines.append(Line(f"{cust:04d}", None, day, cds, amount))
    with open(os.path.join(folder, "CDNOW_master.txt"), "w") as f:
        f.write("\n".join(out) + "\n")
    write_script(folder, __doc_of(cdnow),
                 'load "CDNOW_master.txt" header=false columns=[id, customer, date, quantity, amount]\nrfm')
    write_expected(folder, rfm(lines, False, True, True))


def currency():
    """A point-of-sale export with money as printed: `"$1,234.50"`, `$12.00`, `+$3.00`, and
    refunds as accounting negatives `($15.00)`; client_id, receipt_no, purchase_date, total."""
    rng = random.Random(13_007)
    folder = fresh("currency")
    start = dt.datetime(2021, 1, 4)
    lines, rows = [], []
    for r in range(500):
        cust = rng.randint(200, 260)
        when = moment(rng, start, 300) if r else dt.datetime(2021, 11, 1, 12, 0)
        total = money(rng, 1, 300, 2) if rng.random() < 0.93 else money(rng, 1000, 5000, 2)
        refund = r and rng.random() < 0.07
        text = dollars(total)
        if refund:
            text = "(" + text + ")"
            total = -total
        elif rng.random() < 0.05:
            text = "+" + text
        rows.append([cust, 7000 + r, when.strftime("%Y-%m-%d"), text])
        lines.append(Line(cust, str(7000 + r), dt.datetime(when.year, when.month, when.day), None, total))
    write_csv(os.path.join(folder, "pos_export.csv"), ["client_id", "receipt_no", "purchase_date", "total"], rows)
    write_script(folder, __doc_of(currency), 'load "pos_export.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, False))


def dollars(d):
    whole, _, frac = format(d, "f").partition(".")
    return "$" + f"{int(whole):,}" + "." + frac


def epoch():
    """An app's event export: user_id, order_id, created_at as Unix epoch seconds (UTC), amount."""
    rng = random.Random(13_008)
    folder = fresh("epoch")
    start = dt.datetime(2022, 3, 1)
    lines, rows = [], []
    for o in range(450):
        user = f"u{rng.randint(1, 70):03d}"
        when = start + dt.timedelta(seconds=rng.randrange(300 * 86400)) if o else dt.datetime(2022, 12, 24, 23, 59, 59)
        seconds = int((when - dt.datetime(1970, 1, 1)).total_seconds())
        amount = money(rng, 3, 250, 2)
        rows.append([user, f"ord_{o:05d}", seconds, uk_money(amount)])
        lines.append(Line(user, f"ord_{o:05d}", when, None, amount))
    write_csv(os.path.join(folder, "orders.csv"), ["user_id", "order_id", "created_at", "amount"], rows)
    write_script(folder, __doc_of(epoch), 'load "orders.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, False))


def iso_offset():
    """A web shop's orders with ISO 8601 times and UTC offsets (2017-02-11T01:30:00+02:00); the
    day of a purchase is its UTC day, so late-evening and early-morning orders change day."""
    rng = random.Random(13_009)
    folder = fresh("iso_offset")
    start = dt.datetime(2017, 1, 2)
    lines, rows = [], []
    for o in range(450):
        cust = rng.randint(1, 60)
        utc = start + dt.timedelta(seconds=rng.randrange(330 * 86400)) if o else dt.datetime(2017, 11, 30, 22, 30)
        offset = rng.choice([-5, -3, 0, 1, 2, 5.5])
        local = utc + dt.timedelta(hours=offset)
        sign = "+" if offset >= 0 else "-"
        hours, minutes = int(abs(offset)), int(abs(offset) * 60) % 60
        text = local.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if offset == 0 and rng.random() < 0.5 else f"{sign}{hours:02d}:{minutes:02d}")
        revenue = money(rng, 5, 400, 2)
        rows.append([cust, f"#{1000 + o}", text, uk_money(revenue)])
        lines.append(Line(cust, f"#{1000 + o}", utc, None, revenue))
    write_csv(os.path.join(folder, "shop_orders.csv"), ["customer", "order", "timestamp", "revenue"], rows)
    write_script(folder, __doc_of(iso_offset), 'load "shop_orders.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, False))


def status():
    """An order-level export whose cancellations are in a status column (order_status:
    delivered, shipped, canceled, returned, refunded), not in the order id; a canceled or
    refunded order is the only line for it, so it is set aside, not subtracted."""
    rng = random.Random(13_010)
    folder = fresh("status")
    start = dt.datetime(2019, 4, 1)
    lines, rows = [], []
    for o in range(500):
        cust = rng.randint(500, 570)
        when = moment(rng, start, 365) if o else dt.datetime(2020, 3, 30, 10, 0)
        state = "delivered" if o == 0 else rng.choices(
            ["delivered", "shipped", "canceled", "returned", "refunded"], [80, 8, 6, 3, 3])[0]
        amount = money(rng, 5, 500, 2)
        oid = f"C{100000 + o}"
        rows.append([oid, cust, when.strftime("%Y-%m-%d %H:%M:%S"), state, uk_money(amount)])
        lines.append(Line(cust, oid, when, None, amount, status_cancelled=state in STATUS_CANCELLED))
    write_csv(os.path.join(folder, "orders_export.csv"),
              ["order_id", "customer_id", "order_date", "order_status", "amount"], rows)
    write_script(folder, __doc_of(status), 'load "orders_export.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, False))


GERMAN_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                 "September", "Oktober", "November", "Dezember"]
FRENCH_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                 "nov.", "déc."]


def german():
    """A German shop's invoice export: Kundennummer, Rechnungsnummer, Rechnungsdatum (24. Dezember
    2020 14:05), Lieferdatum, Artikelnummer, Artikelbezeichnung, Menge, Einzelpreis (1.234,56),
    MwSt-Betrag and Status (bezahlt, versandt, storniert): German compounds name the roles, the
    delivery date and the tax amount must lose to the invoice date and the price, and a
    storniert invoice is set aside; returns are Gutschriften with negative quantities."""
    rng = random.Random(13_013)
    folder = fresh("german")
    start = dt.datetime(2020, 3, 2)
    lines, rows = [], []
    for r in range(450):
        cust = rng.randint(10001, 10075)
        when = moment(rng, start, 300) if r else dt.datetime(2020, 12, 28, 16, 20)
        state = "bezahlt" if r == 0 else rng.choices(["bezahlt", "versandt", "storniert"], [85, 10, 5])[0]
        credit = state != "storniert" and rng.random() < 0.05
        number = f"{'GS' if credit else 'RE'}-{when.year}-{r + 1:05d}"
        shipped = when + dt.timedelta(days=rng.randint(1, 6))
        written = f"{when.day}. {GERMAN_MONTHS[when.month - 1]} {when.year} {when:%H:%M}"
        for _ in range(rng.randint(1, 3)):
            price = money(rng, 0.5, 60, 2) if rng.random() < 0.95 else money(rng, 1000, 2500, 2)
            qty = rng.randint(1, 8) * (-1 if credit else 1)
            tax = (price * qty * Decimal("0.19")).quantize(Decimal("0.01"))
            rows.append([cust, number, written, f"{shipped:%d.%m.%Y}", f"A-{rng.randint(100, 140)}",
                         rng.choice(["Kaffee 500 g", "Tee, grün", "Tasse „Berlin“", "Filter Nr. 4"]),
                         qty, euro_number(price), euro_number(tax), state])
            lines.append(Line(cust, number, when, qty, price * qty,
                              status_cancelled=state == "storniert"))
    with open(os.path.join(folder, "Rechnungen.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(["Kundennummer", "Rechnungsnummer", "Rechnungsdatum", "Lieferdatum",
                    "Artikelnummer", "Artikelbezeichnung", "Menge", "Einzelpreis", "MwSt-Betrag",
                    "Status"])
        w.writerows(rows)
    write_script(folder, __doc_of(german), 'load "Rechnungen.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def french_number(d):
    """1 234,56 with a no-break space between thousands, as French spreadsheets write it."""
    return euro_number(d).replace(".", "\u00a0")


def french():
    """A French till export, comma-separated: N° client, N° de facture, Date de facture (3 févr.
    2021), Date de livraison, Désignation, Quantité, Prix unitaire HT (1 234,50 with a no-break
    space, quoted) and Montant TTC; credit notes (AV-…) carry negative quantities."""
    rng = random.Random(13_014)
    folder = fresh("french")
    start = dt.datetime(2021, 1, 4)
    lines, rows = [], []
    for r in range(420):
        cust = f"CL{rng.randint(1, 70):04d}"
        when = dt.datetime.combine((start + dt.timedelta(days=rng.randrange(330))).date(),
                                   dt.time()) if r else dt.datetime(2021, 11, 30)
        credit = r > 0 and rng.random() < 0.05
        number = f"{'AV' if credit else 'FA'}{when.year}-{r + 1:04d}"
        delivered = when + dt.timedelta(days=rng.randint(0, 4))
        for _ in range(rng.randint(1, 3)):
            price = money(rng, 0.5, 40, 2) if rng.random() < 0.93 else money(rng, 1000, 3000, 2)
            qty = rng.randint(1, 6) * (-1 if credit else 1)
            ttc = (price * qty * Decimal("1.2")).quantize(Decimal("0.01"))
            rows.append([cust, number, f"{when.day} {FRENCH_MONTHS[when.month - 1]} {when.year}",
                         f"{delivered.day} {FRENCH_MONTHS[delivered.month - 1]} {delivered.year}",
                         rng.choice(["Café moulu", "Thé vert", "Tasse à café", "Sucre"]),
                         qty, french_number(price), french_number(ttc)])
            lines.append(Line(cust, number, when, qty, price * qty))
    write_csv(os.path.join(folder, "factures.csv"),
              ["N° client", "N° de facture", "Date de facture", "Date de livraison", "Désignation",
               "Quantité", "Prix unitaire HT", "Montant TTC"], rows)
    write_script(folder, __doc_of(french), 'load "factures.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def xlsx():
    """The UCI data set as its site ships it, an Excel workbook: shared strings, numbers and
    InvoiceDate as date-formatted serial numbers; C-prefixed cancellations beside their
    invoices; a second sheet of notes (the data is the first sheet)."""
    try:
        import openpyxl
    except ImportError:
        sys.exit("make_log_shapes: the xlsx shape needs openpyxl (pip install openpyxl)")
    rng = random.Random(13_011)
    folder = fresh("xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Online Retail"
    ws.append(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
               "CustomerID", "Country"])
    products = [("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", Decimal("2.55")),
                ("71053", "WHITE METAL LANTERN", Decimal("3.39")),
                ("84406B", "CREAM CUPID HEARTS COAT HANGER", Decimal("2.75")),
                ("22752", "SET 7 BABUSHKA NESTING BOXES", Decimal("7.65")),
                ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", Decimal("4.25")),
                ("POST", "POSTAGE", Decimal("18.00"))]
    start = dt.datetime(2010, 12, 1, 8, 26)
    lines = []
    invoices = []
    for n in range(300):
        cust = rng.randint(12346, 12420)
        when = start + dt.timedelta(minutes=rng.randrange(373 * 24 * 60)) if n else dt.datetime(2011, 12, 9, 12, 50)
        when = when.replace(second=0)
        inv = str(536365 + n)
        invoices.append((inv, cust, when))
        for _ in range(rng.randint(1, 4)):
            code, desc, price = rng.choice(products)
            qty = rng.randint(1, 24)
            ws.append([int(inv), code if not code.isdigit() else int(code), desc, qty, when,
                       float(price), float(cust), "United Kingdom"])
            ws.cell(row=ws.max_row, column=5).number_format = "m/d/yyyy h:mm"
            lines.append(Line(cust, inv, when, qty, price * qty))
            if rng.random() < 0.05:  # cancelled later: C + the invoice number
                later = when + dt.timedelta(days=rng.randint(1, 20))
                if later < dt.datetime(2011, 12, 9):
                    ws.append(["C" + inv, code if not code.isdigit() else int(code), desc, -qty, later,
                               float(price), float(cust), "United Kingdom"])
                    ws.cell(row=ws.max_row, column=5).number_format = "m/d/yyyy h:mm"
                    lines.append(Line(cust, "C" + inv, later, -qty, -price * qty, prefix_cancelled=True))
    notes = wb.create_sheet("Notes")
    notes.append(["Generated by scripts/make_log_shapes.py"])
    path = os.path.join(folder, "Online Retail.xlsx")
    wb.save(path)
    normalize_zip(path)
    write_script(folder, __doc_of(xlsx), 'load "Online Retail.xlsx"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def normalize_zip(path):
    """Rewrites a zip with fixed timestamps, so the committed workbook is the same bytes on every run."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def uci():
    """The real UCI Online Retail data (examples/data), 541,909 lines: C-prefixed cancellations
    beside their invoices, negative quantities, missing customers, ids written 17850.0."""
    folder = fresh("uci")
    source = os.path.join(ROOT, "examples", "data", "online_retail.csv.gz")
    lines = []
    with gzip.open(source, "rt", encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            cust = rec["CustomerID"]
            customer = int(Decimal(cust)) if cust else None
            when = dt.datetime.strptime(rec["InvoiceDate"], "%Y-%m-%d %H:%M:%S")
            qty = int(rec["Quantity"])
            price = Decimal(rec["UnitPrice"])
            inv = rec["InvoiceNo"]
            lines.append(Line(customer, inv, when, qty, price * qty, prefix_cancelled=inv.startswith("C")))
    write_script(folder, __doc_of(uci), 'load "../../../../examples/data/online_retail.csv.gz"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))

FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas",
               "Lena", "Max", "Nora", "Oskar", "Paula", "Quentin", "Rosa", "Simon", "Tara", "Ugo"]
LAST_NAMES = ["Schmidt", "Martin", "Rossi", "Garcia", "Jansen", "Smith", "Dubois", "Novak"]
PRODUCTS = [("Linen Tea Towel", "TT-LIN", "12.50"), ("Stoneware Mug", "MUG-ST", "18.00"),
            ("Beeswax Candle", "CAN-BW", "9.95"), ("Olive Wood Spoon", "SP-OLV", "14.90"),
            ("Enamel Tray", "TR-ENA", "32.00"), ("Cotton Apron", "AP-COT", "27.50"),
            ("Glass Carafe", "CAR-GL", "24.00"), ("Gift Card", "GIFT-25", "25.00")]


def shopify():
    """A Shopify orders export: one row per line item, and the order's fields (Email, Financial
    Status, Paid at, Total, Billing Name, Id ...) on its first row only, newest order first;
    Name is the order (#1001), Created at has a UTC offset (2023-05-02 10:14:22 +0200), line values are Lineitem
    quantity x Lineitem price. Refunded and voided orders are set aside by Financial Status;
    partially_refunded ones are purchases (the load warns that Refunded Amount is not
    subtracted); guest orders have no e-mail on any row."""
    rng = random.Random(13_015)
    folder = fresh("shopify")
    customers = []
    for i in range(60):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        customers.append((f"{first.lower()}.{last.lower()}{i}@example.com", f"{first} {last}"))
    header = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
              "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
              "Discount Code", "Discount Amount", "Shipping Method", "Created at",
              "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
              "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
              "Lineitem fulfillment status", "Billing Name", "Billing City", "Billing Country",
              "Notes", "Cancelled at", "Payment Method", "Refunded Amount", "Id", "Tags",
              "Risk Level", "Source", "Phone"]
    start = dt.datetime(2022, 11, 1)
    # Order numbers grow with time; the export lists the newest order first.
    times = sorted([moment(rng, start, 300) for _ in range(419)] + [dt.datetime(2023, 8, 29, 0, 40, 5)])
    lines, orders = [], []
    for o, local in enumerate(times):
        rows = []
        orders.append(rows)
        name = f"#{1001 + o}"
        guest = rng.random() < 0.04
        email, billing = (None, "Walk-in") if guest else rng.choice(customers)
        # Local time and its offset: CET in winter, CEST in summer, as the shop's zone writes it.
        offset = 2 if 4 <= local.month <= 10 else 1
        utc = local - dt.timedelta(hours=offset)
        created = local.strftime("%Y-%m-%d %H:%M:%S") + f" +0{offset}00"
        financial = "paid" if o == len(times) - 1 else rng.choices(
            ["paid", "partially_refunded", "refunded", "voided"], [86, 5, 5, 4])[0]
        items = []
        for _ in range(rng.randint(1, 4)):
            title, sku, price = rng.choice(PRODUCTS)
            items.append((title, sku, Decimal(price), rng.randint(1, 3)))
        subtotal = sum(p * q for _, _, p, q in items)
        shipping = Decimal("0.00") if subtotal >= 60 else Decimal("4.90")
        taxes = (subtotal * Decimal("0.19") / Decimal("1.19")).quantize(Decimal("0.01"))
        total = subtotal + shipping
        paid = "" if financial == "voided" else (local + dt.timedelta(minutes=1)).strftime(
            "%Y-%m-%d %H:%M:%S") + f" +0{offset}00"
        cancelled = "" if financial in ("paid", "partially_refunded") else (
            local + dt.timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S") + f" +0{offset}00"
        refunded = {"paid": Decimal("0.00"), "voided": Decimal("0.00"), "refunded": total,
                    "partially_refunded": items[0][2]}[financial]
        fulfilled = financial in ("paid", "partially_refunded")
        for k, (title, sku, price, qty) in enumerate(items):
            first = k == 0
            order = lambda v: v if first else ""
            rows.append([
                name, order(email or ""), order(financial), order(paid),
                order("fulfilled" if fulfilled else "unfulfilled"),
                order(created if fulfilled else ""), order(rng.choice(["yes", "no"])),
                order("EUR"), order(uk_money(subtotal)), order(uk_money(shipping)),
                order(uk_money(taxes)), order(uk_money(total)), "", order("0.00"),
                order("Standard" if shipping else "Free shipping"), created, qty, title,
                uk_money(price), "", sku, "true", "true",
                "fulfilled" if fulfilled else "pending", order(billing),
                order(rng.choice(["Berlin", "Hamburg", "Wien", "Zürich"])),
                order(rng.choice(["DE", "AT", "CH"])), "", order(cancelled),
                order("Shopify Payments"), order(uk_money(refunded)),
                order(str(5193820291390 + 7 * o)), "", order("Low"), order("web"), ""])
            lines.append(Line(email, name, utc, qty, price * qty,
                              status_cancelled=financial in ("refunded", "voided")))
    rows = [row for order in reversed(orders) for row in order]
    write_csv(os.path.join(folder, "orders_export_1.csv"), header, rows)
    write_script(folder, __doc_of(shopify), 'load "orders_export_1.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def ebay():
    """An eBay Seller Hub orders report: a blank line before the header and a footer after the
    rows (`57 record(s) downloaded`, `Seller ID : ...`); Sales Record Number is a counter, not
    money; Order Number (04-09876-54321) is the invoice; Sale Date is month first with dashes
    (Jan-05-21); Sold For and Total Price are printed with $, and Total Price (the item's price
    times quantity plus shipping) is what the buyer paid; Paid On Date and Ship By Date compete
    with the sale date; some orders are returned (Quantity written negative on a second line)."""
    rng = random.Random(13_016)
    folder = fresh("ebay")
    buyers = [(f"{rng.choice(FIRST_NAMES).lower()}_{i}{rng.randint(10, 99)}",
               f"buyer{i}@example.com") for i in range(45)]
    header = ["Sales Record Number", "Order Number", "Buyer Username", "Buyer Name", "Buyer Email",
              "Buyer Note", "Ship To City", "Ship To Country", "Item Number", "Item Title",
              "Custom Label", "Quantity", "Sold For", "Shipping And Handling", "Total Price",
              "Payment Method", "Sale Date", "Paid On Date", "Ship By Date", "Tracking Number",
              "Transaction ID"]
    start = dt.datetime(2021, 1, 4)
    times = sorted([moment(rng, start, 330) for _ in range(299)] + [dt.datetime(2021, 12, 28, 18, 5)])
    lines, rows = [], []
    for o, when in enumerate(times):
        username, email = rng.choice(buyers)
        day = dt.datetime(when.year, when.month, when.day)
        order = f"{rng.randint(1, 27):02d}-{rng.randint(10000, 99999):05d}-{rng.randint(10000, 99999):05d}"
        title, sku, price = rng.choice(PRODUCTS)
        price = Decimal(price)
        qty = rng.randint(1, 3)
        shipping = Decimal("0.00") if price * qty >= 35 else Decimal("4.99")
        total = price * qty + shipping
        sale = f"{MONTHS[when.month - 1]}-{when.day:02d}-{when.year % 100:02d}"
        later = day + dt.timedelta(days=3)
        ship_by = f"{MONTHS[later.month - 1]}-{later.day:02d}-{later.year % 100:02d}"
        item = str(2650000000 + rng.randint(0, 9999999))
        base = [None, order, username, username.split("_")[0].title(), email, "",
                rng.choice(["Leeds", "York", "Bath"]), "United Kingdom", item, title, sku]
        rows.append(base[:0] + [str(len(rows) + 1)] + base[1:] + [
            str(qty), dollars(price), dollars(shipping), dollars(total), "PayPal", sale, sale,
            ship_by, f"H00{rng.randint(10**9, 10**10 - 1)}", str(rng.randint(10**11, 10**12 - 1))])
        lines.append(Line(email, order, day, qty, total))
        if o and rng.random() < 0.04:
            # A return: the same order, its quantity and total written negative.
            rows.append([str(len(rows) + 1)] + base[1:] + [
                str(-qty), dollars(price), dollars(Decimal("0.00")), "-" + dollars(total), "PayPal",
                sale, sale, ship_by, "", str(rng.randint(10**11, 10**12 - 1))])
            lines.append(Line(email, order, day, -qty, -total))
    path = os.path.join(folder, "eBay-OrdersReport-Dec-29-2021.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write("\n")
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        w.writerow(header)
        w.writerows(rows)
        f.write("\n")
        w.writerow([str(len(rows)), "record(s) downloaded", "from Jan-01-21 to Dec-29-21"])
        w.writerow(["Seller ID : seg_test_shop"])
    write_script(folder, __doc_of(ebay), 'load "eBay-OrdersReport-Dec-29-2021.csv"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def day_numbers():
    """dunnhumby's The Complete Journey: household_key, BASKET_ID, DAY (day numbers 1 to 711,
    the dates anonymised), QUANTITY, SALES_VALUE (the line's money), TRANS_TIME (hhmm, a time
    of day without a date), discounts; a few lines of quantity 0 and value 0 (as the real file
    has). DAY is read with dateformat="days since 2019-12-31"; TRANS_TIME is never the date."""
    rng = random.Random(13_017)
    folder = fresh("day_numbers")
    origin = dt.datetime(2019, 12, 31)
    lines, rows = [], []
    basket = 26_984_851_472
    for day in range(1, 712, 3):
        for _ in range(rng.randint(1, 3)):
            household = rng.randint(1, 60)
            basket += rng.randint(1, 40)
            hhmm = rng.randint(6, 22) * 100 + rng.randint(0, 59)
            store = rng.randint(286, 445)
            for _ in range(rng.randint(1, 5)):
                zero = rng.random() < 0.02
                quantity = 0 if zero else rng.randint(1, 3)
                value = Decimal(0) if zero else money(rng, 0.3, 9, 2) * quantity
                discount = -money(rng, 0, 1, 2) if rng.random() < 0.3 else Decimal(0)
                rows.append([household, basket, day, rng.randint(25_671, 12_949_845), quantity,
                             format(value, "f"), store, format(discount, "f"), f"{hhmm:04d}",
                             (day - 1) // 7 + 1, "0.0", "0.0"])
                when = origin + dt.timedelta(days=day)
                lines.append(Line(household, basket, when, quantity, value))
    write_csv(os.path.join(folder, "transaction_data.csv"),
              ["household_key", "BASKET_ID", "DAY", "PRODUCT_ID", "QUANTITY", "SALES_VALUE",
               "STORE_ID", "RETAIL_DISC", "TRANS_TIME", "WEEK_NO", "COUPON_DISC",
               "COUPON_MATCH_DISC"], rows)
    write_script(folder, __doc_of(day_numbers),
                 'load "transaction_data.csv" dateformat="days since 2019-12-31"\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def ta_feng():
    """The Ta Feng grocery log: TRANSACTION_DT (month-first, 11/1/2000), CUSTOMER_ID, AGE_GROUP,
    PIN_CODE, PRODUCT_SUBCLASS, PRODUCT_ID, AMOUNT (the number of items), ASSET (the cost) and
    SALES_PRICE (the line's money). By name AMOUNT would be the money: rfm says it looks like a
    count, and the script names the two columns. No invoice: a customer's day is a basket."""
    rng = random.Random(13_018)
    folder = fresh("ta_feng")
    start = dt.datetime(2000, 11, 1)
    lines, rows = [], []
    for i in range(800):
        customer = rng.randint(1_069, 2_140_000) if rng.random() < 0.2 else rng.randint(1_000_000, 1_000_080)
        when = start + dt.timedelta(days=rng.randrange(120)) if i else dt.datetime(2001, 2, 28)
        for _ in range(rng.randint(1, 4)):
            count = rng.choice([1, 1, 1, 2, 2, 3, 4, 6])
            unit = Decimal(rng.choice([15, 29, 35, 39, 49, 59, 89, 99, 119, 129, 249]))
            sales = unit * count
            rows.append([f"{when.month}/{when.day}/{when.year}", customer,
                         rng.choice(["<25", "25-29", "30-34", "35-39", "40-44", ">65"]),
                         rng.choice(["105", "106", "110", "114", "115", "221", "E", "F"]),
                         rng.randint(100_101, 130_315), rng.randint(20_000_000_000, 9_789_999_999_999),
                         count, int(sales * Decimal("0.8")), sales])
            lines.append(Line(customer, None, when, count, sales))
    write_csv(os.path.join(folder, "ta_feng_all_months_merged.csv"),
              ["TRANSACTION_DT", "CUSTOMER_ID", "AGE_GROUP", "PIN_CODE", "PRODUCT_SUBCLASS",
               "PRODUCT_ID", "AMOUNT", "ASSET", "SALES_PRICE"], rows)
    write_script(folder, __doc_of(ta_feng),
                 'load "ta_feng_all_months_merged.csv" quantity=AMOUNT amount=SALES_PRICE\nrfm')
    write_expected(folder, rfm(lines, False, True, True))


def events():
    """The event log of a multi-category web shop (REES46, as on Kaggle): event_time in UTC
    (2019-10-01 00:00:00 UTC), event_type (view, cart, remove_from_cart, purchase), product_id,
    category_id, category_code, brand, price, user_id, user_session. Only purchase events are
    purchases: a view's price is no spend. No invoice column: a customer's day is a basket."""
    rng = random.Random(13_019)
    folder = fresh("events")
    start = dt.datetime(2019, 10, 1)
    codes = ["electronics.smartphone", "appliances.kitchen.washer", "computers.notebook", "",
             "apparel.shoes", "furniture.living_room.sofa"]
    brands = ["samsung", "apple", "xiaomi", "huawei", "", "lucente", "aqua"]
    lines, rows = [], []
    for i in range(1500):
        user = rng.randint(512_386_086, 512_386_160)
        when = start + dt.timedelta(seconds=rng.randrange(61 * 86400)) if i else dt.datetime(2019, 11, 30, 23, 59, 59)
        kind = "purchase" if i == 0 else rng.choices(
            ["view", "cart", "remove_from_cart", "purchase"], [80, 10, 4, 6])[0]
        price = money(rng, 0.77, 2574.07, 2)
        rows.append([when.strftime("%Y-%m-%d %H:%M:%S") + " UTC", kind,
                     rng.randint(1_000_000, 100_000_000), rng.randint(2_053_013_552_226_107_603, 2_175_419_595_093_967_522),
                     rng.choice(codes), rng.choice(brands), format(price, "f"), user,
                     "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(16), rng.getrandbits(48))])
        lines.append(Line(user, None, when, None, price, status_cancelled=kind != "purchase"))
    write_csv(os.path.join(folder, "2019-Oct-Nov.csv"),
              ["event_time", "event_type", "product_id", "category_id", "category_code", "brand",
               "price", "user_id", "user_session"], rows)
    write_script(folder, __doc_of(events), 'load "2019-Oct-Nov.csv"\nrfm')
    write_expected(folder, rfm(lines, False, True, False))


def sales_sample():
    """Kaggle's sales_data_sample (a model-car wholesaler): headers in capitals run together
    (ORDERNUMBER, QUANTITYORDERED, PRICEEACH, ORDERLINENUMBER, CUSTOMERNAME), month-first
    dates with a midnight time (2/24/2003 0:00), a STATUS of Shipped, Resolved, On Hold, In
    Process, Disputed or Cancelled, written in Latin-1. PRICEEACH is capped at 100, so SALES,
    not QUANTITYORDERED x PRICEEACH, is the line's money; the customer is the CUSTOMERNAME (the
    file has no id): the script names both."""
    rng = random.Random(13_020)
    folder = fresh("sales_sample")
    start = dt.datetime(2003, 1, 6)
    customers = [
        ("Land of Toys Inc.", "NYC", "USA"), ("Reims Collectables", "Reims", "France"),
        ("Australian Collectors, Co.", "Melbourne", "Australia"),
        ("Scandinavian Gift Ideas", "Bräcke", "Sweden"), ("Toys4GrownUps.com", "Pasadena", "USA"),
        ("Corporate Gift Ideas Co.", "San Francisco", "USA"), ("Herkku Gifts", "Bergen", "Norway"),
        ("Auto Canal Petit", "Paris", "France"), ("Euro Shopping Channel", "Madrid", "Spain"),
        ("Mini Gifts Distributors Ltd.", "San Rafael", "USA"),
        ("Salzburg Collectables", "Salzburg", "Austria"), ("Öresund Modelle", "Malmö", "Sweden"),
    ]
    products = [("Motorcycles", "S10_1678", 95), ("Classic Cars", "S10_1949", 214),
                ("Vintage Cars", "S18_1749", 170), ("Trucks and Buses", "S12_1666", 136),
                ("Planes", "S18_1662", 157), ("Ships", "S18_3029", 86), ("Trains", "S32_3207", 62)]
    lines, rows = [], []
    for o in range(240):
        name, city, country = rng.choice(customers)
        when = start + dt.timedelta(days=rng.randrange(880)) if o else dt.datetime(2005, 5, 31)
        state = "Shipped" if o == 0 else rng.choices(
            ["Shipped", "Resolved", "On Hold", "In Process", "Disputed", "Cancelled"],
            [85, 3, 3, 3, 2, 4])[0]
        number = 10100 + o
        for line_number in range(1, rng.randint(1, 5) + 1):
            line, code, msrp = rng.choice(products)
            quantity = rng.randint(6, 66)
            unit = money(rng, msrp * 0.6, msrp * 1.2, 2)
            sales = quantity * unit
            rows.append([number, quantity, format(min(unit, Decimal(100)), "f"), line_number,
                         format(sales, "f"), f"{when.month}/{when.day}/{when.year} 0:00", state,
                         (when.month - 1) // 3 + 1, when.month, when.year, line, msrp, code, name,
                         "2125557818", "897 Long Airport Avenue", "", city, "", "10022", country,
                         "NA" if country == "USA" else "EMEA", "Yu", "Kwai",
                         "Small" if sales < 3000 else "Medium" if sales < 7000 else "Large"])
            lines.append(Line(name, number, when, quantity, sales,
                              status_cancelled=state == "Cancelled"))
    path = os.path.join(folder, "sales_data_sample.csv")
    with open(path, "w", newline="", encoding="latin-1") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ORDERNUMBER", "QUANTITYORDERED", "PRICEEACH", "ORDERLINENUMBER", "SALES",
                    "ORDERDATE", "STATUS", "QTR_ID", "MONTH_ID", "YEAR_ID", "PRODUCTLINE", "MSRP",
                    "PRODUCTCODE", "CUSTOMERNAME", "PHONE", "ADDRESSLINE1", "ADDRESSLINE2", "CITY",
                    "STATE", "POSTALCODE", "COUNTRY", "TERRITORY", "CONTACTLASTNAME",
                    "CONTACTFIRSTNAME", "DEALSIZE"])
        w.writerows(rows)
    write_script(folder, __doc_of(sales_sample),
                 'load "sales_data_sample.csv" customer=CUSTOMERNAME amount=SALES\nrfm')
    write_expected(folder, rfm(lines, True, True, True))


def __doc_of(f):
    return f.__name__ + ": " + " ".join(f.__doc__.split())


SHAPES = [superstore, semicolon_comma, dd_mon_yy, no_money, olist, cdnow, currency, epoch,
          iso_offset, status, german, french, shopify, ebay, day_numbers, ta_feng, events,
          sales_sample, xlsx, uci]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", default=None)
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    for shape in SHAPES:
        if args.only and shape.__name__ not in args.only:
            continue
        shape()
        print(f"make_log_shapes: {shape.__name__}", file=sys.stderr)


if __name__ == "__main__":
    main()
