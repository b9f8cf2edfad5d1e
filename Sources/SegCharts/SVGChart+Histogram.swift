extension SVGChart {
  /// Histograms of features, one panel per feature stacked vertically.
  ///
  /// Bin edges fall on nice numbers (integer data gets whole-unit bins); with
  /// `HistogramFeature.logScale` bins are equal in log10 space on a logarithmic axis, and
  /// non-positive values are left out and counted in the panel's note. Each non-empty bin is
  /// one `rect` with class `bar`.
  public static func histogram(_ data: HistogramData, options: ChartOptions = .default) -> String {
    guard !data.features.isEmpty else { return empty(kind: .hist, options: options) }
    let width = options.chartWidth
    let title = options.title ?? ChartKind.hist.defaultTitle
    let top = SVGWriter.headerHeight(notes: [], legend: [], width: width)
    let panelHeight: Double = 250
    var svg = SVGWriter(width: width, height: top + panelHeight * Double(data.features.count))
    svg.header(title: title, notes: [], legend: [])
    var description: [String] = []
    for (p, f) in data.features.enumerated() {
      let bins = HistogramBins(values: f.values, target: data.bins, log: f.logScale)
      let panelTop = top + Double(p) * panelHeight
      svg.openGroup([("class", "panel")])
      svg.text(
        f.feature.name, x: SVGWriter.margin, y: panelTop + 12, size: 13, weight: "bold",
        cls: "panel-title")
      let total = bins.counts.reduce(0, +)
      var note = "n = \(NumberText.count(total)) · \(bins.counts.count) bins"
      if f.logScale { note += " · log scale" }
      if bins.excluded > 0 {
        note +=
          " · \(NumberText.count(bins.excluded)) \(f.logScale ? "≤ 0 or missing" : "missing"), not shown"
      }
      svg.text(
        note, x: SVGWriter.margin + TextMetrics.width(f.feature.name, size: 13) + 12,
        y: panelTop + 12, size: 11, fill: SVGWriter.mutedInk, cls: "note")
      guard let lo = bins.edges.first, let hi = bins.edges.last else {
        svg.text(
          "no values", x: width / 2, y: panelTop + 100, anchor: .middle, fill: SVGWriter.mutedInk)
        svg.closeGroup()
        continue
      }
      let maxCount = bins.counts.max() ?? 0
      let yAxis = ChartAxis.linear(
        minimum: 0, maximum: Double(maxCount), format: .integer, maxTicks: 5, includeZero: true)
      let xAxis =
        f.logScale
        ? ChartAxis.log(minimum: lo, maximum: hi, format: f.feature.format)
        : ChartAxis.linear(minimum: lo, maximum: hi, format: f.feature.format, maxTicks: 8)
      let left = SVGWriter.margin + yAxis.widestLabel + 30
      let area = Box(
        x: left, y: panelTop + 28, width: width - left - SVGWriter.margin - 8,
        height: panelHeight - 28 - 52)
      svg.yAxis(yAxis, area: area, title: data.countLabel)
      svg.openGroup([("class", "bars"), ("fill", SVGWriter.neutralMark)])
      for (i, count) in bins.counts.enumerated() where count > 0 {
        let x0 = area.px(xAxis.fraction(bins.edges[i]))
        let x1 = area.px(xAxis.fraction(bins.edges[i + 1]))
        let y = area.py(yAxis.fraction(Double(count)))
        let range =
          "\(f.feature.format.format(bins.edges[i]))–\(f.feature.format.format(bins.edges[i + 1]))"
        svg.element(
          "rect",
          [
            ("class", "bar"), ("x", c(x0 + 0.5)), ("y", c(y)), ("width", c(max(0.5, x1 - x0 - 1))),
            ("height", c(area.maxY - y)),
          ], tooltip: "\(range): \(NumberText.count(count))")
      }
      svg.closeGroup()
      svg.xAxis(xAxis, area: area, title: f.feature.axisTitle)
      svg.closeGroup()
      let peak = bins.counts.firstIndex(of: maxCount) ?? 0
      description.append(
        "\(f.feature.name): \(NumberText.count(total)) values in \(bins.counts.count) bins from "
          + "\(f.feature.format.format(lo)) to \(f.feature.format.format(hi)); the fullest bin, "
          + "\(f.feature.format.format(bins.edges[peak]))–\(f.feature.format.format(bins.edges[peak + 1])), "
          + "holds \(NumberText.count(maxCount))")
    }
    return svg.document(
      title: title, description: "Histograms. " + description.joined(separator: ". ") + ".",
      standalone: options.standalone)
  }
}
