package import SegCore

extension WarehouseLog {
  /// RFM with the aggregation pushed down into the server: the server counts the rows set aside,
  /// sums each group's spend and each customer's lines, and only one row per customer comes back
  /// (COPY OUT). seg then derives the features, scores and segments exactly as for a local log.
  ///
  /// - Parameters:
  ///   - options: asof, affinity groups and the segment map, as for a file.
  ///   - statements: receives each statement as it runs (for `show sql`).
  /// - Throws: ``WarehouseError`` for the server's failures, ``RFMError`` (wrapped as
  ///   ``WarehouseRFMError/rfm(_:)``) for the RFM rules'.
  package func rfm(_ options: RFMOptions, statements: inout [String]) throws(WarehouseRFMError)
    -> RFMResult
  {
    do {
      return try runRFM(options, statements: &statements)
    } catch let e as WarehouseError {
      throw .warehouse(e)
    } catch let e as RFMError {
      throw .rfm(e)
    } catch {
      throw .warehouse(WarehouseError(.queryFailed, "\(error)", hint: ""))
    }
  }

  private func runRFM(_ options: RFMOptions, statements: inout [String]) throws -> RFMResult {
    let query = try self.query()
    let db = try PostgresConnection(connection)
    // Rows and the last transaction (the default asof is midnight after its day).
    let countSQL = query.countSelect()
    statements.append(countSQL)
    let countRow = try db.query(countSQL).rows.first ?? []
    let rowsCell = countRow.first ?? nil
    let rows = rowsCell.flatMap { Int($0) } ?? 0
    let last = countRow.count > 1 ? countRow[1].flatMap { Int64($0) } : nil
    if options.asOf == nil && last == nil {
      throw RFMError(
        code: .noPurchases, column: roles[.date], message: "the date column has no dates",
        hint: "check the date column, or name another with date=COLUMN")
    }
    let (asOf, asOfSource) = try RFM.asOf(options, lastTransaction: last ?? .min)
    // Rows set aside.
    let accountingSQL = query.accountingSelect(asOf: asOf)
    statements.append(accountingSQL)
    let a = try db.query(accountingSQL).rows.first ?? []
    func int(_ k: Int) -> Int { k < a.count ? a[k].flatMap { Int($0) } ?? 0 : 0 }
    var counts = RFMRowCounts()
    counts.rows = rows
    counts.withoutCustomer = int(0)
    counts.withoutDate = int(1)
    counts.afterAsOf = int(2)
    counts.withMissingValues = int(3)
    // The line-value checks, as a local log's rfm makes them.
    var repeated: RepeatedAmounts? = nil
    var countLike: CountLikeAmounts? = nil
    let priceBesideAmount = query.price == nil ? roles[.price] : nil
    if let checksSQL = query.lineChecksSelect(priceBesideAmount: priceBesideAmount) {
      statements.append(checksSQL)
      let r = try db.query(checksSQL).rows.first ?? []
      func count(_ k: Int) -> Int? { k < r.count ? r[k].flatMap { Int($0) } : nil }
      if let multi = count(0), let same = count(1) {
        repeated = RepeatedAmounts(multiLine: multi, repeating: same)
      }
      if let compared = count(2), let like = count(3), let amount = query.amount,
        let price = priceBesideAmount
      {
        countLike = CountLikeAmounts(compared: compared, countLike: like, columns: (amount, price))
      }
    }
    var unread: UnreadAmounts? = nil
    if let amount = roles[.amount], let quantity = query.quantity, let price = query.price,
      let unreadSQL = query.unreadAmountsSelect(amount: amount)
    {
      statements.append(unreadSQL)
      let r = try db.query(unreadSQL).rows.first ?? []
      func number(_ k: Int) -> Double? { k < r.count ? r[k].flatMap { Double($0) } : nil }
      if let compared = number(0), let differing = number(1), let without = number(2) {
        let example = number(3).flatMap { a in
          number(4).flatMap { q in number(5).map { p in (amount: a, quantity: q, price: p) } }
        }
        unread = UnreadAmounts(
          compared: Int(compared), differing: Int(differing), withoutAmount: Int(without),
          example: example, columns: (amount, quantity, price))
      }
    }
    var minorUnits: MinorUnitAmounts? = nil
    let roleColumns = Set(roles.columns.values)
    if let currency = columns.first(where: {
      $0.type == .text && !roleColumns.contains($0.name) && MinorUnitAmounts.namesCurrency($0.name)
    }), let money = query.price ?? query.amount,
      let minorSQL = query.minorUnitsSelect(currency: currency.name)
    {
      statements.append(minorSQL)
      let r = try db.query(minorSQL).rows.first ?? []
      if r.count == 4, let values = r[0].flatMap({ Int($0) }), let large = r[1].flatMap({ Int($0) }) {
        minorUnits = MinorUnitAmounts(
          values: values, large: large, allWhole: r[2] == "t",
          currencies: (r[3] ?? "").split(separator: ",").map(String.init),
          columns: (money, currency.name))
      }
    }
    // The top groups by purchase spend, chosen by seg's own rule (ties by name).
    var groupNames: [String] = []
    if options.affinityGroups > 0 && query.group != nil {
      let spendSQL = query.groupSpendSelect(asOf: asOf)
      statements.append(spendSQL)
      var names: [String] = []
      var spend: [Double] = []
      for row in try db.query(spendSQL).rows {
        guard let name = row[0], let s = row[1].flatMap({ Double($0) }) else { continue }
        names.append(name)
        spend.append(s)
      }
      groupNames = RFM.topGroupNames(spend: spend, names: names, wanted: options.affinityGroups)
    }
    // One row per customer, streamed.
    let sumsSQL = query.customerSumsSelect(asOf: asOf, groups: groupNames)
    statements.append("COPY (\(sumsSQL)) TO STDOUT")
    var sums: [RFMCustomerSums] = []
    let hasQuantity = query.quantity != nil
    let hasProduct = query.product != nil
    let groups = groupNames.count
    try db.copyOut(sumsSQL) { (f: [String?]) throws(WarehouseError) in
      var k = 0
      func next() -> String? {
        defer { k += 1 }
        return k < f.count ? f[k] : nil
      }
      func int() -> Int64 { next().flatMap { Int64($0) } ?? 0 }
      func double() -> Double { next().flatMap { Double($0) } ?? 0 }
      guard let customer = next() else { return }
      let first = int()
      let lastPurchase = int()
      let frequency = int()
      let purchases = int()
      let returns = int()
      let others = int()
      var itemsInteger: Int64 = 0
      var itemsDecimal = 0.0
      if hasQuantity {
        if query.quantityIsInteger { itemsInteger = int() } else { itemsDecimal = double() }
      }
      let products = hasProduct ? int() : 0
      let gross = double()
      let returned = double()
      var affinity: [Double] = []
      for _ in 0..<groups { affinity.append(double()) }
      guard k == f.count else {
        throw WarehouseError(
          .queryFailed, "the server sent \(f.count) fields per customer, seg expected \(k)",
          hint: "this is a bug in seg; please report it with `show sql`")
      }
      sums.append(
        RFMCustomerSums(
          customer: customer, firstPurchase: first, lastPurchase: lastPurchase,
          frequency: frequency, purchaseLines: purchases, returnLines: returns,
          otherLines: others, itemsInteger: itemsInteger, itemsDecimal: itemsDecimal,
          distinctProducts: products, gross: gross, returned: returned, affinity: affinity))
    }
    let customerType = columns.first { $0.name == query.customer }?.type
    var shape = RFMLogShape(
      integerCustomers: customerType == .integer
        || (customerType == .decimal && sums.allSatisfy { RFM.wholeID($0.customer) != nil }),
      hasInvoice: query.invoice != nil,
      quantityKind: hasQuantity ? (query.quantityIsInteger ? 1 : 2) : 0,
      usesPrice: query.price != nil, hasProduct: hasProduct,
      groupColumn: query.group)
    switch query.cancellation?.rule {
    case .status(let name)?: shape.statusColumn = name
    case .events(let name)?: (shape.statusColumn, shape.statusIsEvent) = (name, true)
    case .prefix?, .none?, nil: break
    }
    shape.amountColumn = query.amount
    shape.repeatedAmounts = repeated
    shape.countLikeAmounts = countLike
    shape.unreadAmounts = unread
    shape.minorUnits = minorUnits
    return try RFM.finish(
      sums: sums, counts: counts, shape: shape, asOf: asOf, asOfSource: asOfSource,
      groupNames: groupNames, options: options)
  }
}

/// Why a pushed-down RFM failed: the server, or the RFM rules.
package enum WarehouseRFMError: Error, Sendable {
  case warehouse(WarehouseError)
  case rfm(RFMError)
}
