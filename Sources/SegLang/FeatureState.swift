public import SegCore

/// The clustering features of a table and what has been done to them: which columns (`cols=`),
/// the transform (`transform log`), the fitted scaler (`scale`), and the resulting matrix.
///
/// The table itself always keeps the ORIGINAL units: `transform` and `scale` never rewrite its
/// columns. ``matrix`` is derived from the table's columns by applying ``transform`` to
/// ``transformColumns`` and then ``scaler``; its rows follow the rows of the table named
/// ``tableName``, and row filters keep the two aligned.
public struct FeatureState: Sendable, Equatable {
  /// The default features of a customer table.
  public static let defaultColumns = ["recency", "frequency", "monetary"]

  /// The feature columns, in order (`cols=`; ``defaultColumns`` until set).
  public var columns: [String] = FeatureState.defaultColumns
  /// Whether ``columns`` were set explicitly with `cols=`.
  public var isExplicit: Bool = false
  /// The table the matrix rows follow (`customers`), or `nil` before any transform or scale.
  public var tableName: String?
  /// The transform applied before scaling (`log` is `log1p`, `signedlog` is
  /// `sign(x)·log1p(|x|)`), or `nil` for none.
  public var transform: FeatureTransform?
  /// The columns ``transform`` applies to (a subset of ``columns``).
  public var transformColumns: [String] = []
  /// The scaler fitted by `scale` on the transformed features (centers and scales per column),
  /// or `nil` before `scale`.
  public var scaler: FittedScaler?
  /// The features after transform and scaling, one row per row of ``tableName``; `nil` until
  /// `transform` or `scale` builds it (clustering then builds it from the original columns).
  public var matrix: FeatureMatrix?

  /// The empty state: default columns, nothing transformed or scaled.
  public init() {}

  /// Whether ``matrix`` is scaled.
  public var isScaled: Bool { scaler != nil }
}
