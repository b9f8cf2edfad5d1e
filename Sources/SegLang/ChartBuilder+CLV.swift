import SegCharts
import SegCore

extension ChartBuilder {
  /// The last `clv`, or an error saying to run it.
  func clvResult() throws(RuntimeError) -> CLVResult {
    guard let r = workspace.clv else {
      throw RuntimeError(.nothingToPlot, "there is no clv result to plot", at: range)
        .withHelp("run clv first")
    }
    return r
  }

  /// The frequency/recency matrix: customers by calibration repeat purchases x (rows 0 … 9 and
  /// 10+) and recency t_x (8 equal bins up to the longest T), each cell coloured by its
  /// customers' mean expected purchases over the horizon (`palive: false`) or mean P(alive).
  func clvMatrix(palive: Bool) throws(RuntimeError) -> HeatmapData {
    let r = try clvResult()
    let s = r.summary
    let rows = 11
    let cols = 8
    let longest = max(s.age.max() ?? 1, 1e-9)
    var counts = [Int](repeating: 0, count: rows * cols)
    var sums = [Double](repeating: 0, count: rows * cols)
    let values = palive ? r.probabilityAlive : r.expectedPurchases
    for i in 0..<s.count {
      let row = min(Int(s.frequency[i]), rows - 1)
      let col = min(Int(s.recency[i] / longest * Double(cols)), cols - 1)
      counts[row * cols + col] += 1
      sums[row * cols + col] += values[i]
    }
    let means = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : .nan }
    let width = longest / Double(cols)
    let unit = s.unit.rawValue
    let columnLabels = (0..<cols).map { c in
      "\(NumberFormatting.format((Double(c) * width).rounded()))–\(NumberFormatting.format((Double(c + 1) * width).rounded()))"
    }
    return HeatmapData(
      rowTitle: "Repeat purchases (x)", columnTitle: "Recency t_x (\(unit)s since the first purchase)",
      rowLabels: (0..<rows).map { $0 == rows - 1 ? "10+" : String($0) }, columnLabels: columnLabels,
      counts: counts, values: means,
      valueName: palive
        ? "Mean P(alive)" : "Mean expected purchases in \(r.options.horizon) \(unit)s",
      valueFormat: .number(decimals: 2))
  }

  /// Calibration vs holdout: mean holdout purchases by calibration repeat purchases, actual
  /// and predicted, as two lines.
  func clvHoldout() throws(RuntimeError) -> ProfileData {
    let r = try clvResult()
    guard let h = r.holdout else {
      throw RuntimeError(.nothingToPlot, "the last clv had no holdout period", at: range)
        .withHelp("run clv with holdout=DATE, a day after end")
    }
    let unit = r.summary.unit.rawValue
    let features = h.rows.map {
      ChartFeature(
        name: "x = \($0.label)", unit: "purchases in \(NumberFormatting.format(h.length)) \(unit)s",
        format: .number(decimals: 2))
    }
    return ProfileData(
      features: features,
      segments: [
        SegmentSeries(index: 0, name: "Actual", values: h.rows.map(\.actualMean)),
        SegmentSeries(index: 1, name: "Predicted (\(r.purchaseFit == r.bgnbd ? "BG/NBD" : "Pareto/NBD"))", values: h.rows.map(\.predictedMean)),
      ])
  }
}
