package import SegCore

/// The RFM aggregation as SQL, from the columns that play each role in a table or query.
///
/// The rules are those of `docs/rfm.md`, written once here for every dialect: rows without a
/// customer id or a date, rows on or after asof and rows with a missing quantity or value are
/// left out; a line is a purchase (not cancelled under the rule `load` decided, value > 0,
/// quantity > 0), a return (a cancelled invoice, or quantity < 0; without a quantity, value < 0)
/// or neither;
/// frequency counts distinct invoices with a purchase line, purchase lines without an invoice
/// number counting as one more (without an invoice column: distinct purchase days). `exportSelect` adds the derived features, the min-rank quintile
/// scores and the segment map, so that one statement gives seg's customer table.
package struct RFMQuery: Sendable, Equatable {
  /// Where the rows are: a table name, or a query the user wrote.
  package enum Source: Sendable, Equatable {
    case table(String)
    case query(String)
  }

  package var source: Source
  package var customer: String
  package var date: String
  package var invoice: String?
  /// Whether the invoice column holds text (only text invoices can be cancellations).
  package var invoiceIsText: Bool
  package var quantity: String?
  /// Whether the quantity column holds integers (items is then an integer sum).
  package var quantityIsInteger: Bool
  /// The price column, when lines have quantity and price; else ``amount`` is used.
  package var price: String?
  package var amount: String?
  package var product: String?
  /// The column of the affinity groups: the category, else the product.
  package var group: String?
  /// Whether customer ids are integers (kept as integers in the exported table).
  package var customerIsInteger: Bool
  /// Which lines are cancellations, as `load` decided it from the data (docs/rfm.md,
  /// "Cancellations"); `nil`: none.
  package var cancellation: CancellationDecision? = nil

  package init(
    source: Source, customer: String, date: String, invoice: String?, invoiceIsText: Bool,
    quantity: String?, quantityIsInteger: Bool, price: String?, amount: String?,
    product: String?, group: String?, customerIsInteger: Bool
  ) {
    self.source = source
    self.customer = customer
    self.date = date
    self.invoice = invoice
    self.invoiceIsText = invoiceIsText
    self.quantity = quantity
    self.quantityIsInteger = quantityIsInteger
    self.price = price
    self.amount = amount
    self.product = product
    self.group = group
    self.customerIsInteger = customerIsInteger
  }

  /// The FROM item for the rows.
  package func relation(_ d: SQLDialect) -> String {
    switch source {
    case .table(let name): d.tableName(name)
    case .query(let text): "(\(text)) AS seg_source"
    }
  }

  func column(_ d: SQLDialect, _ name: String) -> String { d.quote(name) }

  /// The line value as a double: quantity × price, else the amount.
  func value(_ d: SQLDialect) -> String {
    if let price, let quantity {
      return d.cast(column(d, quantity), d.double) + " * " + d.cast(column(d, price), d.double)
    }
    return d.cast(column(d, amount ?? price ?? ""), d.double)
  }

  /// The condition for a row that reaches the per-customer sums (customer, date, before asof,
  /// no missing quantity or value).
  func kept(_ d: SQLDialect, asOf: Int64?) -> String {
    var parts = [
      "\(column(d, customer)) IS NOT NULL", "\(column(d, date)) IS NOT NULL",
    ]
    if let asOf { parts.append("\(column(d, date)) < \(d.timestamp(asOf))") }
    if let quantity { parts.append("\(column(d, quantity)) IS NOT NULL") }
    if let price, quantity != nil { parts.append("\(column(d, price)) IS NOT NULL") } else {
      parts.append("\(column(d, amount ?? price ?? "")) IS NOT NULL")
    }
    return parts.joined(separator: "\n    AND ")
  }

  /// The condition for a cancelled line under ``cancellation``: the invoice starts with the
  /// prefix (and is longer), or the status column holds one of the values seg found to mean
  /// cancelled (a numeric or boolean flag: not 0 / false), or the event column one that is not
  /// among the purchase values seg found. A missing value is no cancellation
  /// (NULL must not leak into NOT).
  func cancelledCondition(_ d: SQLDialect) -> String {
    switch cancellation?.rule {
    case .prefix(let prefix)?:
      guard let invoice, invoiceIsText else { return "1 = 0" }
      let text = d.cast(column(d, invoice), d.text)
      return "COALESCE(SUBSTR(\(text), 1, \(prefix.count)) = \(d.literal(prefix))"
        + " AND LENGTH(\(text)) > \(prefix.count), 1 = 0)"
    case .events(let name)?:
      // Every value but the purchases is set aside; a missing event is no event to set aside.
      let text = d.cast(column(d, name), d.text)
      let purchases = cancellation?.statusValues ?? []
      guard !purchases.isEmpty else { return "1 = 0" }
      return "COALESCE(NOT (\(text) IN (\(purchases.map(d.literal).joined(separator: ", ")))), 1 = 0)"
    case .status(let name)?:
      let text = d.cast(column(d, name), d.text)
      if let values = cancellation?.statusValues {
        guard !values.isEmpty else { return "1 = 0" }
        return "COALESCE(\(text) IN (\(values.map(d.literal).joined(separator: ", "))), 1 = 0)"
      }
      return "COALESCE(LOWER(\(text)) NOT IN ('0', 'false', 'f'), 1 = 0)"
    case .none?, nil:
      return "1 = 0"
    }
  }

  /// Whether a cancelled line's value counts as returned (a prefix rule) or the line is set
  /// aside (a status rule: the line is the undone order itself).
  var cancellationIsReturn: Bool {
    switch cancellation?.rule {
    case .status?, .events?: return false
    case .prefix?, .none?, nil: return true
    }
  }

  /// `seg_lines`: the kept rows with their kind (1 purchase, 2 return, 0 neither), value, day
  /// (when `dayColumn`), quantity, invoice, product and group.
  func linesCTE(_ d: SQLDialect, asOf: Int64?, dayColumn: Bool) -> String {
    let cancelled = cancelledCondition(d)
    let q = quantity.map { d.cast(column(d, $0), d.double) }
    let v = value(d)
    let purchase = "NOT (\(cancelled)) AND \(v) > 0" + (q.map { " AND \($0) > 0" } ?? "")
    let returned =
      (cancellationIsReturn ? "\(cancelled) OR " : "") + (q.map { "\($0) < 0" } ?? "\(v) < 0")
    var select = [
      "\(column(d, customer)) AS customer",
      "\(column(d, date)) AS ts",
      "\(v) AS value",
      "CASE WHEN \(purchase) THEN 1 WHEN \(returned) THEN 2 ELSE 0 END AS kind",
    ]
    // Without an invoice column a purchase is a customer's day, so the day is needed.
    if dayColumn || invoice == nil { select.append("\(d.day(column(d, date))) AS day") }
    if let quantity { select.append("\(column(d, quantity)) AS quantity") }
    if let invoice { select.append("\(column(d, invoice)) AS invoice") }
    if let product { select.append("\(column(d, product)) AS product") }
    if let group { select.append("\(d.cast(column(d, group), d.text)) AS grp") }
    // PostgreSQL inlines a CTE, so every reference to `value` and `kind` recomputed the numeric
    // casts per row: MATERIALIZED computes them once, and halved the query at 10M rows.
    let materialized = d == .postgres ? " MATERIALIZED" : ""
    return """
      seg_lines AS\(materialized) (
        SELECT
          \(select.joined(separator: ",\n    "))
        FROM \(relation(d))
        WHERE \(kept(d, asOf: asOf))
      )
      """
  }

  /// The per-customer sums over `seg_lines` (with a `slot` column when `groups` > 0).
  func sums(_ d: SQLDialect, groups: Int, epochSeconds: Bool) -> [String] {
    var s: [String] = []
    if epochSeconds {
      s.append("\(d.cast("customer", d.text)) AS customer")
      s.append(
        "CAST(FLOOR(EXTRACT(EPOCH FROM MIN(CASE WHEN kind = 1 THEN ts END))) AS bigint) AS first_purchase")
      s.append(
        "CAST(FLOOR(EXTRACT(EPOCH FROM MAX(CASE WHEN kind = 1 THEN ts END))) AS bigint) AS last_purchase")
    } else {
      s.append("customer")
      s.append("MIN(CASE WHEN kind = 1 THEN day END) AS first_day")
      s.append("MAX(CASE WHEN kind = 1 THEN day END) AS last_day")
    }
    if invoice != nil {
      s.append(
        "COUNT(DISTINCT CASE WHEN kind = 1 THEN invoice END)"
          + " + MAX(CASE WHEN kind = 1 AND invoice IS NULL THEN 1 ELSE 0 END) AS frequency")
    } else {
      s.append("COUNT(DISTINCT CASE WHEN kind = 1 THEN day END) AS frequency")
    }
    s.append("SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END) AS purchase_lines")
    s.append("SUM(CASE WHEN kind = 2 THEN 1 ELSE 0 END) AS return_lines")
    s.append("SUM(CASE WHEN kind = 0 THEN 1 ELSE 0 END) AS other_lines")
    if quantity != nil {
      let type = quantityIsInteger ? d.bigint : d.double
      s.append(d.cast("SUM(CASE WHEN kind = 1 THEN quantity ELSE 0 END)", type) + " AS items")
    }
    if product != nil {
      s.append("COUNT(DISTINCT CASE WHEN kind = 1 THEN product END) AS distinct_products")
    }
    s.append("SUM(CASE WHEN kind = 1 THEN value ELSE 0 END) AS gross")
    s.append("SUM(CASE WHEN kind = 2 THEN ABS(value) ELSE 0 END) AS returned")
    for k in 0..<groups {
      s.append("SUM(CASE WHEN kind = 1 AND slot = \(k + 1) THEN value ELSE 0 END) AS spend_\(k + 1)")
    }
    return s
  }

  // MARK: - Pushed down (PostgreSQL), in steps

  /// The row count and the last transaction, in seconds since the epoch (for the default asof).
  package func countSelect() -> String {
    let d = SQLDialect.postgres
    return """
      SELECT COUNT(*) AS rows,
        CAST(FLOOR(EXTRACT(EPOCH FROM MAX(\(column(d, date))))) AS bigint) AS last_transaction
      FROM \(relation(d))
      """
  }

  /// The rows set aside before the sums: no customer, no date, on or after asof, missing values.
  package func accountingSelect(asOf: Int64) -> String {
    let d = SQLDialect.postgres
    let c = column(d, customer)
    let t = column(d, date)
    var missing = [String]()
    if let quantity { missing.append("\(column(d, quantity)) IS NULL") }
    if let price, quantity != nil { missing.append("\(column(d, price)) IS NULL") } else {
      missing.append("\(column(d, amount ?? price ?? "")) IS NULL")
    }
    return """
      SELECT
        SUM(CASE WHEN \(c) IS NULL THEN 1 ELSE 0 END) AS without_customer,
        SUM(CASE WHEN \(c) IS NOT NULL AND \(t) IS NULL THEN 1 ELSE 0 END) AS without_date,
        SUM(CASE WHEN \(c) IS NOT NULL AND \(t) >= \(d.timestamp(asOf)) THEN 1 ELSE 0 END) AS after_asof,
        SUM(CASE WHEN \(c) IS NOT NULL AND \(t) < \(d.timestamp(asOf))
          AND (\(missing.joined(separator: " OR "))) THEN 1 ELSE 0 END) AS missing_values
      FROM \(relation(d))
      """
  }

  /// The line-value checks a local log's rfm makes (docs/rfm.md, "Line values"), counted in the
  /// server over every row, for a log whose money is an amount column: invoices with several
  /// lines and those whose lines all have the same amount (an order's total written on each
  /// line); with a price column beside the amount, lines with a positive amount and price and
  /// those whose amount is a whole number below 100 and below the price (a count of items).
  /// One row: `multi_line, repeating, compared, count_like` (`NULL` where a check does not apply).
  package func lineChecksSelect(priceBesideAmount: String?) -> String? {
    guard let amount, price == nil else { return nil }
    let d = SQLDialect.postgres
    let a = column(d, amount)
    var parts: [String] = []
    if let invoice {
      let i = column(d, invoice)
      parts.append(
        """
        (SELECT COUNT(*) FROM (SELECT 1 FROM \(relation(d)) WHERE \(i) IS NOT NULL AND \(a) IS NOT NULL \
        GROUP BY \(i) HAVING COUNT(*) > 1) AS seg_multi) AS multi_line, \
        (SELECT COUNT(*) FROM (SELECT 1 FROM \(relation(d)) WHERE \(i) IS NOT NULL AND \(a) IS NOT NULL \
        GROUP BY \(i) HAVING COUNT(*) > 1 AND MIN(\(a)) = MAX(\(a))) AS seg_repeat) AS repeating
        """)
    } else {
      parts.append("NULL AS multi_line, NULL AS repeating")
    }
    if let priceBesideAmount {
      let p = column(d, priceBesideAmount)
      let both = "\(a) > 0 AND \(p) > 0"
      parts.append(
        """
        (SELECT COUNT(*) FROM \(relation(d)) WHERE \(both)) AS compared, \
        (SELECT COUNT(*) FROM \(relation(d)) WHERE \(both) AND \(a) < \(p) AND \(a) < 100 \
        AND \(a) = ROUND(\(a))) AS count_like
        """)
    } else {
      parts.append("NULL AS compared, NULL AS count_like")
    }
    guard invoice != nil || priceBesideAmount != nil else { return nil }
    return "SELECT " + parts.joined(separator: ", ")
  }

  /// For a log whose line values are quantity × price and that also has an amount column
  /// (``UnreadAmounts``): lines with a positive quantity, price and amount, those whose amount
  /// differs from quantity × price by more than rounding, and the amount, quantity and price of
  /// the line that differs most. One row: `compared, differing, without_amount, amount,
  /// quantity, price`.
  package func unreadAmountsSelect(amount unread: String) -> String? {
    guard let quantity, let price else { return nil }
    let d = SQLDialect.postgres
    let (a, q, p) = (column(d, unread), column(d, quantity), column(d, price))
    let all = "\(a) > 0 AND \(q) > 0 AND \(p) > 0"
    let gap = "ABS(\(a) - \(q) * \(p))"
    let differs = "\(all) AND \(gap) > GREATEST(0.005, \(q) * \(p) * 0.0005)"
    return """
      SELECT (SELECT COUNT(*) FROM \(relation(d)) WHERE \(all)), \
      (SELECT COUNT(*) FROM \(relation(d)) WHERE \(differs)), \
      (SELECT COUNT(*) FROM \(relation(d)) WHERE \(q) > 0 AND \(p) > 0 AND \(a) IS NULL), \
      e.a, e.q, e.p \
      FROM (SELECT 1) AS seg_one LEFT JOIN (SELECT \(a) AS a, \(q) AS q, \(p) AS p \
      FROM \(relation(d)) WHERE \(differs) ORDER BY \(gap) DESC, 1, 2, 3 LIMIT 1) AS e ON TRUE
      """
  }

  /// For ``MinorUnitAmounts``: the positive money values (quantity × price's price, else the
  /// amount), those of 100 or more, whether all are whole, and the first four currency codes of
  /// column `currency` (upper case, sorted). One row: `values, large, all_whole, codes`.
  package func minorUnitsSelect(currency: String) -> String? {
    guard let money = price ?? amount else { return nil }
    let d = SQLDialect.postgres
    let (m, c) = (column(d, money), column(d, currency))
    return """
      SELECT COUNT(*) FILTER (WHERE \(m) > 0), COUNT(*) FILTER (WHERE \(m) >= 100), \
      COALESCE(BOOL_AND(\(m) = ROUND(\(m))) FILTER (WHERE \(m) > 0), TRUE), \
      (SELECT string_agg(v, ',' ORDER BY v) FROM (SELECT DISTINCT UPPER(TRIM(CAST(\(c) AS text))) \
      COLLATE "C" AS v FROM \(relation(d)) WHERE \(c) IS NOT NULL ORDER BY 1 LIMIT 4) AS seg_codes) \
      FROM \(relation(d))
      """
  }

  /// Each group's purchase spend before asof (groups with a positive spend).
  package func groupSpendSelect(asOf: Int64) -> String {
    let d = SQLDialect.postgres
    return """
      WITH \(linesCTE(d, asOf: asOf, dayColumn: false))
      SELECT grp, SUM(value) AS spend
      FROM seg_lines
      WHERE kind = 1 AND grp IS NOT NULL
      GROUP BY grp
      """
  }

  /// The per-customer sums, one row per customer with any line before asof: what COPY brings
  /// back. `groups` are the top groups' names, in slot order.
  package func customerSumsSelect(asOf: Int64, groups: [String]) -> String {
    let d = SQLDialect.postgres
    var lines = linesCTE(d, asOf: asOf, dayColumn: false)
    var from = "seg_lines"
    if !groups.isEmpty {
      let cases = groups.enumerated().map { "WHEN \(d.literal($1)) THEN \($0 + 1)" }
      lines += """
        ,
        seg_slotted AS (
          SELECT seg_lines.*, CASE grp \(cases.joined(separator: " ")) END AS slot FROM seg_lines
        )
        """
      from = "seg_slotted"
    }
    return """
      WITH \(lines)
      SELECT
        \(sums(d, groups: groups.count, epochSeconds: true).joined(separator: ",\n  "))
      FROM \(from)
      GROUP BY customer
      """
  }

  // MARK: - One statement for any engine

  /// One SELECT giving seg's customer table: `customer, recency, frequency, monetary, tenure,
  /// avg_order_value, days_between_purchases, gross_spend, returned_value, return_rate,
  /// returns_exceed_purchases, [distinct_products], [items], affinity_1 … affinity_P, r_score, f_score, m_score, rfm_code,
  /// rfm_segment`, sorted by customer.
  ///
  /// - Parameters:
  ///   - asOf: the reference moment; `nil` computes seg's default (midnight after the last
  ///     transaction's day) in the query, so a scheduled job moves with the data.
  ///   - affinity: the number of affinity columns.
  ///   - segments: the segment of each of the 125 codes, in ``SegmentMap/allCodes`` order.
  package func exportSelect(
    _ d: SQLDialect, asOf: Int64?, affinity: Int, segments: [String]
  ) -> String {
    let groups = group == nil ? 0 : affinity
    var ctes = [linesCTE(d, asOf: asOf, dayColumn: true)]
    var from = "seg_lines"
    if groups > 0 {
      ctes.append(
        """
        seg_group_spend AS (
          SELECT grp, SUM(value) AS spend FROM seg_lines
          WHERE kind = 1 AND grp IS NOT NULL GROUP BY grp
        )
        """)
      // The top groups as one row (top_1 … top_P), crossed with the lines: a join on the
      // ranked groups instead takes SQLite minutes.
      let tops = (1...groups).map { "MAX(CASE WHEN slot = \($0) THEN grp END) AS top_\($0)" }
      let slots = (1...groups).map { "WHEN grp = top_\($0) THEN \($0)" }
      ctes.append(
        """
        seg_top AS (
          SELECT
            \(tops.joined(separator: ",\n    "))
          FROM (
            SELECT grp, ROW_NUMBER() OVER (ORDER BY spend DESC, \(d.binaryOrder("grp"))) AS slot
            FROM seg_group_spend WHERE spend > 0
          ) AS seg_ranked
        )
        """)
      ctes.append(
        """
        seg_slotted AS (
          SELECT seg_lines.*, CASE \(slots.joined(separator: " ")) END AS slot
          FROM seg_lines CROSS JOIN seg_top
        )
        """)
      from = "seg_slotted"
    }
    ctes.append(
      """
      seg_sums AS (
        SELECT
          \(sums(d, groups: groups, epochSeconds: false).joined(separator: ",\n    "))
        FROM \(from)
        GROUP BY customer
      )
      """)
    let asOfDay: String
    if let asOf {
      asOfDay = "SELECT \(d.date(asOf)) AS asof_day"
    } else {
      asOfDay = "SELECT \(d.nextDay(d.day("MAX(\(column(d, date)))"))) AS asof_day FROM \(relation(d))"
    }
    ctes.append("seg_asof AS (\n  \(asOfDay)\n)")
    var features = [
      customerIsInteger ? "\(d.cast("customer", d.bigint)) AS customer" : "customer",
      "\(d.dayDiff(from: "last_day", to: "asof_day")) AS recency",
      "\(d.cast("frequency", d.bigint)) AS frequency",
      "gross - returned AS monetary",
      "\(d.dayDiff(from: "first_day", to: "asof_day")) AS tenure",
      "gross / \(d.cast("frequency", d.double)) AS avg_order_value",
      "CASE WHEN frequency > 1 THEN \(d.cast(d.dayDiff(from: "first_day", to: "last_day"), d.double))"
        + " / \(d.cast("frequency - 1", d.double)) END AS days_between_purchases",
      "gross AS gross_spend",
      "returned AS returned_value",
      // Capped at 1, with returns beyond the purchases (up to the sums' rounding) flagged, as
      // RFM.finish does (docs/rfm.md).
      "CASE WHEN returned >= gross THEN 1.0 ELSE returned / gross END AS return_rate",
      "(returned - gross > 1e-9 * CASE WHEN ABS(gross) > 1 THEN ABS(gross) ELSE 1 END)"
        + " AS returns_exceed_purchases",
    ]
    if product != nil { features.append("\(d.cast("distinct_products", d.bigint)) AS distinct_products") }
    if quantity != nil { features.append("items") }
    for k in 0..<groups { features.append("spend_\(k + 1) / gross AS affinity_\(k + 1)") }
    ctes.append(
      """
      seg_features AS (
        SELECT
          \(features.joined(separator: ",\n    "))
        FROM seg_sums CROSS JOIN seg_asof
        WHERE purchase_lines > 0
      )
      """)
    func score(_ order: String) -> String {
      "1 + \(d.intDiv("5 * (RANK() OVER (ORDER BY \(order)) - 1)", "COUNT(*) OVER ()"))"
    }
    ctes.append(
      """
      seg_scored AS (
        SELECT seg_features.*,
          \(score("recency DESC")) AS r_score,
          \(score("frequency ASC")) AS f_score,
          \(score("monetary ASC")) AS m_score
        FROM seg_features
      )
      """)
    let code = d.concat(["r_score", "f_score", "m_score"].map { d.cast($0, d.text) })
    let whens = zip(SegmentMap.allCodes, segments).map { "WHEN \(d.literal($0)) THEN \(d.literal($1))" }
    var out = ["customer", "recency", "frequency", "monetary", "tenure", "avg_order_value",
      "days_between_purchases", "gross_spend", "returned_value", "return_rate",
      "returns_exceed_purchases"]
    if product != nil { out.append("distinct_products") }
    if quantity != nil { out.append("items") }
    for k in 0..<groups { out.append("affinity_\(k + 1)") }
    out += ["r_score", "f_score", "m_score", "\(code) AS rfm_code"]
    out.append("CASE \(code)\n    \(whens.joined(separator: "\n    "))\n  END AS rfm_segment")
    let order = customerIsInteger ? "customer" : d.binaryOrder("customer")
    return """
      WITH
      \(ctes.joined(separator: ",\n"))
      SELECT
        \(out.joined(separator: ",\n  "))
      FROM seg_scored
      ORDER BY \(order)
      """
  }
}
