/// A rule that marks a row as an outlier from its feature values.
public enum OutlierRule: Sendable, Equatable {
  /// Keep a row when `|z| < threshold` on every feature, with z-scores from the population
  /// standard deviation (as `scipy.stats.zscore`). `filter z<3` is `.zScore(threshold: 3)`.
  case zScore(threshold: Double)
  /// Keep a row when every feature lies within Tukey's fences `[Q1 − factor·IQR, Q3 + factor·IQR]`
  /// (inclusive), with quartiles by NumPy's default linear interpolation. `filter iqr<1.5` is
  /// `.iqr(factor: 1.5)`.
  case iqr(factor: Double)
}

/// Which rows an ``OutlierRule`` keeps, with counts to report.
public struct OutlierMask: Sendable, Equatable {
  /// The rule that produced the mask.
  public let rule: OutlierRule
  /// One flag per row: `true` keeps the row.
  public let keep: [Bool]
  /// The feature names, in column order.
  public let columnNames: [String]
  /// Per feature, how many rows lie outside the bounds on that feature (a row outside on two
  /// features counts in both).
  public let outsideCounts: [Int]
  /// Per feature, the inclusive lower bound a kept value may take.
  public let lowerBounds: [Double]
  /// Per feature, the inclusive upper bound a kept value may take.
  public let upperBounds: [Double]

  /// The number of rows kept.
  public var keptCount: Int { keep.count - removedCount }
  /// The number of rows removed.
  public let removedCount: Int
}

extension FeatureMatrix {
  /// The z-scores of every column: `(x − mean) / sd` with the population standard deviation, as
  /// `scipy.stats.zscore(x, ddof=0)`.
  ///
  /// Each column of the result has mean ≈ 0 and population standard deviation ≈ 1.
  ///
  /// - Throws: ``AnalysisError/emptyMatrix``; ``AnalysisError/zeroVariance(column:)`` for a
  ///   constant column (SciPy would return NaN there).
  public func zScores() throws(AnalysisError) -> FeatureMatrix {
    let scaler = try FittedScaler.fit(self, method: .standard)
    return scaler.transformTrusted(self)
  }

  /// The rows that `rule` keeps.
  ///
  /// A row is kept only when it passes on every feature. For `.zScore`, the test is strict
  /// (`|z| < t`); for `.iqr` the fences are inclusive. A constant column gives every row z = NaN
  /// in SciPy; here it is an error instead.
  ///
  /// - Throws: ``AnalysisError/emptyMatrix``, ``AnalysisError/zeroVariance(column:)`` (z-scores
  ///   of a constant column), ``AnalysisError/invalidParameter(name:reason:)`` for a threshold or
  ///   factor that is not a positive finite number.
  /// - Complexity: O(rows × cols) for z-scores, O(rows log rows × cols) for IQR.
  public func outlierMask(_ rule: OutlierRule) throws(AnalysisError) -> OutlierMask {
    guard rows > 0 else { throw .emptyMatrix }
    var lower = [Double](repeating: 0, count: cols)
    var upper = [Double](repeating: 0, count: cols)
    var keep = [Bool](repeating: true, count: rows)
    var outside = [Int](repeating: 0, count: cols)
    switch rule {
    case .zScore(let t):
      guard t > 0, t.isFinite else {
        throw .invalidParameter(name: "z threshold", reason: "must be a positive number")
      }
      let scaler = try FittedScaler.fit(self, method: .standard)
      for j in 0..<cols {
        let m = scaler.centers[j]
        let s = scaler.scales[j]
        lower[j] = m - t * s
        upper[j] = m + t * s
        for i in 0..<rows {
          let z = (values[i * cols + j] - m) / s
          if !(z.magnitude < t) {
            keep[i] = false
            outside[j] += 1
          }
        }
      }
    case .iqr(let factor):
      guard factor >= 0, factor.isFinite else {
        throw .invalidParameter(name: "IQR factor", reason: "must be a non-negative number")
      }
      for j in 0..<cols {
        let sorted = column(j).sorted()
        let q1 = Statistics.quantile(sorted: sorted, 0.25)
        let q3 = Statistics.quantile(sorted: sorted, 0.75)
        let iqr = q3 - q1
        lower[j] = q1 - factor * iqr
        upper[j] = q3 + factor * iqr
        for i in 0..<rows {
          let v = values[i * cols + j]
          if !(v >= lower[j] && v <= upper[j]) {
            keep[i] = false
            outside[j] += 1
          }
        }
      }
    }
    let removed = keep.reduce(0) { $0 + ($1 ? 0 : 1) }
    return OutlierMask(
      rule: rule, keep: keep, columnNames: columnNames, outsideCounts: outside,
      lowerBounds: lower, upperBounds: upper, removedCount: removed)
  }
}
