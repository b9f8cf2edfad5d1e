public import SegCore

/// The clustering features of a table and what has been done to them: which columns (`cols=`),
/// the transform (`transform log`), the fitted scaler (`scale`), and the resulting matrix.
///
/// The table itself always keeps the ORIGINAL units: `transform` and `scale` never rewrite its
/// columns. ``matrix`` is derived from the table's columns by applying ``transform`` to
/// ``transformColumns`` and then ``scaler``; its rows follow the rows of the table named
/// ``tableName``.
///
/// The type holds its rules; callers cannot break them, because every stored property is
/// read-only outside and changes only through the operations below:
/// - the matrix and the scaler are set together, only by ``build(_:named:scaling:)`` from a
///   table's rows (so the scaler was fitted on that matrix, and the matrix has that table's rows);
/// - the matrix is read through ``matrix(of:rows:)``, which gives it only for the table it was
///   built from, with the rows it was built from;
/// - a new table starts from ``recipe(for:)``: the chosen columns, without the transform and
///   scaler set on another table;
/// - ``keepRows(_:ofTable:total:)`` keeps the matrix in step when a filter drops rows.
public struct FeatureState: Sendable, Equatable {
  /// The default features of a customer table.
  public static let defaultColumns = ["recency", "frequency", "monetary"]

  /// The feature columns, in order (`cols=`; ``defaultColumns`` until set).
  public private(set) var columns: [String] = FeatureState.defaultColumns
  /// Whether ``columns`` were set explicitly with `cols=`.
  public private(set) var isExplicit: Bool = false
  /// The table the transform, the scaler and the matrix belong to (`customers`), or `nil` before
  /// any transform, scale or clustering.
  public private(set) var tableName: String?
  /// The transform applied before scaling (`log` is `log1p`, `signedlog` is
  /// `sign(x)·log1p(|x|)`), or `nil` for none.
  public private(set) var transform: FeatureTransform?
  /// The columns ``transform`` applies to (a subset of ``columns``).
  public private(set) var transformColumns: [String] = []
  /// The scaler fitted by `scale` on the transformed features (centers and scales per column),
  /// or `nil` before `scale`.
  public private(set) var scaler: FittedScaler?
  /// The features after transform and scaling, one row per row of ``tableName`` as it was when
  /// they were built; `nil` until `transform`, `scale` or a clustering command builds it. Read it
  /// for a table through ``matrix(of:rows:)``.
  public private(set) var matrix: FeatureMatrix?

  /// The empty state: `columns` (the default features), nothing transformed or scaled.
  public init(columns: [String] = FeatureState.defaultColumns) {
    self.columns = columns
  }

  /// Whether ``matrix`` is scaled.
  public var isScaled: Bool { scaler != nil }

  // MARK: Reading

  /// The working matrix when it follows the table called `name` with `rows` rows; `nil` when
  /// none was built, or it was built from another table, or from other rows.
  public func matrix(of name: String?, rows: Int) -> FeatureMatrix? {
    guard tableName == name, let matrix, matrix.rows == rows else { return nil }
    return matrix
  }

  /// Where features for the table called `name` start: this state when its transform and scaler
  /// were set on that table, else the chosen columns alone, with no transform, scaler or matrix.
  public func recipe(for name: String?) -> FeatureState {
    guard tableName != name else { return self }
    var fresh = FeatureState(columns: columns)
    fresh.isExplicit = isExplicit
    fresh.tableName = name
    return fresh
  }

  // MARK: Changing

  /// Builds the working matrix of `table`, the table called `name`: its ``columns``, the
  /// transform, then a scaler of `scaling` fitted on the result (none when `nil`). The matrix,
  /// the scaler and the table's name change together, and only when the build succeeds.
  @discardableResult
  mutating func build(_ table: Table, named name: String?, scaling: ScalingMethod?)
    throws(AnalysisError) -> FeatureMatrix
  {
    var next = self
    next.tableName = name
    let built = try FeaturePipeline.build(table, state: next, scaling: scaling)
    next.matrix = built.matrix
    next.scaler = built.scaler
    self = next
    return built.matrix
  }

  /// Transforms `columns` (added to the features when missing) with `kind`, replacing the
  /// transform; the matrix must be built again.
  mutating func setTransform(_ kind: FeatureTransform, columns chosen: [String]) {
    for c in chosen where !columns.contains(c) { columns.append(c) }
    transform = kind
    transformColumns = columns.filter { chosen.contains($0) }
    matrix = nil
  }

  /// Chooses the feature columns (`cols=`): the transform stays on the chosen columns it covered
  /// (and goes when it covers none of them); the matrix and the scaler go.
  mutating func select(columns chosen: [String], explicit: Bool = true) {
    columns = chosen
    isExplicit = explicit
    transformColumns = transformColumns.filter { chosen.contains($0) }
    if transformColumns.isEmpty { transform = nil }
    matrix = nil
    scaler = nil
  }

  /// Keeps the matrix in step with the table called `name` after a filter kept the rows at `kept`
  /// (increasing indices into its old `total` rows).
  mutating func keepRows(_ kept: [Int], ofTable name: String, total: Int) {
    guard let m = matrix(of: name, rows: total) else { return }
    matrix = m.gathering(rows: kept)
  }
}
