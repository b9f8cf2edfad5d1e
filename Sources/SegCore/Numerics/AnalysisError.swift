/// An error from SegCore's numeric core: feature extraction, filtering, transforms, scaling,
/// clustering, validity indices and PCA.
///
/// Every case names what the user can act on (a column, a count, the value of `k`) and never
/// prints customer values. Match a case in `catch` with pattern matching:
///
/// ```swift
/// do { _ = try FittedScaler.fit(matrix, method: .standard) }
/// catch .zeroVariance(let column) { print("drop \(column)") }
/// ```
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The table has no column of that name.
  case missingColumn(name: String)
  /// The column exists but is not numeric (integer or decimal).
  case nonNumericColumn(name: String, type: ColumnType)
  /// The column holds `count` missing (NaN) or infinite values.
  case nonFiniteValues(column: String, count: Int)
  /// No feature columns were selected.
  case noFeatures
  /// The matrix has no rows.
  case emptyMatrix
  /// A transform that needs non-negative input met `count` negative values in `column`.
  case negativeValues(column: String, count: Int, transform: String)
  /// The column is constant (zero variance, zero IQR or zero range), so it cannot be scaled.
  case zeroVariance(column: String)
  /// `k` is outside `2...rows` (or `1...rows` where one cluster is allowed).
  case invalidClusterCount(k: Int, rows: Int)
  /// The data holds only `distinct` distinct points, fewer than the `k` clusters asked for.
  case tooFewDistinctPoints(k: Int, distinct: Int)
  /// Two inputs disagree in size, e.g. labels and rows, or centroids and `k × cols`.
  case shapeMismatch(what: String, expected: Int, actual: Int)
  /// A validity index needs between 2 and `rows − 1` clusters.
  case invalidLabelCount(labels: Int, rows: Int)
  /// A parameter is outside its domain (a negative threshold, an empty range, ...).
  case invalidParameter(name: String, reason: String)
  /// The caller's ``CancellationToken`` asked the computation to stop; there is no result.
  case cancelled
  /// A clustering algorithm could not fit (a singular covariance, too few points for a
  /// component, ...): the algorithm's code and its message.
  case clustering(code: String, message: String)
  /// A density method found no cluster: every row is noise at radius `eps`.
  case noDenseRegion(eps: Double)

  public var description: String {
    switch self {
    case .missingColumn(let name):
      "no column '\(name)'"
    case .nonNumericColumn(let name, let type):
      "column '\(name)' is \(type.rawValue), not numeric"
    case .nonFiniteValues(let column, let count):
      "column '\(column)' has \(count) missing or infinite value\(count == 1 ? "" : "s")"
    case .noFeatures:
      "no feature columns selected"
    case .emptyMatrix:
      "no rows to analyse"
    case .negativeValues(let column, let count, let transform):
      "\(transform) needs non-negative values, but column '\(column)' has \(count) negative "
        + "row\(count == 1 ? "" : "s")"
    case .zeroVariance(let column):
      "column '\(column)' is constant (zero spread), so it cannot be scaled"
    case .invalidClusterCount(let k, let rows):
      k < 2
        ? "k must be at least 2 (got \(k))"
        : "k=\(k) exceeds the \(rows) row\(rows == 1 ? "" : "s") available"
    case .tooFewDistinctPoints(let k, let distinct):
      "only \(distinct) distinct point\(distinct == 1 ? "" : "s"), fewer than k=\(k) clusters"
    case .shapeMismatch(let what, let expected, let actual):
      "\(what): expected \(expected), got \(actual)"
    case .invalidLabelCount(let labels, let rows):
      "need between 2 and \(max(2, rows - 1)) clusters, got \(labels)"
    case .invalidParameter(let name, let reason):
      "\(name): \(reason)"
    case .cancelled:
      "cancelled"
    case .clustering(_, let message):
      message
    case .noDenseRegion(let eps):
      "no cluster found: every row is noise at eps \(eps)"
    }
  }
}
