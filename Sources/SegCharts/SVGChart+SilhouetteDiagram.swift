extension SVGChart {
  /// The silhouette diagram of one clustering: each segment's per-sample silhouette values,
  /// sorted in descending order, as a filled band whose height is proportional to the segment's
  /// size, with the mean silhouette as a dashed line.
  ///
  /// Bands are outlined from at most one point per vertical pixel (and `options.maxMarks` in
  /// all), taken evenly by rank, so the outline stays exact at this size and the file stays
  /// small for any n; the note says when this happened. Each band is one `path` with class
  /// `band`. Samples whose label is not among `segments` form a grey "Other" band.
  public static func silhouetteDiagram(
    _ data: SilhouetteDiagramData, options: ChartOptions = .default
  ) -> String {
    let n = min(data.values.count, data.labels.count)
    let groups = data.groups()
    let total = groups.reduce(0) { $0 + $1.values.count }
    guard total > 0 else { return empty(kind: .silhouetteDiagram, options: options) }
    let mean = data.mean ?? ChartStats.mean(Array(data.values.prefix(n)))

    let width = options.chartWidth
    let title = options.title ?? ChartKind.silhouetteDiagram.defaultTitle
    let legend = groups.map { LegendEntry.segment($0.segment) }
    let plotHeight = max(260, min(520, Double(groups.count) * 60))
    let gap: Double = 6
    let available = plotHeight - gap * Double(groups.count - 1)
    let pointBudget = max(groups.count * 2, options.maxMarks)
    var downsampled = false
    var notes = [
      "\(NumberText.count(total)) customers; each band is one segment, sorted from highest to lowest silhouette."
    ]
    // Decide per-band point counts before drawing, so the note can say whether we thinned.
    let perBand: [Int] = groups.map { g in
      let h = available * Double(g.values.count) / Double(total)
      let cap = max(2, min(Int(h.rounded(.up)) + 1, pointBudget * g.values.count / total))
      if g.values.count > cap { downsampled = true }
      return min(g.values.count, cap)
    }
    if downsampled {
      notes.append(
        "Outlines drawn from \(NumberText.count(perBand.reduce(0, +))) points spaced evenly by rank."
      )
    }
    let top = SVGWriter.headerHeight(notes: notes, legend: legend, width: width)
    var svg = SVGWriter(width: width, height: top + 18 + plotHeight + 56)
    svg.header(title: title, notes: notes, legend: legend)

    let lo = min(0, groups.compactMap { $0.values.min() }.min() ?? 0, mean.isFinite ? mean : 0)
    let hi = max(0.1, groups.compactMap { $0.values.max() }.max() ?? 1)
    var axis = ChartAxis.linear(
      minimum: max(-1, lo), maximum: min(1, hi), format: .number(decimals: nil), maxTicks: 8)
    axis.lower = max(-1, axis.lower)
    axis.upper = min(1, axis.upper)
    axis.ticks = axis.ticks.filter { $0 >= axis.lower && $0 <= axis.upper }
    let nameWidth = min(170, groups.map { TextMetrics.width($0.segment.name) }.max() ?? 40)
    let left = SVGWriter.margin + nameWidth + 12
    let area = Box(
      x: left, y: top + 18, width: width - left - SVGWriter.margin - 8, height: plotHeight)
    svg.xAxis(axis, area: area, title: "Silhouette coefficient", grid: true)
    let zeroX = area.px(axis.fraction(0))
    var y = area.y
    svg.openGroup([("class", "bands")])
    var description: [String] = []
    for (g, group) in groups.enumerated() {
      let sorted = group.values.sorted(by: >)
      let h = available * Double(sorted.count) / Double(total)
      // A step outline: the sorted values fall into `m` consecutive runs of ranks, each drawn
      // as one horizontal bar at its largest value (at most a pixel tall when thinned).
      let m = perBand[g]
      var d = "M" + c(zeroX) + " " + c(y)
      for j in 0..<m {
        let first = j * sorted.count / m
        let next = (j + 1) * sorted.count / m
        let x = c(area.px(axis.fraction(sorted[first])))
        d += "L" + x + " " + c(y + Double(first) / Double(sorted.count) * h)
        d += "L" + x + " " + c(y + Double(next) / Double(sorted.count) * h)
      }
      d += "L" + c(zeroX) + " " + c(y + h) + "Z"
      let bandMean = ChartStats.mean(group.values)
      let summary =
        "\(group.segment.name): \(NumberText.count(sorted.count)) customers, mean silhouette \(NumberText.fixed(bandMean, decimals: 3))"
      description.append(summary)
      svg.path(
        d, fill: group.segment.color, stroke: group.segment.color, strokeWidth: 0.5, cls: "band",
        tooltip: summary)
      svg.text(
        TextMetrics.truncate(group.segment.name, toWidth: nameWidth), x: area.x - 8,
        y: y + h / 2 + 4, anchor: .end, cls: "band-label")
      y += h + gap
    }
    svg.closeGroup()
    svg.line(
      x1: zeroX, y1: area.y, x2: zeroX, y2: area.maxY, stroke: SVGWriter.axisColor, cls: "zero")
    if mean.isFinite {
      let x = area.px(axis.fraction(mean))
      svg.line(
        x1: x, y1: area.y - 14, x2: x, y2: area.maxY, stroke: accent, width: 2, dash: "6 4",
        cls: "mean-line")
      svg.text(
        "mean \(NumberText.fixed(mean, decimals: 3))", x: x + 5, y: area.y - 6, weight: "bold",
        fill: accent, cls: "mean-label")
    }
    return svg.document(
      title: title,
      description: "Silhouette diagram, mean \(NumberText.fixed(mean, decimals: 3)). "
        + description.joined(separator: ". ") + ".",
      standalone: options.standalone)
  }
}
