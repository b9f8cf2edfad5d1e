/// Recency, frequency and monetary value per customer, with engineered features, quintile
/// scores and named segments. The definitions, and the reasons for them, are in `docs/rfm.md`.
///
/// ```
/// let loaded = try TableLoader.load(path: "online_retail.csv.gz")
/// let rfm = try RFM.compute(loaded.table, roles: loaded.roles,
///                           options: RFMOptions(asOf: CivilCalendar.parseISO("2011-12-10")))
/// rfm.table.rowCount        // 4338
/// print(rfm.report.summaryText)
/// ```
public enum RFM {
  /// The columns of the RFM table before the affinity columns, in order.
  public static let leadingColumns = [
    "customer", "recency", "frequency", "monetary", "tenure", "avg_order_value",
    "days_between_purchases", "gross_spend", "returned_value", "return_rate",
    "returns_exceed_purchases", "distinct_products", "items",
  ]
  /// The columns after the affinity columns, in order.
  public static let trailingColumns = ["r_score", "f_score", "m_score", "rfm_code", "rfm_segment"]

  /// Computes the RFM table of a transaction log.
  ///
  /// One row per customer with a purchase line before asof, sorted by customer id (numerically
  /// for integer ids, by text otherwise). Columns: `customer`, `recency`, `frequency`,
  /// `monetary`, `tenure`, `avg_order_value`, `days_between_purchases` (NaN for one purchase),
  /// `gross_spend`, `returned_value`, `return_rate` (returned / gross, capped at 1),
  /// `returns_exceed_purchases` (whether returned > gross), `distinct_products` and `items` (left out
  /// when the log has no product or quantity column), `affinity_1` … `affinity_P`, `r_score`,
  /// `f_score`, `m_score`, `rfm_code` (`"545"`) and `rfm_segment`.
  ///
  /// - Parameters:
  ///   - table: A transaction log, one row per invoice line (or per order).
  ///   - roles: Which columns are customer, invoice, date, quantity, price, amount, product and
  ///     category (as ``TableLoader`` found them, or ``ColumnRoles/detect(in:explicit:)``).
  ///   - options: asof, the number of affinity groups and the segment map.
  /// - Throws: ``RFMError`` when a role column is missing or has the wrong type, or no customer
  ///   bought anything before asof.
  /// - Complexity: O(rows) in parallel over customer partitions, plus O(c log c) for c customers.
  public static func compute(_ table: Table, roles: ColumnRoles, options: RFMOptions = .default)
    throws(RFMError) -> RFMResult
  {
    try checkAffinity(options)
    let inputs = try RFMInputs(table: table, roles: roles)
    var notes: [Remark] = []

    // The reference moment.
    var last = Int64.min
    if options.asOf == nil {
      last = inputs.dates.reduce(Int64.min) { max($0, $1) }
      guard last != Int64.min else {
        throw RFMError(
          code: .noPurchases,
          column: roles[.date],
          message: "the date column has no dates",
          hint: "check the date column, or name another with \(setting: .role(.date), "COLUMN")"
        )
      }
    }
    let (asOf, asOfSource) = try referenceMoment(options, lastTransaction: last)

    // Affinity groups: the top groups by purchase spend, ties by name.
    let (groupSlots, groupNames) = affinitySlots(inputs, asOf: asOf, wanted: options.affinityGroups)
    if options.affinityGroups > 0 && inputs.group == nil { notes.append(noAffinityNote) }

    // Per-customer sums, partitioned by customer.
    let partitions = Parallel.activeCores
    let groupCount = groupNames.count
    let parts = Parallel.map(partitions) { part in
      var p = RFMPartition(part: part, count: partitions, groups: groupCount)
      p.consume(inputs, asOf: asOf, groupSlots: groupSlots)
      p.sealDistinctProducts()
      return p
    }
    return try finish(
      parts: parts, shape: RFMShape(inputs), asOf: asOf, asOfSource: asOfSource,
      groupNames: groupNames, options: options, notes: notes)
  }

