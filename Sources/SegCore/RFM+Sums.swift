/// Per-customer sums computed outside seg (a database server running the RFM aggregation as
/// SQL), turned into the RFM table by the same code that finishes a local log, so that the
/// derived features, scores, codes and segments follow one set of rules.
package struct RFMCustomerSums: Sendable, Equatable {
  /// The customer id as the server printed it (`17850`, `17850.0`, `C-001`).
  package var customer: String
  /// First and last purchase, seconds since the epoch (naive local time); unused when the
  /// customer has no purchase line.
  package var firstPurchase: Int64
  package var lastPurchase: Int64
  /// Distinct invoices with a purchase line (purchase lines without an invoice column).
  package var frequency: Int64
  package var purchaseLines: Int64
  package var returnLines: Int64
  package var otherLines: Int64
  /// Units bought: `itemsInteger` for an integer quantity column, `itemsDecimal` for a decimal one.
  package var itemsInteger: Int64
  package var itemsDecimal: Double
  package var distinctProducts: Int64
  package var gross: Double
  package var returned: Double
  /// Purchase spend in each of the top groups, in the order of the group names.
  package var affinity: [Double]

  package init(
    customer: String, firstPurchase: Int64, lastPurchase: Int64, frequency: Int64,
    purchaseLines: Int64, returnLines: Int64, otherLines: Int64, itemsInteger: Int64,
    itemsDecimal: Double, distinctProducts: Int64, gross: Double, returned: Double,
    affinity: [Double]
  ) {
    self.customer = customer
    self.firstPurchase = firstPurchase
    self.lastPurchase = lastPurchase
    self.frequency = frequency
    self.purchaseLines = purchaseLines
    self.returnLines = returnLines
    self.otherLines = otherLines
    self.itemsInteger = itemsInteger
    self.itemsDecimal = itemsDecimal
    self.distinctProducts = distinctProducts
    self.gross = gross
    self.returned = returned
    self.affinity = affinity
  }
}

/// The rows set aside before the per-customer sums, counted by the server.
package struct RFMRowCounts: Sendable, Equatable {
  package var rows = 0
  package var withoutCustomer = 0
  package var withoutDate = 0
  package var afterAsOf = 0
  package var withMissingValues = 0

  package init() {}
}

/// What the log's columns are, for a log whose rows seg does not hold.
package struct RFMLogShape: Sendable, Equatable {
  /// Whether customer ids are whole numbers (sorted numerically) rather than text.
  package var integerCustomers: Bool
  package var hasInvoice: Bool
  /// 0: no quantity column; 1: integer quantities; 2: decimal quantities.
  package var quantityKind: Int
  package var usesPrice: Bool
  package var hasProduct: Bool
  /// The column the affinity groups come from (category, else product), if any.
  package var groupColumn: String?
  /// The status column whose cancelled lines the server set aside, or the event column whose
  /// other events it set aside (``statusIsEvent``): the report names it as a local log's does.
  package var statusColumn: String? = nil
  package var statusIsEvent = false
  /// The amount column and what the server counted of its lines, for the notes on line values
  /// a local log's rfm writes (an order's total on each line, a count of items).
  package var amountColumn: String? = nil
  package var repeatedAmounts: RepeatedAmounts? = nil
  package var countLikeAmounts: CountLikeAmounts? = nil
  package var unreadAmounts: UnreadAmounts? = nil
  package var minorUnits: MinorUnitAmounts? = nil

  package init(
    integerCustomers: Bool, hasInvoice: Bool, quantityKind: Int, usesPrice: Bool,
    hasProduct: Bool, groupColumn: String?
  ) {
    self.integerCustomers = integerCustomers
    self.hasInvoice = hasInvoice
    self.quantityKind = quantityKind
    self.usesPrice = usesPrice
    self.hasProduct = hasProduct
    self.groupColumn = groupColumn
  }
}

extension RFM {
  /// The asof a log with this last transaction gets under `options`, and where it came from.
  package static func asOf(_ options: RFMOptions, lastTransaction: Int64) throws(RFMError) -> (
    Int64, RFMReport.AsOfSource
  ) {
    try referenceMoment(options, lastTransaction: lastTransaction)
  }

  /// The top `wanted` groups by purchase spend (ties by name), as a local log picks them.
  /// Spend is rounded to ``Money`` units first, as a local log's exact sums compare.
  package static func topGroupNames(spend: [Double], names: [String], wanted: Int) -> [String] {
    topGroups(spend.map { Money.units($0)?.units ?? .max }, names: names, wanted: wanted).1
  }

