/// The storage of one column: a typed array, switched on once and then read in a tight loop.
///
/// Missing values are sentinels, so that columns stay compact (`[Int64?]` would take 16 bytes a
/// value): `Column.missingInteger` (`Int64.min`) in ``integer`` and ``datetime``, NaN in
/// ``decimal``, `nil` in ``text`` and ``boolean``. A ``category`` column is dictionary-encoded
/// text: `codes[i]` indexes `dictionary`, and `Column.missingCode` marks a missing value. Large transaction logs keep their text columns as categories so that loading
/// never holds one Swift `String` per row.
public enum ColumnData: Sendable, Equatable {
  case integer([Int64])
  case decimal([Double])
  /// Seconds since 1970-01-01T00:00:00, read as naive local time (no time zone).
  case datetime([Int64])
  case text([String?])
  case category(codes: [UInt32], dictionary: [String])
  case boolean([Bool?])

  /// Columns are equal when they hold the same values; a missing decimal (NaN) equals a missing
  /// decimal, as missing values of the other types do, so that a table equals its copy.
  public static func == (a: ColumnData, b: ColumnData) -> Bool {
    switch (a, b) {
    case (.integer(let x), .integer(let y)): x == y
    case (.datetime(let x), .datetime(let y)): x == y
    case (.decimal(let x), .decimal(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    case (.text(let x), .text(let y)): x == y
    case (.category(let xc, let xd), .category(let yc, let yd)): xc == yc && xd == yd
    case (.boolean(let x), .boolean(let y)): x == y
    default: false
    }
  }
}

/// The logical type of a column, as shown to users.
public enum ColumnType: String, Sendable, Equatable, CaseIterable {
  case integer, decimal, datetime, text, boolean
}

/// A named column of a ``Table``.
public struct Column: Sendable, Equatable {
  /// The code that marks a missing value in a ``ColumnData/category(codes:dictionary:)`` column.
  public static let missingCode = UInt32.max
  /// The value that marks a missing value in ``ColumnData/integer(_:)`` and
  /// ``ColumnData/datetime(_:)`` columns.
  public static let missingInteger = Int64.min

  public var name: String
  public var data: ColumnData

  public init(name: String, data: ColumnData) {
    self.name = name
    self.data = data
  }

  /// The number of values.
  public var count: Int {
    switch data {
    case .integer(let v): v.count
    case .decimal(let v): v.count
    case .datetime(let v): v.count
    case .text(let v): v.count
    case .category(let codes, _): codes.count
    case .boolean(let v): v.count
    }
  }

  /// The logical type; categories are text.
  public var type: ColumnType {
    switch data {
    case .integer: .integer
    case .decimal: .decimal
    case .datetime: .datetime
    case .text, .category: .text
    case .boolean: .boolean
    }
  }

  /// Whether the column is numeric (integer or decimal).
  public var isNumeric: Bool { type == .integer || type == .decimal }

  /// The values as doubles (NaN where missing), or `nil` when the column is not numeric.
  public var doubles: [Double]? {
    switch data {
    case .decimal(let v): v
    case .integer(let v): v.map { $0 == Column.missingInteger ? .nan : Double($0) }
    default: nil
    }
  }

  /// The text of row `i` for a text or category column, `nil` when missing or not text.
  public func text(at i: Int) -> String? {
    switch data {
    case .text(let v): v[i]
    case .category(let codes, let dictionary):
      codes[i] == Column.missingCode ? nil : dictionary[Int(codes[i])]
    default: nil
    }
  }

  /// A copy holding only the rows at `indices`, in that order.
  public func gathering(_ indices: [Int]) -> Column {
    switch data {
    case .integer(let v): Column(name: name, data: .integer(indices.map { v[$0] }))
    case .decimal(let v): Column(name: name, data: .decimal(indices.map { v[$0] }))
    case .datetime(let v): Column(name: name, data: .datetime(indices.map { v[$0] }))
    case .text(let v): Column(name: name, data: .text(indices.map { v[$0] }))
    case .category(let codes, let dictionary):
      Column(name: name, data: .category(codes: indices.map { codes[$0] }, dictionary: dictionary))
    case .boolean(let v): Column(name: name, data: .boolean(indices.map { v[$0] }))
    }
  }
}