  /// Ids that exports write for customers they do not know (WooCommerce's `0` for a guest).
  static let placeholderIDs: Set<String> = [
    "0", "-1", "guest", "guests", "unknown", "anonymous", "anon", "none", "walk-in", "walkin",
    "walk in", "cash", "cash customer", "gast", "unbekannt", "invité", "invite", "inconnu",
    "invitado", "anónimo", "anonimo", "desconocido", "ospite", "sconosciuto", "convidado",
    "desconhecido", "onbekend",
  ]

  /// The note on a customer whose id is a placeholder (``placeholderIDs``) with at least three
  /// times the purchase lines of the mean customer: the guests of a shop, counted as one
  /// customer (who then looks like the best).
  static func placeholderNote(kept: [Int], parts: [RFMPartition], ids: RFMInputs.CustomerIDs)
    -> Remark?
  {
    typealias P = RFMPartition
    let partitions = parts.count
    func lines(_ c: Int) -> Int64 {
      parts[c % partitions].ints[c / partitions * P.intFields + P.purchaseLines]
    }
    var total: Int64 = 0
    var placeholder: (customer: Int, id: String)? = nil
    for c in kept {
      total &+= lines(c)
      let id: String
      switch ids {
      case .ints(let v): id = String(v[c])
      case .names(let v): id = v[c]
      }
      if placeholder == nil && placeholderIDs.contains(id.trimmingSpaces.lowercased()) {
        placeholder = (c, id)
      }
    }
    guard let placeholder, kept.count >= 2 else { return nil }
    let own = lines(placeholder.customer)
    // Three times the mean of the other customers.
    let others = Double(total - own) / Double(kept.count - 1)
    guard Double(own) >= 3 * others else { return nil }
    let times = others > 0 ? Int((Double(own) / others).rounded(.down)) : 0
    return
      "customer \(placeholder.id) has \(ReportFormatting.thousands(Int(own))) purchase lines\(times > 0 ? ", \(times) times the other customers' mean" : ""): an id such as 0, -1 or guest often stands for every customer the shop does not know (WooCommerce writes 0 for guests), whom rfm counts as one customer; if so, leave those rows out before rfm"
  }

