#!/usr/bin/env python3
"""Writes the several-tables and no-money fixtures (issue 13) and their pandas oracles.

Data files (Tests/SegEndToEndTests/Scripts/data/, read by the golden scripts, the docs examples
and the SegCore/SegLang tests):

- olist_customers.csv, olist_orders.csv, olist_order_items.csv: an export of the Olist shape in
  three tables. Some orders have no items, an order has several items (order_id repeats in the
  items), several customer_id share one customer_unique_id (a person who ordered twice gets a
  new customer_id per order, as in the real export), a few orders are `canceled`, and some
  timestamps are empty (orders not yet approved or delivered).
- groceries_baskets.csv: a basket log without money, `Member_number, basket_id, Date,
  itemDescription`; basket_id is the invoice, so frequency counts baskets.
- groceries.csv: the Groceries shape, `Member_number, Date, itemDescription`, no invoice column
  and no money; dates DD-MM-YYYY as in the public data set.

Oracles (Tests/SegCoreTests/Fixtures/tables/), computed with pandas merge + groupby only:

- rfm_olist.csv: per customer_unique_id over items ⋈ orders ⋈ customers (inner joins), canceled
  orders left out: recency (days from the last purchase day to asof, the day after the last
  purchase), frequency (distinct orders), monetary (sum of price), tenure.
- rfm_groceries_baskets.csv: per member: recency, frequency (distinct baskets), tenure,
  distinct_products (distinct items).
- rfm_groceries.csv: per member: recency and tenure (frequency depends on how a log without an
  invoice column counts purchases, so it is not pinned here).
- join_olist_counts.csv: row counts of the joins (items, after orders, after customers, and for
  a left join of orders with items).

Run from the repository root with pandas installed; the output is deterministic.
"""
import csv
import os
import random

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Tests/SegEndToEndTests/Scripts/data")
ORACLE = os.path.join(ROOT, "Tests/SegCoreTests/Fixtures/tables")


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def olist():
    rng = random.Random(13)
    people = [f"u{n:03d}" for n in range(1, 41)]
    states = [("sao paulo", "SP"), ("rio de janeiro", "RJ"), ("curitiba", "PR"), ("belo horizonte", "MG")]
    customers, orders, items = [], [], []
    order_no = 0
    customer_no = 0
    for person in people:
        city, state = rng.choice(states)
        zip_code = f"{rng.randint(1000, 99999):05d}"
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            customer_no += 1
            customer_id = f"c{customer_no:04d}"
            customers.append([customer_id, person, zip_code, city, state])
            order_no += 1
            order_id = f"o{order_no:04d}"
            day = rng.randint(0, 364)
            second = rng.randint(0, 86399)
            ts = pd.Timestamp("2017-01-01") + pd.Timedelta(days=day, seconds=second)
            status = "canceled" if order_no % 17 == 0 else rng.choice(["delivered"] * 6 + ["shipped"])
            approved = "" if order_no % 11 == 0 else (ts + pd.Timedelta(hours=rng.randint(1, 30))).strftime("%Y-%m-%d %H:%M:%S")
            delivered = "" if status != "delivered" else (ts + pd.Timedelta(days=rng.randint(3, 20))).strftime("%Y-%m-%d %H:%M:%S")
            orders.append([order_id, customer_id, status, ts.strftime("%Y-%m-%d %H:%M:%S"), approved, delivered])
            n_items = 0 if order_no % 9 == 0 else rng.choice([1, 1, 1, 2, 3])
            for k in range(1, n_items + 1):
                price = rng.randint(500, 30000) / 100
                freight = rng.randint(0, 4000) / 100
                limit = (ts + pd.Timedelta(days=6)).strftime("%Y-%m-%d %H:%M:%S")
                items.append([order_id, k, f"p{rng.randint(1, 25):02d}", f"s{rng.randint(1, 6)}", limit, f"{price:.2f}", f"{freight:.2f}"])
    # Items in shipping order, not order order: the join must not depend on the items' order.
    rng.shuffle(items)
    # A customer row for a customer who never ordered.
    customers.append(["c9999", "u999", "01310", "sao paulo", "SP"])
    rng.shuffle(customers)
    write(os.path.join(DATA, "olist_customers.csv"),
          ["customer_id", "customer_unique_id", "customer_zip_code_prefix", "customer_city", "customer_state"], customers)
    write(os.path.join(DATA, "olist_orders.csv"),
          ["order_id", "customer_id", "order_status", "order_purchase_timestamp", "order_approved_at",
           "order_delivered_customer_date"], orders)
    write(os.path.join(DATA, "olist_order_items.csv"),
          ["order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date", "price", "freight_value"], items)

    c = pd.read_csv(os.path.join(DATA, "olist_customers.csv"), dtype=str)
    o = pd.read_csv(os.path.join(DATA, "olist_orders.csv"), dtype=str, parse_dates=["order_purchase_timestamp"])
    i = pd.read_csv(os.path.join(DATA, "olist_order_items.csv"), dtype={"order_id": str})
    j1 = i.merge(o, on="order_id", how="inner")
    j2 = j1.merge(c, on="customer_id", how="inner")
    left = o.merge(i, on="order_id", how="left")
    write(os.path.join(ORACLE, "join_olist_counts.csv"), ["what", "rows"], [
        ["items", len(i)], ["items_join_orders", len(j1)], ["then_join_customers", len(j2)],
        ["orders_left_join_items", len(left)], ["orders_without_items", int(left["order_item_id"].isna().sum())],
    ])
    kept = j2[j2["order_status"] != "canceled"]
    asof = kept["order_purchase_timestamp"].max().normalize() + pd.Timedelta(days=1)
    g = kept.groupby("customer_unique_id")
    out = pd.DataFrame({
        "recency": (asof - g["order_purchase_timestamp"].max().dt.normalize()).dt.days,
        "frequency": g["order_id"].nunique(),
        "monetary": g["price"].sum().round(2),
        "tenure": (asof - g["order_purchase_timestamp"].min().dt.normalize()).dt.days,
    })
    out.index.name = "customer"
    out.sort_index().to_csv(os.path.join(ORACLE, "rfm_olist.csv"), lineterminator="\n")


