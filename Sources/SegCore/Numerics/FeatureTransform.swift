/// An elementwise transform that tames skewed features (monetary, frequency) before scaling.
public enum FeatureTransform: String, Sendable, Equatable, CaseIterable {
  /// `log(1 + x)`; defined here for `x ≥ 0` only: a negative value is an error, so that net
  /// refunds are never silently mapped near −∞ or to NaN.
  case log1p
  /// `sign(x)·log(1 + |x|)`: symmetric, defined for every value, 0 stays 0.
  case signedLog = "signedlog"

  /// Applies the transform to one value (no domain check).
  public func apply(_ x: Double) -> Double {
    switch self {
    case .log1p: logOnePlus(x)
    case .signedLog: x < 0 ? -logOnePlus(-x) : logOnePlus(x)
    }
  }

  /// The inverse: `exp(y) − 1`, or `sign(y)·(exp(|y|) − 1)`.
  public func inverse(_ y: Double) -> Double {
    switch self {
    case .log1p: expMinusOne(y)
    case .signedLog: y < 0 ? -expMinusOne(-y) : expMinusOne(y)
    }
  }
}

extension FeatureMatrix {
  /// Applies `transform` to the named columns (all columns when `columns` is `nil`).
  ///
  /// - Throws: ``AnalysisError/missingColumn(name:)`` for an unknown name;
  ///   ``AnalysisError/negativeValues(column:count:transform:)`` when `.log1p` meets negative
  ///   values, naming how many rows (callers can suggest `filter monetary > 0` or
  ///   `transform signedlog`).
  public func transformed(_ transform: FeatureTransform, columns: [String]? = nil)
    throws(AnalysisError) -> FeatureMatrix
  {
    var idx = [Int]()
    for name in columns ?? columnNames {
      guard let j = columnIndex(named: name) else { throw .missingColumn(name: name) }
      idx.append(j)
    }
    var out = values
    for j in idx {
      if transform == .log1p {
        var negatives = 0
        for i in 0..<rows where values[i * cols + j] < 0 { negatives += 1 }
        if negatives > 0 {
          throw .negativeValues(
            column: columnNames[j], count: negatives, transform: transform.rawValue)
        }
      }
      for i in 0..<rows { out[i * cols + j] = transform.apply(values[i * cols + j]) }
    }
    return FeatureMatrix(trusted: out, rows: rows, columnNames: columnNames)
  }
}