  /// The RFM table from the per-customer sums: customers with a purchase line sorted by id, the
  /// derived features, scores, codes and segments.
  static func finish(
    parts: [RFMPartition],
    shape inputs: RFMShape,
    asOf: Int64,
    asOfSource: RFMReport.AsOfSource,
    groupNames: [String],
    options: RFMOptions,
    notes: [Remark]
  ) throws(RFMError) -> RFMResult {
    var notes = notes
    var parts = parts
    if let row = parts.compactMap(\.overflowRow).min() {
      throw RFMError(
        code: .overflow,
        message: "a customer's item count overflows 64 bits (a quantity near row \(row + 1) of the table is too large)",
        hint: "check the quantity column for values such as 9223372036854775807; filter them out first")
    }
    if let row = parts.compactMap(\.moneyOverflowRow).min() {
      throw RFMError(
        code: .nonFiniteMoney,
        message: "money does not fit the exact sums: a price, amount or quantity × price near row \(row + 1) of the table, or a customer's total, is beyond ±112,589,990,684 (prices and amounts) or ±922,337,203,685,477 (line values and totals)",
        hint: "check the price, amount and quantity columns for huge values such as 1e308; filter them out first")
    }
    let inexact = parts.reduce(0) { $0 + $1.inexactMoney }
    if inexact > 0, let row = parts.compactMap(\.firstInexactRow).min() {
      let lines = ReportFormatting.thousands(inexact)
      // How much that moves the money, so that the reader can judge (H&M's prices, scaled
      // below 1 with 16 decimals, move by about 0.1%).
      let rounding = parts.reduce(0.0) { $0 + $1.inexactRounding }
      let worth = parts.reduce(0.0) { $0 + $1.inexactValue }
      let share = worth > 0 ? rounding / worth * 100 : 0
      notes.append(
        "\(lines) line value\(inexact == 1 ? " has" : "s have") more than 4 decimals (first at row \(row + 1) of the table): rounded to the nearest 0.0001 before summing, which changes \(inexact == 1 ? "it" : "them") by \(ReportFormatting.fixed(rounding, digits: 4)) in all, \(ReportFormatting.fixed(share, digits: 3))% of the \(ReportFormatting.fixed(worth, digits: 4)) \(inexact == 1 ? "it is" : "they are") worth")
    }
    if inputs.filledCustomers > 0 || inputs.filledStatuses > 0 {
      func rows(_ n: Int) -> String { ReportFormatting.thousands(n) + " row" + (n == 1 ? "" : "s") }
      var parts: [String] = []
      if inputs.filledCustomers > 0 {
        parts.append("\(rows(inputs.filledCustomers)) without a customer id took the customer")
      }
      if inputs.filledStatuses > 0, let status = inputs.statusColumn {
        parts.append("\(rows(inputs.filledStatuses)) without a \(status) took the status")
      }
      notes.append(
        "\(parts.joined(separator: " and ")) of earlier rows of the same invoice (an export that writes an order's fields on its first line only)"
      )
    }
    if inputs.repeatedAmounts.looksLikeOrderTotals, let column = inputs.amountColumn {
      let r = inputs.repeatedAmounts
      notes.append(
        "\(column) is the same on every line of \(ReportFormatting.thousands(r.repeating)) of the \(ReportFormatting.thousands(r.multiLine)) invoices with several lines: it looks like the order's total written on each line, which rfm adds once per line; name the line's own value when loading (\(setting: .role(.price), "COLUMN") \(setting: .role(.quantity), "COLUMN"), or \(setting: .role(.amount), "COLUMN"))"
      )
    }
    if inputs.scalingPrices.looksLikeLineTotals, let column = inputs.priceColumn {
      let r = inputs.scalingPrices
      notes.append(
        "\(column) grows with the quantity: for \(ReportFormatting.thousands(r.scaling)) of the \(ReportFormatting.thousands(r.compared)) \(r.byCategory ? "categories" : "products") sold in different quantities, the price per unit stays the same; it looks like the line's total, which rfm multiplies by the quantity again; if so, name it as the line value when loading (\(setting: .role(.amount), "COLUMN"))"
      )
    }
    if inputs.countLikeAmounts.looksLikeCounts {
      let r = inputs.countLikeAmounts
      let (amount, price) = r.columns
      notes.append(
        "\(amount) is a whole number below \(price) on \(ReportFormatting.thousands(r.countLike)) of the \(ReportFormatting.thousands(r.compared)) lines with both: it looks like a count of items, not the line's money, which rfm takes it for; if so, name the columns when loading (\(setting: .role(.quantity), amount) \(setting: .role(.amount), price) when \(price) is the line's total, \(setting: .role(.price), price) when it is per item)"
      )
    }
    if inputs.unreadAmounts.differs, let e = inputs.unreadAmounts.example {
      let r = inputs.unreadAmounts
      let (amount, quantity, price) = r.columns
      // To the 0.0001 of the exact sums, without a trailing `.0`.
      func plain(_ v: Double) -> String {
        let r = (v * Money.scaleDouble).rounded() / Money.scaleDouble
        return r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : "\(r)"
      }
      notes.append(
        "\(amount) differs from \(quantity) × \(price) on \(ReportFormatting.thousands(r.differing)) of the \(ReportFormatting.thousands(r.compared)) lines with all three (widest gap: \(plain(e.amount)) beside \(plain(e.quantity)) × \(plain(e.price)) = \(plain(e.quantity * e.price))): rfm takes \(quantity) × \(price) as the line's value; if \(amount) is the line's value (a capped or rounded price, a discount or tax), name it when loading (\(setting: .role(.amount), amount))"
      )
    }
    if inputs.minorUnits.looksLikeMinorUnits {
      let (money, currency) = inputs.minorUnits.columns
      let codes = inputs.minorUnits.currencies.joined(separator: ", ")
      notes.append(
        "\(money) holds whole numbers only, half of them or more 100 or more, beside \(currency) (\(codes)): if they are cents, as payment APIs write amounts (1299 for 12.99), monetary and the other money columns are in cents too; the scores and segments are the same either way"
      )
    }
    for k in parts.indices { parts[k].sealDistinctProducts() }
    let partitions = parts.count
    let groups = groupNames.count
    // Customers with a purchase line, sorted by id.
    typealias P = RFMPartition
    let customers = inputs.customerCount
    var kept: [Int] = []
    var withoutPurchases = 0
    var onlyReturns = 0
    for c in 0..<customers {
      let ints = parts[c % partitions].ints
      let ci = c / partitions * P.intFields
      let returns = ints[ci + P.returnLines]
      if ints[ci + P.purchaseLines] > 0 {
        kept.append(c)
      } else if returns > 0 || ints[ci + P.otherLines] > 0 {
        withoutPurchases += 1
        if returns > 0 { onlyReturns += 1 }
      }
    }
    guard !kept.isEmpty else {
      throw RFMError(
        code: .noPurchases,
        message: "no customer has a purchase line before asof",
        hint: "check \(setting: .asOf) and the quantity, price and invoice columns"
      )
    }
    if let note = placeholderNote(kept: kept, parts: parts, ids: inputs.customerIDs) {
      notes.append(note)
    }
    let customerColumn: Column
    switch inputs.customerIDs {
    case .ints(let ids):
      kept.sort { ids[$0] < ids[$1] }
      customerColumn = Column(name: "customer", data: .integer(kept.map { ids[$0] }))
    case .names(let names):
      kept.sort { names[$0] < names[$1] }
      customerColumn = Column(
        name: "customer",
        data: .category(
          codes: (0..<UInt32(kept.count)).map { $0 },
          dictionary: kept.map { names[$0] }
        )
      )
    }

    let asOfDay = CivilCalendar.day(ofSeconds: asOf)
    let n = kept.count
    var recency = [Int64](repeating: 0, count: n)
    var frequency = [Int64](repeating: 0, count: n)
    var monetary = [Double](repeating: 0, count: n)
    var tenure = [Int64](repeating: 0, count: n)
    var averageOrder = [Double](repeating: 0, count: n)
    var between = [Double](repeating: 0, count: n)
    var gross = [Double](repeating: 0, count: n)
    var returned = [Double](repeating: 0, count: n)
    var returnRate = [Double](repeating: 0, count: n)
    var returnsExceed = [Bool?](repeating: false, count: n)
    var products = [Int64](repeating: 0, count: n)
    var itemsInteger = [Int64](repeating: 0, count: n)
    var itemsDecimal = [Double](repeating: 0, count: n)
    var affinity = [[Double]](repeating: [Double](repeating: 0, count: n), count: groups)
    for (row, c) in kept.enumerated() {
      let p = parts[c % partitions]
      let ci = c / partitions * P.intFields
      let cm = c / partitions * p.moneyFields
      let firstDay = CivilCalendar.day(ofSeconds: p.ints[ci + P.firstPurchase])
      let lastDay = CivilCalendar.day(ofSeconds: p.ints[ci + P.lastPurchase])
      let f = p.ints[ci + P.frequency]
      // Exact sums in Money units (both at least 0, so the difference fits).
      let g = p.money[cm + P.gross]
      let r = p.money[cm + P.returned]
      recency[row] = asOfDay - lastDay
      tenure[row] = asOfDay - firstDay
      frequency[row] = f
      gross[row] = Money.double(g)
      returned[row] = Money.double(r)
      monetary[row] = Money.double(g - r)
      averageOrder[row] = Double(g) / (Double(f) * Money.scaleDouble)
      between[row] = f > 1 ? Double(lastDay - firstDay) / Double(f - 1) : .nan
      // Returns of goods bought before the log starts can exceed the purchases in it: the rate
      // is capped at 1 and such customers are flagged (docs/rfm.md). The sums are exact, so
      // returns equal to the purchases are never flagged.
      returnRate[row] = r >= g ? 1 : Money.ratio(r, g)
      returnsExceed[row] = r > g
      products[row] = p.ints[ci + P.products]
      itemsInteger[row] = p.ints[ci + P.itemsInteger]
      itemsDecimal[row] = p.doubles[c / partitions]
      for k in 0..<groups { affinity[k][row] = Money.ratio(p.money[cm + P.fixedMoneyFields + k], g) }
    }

    // Scores, codes and segments: R, F and M on the R × FM grid, or without money R and F on
    // the R × F grid.
    let hasMoney = inputs.hasMoney
    guard hasMoney || options.segmentMap == .standard else {
      throw RFMError(
        code: .invalidOption,
        message: "a segment map gives segments for R, F and M codes, and this log has no money: its segments come from the R × F grid",
        hint: "leave \(setting: .segmentMap) out, or name the money column with \(setting: .role(.amount), "COLUMN") (or \(setting: .role(.quantity)) and \(setting: .role(.price)))")
    }
    let r = RFMScoring.quintileScores(recency.map(Double.init), higherIsBetter: false)
    let fs = RFMScoring.quintileScores(frequency.map(Double.init), higherIsBetter: true)
    let m = hasMoney ? RFMScoring.quintileScores(monetary, higherIsBetter: true) : []
    let segmentNames =
      hasMoney ? options.segmentMap.segmentNames : SegmentMap.recencyFrequencyNames
    let segmentCode = Dictionary(
      uniqueKeysWithValues: segmentNames.enumerated().map { ($1, UInt32($0)) }
    )
    var codeColumn = [UInt32](repeating: 0, count: n)
    var segmentColumn = [UInt32](repeating: 0, count: n)
    for i in 0..<n {
      if hasMoney {
        let index = SegmentMap.index(r: r[i], f: fs[i], m: m[i])
        codeColumn[i] = UInt32(index)
        segmentColumn[i] = segmentCode[options.segmentMap.segments[index]] ?? 0
      } else {
        let index = SegmentMap.recencyFrequencyIndex(r: r[i], f: fs[i])
        codeColumn[i] = UInt32(index)
        segmentColumn[i] = segmentCode[SegmentMap.recencyFrequency[index]] ?? 0
      }
    }

    var columns = [
      customerColumn,
      Column(name: "recency", data: .integer(recency)),
      Column(name: "frequency", data: .integer(frequency)),
    ]
    if hasMoney { columns.append(Column(name: "monetary", data: .decimal(monetary))) }
    columns.append(Column(name: "tenure", data: .integer(tenure)))
    if hasMoney { columns.append(Column(name: "avg_order_value", data: .decimal(averageOrder))) }
    columns.append(Column(name: "days_between_purchases", data: .decimal(between)))
    if hasMoney {
      columns += [
        Column(name: "gross_spend", data: .decimal(gross)),
        Column(name: "returned_value", data: .decimal(returned)),
        Column(name: "return_rate", data: .decimal(returnRate)),
        Column(name: "returns_exceed_purchases", data: .boolean(returnsExceed)),
      ]
    } else {
      let what =
        "the log has no money column (an amount, or quantity and price): recency and frequency "
        + "only, no money columns; scores are R and F, segments come from the R × F grid "
        + "(docs/rfm.md)" + (groups > 0 ? "; affinity is the share of purchase lines" : "")
      notes.append("\(what). If the log has money, name it: \(setting: .role(.amount), "COLUMN")")
    }
    if inputs.hasProduct {
      columns.append(Column(name: "distinct_products", data: .integer(products)))
    } else {
      notes.append("no product column: no distinct_products column")
    }
    if inputs.hasQuantity {
      columns.append(
        Column(
          name: "items",
          data: inputs.quantityKind == 1 ? .integer(itemsInteger) : .decimal(itemsDecimal)
        )
      )
    } else {
      notes.append("no quantity column: no items column")
    }
    for g in 0..<groups {
      columns.append(Column(name: "affinity_\(g + 1)", data: .decimal(affinity[g])))
    }
    columns += [
      Column(name: "r_score", data: .integer(r.map(Int64.init))),
      Column(name: "f_score", data: .integer(fs.map(Int64.init))),
    ]
    if hasMoney { columns.append(Column(name: "m_score", data: .integer(m.map(Int64.init)))) }
    columns += [
      Column(
        name: "rfm_code",
        data: .category(
          codes: codeColumn,
          dictionary: hasMoney ? SegmentMap.allCodes : SegmentMap.recencyFrequencyCodes)),
      Column(name: "rfm_segment", data: .category(codes: segmentColumn, dictionary: segmentNames)),
    ]
    if !inputs.hasInvoice { notes.append("no invoice column: a purchase is a customer's day, so frequency counts distinct purchase days") }

    let rowsWithoutCustomer = parts.reduce(0) { $0 + $1.rowsWithoutCustomer }
    let rowsWithoutDate = parts.reduce(0) { $0 + $1.rowsWithoutDate }
    let rowsAfterAsOf = parts.reduce(0) { $0 + $1.rowsAfterAsOf }
    let rowsWithMissingValues = parts.reduce(0) { $0 + $1.rowsWithMissingValues }
    let purchaseLines = parts.reduce(0) { $0 + $1.purchaseLineCount }
    let returnLines = parts.reduce(0) { $0 + $1.returnLineCount }
    let otherLines = parts.reduce(0) { $0 + $1.otherLineCount }
    let report = RFMReport(
      asOf: asOf,
      asOfSource: asOfSource,
      rows: inputs.rows,
      rowsWithoutCustomer: rowsWithoutCustomer,
      rowsWithoutDate: rowsWithoutDate,
      rowsAfterAsOf: rowsAfterAsOf,
      rowsWithMissingValues: rowsWithMissingValues,
      purchaseLines: purchaseLines,
      returnLines: returnLines,
      otherLines: otherLines,
      customers: n,
      customersWithoutPurchases: withoutPurchases,
      customersWithOnlyReturns: onlyReturns,
      affinityColumn: groups > 0 ? inputs.groupColumn : nil,
      affinityGroups: groupNames,
      valueSource: !hasMoney
        ? "none: the log has no money column; segments from the R × F grid"
        : inputs.usesPrice ? "quantity × price" : "amount",
      notes: notes,
      hasMoney: hasMoney,
      cancelledByStatus: inputs.statusIsEvent ? nil : inputs.statusColumn,
      notPurchaseEvents: inputs.statusIsEvent ? inputs.statusColumn : nil
    )
    return RFMResult(table: Table(columns: columns), report: report)
  }

