extension SVGChart {
  /// Average feature values per segment as small multiples: one panel of horizontal bars per
  /// feature (each with its own axis and unit, since days, invoices and pounds do not share a
  /// scale), segments as rows named on the left, values printed at the bar ends.
  ///
  /// Each finite value is one `rect` with class `bar`; bars start at zero.
  public static func profile(_ data: ProfileData, options: ChartOptions = .default) -> String {
    guard !data.segments.isEmpty, !data.features.isEmpty else {
      return empty(kind: .profile, options: options)
    }
    let width = options.chartWidth
    let title = options.title ?? data.defaultTitle
    let legend = data.segments.map { LegendEntry.segment($0.segment) }
    let top = SVGWriter.headerHeight(notes: [], legend: legend, width: width)
    let rowHeight: Double = 28
    let plotHeight = rowHeight * Double(data.segments.count)
    var svg = SVGWriter(width: width, height: top + 22 + plotHeight + 56)
    svg.header(title: title, notes: [], legend: legend)

    let nameWidth = min(160, data.segments.map { TextMetrics.width($0.segment.name) }.max() ?? 40)
    let left = SVGWriter.margin + nameWidth + 10
    let gap: Double = 34
    let panelWidth =
      (width - left - SVGWriter.margin - 24 - gap * Double(data.features.count - 1))
      / Double(data.features.count)
    for (r, s) in data.segments.enumerated() {
      svg.text(
        TextMetrics.truncate(s.segment.name, toWidth: nameWidth), x: left - 8,
        y: top + 22 + rowHeight * (Double(r) + 0.5) + 4, anchor: .end, cls: "row-label")
    }
    var description: [String] = []
    for (p, feature) in data.features.enumerated() {
      let values = data.segments.map { p < $0.values.count ? $0.values[p] : .nan }
      let (lo, hi) = ChartStats.extent(values) ?? (0, 1)
      let axis = ChartAxis.linear(
        minimum: lo, maximum: hi, format: feature.format, maxTicks: 4, includeZero: true)
      let area = Box(
        x: left + Double(p) * (panelWidth + gap), y: top + 22, width: panelWidth,
        height: plotHeight)
      svg.openGroup([("class", "panel")])
      svg.text(
        TextMetrics.truncate(feature.name, toWidth: panelWidth, size: 13), x: area.x,
        y: top + 10, size: 13, weight: "bold", cls: "panel-title")
      svg.xAxis(axis, area: area, title: feature.axisTitle, grid: true)
      let zero = area.px(axis.fraction(0))
      for (r, s) in data.segments.enumerated() {
        let v = values[r]
        guard v.isFinite else { continue }
        let x = area.px(axis.fraction(v))
        let y = area.y + rowHeight * Double(r) + 5
        let label = feature.format.format(v)
        svg.rect(
          x: min(zero, x), y: y, width: abs(x - zero), height: rowHeight - 10,
          fill: s.segment.color, cls: "bar",
          tooltip: "\(s.segment.name) · \(feature.name): \(label)")
        let labelWidth = TextMetrics.width(label, size: 11)
        let outside = max(x, zero) + 4 + labelWidth <= area.maxX + 8
        svg.text(
          label, x: outside ? max(x, zero) + 4 : max(x, zero) - 4, y: y + rowHeight / 2 - 1,
          anchor: outside ? .start : .end, size: 11,
          fill: outside ? SVGWriter.ink : "#FFFFFF", cls: "value-label")
      }
      svg.line(
        x1: zero, y1: area.y, x2: zero, y2: area.maxY, stroke: SVGWriter.axisColor, cls: "zero")
      svg.closeGroup()
      description.append(
        "\(feature.axisTitle): "
          + data.segments.enumerated().map {
            "\($0.element.segment.name) \(feature.format.format(values[$0.offset]))"
          }
          .joined(separator: ", "))
    }
    return svg.document(
      title: title, description: "Segment profiles. " + description.joined(separator: ". ") + ".",
      standalone: options.standalone)
  }

  /// A snake plot: each segment's standardized (z-score) feature means as a line across the
  /// features, so segments that sit above or below the overall mean stand out.
  ///
  /// Each segment is one `path` with class `series` and a `circle` with class `point` per
  /// finite value; a non-finite value breaks the line.
  public static func snake(_ data: ProfileData, options: ChartOptions = .default) -> String {
    guard !data.segments.isEmpty, !data.features.isEmpty else {
      return empty(kind: .snake, options: options)
    }
    let width = options.chartWidth
    let title = options.title ?? ChartKind.snake.defaultTitle
    let legend = data.segments.map { LegendEntry.segment($0.segment, swatch: .line) }
    let top = SVGWriter.headerHeight(notes: [], legend: legend, width: width)
    let plotHeight: Double = 280
    var svg = SVGWriter(width: width, height: top + plotHeight + 56)
    svg.header(title: title, notes: [], legend: legend)
    let all = data.segments.flatMap { $0.values.prefix(data.features.count) }
    let (lo, hi) = ChartStats.extent(all) ?? (-1, 1)
    let bound = max(abs(lo), abs(hi), 0.5)
    let axis = ChartAxis.linear(
      minimum: -bound, maximum: bound, format: .number(decimals: nil), maxTicks: 7,
      includeZero: true)
    let left = SVGWriter.margin + axis.widestLabel + 32
    let area = Box(
      x: left, y: top + 6, width: width - left - SVGWriter.margin - 8, height: plotHeight - 6)
    svg.yAxis(axis, area: area, title: "Standardized mean (z-score)")
    svg.bandXAxis(data.features.map(\.name), area: area, title: "Feature")
    let zeroY = area.py(axis.fraction(0))
    svg.line(
      x1: area.x, y1: zeroY, x2: area.maxX, y2: zeroY, stroke: SVGWriter.axisColor, width: 1.5,
      cls: "zero")
    let band = area.width / Double(data.features.count)
    var description: [String] = []
    for s in data.segments {
      var d = ""
      var pen = false
      var points: [(Double, Double, Double)] = []
      for (p, _) in data.features.enumerated() {
        let v = p < s.values.count ? s.values[p] : .nan
        guard v.isFinite else {
          pen = false
          continue
        }
        let x = area.x + band * (Double(p) + 0.5)
        let y = area.py(axis.fraction(v))
        d += (pen ? "L" : "M") + c(x) + " " + c(y)
        pen = true
        points.append((x, y, v))
      }
      svg.openGroup([("class", "segment")])
      svg.path(d, stroke: s.segment.color, strokeWidth: 2.5, cls: "series", tooltip: s.segment.name)
      for pt in points {
        svg.circle(
          cx: pt.0, cy: pt.1, r: 4, fill: s.segment.color, stroke: "#FFFFFF", strokeWidth: 1,
          cls: "point", tooltip: "\(s.segment.name): \(NumberText.fixed(pt.2, decimals: 2))")
      }
      svg.closeGroup()
      description.append(
        "\(s.segment.name): "
          + data.features.enumerated().map { p, f in
            "\(f.name) \(p < s.values.count ? NumberText.fixed(s.values[p], decimals: 2) : "–")"
          }.joined(separator: ", "))
    }
    return svg.document(
      title: title,
      description: "Snake plot of standardized means. " + description.joined(separator: ". ") + ".",
      standalone: options.standalone)
  }
}