def groceries():
    rng = random.Random(1313)
    foods = ["whole milk", "other vegetables", "rolls/buns", "soda", "yogurt", "bottled water",
             "root vegetables", "tropical fruit", "shopping bags", "sausage", "pastry", "citrus fruit"]
    rows = []
    basket = 0
    for member in range(1000, 1030):
        for _ in range(rng.randint(1, 6)):
            basket += 1
            day = pd.Timestamp("2015-01-01") + pd.Timedelta(days=rng.randint(0, 729))
            for _ in range(rng.randint(1, 4)):
                rows.append([member, basket, day, rng.choice(foods)])
    rows.sort(key=lambda r: (r[2], r[1]))
    write(os.path.join(DATA, "groceries_baskets.csv"), ["Member_number", "basket_id", "Date", "itemDescription"],
          [[m, f"b{b:04d}", d.strftime("%Y-%m-%d"), item] for m, b, d, item in rows])
    write(os.path.join(DATA, "groceries.csv"), ["Member_number", "Date", "itemDescription"],
          [[m, d.strftime("%d-%m-%Y"), item] for m, b, d, item in rows])

    df = pd.read_csv(os.path.join(DATA, "groceries_baskets.csv"), parse_dates=["Date"])
    asof = df["Date"].max() + pd.Timedelta(days=1)
    g = df.groupby("Member_number")
    out = pd.DataFrame({
        "recency": (asof - g["Date"].max()).dt.days,
        "frequency": g["basket_id"].nunique(),
        "tenure": (asof - g["Date"].min()).dt.days,
        "distinct_products": g["itemDescription"].nunique(),
    })
    out.index.name = "customer"
    out.sort_index().to_csv(os.path.join(ORACLE, "rfm_groceries_baskets.csv"), lineterminator="\n")

    df = pd.read_csv(os.path.join(DATA, "groceries.csv"))
    df["Date"] = pd.to_datetime(df["Date"], format="%d-%m-%Y")
    asof = df["Date"].max() + pd.Timedelta(days=1)
    g = df.groupby("Member_number")
    out = pd.DataFrame({
        "recency": (asof - g["Date"].max()).dt.days,
        "tenure": (asof - g["Date"].min()).dt.days,
    })
    out.index.name = "customer"
    out.sort_index().to_csv(os.path.join(ORACLE, "rfm_groceries.csv"), lineterminator="\n")


if __name__ == "__main__":
    os.makedirs(ORACLE, exist_ok=True)
    olist()
    groceries()
