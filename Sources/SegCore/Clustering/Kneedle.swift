/// The Kneedle knee detector (Satopää, Albrecht, Irwin and Raghavan, 2011), as the `kneed`
/// package implements it (offline mode, no smoothing).
///
/// Used on the elbow curve (inertia against k), which is decreasing and convex: the curve is
/// normalised to the unit square and flipped, the difference to the diagonal is taken, and the
/// first local maximum of that difference after which the difference drops below the maximum
/// minus `S` times the mean x step is the knee. Returns `nil` when there is no clear knee
/// (a straight line, a flat curve, fewer than 3 points), as `kneed` returns `None`.
///
/// ```swift
/// Kneedle.knee(x: [1, 2, 3, 4, 5, 6], y: [100, 40, 20, 14, 11, 9])  // 3, as kneed
/// ```
public enum Kneedle {
  /// The x of the knee of a decreasing convex curve, or `nil`.
  ///
  /// - Parameters:
  ///   - x: Strictly increasing x values.
  ///   - y: The curve at each x.
  ///   - sensitivity: Kneedle's `S` (1 by default, as `kneed`); larger is more conservative.
  public static func knee(x: [Double], y: [Double], sensitivity: Double = 1) -> Double? {
    let n = x.count
    guard n == y.count, n >= 2 else { return nil }
    guard let xn = normalized(x), let yRaw = normalized(y) else { return nil }
    // Convex and decreasing: flip y so the curve becomes concave increasing.
    let yMax = yRaw.max() ?? 1
    let yn = yRaw.map { yMax - $0 }
    let diff = (0..<n).map { yn[$0] - xn[$0] }
    let maxima = extrema(diff, >=)
    let minima = Set(extrema(diff, <=))
    guard let firstMaximum = maxima.first else { return nil }
    var steps = 0.0
    for i in 1..<n { steps += xn[i] - xn[i - 1] }
    let meanStep = (steps / Double(n - 1)).magnitude
    let thresholds = maxima.map { diff[$0] - sensitivity * meanStep }
    let maximaSet = Set(maxima)
    var maximaIndex = 0
    var threshold = 0.0
    var thresholdIndex = 0
    var detecting = true
    for i in firstMaximum..<n {
      if i == n - 1 { break }
      if maximaSet.contains(i) {
        threshold = thresholds[maximaIndex]
        thresholdIndex = i
        maximaIndex += 1
        detecting = true
      }
      if minima.contains(i) {
        threshold = 0
        detecting = false
      }
      if detecting && diff[i + 1] < threshold {
        return x[thresholdIndex]
      }
    }
    return nil
  }

  /// `(a − min) / (max − min)`, or `nil` for a constant or non-finite array.
  static func normalized(_ a: [Double]) -> [Double]? {
    guard let lo = a.min(), let hi = a.max(), hi > lo, (hi - lo).isFinite else { return nil }
    return a.map { ($0 - lo) / (hi - lo) }
  }

  /// Indices where `compare(a[i], neighbour)` holds for both neighbours, an end comparing with
  /// itself (`scipy.signal.argrelextrema`, `mode="clip"`).
  static func extrema(_ a: [Double], _ compare: (Double, Double) -> Bool) -> [Int] {
    let n = a.count
    return (0..<n).filter { i in
      compare(a[i], a[min(i + 1, n - 1)]) && compare(a[i], a[max(i - 1, 0)])
    }
  }
}

extension Kneedle {
  /// Kneedle's knee of an increasing convex curve sampled at equally spaced x: the first index
  /// maximising `x̂ − ŷ` with both axes scaled to [0, 1]; the last index for a flat or tiny curve.
  static func kneeIndex(increasingConvex y: [Double]) -> Int {
    let n = y.count
    guard n > 2, let first = y.first, let last = y.last, last > first else { return max(n - 1, 0) }
    var best = 0
    var bestDifference = -Double.infinity
    let span = last - first
    for i in 0..<n {
      let difference = Double(i) / Double(n - 1) - (y[i] - first) / span
      if difference > bestDifference {
        bestDifference = difference
        best = i
      }
    }
    return best
  }
}
