/// Descriptive statistics with fixed summation order, shared by scalers, filters and profiles.
///
/// Conventions: variance and standard deviation are population ones (divide by n, like NumPy's
/// default `ddof=0`); quantiles use NumPy's default linear interpolation (Hyndman–Fan type 7),
/// computed with NumPy's own arithmetic so that results agree to the last digit.
enum Statistics {
  /// The arithmetic mean, summed left to right; NaN for an empty array.
  static func mean(_ x: [Double]) -> Double {
    guard !x.isEmpty else { return .nan }
    var s = 0.0
    for v in x { s += v }
    return s / Double(x.count)
  }

  /// The population variance (divide by n), two-pass; NaN for an empty array.
  static func populationVariance(_ x: [Double], mean m: Double) -> Double {
    guard !x.isEmpty else { return .nan }
    var s = 0.0
    for v in x {
      let d = v - m
      s += d * d
    }
    return s / Double(x.count)
  }

  /// The population standard deviation, as `numpy.std(x)` and `scipy.stats.zscore` use.
  static func populationStandardDeviation(_ x: [Double], mean m: Double) -> Double {
    populationVariance(x, mean: m).squareRoot()
  }

  /// The `q`-quantile of already sorted values, by NumPy's default (linear) method.
  ///
  /// - Precondition: `sorted` is non-empty and ascending; `q` is in `[0, 1]`.
  static func quantile(sorted: [Double], _ q: Double) -> Double {
    let n = sorted.count
    precondition(n > 0)
    // numpy: virtual index = n*q + (alpha + q*(1 - alpha - beta)) - 1 with alpha = beta = 1.
    let virtualIndex = Double(n) * q + (1 + q * (1 - 1 - 1)) - 1
    let lowerIndex = virtualIndex.rounded(.down)
    let gamma = virtualIndex - lowerIndex
    let lo = min(max(Int(lowerIndex), 0), n - 1)
    let hi = min(lo + 1, n - 1)
    return lerp(sorted[lo], sorted[hi], gamma)
  }

  /// NumPy's `_lerp`: `a + (b − a)·t`, computed from `b` for `t ≥ 0.5` for monotonicity.
  static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let diff = b - a
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
  }

  /// The median (mean of the two middle values for an even count), as `numpy.median`.
  static func median(sorted: [Double]) -> Double {
    let n = sorted.count
    precondition(n > 0)
    if n % 2 == 1 { return sorted[n / 2] }
    return (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }

  /// Average ranks (1-based, ties get the mean of their ranks), as `scipy.stats.rankdata`.
  static func averageRanks(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
    var ranks = [Double](repeating: 0, count: x.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
      let r = Double(i + j + 2) / 2
      for t in i...j { ranks[order[t]] = r }
      i = j + 1
    }
    return ranks
  }
}
