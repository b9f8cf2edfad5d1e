/// Principal component analysis by eigen-decomposition of the sample covariance matrix.
///
/// Matches scikit-learn's `PCA` (full solver): explained variances are eigenvalues of the
/// covariance with divisor `n − 1`; ratios divide by the total variance of all components;
/// components are unit vectors, ordered by decreasing variance, each with the sign that makes its
/// largest-magnitude entry positive (scikit-learn's `svd_flip(u_based_decision=False)`). The
/// decomposition is cyclic Jacobi, accurate to about 1e-15 relative to the largest variance.
///
/// ```swift
/// let pca = try PCA.fit(scaled, components: 2)
/// let coordinates = try pca.transform(scaled)  // columns PC1, PC2
/// ```
public struct PCA: Sendable, Equatable {
  /// The feature names the PCA was fitted on.
  public let columnNames: [String]
  /// The per-feature mean that is subtracted before projecting.
  public let mean: [Double]
  /// The components, `componentCount × cols` row-major, unit length.
  public let components: [Double]
  /// The number of components kept.
  public let componentCount: Int
  /// The variance along each component (sample variance, divisor `n − 1`).
  public let explainedVariance: [Double]
  /// Each component's share of the total variance of all components.
  public let explainedVarianceRatio: [Double]

  /// Fits a PCA with `components` components (all `cols` when `nil`).
  ///
  /// - Throws: ``AnalysisError/emptyMatrix``; ``AnalysisError/invalidParameter(name:reason:)``
  ///   for fewer than 2 rows or a component count outside `1...cols`;
  ///   ``AnalysisError/zeroVariance(column:)`` when every column is constant.
  /// - Complexity: O(rows × cols² + cols³).
  public static func fit(_ matrix: FeatureMatrix, components: Int? = nil) throws(AnalysisError)
    -> PCA
  {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    guard matrix.rows >= 2 else {
      throw .invalidParameter(name: "rows", reason: "PCA needs at least 2 rows")
    }
    let (n, d) = (matrix.rows, matrix.cols)
    let p = components ?? d
    guard p >= 1, p <= d else {
      throw .invalidParameter(name: "components", reason: "must be between 1 and \(d)")
    }
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n { for f in 0..<d { mean[f] += matrix.values[i * d + f] } }
    for f in 0..<d { mean[f] /= Double(n) }
    var cov = [Double](repeating: 0, count: d * d)
    var centered = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for f in 0..<d { centered[f] = matrix.values[i * d + f] - mean[f] }
      for a in 0..<d { for b in a..<d { cov[a * d + b] += centered[a] * centered[b] } }
    }
    for a in 0..<d {
      for b in a..<d {
        cov[a * d + b] /= Double(n - 1)
        cov[b * d + a] = cov[a * d + b]
      }
    }
    let (values, vectors) = SymmetricEigen.decompose(cov, size: d)
    let total = values.reduce(0) { $0 + max($1, 0) }
    guard total > 0 else { throw .zeroVariance(column: matrix.columnNames[0]) }
    let order = (0..<d).sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var comps = [Double](repeating: 0, count: p * d)
    var variance = [Double](repeating: 0, count: p)
    for (r, e) in order.prefix(p).enumerated() {
      variance[r] = max(values[e], 0)
      var largest = 0
      for f in 0..<d where vectors[f * d + e].magnitude > vectors[largest * d + e].magnitude {
        largest = f
      }
      let sign: Double = vectors[largest * d + e] < 0 ? -1 : 1
      for f in 0..<d { comps[r * d + f] = sign * vectors[f * d + e] }
    }
    return PCA(
      columnNames: matrix.columnNames, mean: mean, components: comps, componentCount: p,
      explainedVariance: variance, explainedVarianceRatio: variance.map { $0 / total })
  }

  /// Projects `matrix` onto the components: `(x − mean)·componentsᵀ`; columns are named
  /// `PC1`, `PC2`, ...
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` on a column-count mismatch.
  public func transform(_ matrix: FeatureMatrix) throws(AnalysisError) -> FeatureMatrix {
    let d = mean.count
    guard matrix.cols == d else {
      throw .shapeMismatch(what: "PCA columns", expected: d, actual: matrix.cols)
    }
    let p = componentCount
    var out = [Double](repeating: 0, count: matrix.rows * p)
    for i in 0..<matrix.rows {
      for r in 0..<p {
        var s = 0.0
        for f in 0..<d { s += (matrix.values[i * d + f] - mean[f]) * components[r * d + f] }
        out[i * p + r] = s
      }
    }
    return FeatureMatrix(trusted: out, rows: matrix.rows, columnNames: (1...p).map { "PC\($0)" })
  }
}

/// Eigen-decomposition of small symmetric matrices by the cyclic Jacobi method.
enum SymmetricEigen {
  /// The eigenvalues and eigenvectors (columns of the row-major `size × size` result) of the
  /// symmetric matrix `a`.
  static func decompose(_ a: [Double], size n: Int) -> (values: [Double], vectors: [Double]) {
    var a = a
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    for _ in 0..<100 {
      var off = 0.0
      var scale = 0.0
      for p in 0..<n {
        scale += a[p * n + p] * a[p * n + p]
        for q in (p + 1)..<max(n, p + 1) { off += a[p * n + q] * a[p * n + q] }
      }
      if off <= 1e-30 * scale || off == 0 { break }
      for p in 0..<n {
        for q in (p + 1)..<max(n, p + 1) where a[p * n + q] != 0 {
          let apq = a[p * n + q]
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
          let t = (theta >= 0 ? 1.0 : -1.0) / (theta.magnitude + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let akp = a[k * n + p]
            let akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p * n + k]
            let aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
          for k in 0..<n {
            let vkp = v[k * n + p]
            let vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
          }
        }
      }
    }
    return ((0..<n).map { a[$0 * n + $0] }, v)
  }
}
