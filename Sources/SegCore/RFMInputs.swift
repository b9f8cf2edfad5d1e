/// The role columns RFM reads, resolved once into compact arrays: dense customer and invoice
/// codes, dates and numbers.
struct RFMInputs: Sendable {
  /// Customer ids by dense index.
  enum CustomerIDs: Sendable {
    case ints([Int64])
    case names([String])
  }

  var rows: Int
  /// Dense customer index per row (`Column.missingCode` when missing).
  var customerIndex: [UInt32]
  var customerIDs: CustomerIDs
  var customerCount: Int
  var customerColumn: String
  var hasInvoice: Bool
  /// Dense invoice codes per row (`Column.missingCode` when missing) and, per code, whether it is a
  /// cancellation (starts with `C`).
  var invoiceCodes: [UInt32] = []
  var cancelled: [Bool] = []
  /// Per row, a code into ``statusFlags`` when a status column marks cancellations
  /// (``CancellationRule/status(_:)``); empty otherwise.
  var statusCodes: [UInt32] = []
  var statusFlags: [Bool] = []
  /// The status column of a ``CancellationRule/status(_:)`` rule, or the event column of a
  /// ``CancellationRule/events(_:)`` rule (``statusIsEvent``); `nil` without one.
  var statusColumn: String? = nil
  var statusIsEvent = false
  /// The number of invoice codes (codes are below it).
  var invoiceCount = 0
  /// Rows without a customer id that took the customer of their invoice's earlier rows, and
  /// rows without a status that took their invoice's status (``fillDown(_:invoices:state:)``),
  /// in this block and the blocks before it.
  var filledCustomers = 0
  var filledStatuses = 0
  /// The amount column, and how often it repeats on every line of an invoice (an order's total
  /// written on each of its lines), when line values are amounts.
  var amountColumn: String? = nil
  var repeatedAmounts = RepeatedAmounts()
  /// The price column, and how often its price grows with the quantity (a line total, not a unit
  /// price), when line values are quantity × price and there are products.
  var priceColumn: String? = nil
  var scalingPrices = ScalingPrices()
  /// Whether the amount looks like a count of items beside a price, when line values are
  /// amounts and the log has a price but no quantity.
  var countLikeAmounts = CountLikeAmounts()
  /// How often an amount column disagrees with quantity × price, when line values are quantity
  /// × price and the log also has an amount (which rfm leaves unread).
  var unreadAmounts = UnreadAmounts()
  /// Whether the money may be in cents (``MinorUnitAmounts``).
  var minorUnits = MinorUnitAmounts()
  var dates: [Int64]
  /// 0: no quantity, 1: integer quantities, 2: decimal quantities.
  var quantityKind = 0
  var quantityInts: [Int64] = []
  var quantityDoubles: [Double] = []
  /// Prices when line values are quantity × price, else amounts.
  var prices: [Double] = []
  var amounts: [Double] = []
  var usesPrice: Bool
  /// Whether the log has money (a price with a quantity, or an amount). Without it every line
  /// has the value 1, so that the sums count purchase lines, and RFM leaves the money columns
  /// out (docs/rfm.md, "Logs without money").
  var hasMoney = true
  /// Dense product codes and their names.
  var product: [UInt32]?
  var productNames: [String] = []
  var productColumn: String?
  /// Dense affinity group codes (a category column, else the products) and their names.
  var group: [UInt32]?
  var groupNames: [String] = []
  var groupColumn: String?

  var hasQuantity: Bool { quantityKind != 0 }

  static func missing(_ role: ColumnRole, _ table: Table, extra: String = "", hint: Remark? = nil)
    -> RFMError
  {
    let failure = RoleLookupFailure(
      role: role,
      wanted: nil,
      available: table.columnNames,
      suggestions: []
    )
    return RFMError(
      code: .missingRole,
      message: failure.message + extra,
      hint: hint ?? "name it when loading: \(setting: .role(role), "COLUMN")"
    )
  }

  init(table: Table, roles: ColumnRoles) throws(RFMError) {
    var indexes = RFMKeyIndexes()
    try self.init(table: table, roles: roles, indexes: &indexes)
  }

