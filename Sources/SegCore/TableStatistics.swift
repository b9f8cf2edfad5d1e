/// Row counts of a transaction log that the load report shows: dates, customers and dirt.
///
/// Counted from a table in memory (``init(table:roles:cancellationFlags:countsCustomers:)``),
/// added up block by block for a streamed log (``add(_:)``), or read from a database server's
/// answer: ``LoadReport/record(_:duplicates:roles:)`` turns any of them into the report's
/// counts and warnings.
package struct TableStatistics: Sendable, Equatable {
  package var firstDate: Int64?
  package var lastDate: Int64?
  package var distinctCustomers: Int?
  package var rowsWithoutCustomer: Int?
  package var cancellations: Int?
  /// Rows that are cancellations or have a negative quantity (or amount), counted once.
  package var cancelledOrReturned = 0
  /// A column of refunded money that no role reads (``refundColumn(in:roles:isNumber:)``), and
  /// its rows with a refund on a line that is no cancellation: money rfm counts as spent.
  package var refundColumn: String?
  package var refundedRows = 0
  package var negativeQuantities: Int?
  package var zeroPrices: Int?
  package var negativePrices: Int?
  /// Text customer ids written another way than an earlier one (``IDVariants``).
  package var customerVariants: IDVariants?

  /// No rows counted: every count `nil` or 0.
  package init() {}

  /// Adds the counts of `other`, rows that follow this one's: the dates widen, counts add up
  /// (`nil` where neither has the role), the first refund column stays. Distinct customers do
  /// not add up; the caller counts them across blocks.
  mutating func add(_ other: TableStatistics) {
    func sum(_ total: Int?, _ part: Int?) -> Int? {
      guard let part else { return total }
      return (total ?? 0) + part
    }
    if let lo = other.firstDate { firstDate = min(firstDate ?? lo, lo) }
    if let hi = other.lastDate { lastDate = max(lastDate ?? hi, hi) }
    rowsWithoutCustomer = sum(rowsWithoutCustomer, other.rowsWithoutCustomer)
    cancellations = sum(cancellations, other.cancellations)
    cancelledOrReturned += other.cancelledOrReturned
    refundColumn = refundColumn ?? other.refundColumn
    refundedRows += other.refundedRows
    negativeQuantities = sum(negativeQuantities, other.negativeQuantities)
    zeroPrices = sum(zeroPrices, other.zeroPrices)
    negativePrices = sum(negativePrices, other.negativePrices)
  }

  /// Words of a header that say the column holds refunded money (`Amount Refunded`,
  /// `refund_amount`, `Erstattungsbetrag`, `Montant remboursé`, `Importe reembolsado`).
  static let refundWords: Set<String> = [
    "refund", "refunds", "refunded", "erstattet", "erstattung", "rückerstattung", "erstattungs",
    "remboursement", "remboursé", "rembourse", "reembolso", "reembolsado", "rimborso",
    "rimborsato", "terugbetaald", "terugbetaling",
  ]

  /// The first number column (`isNumber`), in header order, that no role reads and whose name
  /// says refunded money; `nil` without one or without a money role.
  package static func refundColumn(
    in names: [String], roles: ColumnRoles, isNumber: (String) -> Bool
  ) -> String? {
    guard roles.hasMoney else { return nil }
    let taken = Set(roles.columns.values)
    return names.first { name in
      !taken.contains(name) && isNumber(name)
        && ColumnRoles.words(of: name).contains { word in
          refundWords.contains(word)
            || refundWords.contains { word.count > $0.count + 2 && word.hasPrefix($0) }
        }
    }
  }

  static func missingCount(_ column: Column) -> Int {
    switch column.data {
    case .integer(let v), .datetime(let v):
      v.reduce(0) { $0 + ($1 == Column.missingInteger ? 1 : 0) }
    case .decimal(let v): v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    case .text(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
    case .category(let codes, _): codes.reduce(0) { $0 + ($1 == Column.missingCode ? 1 : 0) }
    case .boolean(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
    }
  }

  /// Whether the column holds any value (stops at the first one, unlike ``missingCount(_:)``).
  static func hasValue(_ column: Column) -> Bool {
    switch column.data {
    case .integer(let v), .datetime(let v): v.contains { $0 != Column.missingInteger }
    case .decimal(let v): v.contains { !$0.isNaN }
    case .text(let v): v.contains { $0 != nil }
    case .category(let codes, _): codes.contains { $0 != Column.missingCode }
    case .boolean(let v): v.contains { $0 != nil }
    }
  }

  /// The counts of `table`. `cancellationFlags`, when given, are those of the invoice column's
  /// dictionary; `countsCustomers: false` skips the distinct customer count.
  init(
    table: Table, roles: ColumnRoles, cancellationFlags: [Bool]? = nil, countsCustomers: Bool = true
  ) {
    if let name = roles[.date], case .datetime(let v)? = table[name]?.data {
      var lo = Int64.max
      var hi = Int64.min
      for x in v where x != Column.missingInteger {
        lo = min(lo, x)
        hi = max(hi, x)
      }
      if lo <= hi {
        firstDate = lo
        lastDate = hi
      }
    }
    if let name = roles[.customer], let column = table[name] {
      rowsWithoutCustomer = TableStatistics.missingCount(column)
      if countsCustomers {
        switch column.data {
        case .integer(let v):
          var seen = Set<Int64>()
          var last = Column.missingInteger
          for x in v where x != Column.missingInteger && x != last {
            seen.insert(x)
            last = x
          }
          distinctCustomers = seen.count
        case .category(let codes, let dictionary):
          var used = [Bool](repeating: false, count: dictionary.count)
          for c in codes where c != Column.missingCode { used[Int(c)] = true }
          distinctCustomers = used.reduce(0) { $0 + ($1 ? 1 : 0) }
          customerVariants = IDVariants.find(dictionary.indices.filter { used[$0] }.map { dictionary[$0] })
        case .text(let v):
          distinctCustomers = Set(v.compactMap { $0 }).count
        default:
          break
        }
      }
    }
    // Cancellations under the log's rule; `cancellationFlags` (per invoice code) stand in for
    // the dictionary of a streamed block's invoice column.
    let decision =
      roles.cancellation ?? CancellationDecision.decide(table: table, roles: roles, explicit: nil)
    var flagged: (codes: [UInt32], flags: [Bool])? = nil
    if case .prefix = decision.rule, let cancellationFlags, let name = roles[.invoice],
      case .category(let codes, _)? = table[name]?.data
    {
      flagged = (codes, cancellationFlags)
    } else {
      flagged = decision.rowFlags(table, roles: roles)
    }
    if let flagged {
      cancellations = flagged.codes.reduce(0) {
        $0 + ($1 != Column.missingCode && Int($1) < flagged.flags.count && flagged.flags[Int($1)] ? 1 : 0)
      }
    } else if roles[.invoice] != nil {
      cancellations = 0
    }
    if let name = TableStatistics.refundColumn(
      in: table.columnNames, roles: roles, isNumber: { table[$0]?.isNumeric == true }),
      let column = table[name]
    {
      refundColumn = name
      for i in 0..<table.rowCount {
        let refunded: Bool
        switch column.data {
        case .integer(let v): refunded = v[i] != Column.missingInteger && v[i] > 0
        case .decimal(let v): refunded = v[i] > 0
        default: refunded = false
        }
        guard refunded else { continue }
        if let flagged {
          let c = flagged.codes[i]
          if c != Column.missingCode && Int(c) < flagged.flags.count && flagged.flags[Int(c)] {
            continue
          }
        }
        refundedRows += 1
      }
    }
    if table.rowCount > 0 {
      // Rows that are cancellations or returns (quantity < 0, else amount < 0), each once.
      let sign = (roles[.quantity] ?? roles[.amount]).flatMap { table[$0] }
      var n = 0
      for i in 0..<table.rowCount {
        var hit = false
        if let flagged {
          let c = flagged.codes[i]
          hit = c != Column.missingCode && Int(c) < flagged.flags.count && flagged.flags[Int(c)]
        }
        if !hit {
          switch sign?.data {
          case .integer(let v)?: hit = v[i] != Column.missingInteger && v[i] < 0
          case .decimal(let v)?: hit = v[i] < 0
          default: break
          }
        }
        if hit { n += 1 }
      }
      cancelledOrReturned = n
    }
    // Counted on the stored values: no converted copy of a large column.
    func count(_ column: Column?, _ test: (Double) -> Bool) -> Int? {
      switch column?.data {
      case .integer(let v)?:
        return v.reduce(0) { $0 + ($1 != Column.missingInteger && test(Double($1)) ? 1 : 0) }
      case .decimal(let v)?: return v.reduce(0) { $0 + (test($1) ? 1 : 0) }
      default: return nil
      }
    }
    negativeQuantities = count(roles[.quantity].flatMap { table[$0] }) { $0 < 0 }
    let price = (roles[.price] ?? roles[.amount]).flatMap { table[$0] }
    zeroPrices = count(price) { $0 == 0 }
    negativePrices = count(price) { $0 < 0 }
  }
}

extension TableStatistics {
  /// Everything a load report counts in `table`: each column's missing values, the log's
  /// statistics, and the rows equal to an earlier row. The counts are independent passes over
  /// the columns, run side by side.
  static func count(_ table: Table, roles: ColumnRoles)
    -> (missing: [Int], statistics: TableStatistics, duplicates: Int)
  {
    enum Part: Sendable {
      case statistics(TableStatistics)
      case duplicates(Int)
      case missing(Int)
    }
    let columnCount = table.columns.count
    let parts = Parallel.map(columnCount + 2) { k -> Part in
      switch k {
      case columnCount: .statistics(TableStatistics(table: table, roles: roles))
      case columnCount + 1:
        .duplicates(DuplicateRowCounter.count(in: table, sortedBy: roles[.date]))
      default: .missing(TableStatistics.missingCount(table.columns[k]))
      }
    }
    var statistics = TableStatistics()
    var duplicates = 0
    var missing: [Int] = []
    for part in parts {
      switch part {
      case .statistics(let s): statistics = s
      case .duplicates(let d): duplicates = d
      case .missing(let m): missing.append(m)
      }
    }
    return (missing, statistics, duplicates)
  }
}

/// Text ids that differ from another only in ASCII case or in spaces (`Ann@Example.com` beside
/// `ann@example.com`, `C-1 ` beside `C-1`): shops' exports keep what each order typed, so one
/// customer can appear under several spellings, which rfm counts as several customers.
package struct IDVariants: Sendable, Equatable {
  /// Ids that are another spelling of an id counted already: the distinct ids less the distinct
  /// spellings once folded (``folded(_:)``).
  package var count: Int
  /// Two spellings of one id, in byte order: the two least of the least folded id written more
  /// than one way. Byte order, not the order met, so that a file, a streamed file and a
  /// database table name the same pair.
  package var example: (String, String)

  package init(count: Int, example: (String, String)) {
    self.count = count
    self.example = example
  }

  package static func == (a: IDVariants, b: IDVariants) -> Bool {
    a.count == b.count && a.example == b.example
  }

  /// The variants among distinct `ids`; `nil` when there are none.
  package static func find(_ ids: [String]) -> IDVariants? {
    // Per folded id: how many spellings, and the two least (indexes into ids).
    var groups: [[UInt8]: (count: Int, least: Int, second: Int)] = [:]
    let less = { (a: Int, b: Int) in ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8) }
    for k in ids.indices {
      let key = folded(ids[k])
      guard var g = groups[key] else {
        groups[key] = (1, k, -1)
        continue
      }
      g.count += 1
      if less(k, g.least) {
        (g.least, g.second) = (k, g.least)
      } else if g.second < 0 || less(k, g.second) {
        g.second = k
      }
      groups[key] = g
    }
    var count = 0
    var example: (key: [UInt8], least: Int, second: Int)? = nil
    for (key, g) in groups where g.count > 1 {
      count += g.count - 1
      if example.map({ key.lexicographicallyPrecedes($0.key) }) ?? true {
        example = (key, g.least, g.second)
      }
    }
    guard let example else { return nil }
    return IDVariants(count: count, example: (ids[example.least], ids[example.second]))
  }

  /// The id's bytes with ASCII letters in lower case and spaces left out.
  static func folded(_ id: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(id.utf8.count)
    for b in id.utf8 where b != 0x20 {
      out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
    }
    return out
  }
}