  /// The number of affinity groups must not be negative.
  static func checkAffinity(_ options: RFMOptions) throws(RFMError) {
    guard options.affinityGroups >= 0 else {
      throw RFMError(
        code: .invalidOption,
        message: "the number of affinity groups must be 0 or more",
        hint: "write top=5, or top=0 for none"
      )
    }
  }

  /// The asof given, else midnight after the last transaction's day.
  ///
  /// A last transaction on 9999-12-31 (a placeholder date, usually) has no day after it that a
  /// date can name: asof must then be given.
  static func referenceMoment(_ options: RFMOptions, lastTransaction last: Int64)
    throws(RFMError) -> (Int64, RFMReport.AsOfSource)
  {
    if let given = options.asOf { return (given, .given) }
    guard CivilCalendar.day(ofSeconds: last) < lastRepresentableDay else {
      throw RFMError(
        code: .invalidOption,
        message: "the last transaction is on 9999-12-31, so there is no day after it to measure recency from",
        hint: "dates that late are usually placeholders: filter them out, or give \(setting: .asOf, "YYYY-MM-DD")")
    }
    return (
      (CivilCalendar.day(ofSeconds: last) + 1) * CivilCalendar.secondsPerDay,
      .dayAfterLastTransaction(lastTransaction: last)
    )
  }

