extension SVGChart {
  /// Boxplots of features, one panel per feature (units differ), with the "before" and "after
  /// outlier removal" boxes side by side on a shared axis when both are given.
  ///
  /// Boxes span the quartiles (linear interpolation, NumPy's default), the line is the median,
  /// whiskers reach the furthest value within 1.5 × IQR of the box, and values beyond are drawn
  /// as grey points — at most `options.maxMarks / 10` per box, evenly spread by rank (so the
  /// extremes are always drawn), with the number drawn stated under the panel.
  public static func boxplot(_ data: BoxplotData, options: ChartOptions = .default) -> String {
    let features = data.features
    guard !features.isEmpty else { return empty(kind: .box, options: options) }
    let width = options.chartWidth
    let hasAfter = features.contains { $0.after != nil }
    let title = options.title ?? ChartKind.box.defaultTitle
    let notes = ["Boxes span the quartiles; whiskers reach 1.5 × IQR; grey points are outliers."]
    let beforeColor = "#BDBDBD"
    let afterColor = SVGWriter.neutralMark
    let legend: [LegendEntry] =
      hasAfter
      ? [
        LegendEntry(label: data.beforeLabel, color: beforeColor, swatch: .square),
        LegendEntry(label: data.afterLabel, color: afterColor, swatch: .light),
      ] : []
    let top = SVGWriter.headerHeight(notes: notes, legend: legend, width: width)
    let plotHeight: Double = 280
    let height = top + 24 + plotHeight + 80
    var svg = SVGWriter(width: width, height: height)
    svg.header(title: title, notes: notes, legend: legend)

    let maxOutliers = max(1, options.maxMarks / 10)
    let panelWidth = (width - 2 * SVGWriter.margin) / Double(features.count)
    var description: [String] = []
    for (p, f) in features.enumerated() {
      let before = f.logScale ? f.before.filter { $0 > 0 } : f.before
      let after = f.after.map { f.logScale ? $0.filter { $0 > 0 } : $0 }
      let stats = [BoxStats(before), after.flatMap { BoxStats($0) }]
      let all = stats.compactMap { $0 }
      let (lo, hi) = BoxStats.extent(all)
      let axis =
        f.logScale
        ? ChartAxis.log(minimum: lo, maximum: hi, format: f.feature.format)
        : ChartAxis.linear(minimum: lo, maximum: hi, format: f.feature.format)
      let panelLeft = SVGWriter.margin + Double(p) * panelWidth
      let left = panelLeft + axis.widestLabel + 32
      let area = Box(
        x: left, y: top + 24, width: panelLeft + panelWidth - 12 - left, height: plotHeight)
      svg.openGroup([("class", "panel")])
      svg.text(
        f.feature.name, x: area.x + area.width / 2, y: top + 10, anchor: .middle, size: 13,
        weight: "bold", cls: "panel-title")
      svg.yAxis(axis, area: area, title: f.feature.axisTitle)
      let labels = after == nil ? [data.beforeLabel] : [data.beforeLabel, data.afterLabel]
      svg.bandXAxis(labels, area: area, title: nil)
      let band = area.width / Double(labels.count)
      var panelNotes: [String] = []
      for (b, label) in labels.enumerated() {
        let centre = area.x + band * (Double(b) + 0.5)
        guard let s = stats[b] else {
          svg.text(
            "no values", x: centre, y: area.y + area.height / 2, anchor: .middle, size: 11,
            fill: SVGWriter.mutedInk)
          continue
        }
        let color = b == 0 ? beforeColor : afterColor
        let boxWidth = min(56, band * 0.5)
        func y(_ v: Double) -> Double { area.py(axis.fraction(v)) }
        let tip =
          "\(f.feature.name), \(label): n = \(NumberText.count(s.n)), median \(f.feature.format.format(s.median)), "
          + "quartiles \(f.feature.format.format(s.q1))–\(f.feature.format.format(s.q3)), "
          + "whiskers \(f.feature.format.format(s.lowerWhisker))–\(f.feature.format.format(s.upperWhisker)), "
          + NumberText.count(s.outliers.count, "outlier")
        description.append(tip)
        svg.openGroup([("class", "box")])
        svg.line(
          x1: centre, y1: y(s.upperWhisker), x2: centre, y2: y(s.q3), stroke: "#444444",
          cls: "whisker")
        svg.line(
          x1: centre, y1: y(s.q1), x2: centre, y2: y(s.lowerWhisker), stroke: "#444444",
          cls: "whisker")
        for w in [s.lowerWhisker, s.upperWhisker] {
          svg.line(
            x1: centre - boxWidth / 4, y1: y(w), x2: centre + boxWidth / 4, y2: y(w),
            stroke: "#444444", cls: "whisker-cap")
        }
        svg.rect(
          x: centre - boxWidth / 2, y: y(s.q3), width: boxWidth, height: y(s.q1) - y(s.q3),
          fill: color, stroke: b == 0 ? "#444444" : color, strokeWidth: 1.2,
          opacity: b == 0 ? 1 : 0.35, cls: "iqr", tooltip: tip)
        svg.line(
          x1: centre - boxWidth / 2, y1: y(s.median), x2: centre + boxWidth / 2, y2: y(s.median),
          stroke: "#111111", width: 2.5, cls: "median")
        let drawn = ChartStats.evenlySpaced(
          count: min(maxOutliers, s.outliers.count), in: s.outliers.count)
        if !drawn.isEmpty {
          var d = ""
          for (j, i) in drawn.enumerated() {
            // Golden-ratio jitter: spread without randomness.
            let jitter = (Double(j) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1) - 0.5
            d += "M" + c(centre + jitter * boxWidth * 0.6) + " " + c(y(s.outliers[i])) + "h0"
          }
          svg.path(
            d, stroke: Palette.outlier, strokeWidth: 5, opacity: nil,
            extra: [("stroke-linecap", "round"), ("stroke-opacity", "0.6")], cls: "outliers",
            tooltip:
              "\(NumberText.count(s.outliers.count, "outlier")), \(NumberText.count(drawn.count)) drawn"
          )
        }
        svg.closeGroup()
        var note =
          "\(label): n = \(NumberText.count(s.n)), \(NumberText.count(s.outliers.count, "outlier"))"
        if drawn.count < s.outliers.count { note += " (\(NumberText.count(drawn.count)) drawn)" }
        panelNotes.append(note)
      }
      let dropped =
        (f.before.count - before.filter(\.isFinite).count)
        + ((f.after?.count ?? 0) - (after?.filter(\.isFinite).count ?? 0))
      if dropped > 0 {
        panelNotes.append(
          "\(NumberText.count(dropped)) \(f.logScale ? "≤ 0 or missing" : "missing"), not shown")
      }
      for (i, note) in panelNotes.enumerated() {
        svg.text(
          TextMetrics.truncate(note, toWidth: panelWidth - 8, size: 10),
          x: panelLeft + 4, y: area.maxY + 34 + Double(i) * 13,
          size: 10, fill: SVGWriter.mutedInk, cls: "panel-note")
      }
      svg.closeGroup()
    }
    return svg.document(
      title: title, description: "Boxplots. " + description.joined(separator: ". ") + ".",
      standalone: options.standalone)
  }
}
