internal import Foundation

/// Histogram bins with edges on nice numbers, linear or in log10 space.
struct HistogramBins: Equatable {
  /// Bin edges in data units, ascending; `counts.count == edges.count - 1`.
  var edges: [Double]
  var counts: [Int]
  /// Values left out: non-finite, or non-positive on a log scale.
  var excluded: Int
  var isLog: Bool

  /// Bins for `values`; `target` is the wanted bin count, nil uses Freedman–Diaconis.
  init(values: [Double], target: Int?, log: Bool) {
    isLog = log
    var kept: [Double] = []
    kept.reserveCapacity(values.count)
    for v in values where v.isFinite && (!log || v > 0) {
      kept.append(log ? log10(v) : v)
    }
    excluded = values.count - kept.count
    guard let (lo, hi) = ChartStats.extent(kept) else {
      edges = []
      counts = []
      return
    }
    let bins: Int
    if let target {
      bins = max(1, min(200, target))
    } else {
      let sorted = kept.sorted()
      let iqr =
        ChartStats.quantile(sorted: sorted, 0.75) - ChartStats.quantile(sorted: sorted, 0.25)
      let h = 2 * iqr / cbrt(Double(sorted.count))
      bins = h > 0 ? max(10, min(50, Int(((hi - lo) / h).rounded(.up)))) : 10
    }
    let integral = !log && kept.allSatisfy { $0 == $0.rounded() }
    var step = NiceScale.niceNumber((hi - lo) / Double(bins), round: true)
    if hi == lo { step = integral ? 1 : max(abs(lo) * 0.1, 1) }
    if integral { step = max(1, step.rounded(.up)) }
    // Integral data: centre the bins on whole numbers only when each bin is one unit.
    let offset = integral && step == 1 ? 0.5 : 0
    let first = ((lo + offset) / step).rounded(.down)
    var last = ((hi + offset) / step).rounded(.down) + 1
    if last - first > 400 { last = first + 400 }
    let n = Int(last - first)
    var e: [Double] = []
    e.reserveCapacity(n + 1)
    for i in 0...n { e.append((first + Double(i)) * step - offset) }
    var c = [Int](repeating: 0, count: n)
    for v in kept {
      let i = min(n - 1, max(0, Int(((v + offset) / step).rounded(.down) - first)))
      c[i] += 1
    }
    edges = log ? e.map { pow(10, $0) } : e
    counts = c
  }
}