  /// 9999-12-31, in days since 1970-01-01: the last day a date can name.
  static let lastRepresentableDay: Int64 = 2_932_896

  /// The note when affinity columns are asked for and the log has no product or category.
  static let noAffinityNote: Remark = "no product or category column: no affinity columns"

  /// The slot (0…P-1, or -1) of each group code, and the names of the top P groups by purchase
  /// spend before asof (ties by name).
  static func affinitySlots(_ inputs: RFMInputs, asOf: Int64, wanted: Int) -> ([Int32], [String]) {
    guard wanted > 0, inputs.group != nil, !inputs.groupNames.isEmpty else { return ([], []) }
    var spend = [Int64](repeating: 0, count: inputs.groupNames.count)
    addGroupSpend(inputs, asOf: asOf, into: &spend)
    return topGroups(spend, names: inputs.groupNames, wanted: wanted)
  }

  /// Adds each group's purchase spend before asof, in ``Money`` units (exact, so the order of
  /// the rows does not matter). `spend` grows to the number of groups. A total beyond `Int64`
  /// stays at `Int64.max` (only the ranking uses it; the customers' own sums report overflow).
  static func addGroupSpend(_ inputs: RFMInputs, asOf: Int64, into spend: inout [Int64]) {
    guard let group = inputs.group else { return }
    if spend.count < inputs.groupNames.count {
      spend.append(contentsOf: repeatElement(0, count: inputs.groupNames.count - spend.count))
    }
    spend.withUnsafeMutableBufferPointer { total in
      inputs.withRawColumns { raw in
        for i in 0..<inputs.rows {
          let g = group[i]
          guard g != Column.missingCode, raw.customer[i] != Column.missingCode else { continue }
          let date = raw.dates[i]
          guard date != Column.missingInteger, date < asOf else { continue }
          let q = raw.quantity(i)
          guard !raw.values[i].isNaN, raw.quantityKind == 0 || !q.isNaN else { continue }
          let line = raw.lineUnits(i, quantity: q)
          guard line.status != .overflow else { continue }
          if raw.isPurchase(cancelled: raw.isCancelled(i), quantity: q, value: line.units) {
            let (sum, overflow) = total[Int(g)].addingReportingOverflow(line.units)
            total[Int(g)] = overflow ? .max : sum
          }
        }
      }
    }
  }