  /// Resolves one block of a log; integer ids get dense codes from `indexes`, which carries them
  /// from block to block (text ids are already codes into the loader's file-wide dictionaries).
  init(table: Table, roles: ColumnRoles, indexes: inout RFMKeyIndexes) throws(RFMError) {
    rows = table.rowCount
    func column(_ role: ColumnRole) -> Column? { roles[role].flatMap { table[$0] } }
    func wrongType(_ role: ColumnRole, _ c: Column, _ wanted: String) -> RFMError {
      RFMError(
        code: .wrongColumnType,
        column: c.name,
        message:
          "the \(role.rawValue) column '\(c.name)' is \(c.type.rawValue), RFM needs \(wanted)",
        hint: "name another column with \(role.rawValue)=COLUMN"
      )
    }
    guard let c = column(.customer) else { throw RFMInputs.missing(.customer, table) }
    customerColumn = c.name
    switch c.data {
    case .integer(let v):
      customerIndex = RFMInputs.dense(v, into: &indexes.customers)
      (customerIDs, customerCount) = (.ints(indexes.customers.ordered), indexes.customers.count)
    case .decimal(let v) where RFMInputs.areWholeIDs(v):
      customerIndex = RFMInputs.dense(RFMInputs.wholeIDs(v), into: &indexes.customers)
      (customerIDs, customerCount) = (.ints(indexes.customers.ordered), indexes.customers.count)
    case .category(let codes, let dictionary):
      (customerIndex, customerIDs, customerCount) = (codes, .names(dictionary), dictionary.count)
    case .text(let v):
      let (codes, dictionary) = RFMInputs.encode(v)
      (customerIndex, customerIDs, customerCount) = (codes, .names(dictionary), dictionary.count)
    default: throw wrongType(.customer, c, "integer or text ids")
    }
    guard let d = column(.date) else { throw RFMInputs.missing(.date, table) }
    guard case .datetime(let dv) = d.data else { throw wrongType(.date, d, "dates") }
    dates = dv
    hasInvoice = false
    let decision =
      roles.cancellation ?? CancellationDecision.decide(table: table, roles: roles, explicit: nil)
    switch decision.rule {
    case .status(let name), .events(let name):
      if let flags = decision.rowFlags(table, roles: roles) {
        (statusCodes, statusFlags) = flags
        statusColumn = name
        if case .events = decision.rule { statusIsEvent = true }
      }
    case .prefix, .none:
      break
    }
    if let inv = column(.invoice) {
      hasInvoice = true
      switch inv.data {
      case .integer(let v):
        invoiceCodes = RFMInputs.dense(v, into: &indexes.invoices)
        invoiceCount = indexes.invoices.count
      case .category(let codes, let dictionary):
        invoiceCodes = codes
        cancelled = indexes.codeOnlyInvoiceFlags ?? decision.rule.invoiceFlags(dictionary)
        invoiceCount = cancelled.count
      case .text(let v):
        let (codes, dictionary) = RFMInputs.encode(v)
        invoiceCodes = codes
        cancelled = decision.rule.invoiceFlags(dictionary)
        invoiceCount = dictionary.count
      default: throw wrongType(.invoice, inv, "invoice numbers (integer or text)")
      }
      indexes.filledCustomers += RFMInputs.fillDown(
        &customerIndex, invoices: invoiceCodes, state: &indexes.invoiceCustomers)
      if !statusCodes.isEmpty {
        indexes.filledStatuses += RFMInputs.fillDown(
          &statusCodes, invoices: invoiceCodes, state: &indexes.invoiceStatuses)
      }
      filledCustomers = indexes.filledCustomers
      filledStatuses = indexes.filledStatuses
    }
    func numbers(_ role: ColumnRole) throws(RFMError) -> ColumnData? {
      guard let c = column(role) else { return nil }
      switch c.data {
      case .integer, .decimal: return c.data
      default: throw wrongType(role, c, "numbers")
      }
    }
    func doubles(_ data: ColumnData) -> [Double] {
      switch data {
      case .decimal(let v): return v
      case .integer(let v): return v.map { $0 == Column.missingInteger ? .nan : Double($0) }
      default: return []
      }
    }
    let q = try numbers(.quantity)
    let p = try numbers(.price)
    let a = try numbers(.amount)
    switch q {
    case .integer(let v)?: (quantityKind, quantityInts) = (1, v)
    case .decimal(let v)?: (quantityKind, quantityDoubles) = (2, v)
    default: quantityKind = 0
    }
    if let p, q != nil {
      prices = doubles(p)
      usesPrice = true
    } else if let a {
      amounts = doubles(a)
      usesPrice = false
    } else if p != nil {
      throw RFMInputs.missing(
        .quantity, table,
        extra: "; a price needs a quantity",
        hint:
          "name it when loading: \(setting: .role(.quantity), "COLUMN"); when each line is one item, name the price as the line value: \(setting: .role(.amount), "COLUMN")")
    } else {
      // No money: a line's value is 1 (a purchase unless cancelled or of negative quantity).
      amounts = [Double](repeating: 1, count: rows)
      usesPrice = false
      hasMoney = false
    }
    if let pc = column(.product) {
      productColumn = pc.name
      (product, productNames) = try RFMInputs.dense(pc, role: .product, into: &indexes.products)
    }
    if let gc = column(.category) {
      groupColumn = gc.name
      (group, groupNames) = try RFMInputs.dense(gc, role: .category, into: &indexes.groups)
    } else if product != nil {
      groupColumn = productColumn
      group = product
      groupNames = productNames
    }
    if hasInvoice && hasMoney && !usesPrice {
      amountColumn = column(.amount)?.name
      indexes.repeatedAmounts.add(amounts, invoices: invoiceCodes)
      repeatedAmounts = indexes.repeatedAmounts
    }
    // Per product, or per category when the log names no products (a category of one unit
    // price, as Kaggle's customer_shopping_data writes Clothing at 300.08 a piece).
    // A row's quantity as a double (NaN when missing), for the checks on prices below.
    let quantityAt: (Int) -> Double
    if quantityKind == 1 {
      let q = quantityInts
      quantityAt = { q[$0] == Column.missingInteger ? .nan : Double(q[$0]) }
    } else {
      let q = quantityDoubles
      quantityAt = { q[$0] }
    }
    if usesPrice, let items = product ?? (column(.category) != nil ? group : nil) {
      priceColumn = column(.price)?.name
      indexes.scalingPrices.byCategory = product == nil
      indexes.scalingPrices.add(prices, products: items, quantity: quantityAt)
      scalingPrices = indexes.scalingPrices
    }
    if usesPrice, let a, let amount = column(.amount), let qc = column(.quantity),
      let pc = column(.price)
    {
      indexes.unreadAmounts.columns = (amount.name, qc.name, pc.name)
      indexes.unreadAmounts.add(doubles(a), prices: prices, quantity: quantityAt)
      unreadAmounts = indexes.unreadAmounts
    }
    if hasMoney, let currency = MinorUnitAmounts.currencyColumn(in: table, roles: roles),
      let money = usesPrice ? column(.price) : column(.amount)
    {
      indexes.minorUnits.columns = (money.name, currency.name)
      indexes.minorUnits.add(usesPrice ? prices : amounts, currency: currency)
      minorUnits = indexes.minorUnits
    }
    if hasMoney && !usesPrice, let p, let a = column(.amount), let price = column(.price) {
      indexes.countLikeAmounts.add(amounts, prices: doubles(p))
      indexes.countLikeAmounts.columns = (a.name, price.name)
      countLikeAmounts = indexes.countLikeAmounts
    }
  }

