/// A columnar table: named, typed columns of equal length.
///
/// Tables are values. Commands that change the session's current table build a new one; the
/// old one stays intact, which is what makes undo and "nothing is lost" cheap to promise.
public struct Table: Sendable, Equatable {
  public private(set) var columns: [Column]

  /// Creates a table. All columns must have the same length and distinct names.
  public init(columns: [Column]) {
    self.columns = columns
    checkInvariants()
  }

  /// An empty table with no columns.
  public static let empty = Table(columns: [])

  /// The number of rows (0 for a table with no columns).
  public var rowCount: Int { columns.first?.count ?? 0 }

  /// The column names in order.
  public var columnNames: [String] { columns.map(\.name) }

  /// The index of the column called `name` (exact match), or `nil`.
  public func columnIndex(named name: String) -> Int? {
    columns.firstIndex { $0.name == name }
  }

  /// The column called `name` (exact match), or `nil`.
  public subscript(name: String) -> Column? {
    columnIndex(named: name).map { columns[$0] }
  }

  /// Adds a column at the end, or replaces the column of the same name in place.
  public mutating func setColumn(_ column: Column) {
    precondition(columns.isEmpty || column.count == rowCount, "column length mismatch")
    if let i = columnIndex(named: column.name) {
      columns[i] = column
    } else {
      columns.append(column)
    }
  }

  /// Removes the column called `name`, if present.
  public mutating func removeColumn(named name: String) {
    columns.removeAll { $0.name == name }
  }

  /// A table holding only the rows at `indices`, in that order.
  public func gathering(_ indices: [Int]) -> Table {
    Table(columns: columns.map { $0.gathering(indices) })
  }

  /// A table holding only the rows where `keep` is true.
  public func filtered(_ keep: [Bool]) -> Table {
    precondition(keep.count == rowCount)
    return gathering(keep.indices.filter { keep[$0] })
  }

  /// Checks equal column lengths and distinct names; free in release builds.
  public func checkInvariants() {
    #if DEBUG
      if let n = columns.first?.count {
        for c in columns { assert(c.count == n, "column \(c.name) has \(c.count) rows, expected \(n)") }
      }
      assert(Set(columns.map(\.name)).count == columns.count, "duplicate column names")
    #endif
  }
}
