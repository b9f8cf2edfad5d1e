/// The small statistics charts need, computed in a fixed order so output is reproducible.
enum ChartStats {
  /// The `p` quantile of ascending `sorted` values; NaN for empty input.
  ///
  /// Linear interpolation between closest ranks (NumPy's default, Hyndman–Fan type 7).
  static func quantile(sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * min(1, max(0, p))
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }

  /// The mean of the finite values, summed in index order; NaN when there are none.
  static func mean(_ values: [Double]) -> Double {
    var sum = 0.0
    var n = 0
    for v in values where v.isFinite {
      sum += v
      n += 1
    }
    return n == 0 ? .nan : sum / Double(n)
  }

  /// Minimum and maximum of the finite values, or nil.
  static func extent(_ values: [Double]) -> (Double, Double)? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    return lo <= hi ? (lo, hi) : nil
  }

  /// `count` indices spread evenly over `0..<n` (first and last included), for drawing a
  /// representative subset of sorted values.
  static func evenlySpaced(count: Int, in n: Int) -> [Int] {
    guard n > 0, count > 0 else { return [] }
    guard count < n else { return Array(0..<n) }
    guard count > 1 else { return [n / 2] }
    return (0..<count).map { i in Int((Double(i) * Double(n - 1) / Double(count - 1)).rounded()) }
  }
}

/// Tukey boxplot statistics: quartiles, whiskers at the furthest data within 1.5 IQR of the
/// box, and the points beyond.
struct BoxStats: Equatable {
  var n: Int
  var q1: Double
  var median: Double
  var q3: Double
  var lowerWhisker: Double
  var upperWhisker: Double
  /// Values beyond the whiskers, ascending.
  var outliers: [Double]

  init?(_ values: [Double]) {
    let sorted = values.filter(\.isFinite).sorted()
    guard !sorted.isEmpty else { return nil }
    n = sorted.count
    q1 = ChartStats.quantile(sorted: sorted, 0.25)
    median = ChartStats.quantile(sorted: sorted, 0.5)
    q3 = ChartStats.quantile(sorted: sorted, 0.75)
    let iqr = q3 - q1
    let loFence = q1 - 1.5 * iqr
    let hiFence = q3 + 1.5 * iqr
    lowerWhisker = sorted.first { $0 >= loFence } ?? q1
    upperWhisker = sorted.last { $0 <= hiFence } ?? q3
    outliers = sorted.filter { $0 < loFence || $0 > hiFence }
  }

  /// The smallest and largest value any of `boxes` draws (whiskers and outliers); (0, 1) when
  /// there are none.
  static func extent(_ boxes: [BoxStats]) -> (Double, Double) {
    guard !boxes.isEmpty else { return (0, 1) }
    let lo = boxes.map { min($0.lowerWhisker, $0.outliers.first ?? $0.lowerWhisker) }.min() ?? 0
    let hi = boxes.map { max($0.upperWhisker, $0.outliers.last ?? $0.upperWhisker) }.max() ?? 1
    return (lo, hi)
  }
}