  /// Whether decimal ids are all whole numbers (`17850.0`) that an `Int64` holds exactly, or
  /// missing (NaN), so that they can be read as integer ids.
  static func areWholeIDs(_ v: [Double]) -> Bool {
    v.allSatisfy { $0.isNaN || ($0 == $0.rounded() && abs($0) < 9e15) }
  }

  /// Whole-number decimal ids (``areWholeIDs(_:)``) as integers, missing ones as
  /// `Column.missingInteger`.
  static func wholeIDs(_ v: [Double]) -> [Int64] {
    v.map { $0.isNaN ? Column.missingInteger : Int64($0) }
  }

  /// Integer keys as dense codes from `index` (which keeps codes from earlier calls).
  static func dense(_ v: [Int64], into index: inout DenseIndex) -> [UInt32] {
    var last = Column.missingInteger
    var lastCode = Column.missingCode
    return v.map { x -> UInt32 in
      if x == Column.missingInteger { return Column.missingCode }
      if x != last {
        last = x
        lastCode = UInt32(index.index(of: x))
      }
      return lastCode
    }
  }

  /// Per invoice code in a fill-down state: no row with a value yet.
  static let unseenInvoice = Column.missingCode
  /// Per invoice code: rows with two different values.
  static let conflictingInvoice = Column.missingCode - 1