  /// The slots of the top `wanted` groups by spend (ties by name), and their names.
  static func topGroups<S: Comparable & Numeric>(_ spend: [S], names: [String], wanted: Int)
    -> ([Int32], [String])
  {
    let top = (0..<spend.count).filter { spend[$0] > 0 }
      .sorted { spend[$0] > spend[$1] || (spend[$0] == spend[$1] && names[$0] < names[$1]) }
      .prefix(wanted)
    var slots = [Int32](repeating: -1, count: spend.count)
    for (slot, g) in top.enumerated() { slots[g] = Int32(slot) }
    return (slots, top.map { names[$0] })
  }
}

/// The RFM table and its report.
public struct RFMResult: Sendable, Equatable {
  /// One row per customer; see ``RFM/compute(_:roles:options:)`` for the columns.
  public var table: Table
  /// Row and customer accounting.
  public var report: RFMReport
}

/// What ``RFM/finish(parts:shape:asOf:asOfSource:groupNames:options:notes:)`` needs to know of
/// the inputs besides the sums.
struct RFMShape: Sendable {
  var rows: Int
  var customerIDs: RFMInputs.CustomerIDs
  var customerCount: Int
  var hasProduct: Bool
  var quantityKind: Int
  var hasInvoice: Bool
  var usesPrice: Bool
  var hasMoney: Bool
  var groupColumn: String?
  /// The column whose status cancels lines (those lines are neither purchases nor returns).
  var statusColumn: String? = nil
  var statusIsEvent = false
  /// Rows without a customer id that took their invoice's customer, and rows without a status
  /// that took their invoice's status.
  var filledCustomers = 0
  var filledStatuses = 0
  var amountColumn: String? = nil
  var repeatedAmounts = RepeatedAmounts()
  var priceColumn: String? = nil
  var scalingPrices = ScalingPrices()
  var countLikeAmounts = CountLikeAmounts()
  var unreadAmounts = UnreadAmounts()
  var minorUnits = MinorUnitAmounts()

  var hasQuantity: Bool { quantityKind != 0 }

  init(_ inputs: RFMInputs) {
    rows = inputs.rows
    customerIDs = inputs.customerIDs
    customerCount = inputs.customerCount
    hasProduct = inputs.product != nil
    quantityKind = inputs.quantityKind
    hasInvoice = inputs.hasInvoice
    usesPrice = inputs.usesPrice
    hasMoney = inputs.hasMoney
    groupColumn = inputs.groupColumn
    statusColumn = inputs.statusColumn
    statusIsEvent = inputs.statusIsEvent
    filledCustomers = inputs.filledCustomers
    filledStatuses = inputs.filledStatuses
    amountColumn = inputs.amountColumn
    repeatedAmounts = inputs.repeatedAmounts
    priceColumn = inputs.priceColumn
    scalingPrices = inputs.scalingPrices
    countLikeAmounts = inputs.countLikeAmounts
    unreadAmounts = inputs.unreadAmounts
    minorUnits = inputs.minorUnits
  }
}

