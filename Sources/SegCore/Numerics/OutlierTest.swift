/// One outlier filter with the parameters it fitted, so that it can be applied to new customers
/// (`score`, and the SQL that `export sql` writes for scoring in a database).
public struct OutlierTest: Sendable, Equatable {
  /// The fitted bounds.
  public enum Bounds: Sendable, Equatable {
    /// Kept when `|(x − center) / scale| < threshold` on every column (population sd).
    case zScore(centers: [Double], scales: [Double], threshold: Double)
    /// Kept when `lower ≤ x ≤ upper` on every column (Tukey's fences).
    case fences(lower: [Double], upper: [Double])
  }

  /// The columns the rule looked at, in order.
  public var columns: [String]
  /// The transform in place when the filter ran (applied to ``transformColumns`` first).
  public var transform: FeatureTransform?
  /// The columns ``transform`` applied to.
  public var transformColumns: [String]
  /// The fitted bounds, per column of ``columns``.
  public var bounds: Bounds

  /// Creates a record.
  public init(
    columns: [String], transform: FeatureTransform?, transformColumns: [String], bounds: Bounds
  ) {
    self.columns = columns
    self.transform = transform
    self.transformColumns = transformColumns
    self.bounds = bounds
  }
}
