import SegCore

/// How the clustering matrix is derived from a table: the feature columns in original units,
/// then the transform, then the fitted scaler (see ``FeatureState``).
enum FeaturePipeline {
  /// The feature columns of `table` in original units.
  static func original(_ table: Table, columns: [String]) throws(AnalysisError) -> FeatureMatrix {
    try FeatureMatrix(table: table, columns: columns)
  }

  /// The transformed (not yet scaled) features of `table` under `state`.
  static func transformed(_ table: Table, state: FeatureState) throws(AnalysisError)
    -> FeatureMatrix
  {
    let m = try original(table, columns: state.columns)
    return try applyTransform(m, state: state)
  }

  /// Applies `state`'s transform to the columns it covers.
  static func applyTransform(_ m: FeatureMatrix, state: FeatureState) throws(AnalysisError)
    -> FeatureMatrix
  {
    guard let transform = state.transform else { return m }
    let columns = state.transformColumns.filter { m.columnIndex(named: $0) != nil }
    guard !columns.isEmpty else { return m }
    return try m.transformed(transform, columns: columns)
  }

  /// Rebuilds the working matrix of `table` and returns it with its scaler.
  ///
  /// The transform comes first, then a freshly fitted scaler of `method` (when given).
  static func build(_ table: Table, state: FeatureState, scaling method: ScalingMethod?)
    throws(AnalysisError) -> (matrix: FeatureMatrix, scaler: FittedScaler?)
  {
    let t = try transformed(table, state: state)
    guard let method else { return (t, nil) }
    let scaler = try FittedScaler.fit(t, method: method)
    return (try scaler.transform(t), scaler)
  }

  /// Projects other rows (the outliers) into the working space with the state's fitted transform
  /// and scaler (nothing is refitted).
  static func project(_ table: Table, state: FeatureState) throws(AnalysisError) -> FeatureMatrix {
    let t = try transformed(table, state: state)
    guard let scaler = state.scaler else { return t }
    return try scaler.transform(t)
  }

  /// Row-major points of the working space back in original units: the scaler undone, then the
  /// transform undone.
  static func toOriginal(_ values: [Double], state: FeatureState) -> [Double] {
    var v = values
    let cols = state.columns.count
    guard cols > 0 else { return v }
    if let scaler = state.scaler, let back = try? scaler.inverseTransform(rowMajor: v) { v = back }
    if let transform = state.transform {
      let js = state.transformColumns.compactMap { state.columns.firstIndex(of: $0) }
      for i in 0..<(v.count / cols) {
        for j in js { v[i * cols + j] = transform.inverse(v[i * cols + j]) }
      }
    }
    return v
  }

  /// A short description of the processing: `log, standard-scaled`.
  static func describe(_ state: FeatureState) -> String {
    var parts: [String] = []
    if let t = state.transform {
      let name = t == .log1p ? "log" : "signedlog"
      parts.append(
        state.transformColumns == state.columns
          ? name : "\(name) of \(state.transformColumns.joined(separator: ", "))")
    }
    parts.append(state.scaler.map { "\($0.method.rawValue)-scaled" } ?? "not scaled")
    return parts.joined(separator: ", ")
  }
}
