/// Row counts of a transaction log that the load report shows: dates, customers and dirt.
struct TableStatistics {
  var firstDate: Int64?
  var lastDate: Int64?
  var distinctCustomers: Int?
  var rowsWithoutCustomer: Int?
  var cancellations: Int?
  var negativeQuantities: Int?
  var zeroPrices: Int?
  var negativePrices: Int?

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

  /// Whether each dictionary entry of a text column starts with `C` (a cancelled invoice).
  static func cancellationFlags(_ dictionary: [String]) -> [Bool] {
    dictionary.map { isCancellation($0.utf8) }
  }

  /// Whether an invoice number, as bytes, is a cancellation: it starts with `C`.
  static func isCancellation(_ invoice: some Collection<UInt8>) -> Bool {
    invoice.first == UInt8(ascii: "C")
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
        case .text(let v):
          distinctCustomers = Set(v.compactMap { $0 }).count
        default:
          break
        }
      }
    }
    if let name = roles[.invoice], let column = table[name] {
      switch column.data {
      case .category(let codes, let dictionary):
        let flags = cancellationFlags ?? TableStatistics.cancellationFlags(dictionary)
        cancellations = codes.reduce(0) {
          $0 + ($1 != Column.missingCode && flags[Int($1)] ? 1 : 0)
        }
      case .text(let v):
        cancellations = v.reduce(0) {
          $0 + (TableStatistics.isCancellation(($1 ?? "").utf8) ? 1 : 0)
        }
      case .integer:
        cancellations = 0
      default:
        break
      }
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
