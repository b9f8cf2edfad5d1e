/// A validated row-major matrix of finite doubles, the common input of the clustering methods.
///
/// Validation happens once, at the public entry points; kernels then trust the shape.
struct PointMatrix: Sendable {
  let values: [Double]
  let rows: Int
  let cols: Int

  /// Checks the shape and that every value is finite.
  ///
  /// - Throws: `.emptyInput` when `rows` or `cols` is zero, `.shapeMismatch` when
  ///   `values.count != rows * cols` (or either is negative), `.nonFiniteValue` naming the first
  ///   row holding a NaN or an infinity.
  init(_ values: [Double], rows: Int, cols: Int) throws(ClusteringError) {
    guard rows >= 0, cols >= 0, rows.multipliedReportingOverflow(by: cols).overflow == false,
      values.count == rows * cols
    else {
      throw ClusteringError(
        .shapeMismatch,
        "expected \(rows) × \(cols) values, got \(values.count)")
    }
    guard rows > 0, cols > 0 else {
      throw ClusteringError(.emptyInput, "no points to cluster (\(rows) rows, \(cols) columns)")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      let row = bad / cols
      throw ClusteringError(
        .nonFiniteValue,
        "row \(row), column \(bad % cols) is not a finite number (NaN or infinity)", row: row)
    }
    self.values = values
    self.rows = rows
    self.cols = cols
  }

  /// Wraps values already known to be valid.
  init(trusted values: [Double], rows: Int, cols: Int) {
    self.values = values
    self.rows = rows
    self.cols = cols
  }

  /// The rows at `indices`, in that order.
  func gathering(_ indices: [Int]) -> PointMatrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * cols)
    for i in indices { out.append(contentsOf: values[(i * cols)..<((i + 1) * cols)]) }
    return PointMatrix(trusted: out, rows: indices.count, cols: cols)
  }

  /// The squared Euclidean distance between rows `i` and `j`, summed over columns in order.
  func squaredDistance(_ i: Int, _ j: Int) -> Double {
    squaredEuclidean(values.span, i * cols, j * cols, count: cols)
  }
}

/// The squared Euclidean distance between the `count` values at offsets `a` and `b` of `v`,
/// summed in order: the one distance kernel of the clustering code.
@inline(__always)
func squaredEuclidean(_ v: borrowing Span<Double>, _ a: Int, _ b: Int, count: Int) -> Double {
  var s = 0.0
  for c in 0..<count {
    let d = v[a + c] - v[b + c]
    s += d * d
  }
  return s
}

/// `count` distinct indices in `0..<population`, drawn uniformly by a partial Fisher–Yates shuffle
/// and returned in increasing order (so that the sample keeps the input's row order).
func seededSample(count: Int, from population: Int, using generator: inout SeededGenerator)
  -> [Int]
{
  precondition(count <= population)
  var pool = Array(0..<population)
  for i in 0..<count {
    let j = i + generator.nextInt(below: population - i)
    pool.swapAt(i, j)
  }
  return pool[0..<count].sorted()
}