  /// Exports that write an order's fields on its first line only (Shopify's orders export, and
  /// reports that leave repeated values blank) leave the customer and the status of the other
  /// lines empty: a row without one takes the value (a code) of the earlier rows of its
  /// invoice, when they all have the same one. `state` holds per invoice code that value,
  /// ``unseenInvoice`` or ``conflictingInvoice``, from block to block of a streamed log, so that
  /// a streamed log and one in memory fill the same rows. Returns how many rows were filled.
  static func fillDown(
    _ values: inout [UInt32], invoices: [UInt32], state: inout [UInt32]
  ) -> Int {
    var filled = 0
    for r in invoices.indices {
      let i = Int(invoices[r])
      guard invoices[r] != Column.missingCode else { continue }
      if i >= state.count {
        state.append(contentsOf: repeatElement(unseenInvoice, count: i + 1 - state.count))
      }
      let v = values[r]
      if v != Column.missingCode {
        let known = state[i]
        state[i] = known == unseenInvoice || known == v ? v : conflictingInvoice
      } else if state[i] != unseenInvoice && state[i] != conflictingInvoice {
        values[r] = state[i]
        filled += 1
      }
    }
    return filled
  }

  /// Text values as codes into a dictionary in order of first appearance.
  static func encode(_ values: [String?]) -> ([UInt32], [String]) {
    var index: [String: UInt32] = [:]
    var dictionary: [String] = []
    let codes = values.map { v -> UInt32 in
      guard let v else { return Column.missingCode }
      if let c = index[v] { return c }
      let c = UInt32(dictionary.count)
      index[v] = c
      dictionary.append(v)
      return c
    }
    return (codes, dictionary)
  }

  /// A column as dense codes and names (text as is, integers by first appearance).
  static func dense(_ c: Column, role: ColumnRole, into index: inout DenseIndex) throws(RFMError)
    -> ([UInt32], [String])
  {
    switch c.data {
    case .category(let codes, let dictionary): return (codes, dictionary)
    case .text(let v): return encode(v)
    case .integer(let v):
      let codes = dense(v, into: &index)
      return (codes, index.ordered.map { String($0) })
    default:
      throw RFMError(
        code: .wrongColumnType,
        column: c.name,
        message:
          "the \(role.rawValue) column '\(c.name)' is \(c.type.rawValue), RFM needs codes or names",
        hint: "name another column with \(role.rawValue)=COLUMN"
      )
    }
  }

