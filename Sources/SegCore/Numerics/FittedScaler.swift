/// How ``FittedScaler`` centres and scales each feature.
public enum ScalingMethod: String, Sendable, Equatable, CaseIterable {
  /// `(x − mean) / sd` with the population standard deviation, as scikit-learn's
  /// `StandardScaler`.
  case standard
  /// `(x − median) / (Q3 − Q1)`, as scikit-learn's `RobustScaler` defaults (quartiles by NumPy's
  /// linear interpolation).
  case robust
  /// `(x − min) / (max − min)`, into `[0, 1]`, as scikit-learn's `MinMaxScaler`.
  case minMax = "minmax"
}

/// A scaler fitted to a matrix: per feature, the centre subtracted and the scale divided by.
///
/// Keep the fitted scaler to convert between original and scaled units, for instance to report
/// k-means centroids in original units with ``inverseTransform(_:)``. Scaling is
/// `(x − center) / scale`; the inverse is `x·scale + center`.
///
/// Unlike scikit-learn, which silently uses a scale of 1 for a constant column, fitting throws
/// ``AnalysisError/zeroVariance(column:)``, so a scaled matrix never holds NaN or a column of
/// zeros by accident. Standard scaling is idempotent: scaling a standardized matrix again changes
/// it by less than 1e-12.
///
/// ```swift
/// let scaler = try FittedScaler.fit(matrix, method: .standard)
/// let scaled = try scaler.transform(matrix)
/// let back = try scaler.inverseTransform(scaled)  // ≈ matrix
/// ```
public struct FittedScaler: Sendable, Equatable {
  /// The method used.
  public let method: ScalingMethod
  /// The feature names the scaler was fitted on, in column order.
  public let columnNames: [String]
  /// Per feature, the value subtracted: mean, median or minimum.
  public let centers: [Double]
  /// Per feature, the value divided by: population sd, IQR or range. Never zero.
  public let scales: [Double]

  /// Fits a scaler to every column of `matrix`.
  ///
  /// - Throws: ``AnalysisError/emptyMatrix`` for a matrix without rows;
  ///   ``AnalysisError/zeroVariance(column:)`` naming the first constant column.
  /// - Complexity: O(rows × cols), O(rows log rows × cols) for `.robust`.
  public static func fit(_ matrix: FeatureMatrix, method: ScalingMethod) throws(AnalysisError)
    -> FittedScaler
  {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    var centers = [Double](repeating: 0, count: matrix.cols)
    var scales = [Double](repeating: 1, count: matrix.cols)
    for j in 0..<matrix.cols {
      let x = matrix.column(j)
      switch method {
      case .standard:
        let m = Statistics.mean(x)
        centers[j] = m
        scales[j] = Statistics.populationStandardDeviation(x, mean: m)
        // A column whose values all equal its mean has sd 0; rounding can leave a tiny positive
        // sd for a constant column, so test the values themselves.
        if x.allSatisfy({ $0 == x[0] }) { scales[j] = 0 }
      case .robust:
        let sorted = x.sorted()
        centers[j] = Statistics.median(sorted: sorted)
        scales[j] =
          Statistics.quantile(sorted: sorted, 0.75) - Statistics.quantile(sorted: sorted, 0.25)
      case .minMax:
        var lo = x[0]
        var hi = x[0]
        for v in x {
          lo = min(lo, v)
          hi = max(hi, v)
        }
        centers[j] = lo
        scales[j] = hi - lo
      }
      guard scales[j] > 0, scales[j].isFinite else {
        throw .zeroVariance(column: matrix.columnNames[j])
      }
    }
    return FittedScaler(
      validated: method, columnNames: matrix.columnNames, centers: centers, scales: scales)
  }

  /// Creates a scaler from known centres and scales (for instance, read back from a saved model).
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the arrays differ in
  ///   length; ``AnalysisError/zeroVariance(column:)`` for a scale that is not positive and finite.
  public init(method: ScalingMethod, columnNames: [String], centers: [Double], scales: [Double])
    throws(AnalysisError)
  {
    guard centers.count == columnNames.count else {
      throw .shapeMismatch(
        what: "scaler centres", expected: columnNames.count, actual: centers.count)
    }
    guard scales.count == columnNames.count else {
      throw .shapeMismatch(what: "scaler scales", expected: columnNames.count, actual: scales.count)
    }
    for (j, s) in scales.enumerated() where !(s > 0 && s.isFinite) || !centers[j].isFinite {
      throw .zeroVariance(column: columnNames[j])
    }
    self.init(validated: method, columnNames: columnNames, centers: centers, scales: scales)
  }

  private init(
    validated method: ScalingMethod, columnNames: [String], centers: [Double], scales: [Double]
  ) {
    self.method = method
    self.columnNames = columnNames
    self.centers = centers
    self.scales = scales
  }

  /// Scales `matrix`: `(x − center) / scale` per column.
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the column count
  ///   differs from the fitted one.
  public func transform(_ matrix: FeatureMatrix) throws(AnalysisError) -> FeatureMatrix {
    guard matrix.cols == centers.count else {
      throw .shapeMismatch(what: "scaler columns", expected: centers.count, actual: matrix.cols)
    }
    return transformTrusted(matrix)
  }

  /// Undoes ``transform(_:)``: `x·scale + center` per column; names become the fitted names.
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` on a column-count mismatch.
  public func inverseTransform(_ matrix: FeatureMatrix) throws(AnalysisError) -> FeatureMatrix {
    let values = try inverseTransform(rowMajor: matrix.values)
    return FeatureMatrix(trusted: values, rows: matrix.rows, columnNames: columnNames)
  }

  /// Scales flat row-major values with `columnNames.count` columns (for instance centroids).
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the count is not a
  ///   multiple of the column count.
  public func transform(rowMajor values: [Double]) throws(AnalysisError) -> [Double] {
    try apply(values) { v, j in (v - centers[j]) / scales[j] }
  }

  /// Converts flat row-major scaled values back to original units (for instance centroids).
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the count is not a
  ///   multiple of the column count.
  public func inverseTransform(rowMajor values: [Double]) throws(AnalysisError) -> [Double] {
    try apply(values) { v, j in v * scales[j] + centers[j] }
  }

  func transformTrusted(_ matrix: FeatureMatrix) -> FeatureMatrix {
    let d = centers.count
    var out = matrix.values
    for i in 0..<matrix.rows {
      for j in 0..<d { out[i * d + j] = (out[i * d + j] - centers[j]) / scales[j] }
    }
    return FeatureMatrix(trusted: out, rows: matrix.rows, columnNames: matrix.columnNames)
  }

  private func apply(_ values: [Double], _ f: (Double, Int) -> Double) throws(AnalysisError)
    -> [Double]
  {
    let d = centers.count
    guard values.count % d == 0 else {
      throw .shapeMismatch(
        what: "row-major values", expected: (values.count / d + 1) * d, actual: values.count)
    }
    var out = values
    for i in 0..<(values.count / d) {
      for j in 0..<d { out[i * d + j] = f(values[i * d + j], j) }
    }
    return out
  }
}

extension FeatureMatrix {
  /// Fits a scaler of `method` to this matrix and returns the scaled matrix with the scaler.
  ///
  /// - Throws: as ``FittedScaler/fit(_:method:)``.
  public func scaled(_ method: ScalingMethod) throws(AnalysisError) -> (
    matrix: FeatureMatrix, scaler: FittedScaler
  ) {
    let scaler = try FittedScaler.fit(self, method: method)
    return (scaler.transformTrusted(self), scaler)
  }
}
