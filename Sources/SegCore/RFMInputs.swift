/// The role columns RFM reads, resolved once into compact typed arrays.
struct RFMInputs: Sendable {
  /// Customer ids: integers, or codes into sorted-later text.
  enum Keys: Sendable {
    case ints([Int64])
    case codes([UInt32], dictionary: [String])

    /// The key of row `i` as an integer (text codes widened), `Int64.min` when missing.
    @inline(__always) func key(_ i: Int) -> Int64 {
      switch self {
      case .ints(let v): return v[i]
      case .codes(let c, _): return c[i] == Column.missingCode ? Column.missingInteger : Int64(c[i])
      }
    }
  }

  enum Numbers: Sendable {
    case ints([Int64])
    case doubles([Double])

    @inline(__always) func value(_ i: Int) -> Double {
      switch self {
      case .ints(let v): return v[i] == Column.missingInteger ? .nan : Double(v[i])
      case .doubles(let v): return v[i]
      }
    }

    var isInteger: Bool {
      if case .ints = self { return true }
      return false
    }
  }

  var rows: Int
  var customer: Keys
  var customerColumn: String
  /// Invoice keys (codes or integers) and, per code, whether it is a cancellation.
  var invoice: Keys?
  var cancelled: [Bool]
  var dates: [Int64]
  var quantity: Numbers?
  var price: [Double]?
  var amount: [Double]?
  /// Dense product codes and their names.
  var product: [UInt32]?
  var productNames: [String]
  var productColumn: String?
  /// Dense affinity group codes (a category column, else the products) and their names.
  var group: [UInt32]?
  var groupNames: [String]
  var groupColumn: String?

  @inline(__always) func isCancelled(_ i: Int) -> Bool {
    guard case .codes(let c, _)? = invoice else { return false }
    let code = c[i]
    return code != Column.missingCode && cancelled[Int(code)]
  }

  /// The line's value: quantity × price, else amount; NaN when missing.
  @inline(__always) func value(_ i: Int) -> Double {
    if let price, let quantity { return quantity.value(i) * price[i] }
    return amount?[i] ?? .nan
  }

  static func missing(_ role: ColumnRole, _ table: Table, extra: String = "") -> RFMError {
    let failure = RoleLookupFailure(role: role, wanted: nil, available: table.columnNames, suggestions: [])
    return RFMError(
      code: .missingRole, message: failure.message + extra,
      hint: "name it when loading: load \"FILE\" \(role.rawValue)=COLUMN")
  }

  init(table: Table, roles: ColumnRoles) throws(RFMError) {
    rows = table.rowCount
    func column(_ role: ColumnRole) -> Column? { roles[role].flatMap { table[$0] } }
    func wrongType(_ role: ColumnRole, _ c: Column, _ wanted: String) -> RFMError {
      RFMError(
        code: .wrongColumnType, column: c.name,
        message: "the \(role.rawValue) column '\(c.name)' is \(c.type.rawValue), RFM needs \(wanted)",
        hint: "name another column with \(role.rawValue)=COLUMN")
    }
    guard let c = column(.customer) else { throw RFMInputs.missing(.customer, table) }
    customerColumn = c.name
    switch c.data {
    case .integer(let v): customer = .ints(v)
    case .category(let codes, let dictionary): customer = .codes(codes, dictionary: dictionary)
    case .text(let v):
      let (codes, dictionary) = RFMInputs.encode(v)
      customer = .codes(codes, dictionary: dictionary)
    case .decimal(let v) where v.allSatisfy({ $0.isNaN || ($0 == $0.rounded() && abs($0) < 9e15) }):
      customer = .ints(v.map { $0.isNaN ? Column.missingInteger : Int64($0) })
    default: throw wrongType(.customer, c, "integer or text ids")
    }
    guard let d = column(.date) else { throw RFMInputs.missing(.date, table) }
    guard case .datetime(let dv) = d.data else { throw wrongType(.date, d, "dates") }
    dates = dv
    cancelled = []
    if let inv = column(.invoice) {
      switch inv.data {
      case .integer(let v): invoice = .ints(v)
      case .category(let codes, let dictionary):
        invoice = .codes(codes, dictionary: dictionary)
        cancelled = TableStatistics.cancellationFlags(dictionary)
      case .text(let v):
        let (codes, dictionary) = RFMInputs.encode(v)
        invoice = .codes(codes, dictionary: dictionary)
        cancelled = TableStatistics.cancellationFlags(dictionary)
      default: throw wrongType(.invoice, inv, "invoice numbers (integer or text)")
      }
    }
    func numbers(_ role: ColumnRole) throws(RFMError) -> Numbers? {
      guard let c = column(role) else { return nil }
      switch c.data {
      case .integer(let v): return .ints(v)
      case .decimal(let v): return .doubles(v)
      default: throw wrongType(role, c, "numbers")
      }
    }
    let q = try numbers(.quantity)
    let p = try numbers(.price)
    let a = try numbers(.amount)
    quantity = q
    func doubles(_ n: Numbers) -> [Double] {
      if case .doubles(let v) = n { return v }
      return (0..<table.rowCount).map { n.value($0) }
    }
    if let p, q != nil {
      price = doubles(p)
      amount = nil
    } else if let a {
      price = nil
      amount = doubles(a)
    } else if q != nil {
      throw RFMInputs.missing(.price, table, extra: "; lines need quantity and price, or an amount")
    } else {
      throw RFMInputs.missing(.amount, table, extra: "; lines need quantity and price, or an amount")
    }
    productNames = []
    groupNames = []
    if let pc = column(.product) {
      productColumn = pc.name
      (product, productNames) = try RFMInputs.dense(pc, role: .product)
    }
    if let gc = column(.category) {
      groupColumn = gc.name
      (group, groupNames) = try RFMInputs.dense(gc, role: .category)
    } else if product != nil {
      groupColumn = productColumn
      group = product
      groupNames = productNames
    }
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
  static func dense(_ c: Column, role: ColumnRole) throws(RFMError) -> ([UInt32], [String]) {
    switch c.data {
    case .category(let codes, let dictionary): return (codes, dictionary)
    case .text(let v): return encode(v)
    case .integer(let v):
      var index = DenseIndex()
      var last = Column.missingInteger
      var lastCode = Column.missingCode
      let codes = v.map { x -> UInt32 in
        if x == Column.missingInteger { return Column.missingCode }
        if x != last {
          last = x
          lastCode = UInt32(index.index(of: x))
        }
        return lastCode
      }
      return (codes, index.ordered.map { String($0) })
    default:
      throw RFMError(
        code: .wrongColumnType, column: c.name,
        message: "the \(role.rawValue) column '\(c.name)' is \(c.type.rawValue), RFM needs codes or names",
        hint: "name another column with \(role.rawValue)=COLUMN")
    }
  }
}
