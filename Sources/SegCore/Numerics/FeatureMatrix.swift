/// A dense numeric matrix of features: one row per customer, one column per feature, stored flat
/// in row-major order.
///
/// This is the input of every numeric kernel in SegCore (scaling, k-means, validity indices,
/// PCA). It is a value: transforms and scalers return new matrices. Every value is finite; the
/// initializers reject NaN and infinities with an error that names the column.
///
/// ```swift
/// let table = Table(columns: [
///   Column(name: "recency", data: .integer([3, 40, 200])),
///   Column(name: "monetary", data: .decimal([120.5, 80, 15])),
/// ])
/// let m = try FeatureMatrix(table: table, columns: ["recency", "monetary"])
/// // m.rows == 3, m.cols == 2, m[1, 1] == 80
/// ```
public struct FeatureMatrix: Sendable, Equatable {
  /// The values, row-major: element `(i, j)` is `values[i * cols + j]`.
  public private(set) var values: [Double]
  /// The number of rows (customers).
  public let rows: Int
  /// The number of columns (features).
  public let cols: Int
  /// One name per column.
  public let columnNames: [String]

  /// Creates a matrix from flat row-major values.
  ///
  /// - Throws: ``AnalysisError/noFeatures`` when `columnNames` is empty,
  ///   ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `values.count != rows × cols`,
  ///   ``AnalysisError/nonFiniteValues(column:count:)`` for NaN or infinite values.
  public init(values: [Double], rows: Int, columnNames: [String]) throws(AnalysisError) {
    guard !columnNames.isEmpty else { throw .noFeatures }
    let cols = columnNames.count
    guard rows >= 0, values.count == rows * cols else {
      throw .shapeMismatch(
        what: "matrix values", expected: max(0, rows) * cols, actual: values.count)
    }
    for j in 0..<cols {
      var bad = 0
      for i in 0..<rows where !values[i * cols + j].isFinite { bad += 1 }
      if bad > 0 { throw .nonFiniteValues(column: columnNames[j], count: bad) }
    }
    self.init(trusted: values, rows: rows, columnNames: columnNames)
  }

  /// Creates a matrix from already-validated values (finite, right shape).
  init(trusted values: [Double], rows: Int, columnNames: [String]) {
    self.values = values
    self.rows = rows
    self.cols = columnNames.count
    self.columnNames = columnNames
  }

  /// Builds a matrix from the named numeric columns of `table`, in the order given.
  ///
  /// Integer and decimal columns are accepted; missing values (NaN, missing integers) and
  /// infinities are an error, reported per column with their count.
  ///
  /// - Throws: ``AnalysisError/noFeatures``, ``AnalysisError/missingColumn(name:)``,
  ///   ``AnalysisError/nonNumericColumn(name:type:)``,
  ///   ``AnalysisError/nonFiniteValues(column:count:)``.
  /// - Complexity: O(rows × columns).
  public init(table: Table, columns names: [String]) throws(AnalysisError) {
    guard !names.isEmpty else { throw .noFeatures }
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw .invalidParameter(name: "columns", reason: "'\(name)' is listed twice")
    }
    let rows = table.rowCount
    let cols = names.count
    var values = [Double](repeating: 0, count: rows * cols)
    for (j, name) in names.enumerated() {
      guard let column = table[name] else { throw .missingColumn(name: name) }
      guard let doubles = column.doubles else {
        throw .nonNumericColumn(name: name, type: column.type)
      }
      var bad = 0
      for i in 0..<rows {
        let v = doubles[i]
        if !v.isFinite { bad += 1 }
        values[i * cols + j] = v
      }
      if bad > 0 { throw .nonFiniteValues(column: name, count: bad) }
    }
    self.init(trusted: values, rows: rows, columnNames: names)
  }

  /// Whether the matrix has no rows.
  public var isEmpty: Bool { rows == 0 }

  /// The value at row `i`, column `j`.
  public subscript(i: Int, j: Int) -> Double {
    values[i * cols + j]
  }

  /// A copy of column `j`.
  public func column(_ j: Int) -> [Double] {
    var out = [Double](repeating: 0, count: rows)
    for i in 0..<rows { out[i] = values[i * cols + j] }
    return out
  }

  /// The index of the column called `name`, or `nil`.
  public func columnIndex(named name: String) -> Int? {
    columnNames.firstIndex(of: name)
  }

  /// A copy of row `i`.
  public func row(_ i: Int) -> [Double] {
    Array(values[(i * cols)..<((i + 1) * cols)])
  }

  /// A matrix holding only the rows at `indices`, in that order.
  public func gathering(rows indices: [Int]) -> FeatureMatrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * cols)
    for i in indices { out.append(contentsOf: values[(i * cols)..<((i + 1) * cols)]) }
    return FeatureMatrix(trusted: out, rows: indices.count, columnNames: columnNames)
  }

  /// A matrix holding only the rows where `keep` is true.
  ///
  /// - Precondition: `keep.count == rows`.
  public func filtered(_ keep: [Bool]) -> FeatureMatrix {
    precondition(keep.count == rows, "mask length \(keep.count) != \(rows) rows")
    return gathering(rows: keep.indices.filter { keep[$0] })
  }

  /// A matrix holding only the named columns, in the order given.
  ///
  /// - Throws: ``AnalysisError/missingColumn(name:)`` for an unknown name.
  public func selecting(columns names: [String]) throws(AnalysisError) -> FeatureMatrix {
    guard !names.isEmpty else { throw .noFeatures }
    var idx = [Int]()
    for name in names {
      guard let j = columnIndex(named: name) else { throw .missingColumn(name: name) }
      idx.append(j)
    }
    var out = [Double](repeating: 0, count: rows * idx.count)
    for i in 0..<rows {
      for (jj, j) in idx.enumerated() { out[i * idx.count + jj] = values[i * cols + j] }
    }
    return FeatureMatrix(trusted: out, rows: rows, columnNames: names)
  }

  /// The matrix as a table of decimal columns with the same names.
  public func table() -> Table {
    Table(columns: (0..<cols).map { Column(name: columnNames[$0], data: .decimal(column($0))) })
  }
}