  /// The RFM table from per-customer sums computed elsewhere: the same derived features, scores,
  /// codes, segments and report as ``compute(_:roles:options:)`` gives for the same sums.
  ///
  /// - Throws: ``RFMError`` when no customer bought before asof, or when `shape` says the ids
  ///   are whole numbers and one is not.
  package static func finish(
    sums: [RFMCustomerSums],
    counts: RFMRowCounts,
    shape: RFMLogShape,
    asOf: Int64,
    asOfSource: RFMReport.AsOfSource,
    groupNames: [String],
    options: RFMOptions
  ) throws(RFMError) -> RFMResult {
    try checkAffinity(options)
    let groups = groupNames.count
    var part = RFMPartition(part: 0, count: 1, groups: groups)
    let intFields = RFMPartition.intFields
    let moneyFields = part.moneyFields
    part.ints = [Int64](repeating: 0, count: sums.count * intFields)
    part.doubles = [Double](repeating: 0, count: sums.count)
    part.money = [Int64](repeating: 0, count: sums.count * moneyFields)
    // The server's sums (SQL `numeric`, exact) in Money units; a floating-point column's sums are
    // rounded to the nearest unit.
    func units(_ value: Double) throws(RFMError) -> Int64 {
      guard let (u, _) = Money.units(value) else {
        throw RFMError(
          code: .nonFiniteMoney,
          message: "a customer's spend computed by the server (\(value)) does not fit the exact sums",
          hint: "check the price, amount and quantity columns for huge values; filter them out first")
      }
      return u
    }
    var ids: [Int64] = []
    var names: [String] = []
    for (c, s) in sums.enumerated() {
      if shape.integerCustomers {
        guard let id = wholeID(s.customer) else {
          throw RFMError(
            code: .wrongColumnType,
            message: "the customer id '\(s.customer)' is not a whole number",
            hint: "name another column with \(setting: .role(.customer), "COLUMN")"
          )
        }
        ids.append(id)
      } else {
        names.append(s.customer)
      }
      let ci = c * intFields
      part.ints[ci + RFMPartition.firstPurchase] = s.purchaseLines > 0 ? s.firstPurchase : .max
      part.ints[ci + RFMPartition.lastPurchase] = s.purchaseLines > 0 ? s.lastPurchase : .min
      part.ints[ci + RFMPartition.frequency] = s.frequency
      part.ints[ci + RFMPartition.purchaseLines] = s.purchaseLines
      part.ints[ci + RFMPartition.returnLines] = s.returnLines
      part.ints[ci + RFMPartition.itemsInteger] = s.itemsInteger
      part.ints[ci + RFMPartition.products] = s.distinctProducts
      part.ints[ci + RFMPartition.otherLines] = s.otherLines
      let cm = c * moneyFields
      part.money[cm + RFMPartition.gross] = try units(s.gross)
      part.money[cm + RFMPartition.returned] = try units(s.returned)
      part.doubles[c] = s.itemsDecimal
      for k in 0..<min(groups, s.affinity.count) {
        part.money[cm + RFMPartition.fixedMoneyFields + k] = try units(s.affinity[k])
      }
      part.purchaseLineCount += Int(s.purchaseLines)
      part.returnLineCount += Int(s.returnLines)
      part.otherLineCount += Int(s.otherLines)
    }
    part.rowsWithoutCustomer = counts.withoutCustomer
    part.rowsWithoutDate = counts.withoutDate
    part.rowsAfterAsOf = counts.afterAsOf
    part.rowsWithMissingValues = counts.withMissingValues
    var shapeOfInputs = RFMShape(
      rows: counts.rows,
      customerIDs: shape.integerCustomers ? .ints(ids) : .names(names),
      customerCount: sums.count,
      hasProduct: shape.hasProduct,
      quantityKind: shape.quantityKind,
      hasInvoice: shape.hasInvoice,
      usesPrice: shape.usesPrice,
      groupColumn: shape.groupColumn
    )
    shapeOfInputs.statusColumn = shape.statusColumn
    shapeOfInputs.statusIsEvent = shape.statusIsEvent
    shapeOfInputs.amountColumn = shape.amountColumn
    if let r = shape.repeatedAmounts { shapeOfInputs.repeatedAmounts = r }
    if let c = shape.countLikeAmounts { shapeOfInputs.countLikeAmounts = c }
    if let u = shape.unreadAmounts { shapeOfInputs.unreadAmounts = u }
    if let m = shape.minorUnits { shapeOfInputs.minorUnits = m }
    var notes: [Remark] = []
    if options.affinityGroups > 0 && shape.groupColumn == nil { notes.append(noAffinityNote) }
    return try finish(
      parts: [part], shape: shapeOfInputs, asOf: asOf, asOfSource: asOfSource,
      groupNames: groupNames, options: options, notes: notes)
  }

  /// `17850`, `17850.0` or `1.785e4` as a whole number; `nil` otherwise (as a local log's
  /// decimal ids that are not all whole become text).
  package static func wholeID(_ text: String) -> Int64? {
    if let n = Int64(text) { return n }
    guard let d = Double(text), d == d.rounded(), abs(d) < 9e15 else { return nil }
    return Int64(d)
  }
}

extension RFMShape {
  init(
    rows: Int, customerIDs: RFMInputs.CustomerIDs, customerCount: Int, hasProduct: Bool,
    quantityKind: Int, hasInvoice: Bool, usesPrice: Bool, groupColumn: String?,
    hasMoney: Bool = true
  ) {
    self.hasMoney = hasMoney
    self.rows = rows
    self.customerIDs = customerIDs
    self.customerCount = customerCount
    self.hasProduct = hasProduct
    self.quantityKind = quantityKind
    self.hasInvoice = hasInvoice
    self.usesPrice = usesPrice
    self.groupColumn = groupColumn
  }
}
