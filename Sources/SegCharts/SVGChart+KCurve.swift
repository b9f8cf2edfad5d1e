extension SVGChart {
  /// Inertia against k, with the knee marked by a ring, a dashed line and a label.
  ///
  /// Each k is one `circle` with class `point`; non-finite inertia values are skipped.
  public static func elbow(_ data: ElbowData, options: ChartOptions = .default) -> String {
    kCurve(
      ks: data.ks, values: data.inertia, marked: data.knee, markName: "knee",
      series: ChartFeature(
        name: "Inertia", unit: "within-cluster sum of squares", format: .automatic),
      kind: .elbow, options: options)
  }

  /// Mean silhouette against k, with the chosen k marked.
  ///
  /// Each k is one `circle` with class `point`; non-finite scores are skipped.
  public static func silhouetteCurve(
    _ data: SilhouetteCurveData, options: ChartOptions = .default
  ) -> String {
    kCurve(
      ks: data.ks, values: data.scores, marked: data.chosen, markName: "chosen",
      series: ChartFeature(name: "Mean silhouette", unit: nil, format: .number(decimals: nil)),
      kind: .silhouette, options: options)
  }

  static let accent = "#D55E00"

  static func kCurve(
    ks rawKs: [Int], values rawValues: [Double], marked: Int?, markName: String,
    series: ChartFeature, kind: ChartKind, options: ChartOptions
  ) -> String {
    let pairs = zip(rawKs, rawValues).filter { $0.1.isFinite }
    guard let (lo, hi) = ChartStats.extent(pairs.map(\.1)) else {
      return empty(kind: kind, options: options)
    }
    let ks = pairs.map(\.0)
    let width = options.chartWidth
    let title = options.title ?? kind.defaultTitle
    var legend = [LegendEntry(label: series.name, color: SVGWriter.ink, swatch: .line)]
    let markedPair = pairs.first { $0.0 == marked }
    if let m = markedPair {
      legend.append(
        LegendEntry(
          label: "\(markName.prefix(1).uppercased())\(markName.dropFirst()): k = \(m.0)",
          color: accent, swatch: .circle))
    }
    let top = SVGWriter.headerHeight(notes: [], legend: legend, width: width)
    let plotHeight: Double = 260
    var svg = SVGWriter(width: width, height: top + plotHeight + 56)
    svg.header(title: title, notes: [], legend: legend)

    // Pad 6 % so the end points and the marker ring stay clear of the frame.
    let pad = max(hi - lo, abs(hi) * 0.1, 1e-9) * 0.06
    let yAxis = ChartAxis.linear(minimum: lo - pad, maximum: hi + pad, format: series.format)
    let kMin = Double(ks.min() ?? 0)
    let kMax = Double(ks.max() ?? 1)
    var xAxis = ChartAxis.linear(
      minimum: kMin, maximum: kMax, format: .integer, maxTicks: 12, integerSteps: true)
    if Set(ks).count <= 16 {
      // Every k gets its tick; half a step of padding keeps end points off the axes.
      xAxis.ticks = Array(Set(ks)).sorted().map(Double.init)
      xAxis.lower = kMin - 0.5
      xAxis.upper = kMax + 0.5
      xAxis.step = 1
    }
    let left = SVGWriter.margin + yAxis.widestLabel + 32
    let area = Box(
      x: left, y: top + 6, width: width - left - SVGWriter.margin - 8, height: plotHeight - 6)
    svg.yAxis(yAxis, area: area, title: series.axisTitle)
    svg.xAxis(xAxis, area: area, title: "Number of segments (k)")
    let points = pairs.map {
      (area.px(xAxis.fraction(Double($0.0))), area.py(yAxis.fraction($0.1)))
    }
    if let m = markedPair {
      let x = area.px(xAxis.fraction(Double(m.0)))
      svg.line(
        x1: x, y1: area.y, x2: x, y2: area.maxY, stroke: accent, width: 1.5, dash: "5 4",
        cls: "marker-line")
    }
    svg.path(SVGWriter.polyline(points), stroke: SVGWriter.ink, strokeWidth: 2, cls: "series")
    svg.openGroup([("class", "points")])
    for (i, p) in points.enumerated() {
      svg.circle(
        cx: p.0, cy: p.1, r: 3.5, fill: SVGWriter.ink, cls: "point",
        tooltip: "k = \(pairs[i].0): \(series.format.format(pairs[i].1))")
    }
    svg.closeGroup()
    if let m = markedPair {
      let x = area.px(xAxis.fraction(Double(m.0)))
      let y = area.py(yAxis.fraction(m.1))
      svg.circle(cx: x, cy: y, r: 8, fill: "none", stroke: accent, strokeWidth: 2.5, cls: "marker")
      let label = "\(markName) k = \(m.0): \(series.format.format(m.1))"
      let rightSide = x + 12 + TextMetrics.width(label, size: 12) < area.maxX
      svg.text(
        label, x: rightSide ? x + 12 : x - 12, y: y < area.y + 30 ? y + 24 : y - 12,
        anchor: rightSide ? .start : .end, weight: "bold", fill: accent, cls: "marker-label")
    }
    let listing = pairs.map { "k = \($0.0): \(series.format.format($0.1))" }.joined(separator: "; ")
    var description = "\(series.name) for k = \(ks.first ?? 0) to \(ks.last ?? 0): \(listing)."
    if let m = markedPair { description += " The \(markName) k is \(m.0)." }
    return svg.document(title: title, description: description, standalone: options.standalone)
  }
}