  /// Calls `body` with unsafe views of the arrays, valid only inside `body`; this is the one
  /// place RFM's hot loops get raw pointers.
  func withRawColumns<R>(_ body: (RawColumns) -> R) -> R {
    customerIndex.withUnsafeBufferPointer { customer in
      invoiceCodes.withUnsafeBufferPointer { invoice in
        cancelled.withUnsafeBufferPointer { cancelled in
          dates.withUnsafeBufferPointer { dates in
            quantityInts.withUnsafeBufferPointer { qi in
              quantityDoubles.withUnsafeBufferPointer { qd in
                (usesPrice ? prices : amounts).withUnsafeBufferPointer { values in
                  (product ?? []).withUnsafeBufferPointer { product in
                    (group ?? []).withUnsafeBufferPointer { group in
                      statusCodes.withUnsafeBufferPointer { statusCodes in
                      statusFlags.withUnsafeBufferPointer { statusFlags in
                      body(
                        RawColumns(
                          customer: customer,
                          invoice: invoice,
                          cancelled: cancelled,
                          dates: dates,
                          quantityInts: qi,
                          quantityDoubles: qd,
                          values: values,
                          quantityKind: quantityKind,
                          usesPrice: usesPrice,
                          hasInvoice: hasInvoice,
                          product: product,
                          group: group,
                          statusCodes: statusCodes,
                          statusFlags: statusFlags
                        )
                      )
                      }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Dense codes for integer customer, invoice, product and category ids, kept from block to block
/// of a streamed log so that a code means the same id in every block.
struct RFMKeyIndexes {
  var customers = DenseIndex()
  var invoices = DenseIndex()
  var products = DenseIndex()
  var groups = DenseIndex()
  /// Which invoice codes are cancellations, when the invoice column comes as codes without
  /// its dictionary (a streamed log: the loader keeps the flags, file-wide).
  var codeOnlyInvoiceFlags: [Bool]? = nil
  /// Per invoice code, the customer and the status code of its rows so far (see
  /// ``RFMInputs/fillDown(_:invoices:state:)``).
  var invoiceCustomers: [UInt32] = []
  var invoiceStatuses: [UInt32] = []
  /// How many rows the fill-down filled so far, and the repeated-amount count so far: like the
  /// codes above, these run over the whole log, so the last block's inputs hold the log's totals.
  var filledCustomers = 0
  var filledStatuses = 0
  var repeatedAmounts = RepeatedAmounts()
  var scalingPrices = ScalingPrices()
  var countLikeAmounts = CountLikeAmounts()
  var unreadAmounts = UnreadAmounts()
  var minorUnits = MinorUnitAmounts()
}

/// Whether the amount column counts items rather than money, when a log has an amount and a
/// price but no quantity: Ta Feng's grocery log has `AMOUNT` (the number of items) beside
/// `SALES_PRICE` (the line's money), and by name the first is taken for the line value. A line
/// whose amount is a whole number from 1 to 99 below its price looks like a count; kept from
/// block to block.
package struct CountLikeAmounts: Sendable, Equatable {
  /// Lines with a positive amount and price, and those whose amount looks like a count.
  private(set) var compared = 0
  private(set) var countLike = 0
  /// The amount and price columns, for the note.
  var columns = ("", "")

  init() {}

  /// The counts of a log in a database (``RFMLogShape``).
  package init(compared: Int, countLike: Int, columns: (String, String)) {
    self.compared = compared
    self.countLike = countLike
    self.columns = columns
  }

  package static func == (a: CountLikeAmounts, b: CountLikeAmounts) -> Bool {
    a.compared == b.compared && a.countLike == b.countLike && a.columns == b.columns
  }

  mutating func add(_ amounts: [Double], prices: [Double]) {
    for (amount, price) in zip(amounts, prices) where amount > 0 && price > 0 {
      compared += 1
      if amount < price && amount < 100 && amount == amount.rounded() { countLike += 1 }
    }
  }

  /// At least 20 lines compared, and 90% of them look like counts.
  var looksLikeCounts: Bool { compared >= 20 && countLike * 10 >= compared * 9 }
}

/// Whether the money may be in minor units (cents): payment APIs write amounts so (Stripe's
/// `"amount": 1299` is 12.99 USD), and read as written every sum is a hundred times too large.
/// A log whose money is whole numbers only, at least half of them 100 or more, beside a
/// currency column of ISO codes none of which is without minor units (JPY, KRW …). Kept from
/// block to block.
package struct MinorUnitAmounts: Sendable, Equatable {
  /// Positive money values looked at, those of 100 or more, and whether all were whole.
  private(set) var values = 0
  private(set) var large = 0
  private(set) var allWhole = true
  /// The currency codes seen (upper case), at most a few.
  private(set) var currencies: [String] = []
  /// The money column and the currency column, for the note.
  var columns = ("", "")

  init() {}

  package init(values: Int, large: Int, allWhole: Bool, currencies: [String], columns: (String, String)) {
    (self.values, self.large, self.allWhole, self.currencies, self.columns) =
      (values, large, allWhole, currencies, columns)
  }

  package static func == (a: MinorUnitAmounts, b: MinorUnitAmounts) -> Bool {
    a.values == b.values && a.large == b.large && a.allWhole == b.allWhole
      && a.currencies == b.currencies && a.columns == b.columns
  }

  /// Currencies without minor units (ISO 4217 exponent 0), whose amounts are whole anyway.
  static let zeroDecimal: Set<String> = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
  ]

  /// Words of a header that name the currency (`currency`, `currency_code`, `Währung`).
  static let currencyWords: Set<String> = [
    "currency", "curr", "ccy", "währung", "waehrung", "devise", "moneda", "valuta", "moeda",
  ]

  /// Whether a header names the currency (`currency_code`, `Währung`).
  package static func namesCurrency(_ name: String) -> Bool {
    ColumnRoles.words(of: name).contains { currencyWords.contains($0) }
  }

  /// The first text column whose header names the currency, other than the role columns.
  static func currencyColumn(in table: Table, roles: ColumnRoles) -> Column? {
    let used = Set(roles.columns.values)
    return table.columns.first { c in
      guard !used.contains(c.name), case .category = c.data else { return false }
      return namesCurrency(c.name)
    }
  }

  /// Looks at one block's money values and its currency column's codes.
  mutating func add(_ money: [Double], currency: Column) {
    guard case .category(let codes, let dictionary) = currency.data else { return }
    for v in money where v > 0 && v.isFinite {
      values += 1
      if v >= 100 { large += 1 }
      if v != v.rounded() { allWhole = false }
    }
    guard currencies.count < 4 else { return }
    // Each code's text once, at its first row: not a string per row.
    var seen = Set(currencies)
    var met = [Bool](repeating: false, count: dictionary.count)
    for code in codes where code != Column.missingCode && !met[Int(code)] {
      met[Int(code)] = true
      let text = dictionary[Int(code)].trimmingSpaces.uppercased()
      if seen.insert(text).inserted { currencies.append(text) }
      if currencies.count >= 4 { break }
    }
  }

  /// Whole money on at least 20 lines, half of it 100 or more, beside ISO currency codes that
  /// have minor units.
  var looksLikeMinorUnits: Bool {
    values >= 20 && allWhole && large * 2 >= values && !currencies.isEmpty
      && currencies.allSatisfy { c in
        c.count == 3 && c.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
          && !MinorUnitAmounts.zeroDecimal.contains(c)
      }
  }
}

/// Whether an amount column that rfm leaves unread agrees with the line values it reads,
/// quantity × price: Kaggle's sales_data_sample writes `SALES` beside `QUANTITYORDERED` and a
/// `PRICEEACH` capped at 100, and supermarket_sales a `Total` with 5% tax. Kept from block to
/// block.
package struct UnreadAmounts: Sendable, Equatable {
  /// Lines with a positive quantity, price and amount, and those whose amount differs from
  /// quantity × price by more than rounding (half a cent, or 0.05%).
  private(set) var compared = 0
  private(set) var differing = 0
  /// Lines with a positive quantity and price but no amount: an amount written on an order's
  /// first line only (Shopify's `Total`) is the order's, not a line's, and says nothing.
  private(set) var withoutAmount = 0
  /// The differing line's amount, quantity and price that differ most (ties: the least amount,
  /// quantity, price): not the first met, so that a file and a database table say the same.
  private(set) var example: (amount: Double, quantity: Double, price: Double)? = nil
  /// The amount, quantity and price columns, for the note.
  var columns = ("", "", "")

  init() {}

  package init(
    compared: Int, differing: Int, withoutAmount: Int,
    example: (amount: Double, quantity: Double, price: Double)?, columns: (String, String, String)
  ) {
    (self.compared, self.differing, self.withoutAmount, self.example, self.columns) =
      (compared, differing, withoutAmount, example, columns)
  }

  package static func == (a: UnreadAmounts, b: UnreadAmounts) -> Bool {
    a.compared == b.compared && a.differing == b.differing && a.columns == b.columns
      && a.withoutAmount == b.withoutAmount
      && a.example.map { [$0.amount, $0.quantity, $0.price] }
        == b.example.map { [$0.amount, $0.quantity, $0.price] }
  }

  mutating func add(_ amounts: [Double], prices: [Double], quantity: (Int) -> Double) {
    for r in amounts.indices where r < prices.count {
      let (a, p, q) = (amounts[r], prices[r], quantity(r))
      guard p > 0, q > 0, p.isFinite, q.isFinite else { continue }
      if a.isNaN { withoutAmount += 1 }
      guard a > 0, a.isFinite else { continue }
      compared += 1
      let value = q * p
      let gap = abs(a - value)
      if gap > max(0.005, value * 0.0005) {
        differing += 1
        if let e = example {
          let eGap = abs(e.amount - e.quantity * e.price)
          guard gap > eGap || (gap == eGap && (a, q, p) < (e.amount, e.quantity, e.price))
          else { continue }
        }
        example = (a, q, p)
      }
    }
  }

  /// At least 20 lines compared, one in twenty differ, and the amount is on (nearly) every line
  /// with a quantity and a price.
  var differs: Bool {
    compared >= 20 && differing * 20 >= compared && withoutAmount * 20 < compared + withoutAmount
  }
}

/// Whether a price column holds each line's unit price or its total for the quantity (Amazon's
/// `item-price` is the price of all the units of the line): per product, its first line's
/// quantity and price, and at its first later line of another quantity, whether the price grew
/// with the quantity. Kept from block to block; after 1,000 products compared, nothing more is
/// looked at.
struct ScalingPrices: Sendable, Equatable {
  private var firstQuantity: [Double] = []
  private var firstPrice: [Double] = []
  /// Per product: 0 no line yet, 1 a first line, 2 compared.
  private var state: [UInt8] = []
  /// Products compared (a later line of another quantity), and those whose price divided by the
  /// quantity stayed the same (to half a percent) where the price itself changed.
  private(set) var compared = 0
  private(set) var scaling = 0

  /// Looks at the purchase-like lines of one block: positive quantity and price, a product.
  mutating func add(_ prices: [Double], products: [UInt32], quantity: (Int) -> Double) {
    guard compared < 1000 else { return }
    for r in products.indices where products[r] != Column.missingCode {
      let q = quantity(r)
      let price = prices[r]
      guard q > 0, price > 0 else { continue }
      let p = Int(products[r])
      if p >= state.count {
        state.append(contentsOf: repeatElement(0, count: p + 1 - state.count))
        firstQuantity.append(contentsOf: repeatElement(0, count: p + 1 - firstQuantity.count))
        firstPrice.append(contentsOf: repeatElement(0, count: p + 1 - firstPrice.count))
      }
      switch state[p] {
      case 0:
        (firstQuantity[p], firstPrice[p], state[p]) = (q, price, 1)
      case 1 where q != firstQuantity[p]:
        state[p] = 2
        compared += 1
        // The price per unit is the same while the price is not: a total for the quantity.
        let perUnit = price / q
        let firstPerUnit = firstPrice[p] / firstQuantity[p]
        if abs(perUnit - firstPerUnit) <= 0.005 * firstPerUnit { scaling += 1 }
        if compared >= 1000 { return }
      default: break
      }
    }
  }

  /// Whether the codes are categories rather than products (a log without products).
  var byCategory = false

  /// Whether the price looks like a line total: at least 5 products compared, and for 90% of
  /// them the price grew in proportion to the quantity.
  var looksLikeLineTotals: Bool { compared >= 5 && scaling * 10 >= compared * 9 }
}

/// Whether an amount column holds each line's value or the order's total written on every line
/// (WooCommerce's `Order Total Amount`, which summing per line counts once per line): per
/// invoice, its first amount and whether every later line repeats it, kept from block to block.
package struct RepeatedAmounts: Sendable, Equatable {
  private var first: [Double] = []
  /// 0: no line yet; 1: one line; 2: several lines, all with the first amount; 3: several lines
  /// that differ.
  private var state: [UInt8] = []
  /// Invoices with several lines, and those whose lines all have the same amount.
  private(set) var multiLine = 0
  private(set) var repeating = 0

  init() {}

  /// The counts of a log in a database (``RFMLogShape``).
  package init(multiLine: Int, repeating: Int) {
    self.multiLine = multiLine
    self.repeating = repeating
  }

  /// Counts the lines of one block (`Column.missingCode`: no invoice; NaN: no amount).
  mutating func add(_ amounts: [Double], invoices: [UInt32]) {
    for r in invoices.indices where invoices[r] != Column.missingCode && !amounts[r].isNaN {
      let i = Int(invoices[r])
      if i >= state.count {
        state.append(contentsOf: repeatElement(0, count: i + 1 - state.count))
        first.append(contentsOf: repeatElement(0, count: i + 1 - first.count))
      }
      switch state[i] {
      case 0:
        first[i] = amounts[r]
        state[i] = 1
      case 1:
        multiLine += 1
        if amounts[r] == first[i] {
          repeating += 1
          state[i] = 2
        } else {
          state[i] = 3
        }
      case 2 where amounts[r] != first[i]:
        repeating -= 1
        state[i] = 3
      default: break
      }
    }
  }

  /// Whether the amount looks like an order total on every line: at least 3 invoices with
  /// several lines, and on 90% of them every line has the same amount.
  var looksLikeOrderTotals: Bool { multiLine >= 3 && repeating * 10 >= multiLine * 9 }
}

/// Unsafe views of ``RFMInputs``' arrays for the duration of one ``RFMInputs/withRawColumns(_:)``.
struct RawColumns {
  let customer: UnsafeBufferPointer<UInt32>
  let invoice: UnsafeBufferPointer<UInt32>
  let cancelled: UnsafeBufferPointer<Bool>
  let dates: UnsafeBufferPointer<Int64>
  let quantityInts: UnsafeBufferPointer<Int64>
  let quantityDoubles: UnsafeBufferPointer<Double>
  /// Prices (when ``usesPrice``) or amounts.
  let values: UnsafeBufferPointer<Double>
  let quantityKind: Int
  let usesPrice: Bool
  let hasInvoice: Bool
  let product: UnsafeBufferPointer<UInt32>
  let group: UnsafeBufferPointer<UInt32>
  /// A status column's codes per row and, per code, whether it marks a cancellation (empty when
  /// the log has no status rule).
  let statusCodes: UnsafeBufferPointer<UInt32>
  let statusFlags: UnsafeBufferPointer<Bool>

  /// Whether a cancelled line's value counts as returned. A `C` invoice is a return of goods
  /// bought on another line; a line whose status says cancelled is the undone order itself, so
  /// it is set aside, neither bought nor returned (unless its quantity or value is negative).
  var cancellationIsReturn: Bool { statusCodes.isEmpty }

  /// The quantity of row `i` (NaN when missing or when there is no quantity column).
  @inline(__always) func quantity(_ i: Int) -> Double {
    switch quantityKind {
    case 1:
      let q = quantityInts[i]
      return q == Column.missingInteger ? .nan : Double(q)
    case 2: return quantityDoubles[i]
    default: return .nan
    }
  }

  /// How a line value converted to exact money units.
  enum LineStatus: Sendable, Equatable {
    /// The value as written, exactly.
    case exact
    /// A price, amount or quantity had more than four decimals: rounded to the nearest unit.
    case rounded
    /// Does not fit the 64-bit sums (a price or amount of ``Money/exactLimit`` or more, or
    /// quantity × price beyond `Int64`).
    case overflow
  }

  /// The line value in ``Money`` units (1/10,000): quantity × price, else the amount. Call it
  /// only when the price (or amount) and the quantity are not missing.
  @inline(__always) func lineUnits(_ i: Int, quantity q: Double) -> (
    units: Int64, status: LineStatus
  ) {
    guard let (v, exact) = Money.units(values[i]) else { return (0, .overflow) }
    var status: LineStatus = exact ? .exact : .rounded
    var line = v
    if usesPrice {
      if quantityKind == 1 {
        guard let product = Money.times(v, quantityInts[i]) else { return (0, .overflow) }
        line = product
      } else {
        guard let (qu, qExact) = Money.units(q),
          let (product, productExact) = Money.times(units: v, quantityUnits: qu)
        else { return (0, .overflow) }
        if !qExact || !productExact { status = .rounded }
        line = product
      }
    }
    // Int64.min has no magnitude in Int64: returns are summed by magnitude.
    return line == .min ? (0, .overflow) : (line, status)
  }

  @inline(__always) func isCancelled(_ i: Int) -> Bool {
    if !statusCodes.isEmpty {
      let code = statusCodes[i]
      if code != Column.missingCode && Int(code) < statusFlags.count && statusFlags[Int(code)] {
        return true
      }
    }
    guard hasInvoice, !cancelled.isEmpty else { return false }
    let code = invoice[i]
    return code != Column.missingCode && cancelled[Int(code)]
  }

  /// Whether a line with this quantity and value (not missing) is a purchase line.
  @inline(__always) func isPurchase(cancelled: Bool, quantity q: Double, value: Int64) -> Bool {
    !cancelled && value > 0 && (quantityKind == 0 || q > 0)
  }
}
