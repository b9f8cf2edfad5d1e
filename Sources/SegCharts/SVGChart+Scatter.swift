extension SVGChart {
  /// Points coloured by segment (outliers/noise grey, drawn underneath), with centroids as
  /// large outlined markers.
  ///
  /// At most `options.maxMarks` points are drawn: beyond that a uniform sample seeded with
  /// `options.seed` is drawn and the note under the title says so. Points are zero-length
  /// round-capped path segments (`M x y h0`), one `path` with class `points` per segment, so a
  /// file of 5,000 points stays near 60 KB. Non-finite coordinates are skipped and counted.
  public static func scatter(_ data: ScatterData, options: ChartOptions = .default) -> String {
    let n = data.count
    let finite = data.finiteIndices
    guard !finite.isEmpty else { return empty(kind: .scatter, options: options) }
    let width = options.chartWidth
    let title = options.title ?? ChartKind.scatter.defaultTitle
    let cap = max(1, options.maxMarks)
    let drawn: [Int] =
      finite.count > cap
      ? PointSample.indices(count: cap, of: finite.count, seed: options.seed).map { finite[$0] }
      : finite
    var notes: [String] = []
    if drawn.count < finite.count {
      notes.append(
        "Showing a random sample of \(NumberText.count(drawn.count)) of \(NumberText.count(finite.count)) points (seed \(options.seed)); centroids use all points."
      )
    } else {
      notes.append("\(NumberText.count(finite.count)) points.")
    }
    if finite.count < n {
      notes[0] +=
        " \(NumberText.count(n - finite.count)) points with missing coordinates not shown."
    }
    let known = Set(data.segments.map(\.index))
    let hasOther = drawn.contains { !known.contains(data.labels[$0]) }
    var legend = data.segments.map { LegendEntry.segment($0, swatch: .circle) }
    if hasOther {
      legend.append(LegendEntry(label: "Outliers / noise", color: Palette.outlier, swatch: .circle))
    }
    if !data.centroids.isEmpty {
      legend.append(LegendEntry(label: "Centroid", color: SVGWriter.ink, swatch: .square))
    }
    let top = SVGWriter.headerHeight(notes: notes, legend: legend, width: width)
    let plotHeight = min(480, max(280, width * 0.6))
    var svg = SVGWriter(width: width, height: top + plotHeight + 56)
    svg.header(title: title, notes: notes, legend: legend)

    let (x0, x1, y0, y1) = data.extent(of: finite)
    let xAxis = ChartAxis.linear(
      minimum: x0, maximum: x1, format: data.xFeature.format, maxTicks: 8)
    let yAxis = ChartAxis.linear(minimum: y0, maximum: y1, format: data.yFeature.format)
    let left = SVGWriter.margin + yAxis.widestLabel + 32
    let area = Box(
      x: left, y: top + 6, width: width - left - SVGWriter.margin - 8, height: plotHeight - 6)
    svg.yAxis(yAxis, area: area, title: data.yFeature.axisTitle)
    svg.xAxis(xAxis, area: area, title: data.xFeature.axisTitle, grid: true)

    // Group drawn points by segment: outliers first (underneath), then segments in legend order.
    var order = data.segments.map(\.index)
    if hasOther { order.insert(Int.min, at: 0) }
    var byGroup: [Int: [Int]] = [:]
    for i in drawn {
      let key = known.contains(data.labels[i]) ? data.labels[i] : Int.min
      byGroup[key, default: []].append(i)
    }
    let dot: Double = drawn.count > 2000 ? 3.5 : 5
    svg.openGroup([("class", "marks")])
    var seen = Set<Int>()
    for key in order where seen.insert(key).inserted {
      guard let members = byGroup[key], !members.isEmpty else { continue }
      var d = ""
      d.reserveCapacity(members.count * 14)
      for i in members {
        d +=
          "M" + c(area.px(xAxis.fraction(data.x[i]))) + " " + c(area.py(yAxis.fraction(data.y[i])))
          + "h0"
      }
      let color = key == Int.min ? Palette.outlier : Palette.color(forSegment: key)
      let name =
        key == Int.min ? "Outliers / noise" : data.segments.first { $0.index == key }?.name ?? ""
      svg.path(
        d, stroke: color, strokeWidth: dot,
        extra: [("stroke-linecap", "round"), ("stroke-opacity", key == Int.min ? "0.5" : "0.7")],
        cls: "points", tooltip: "\(name): \(NumberText.count(members.count)) points drawn")
    }
    svg.closeGroup()
    svg.openGroup([("class", "centroids")])
    for centroid in data.centroids where centroid.x.isFinite && centroid.y.isFinite {
      let x = area.px(xAxis.fraction(centroid.x))
      let y = area.py(yAxis.fraction(centroid.y))
      let name =
        data.segments.first { $0.index == centroid.segment }?.name ?? "Segment \(centroid.segment)"
      svg.circle(
        cx: x, cy: y, r: 9, fill: Palette.color(forSegment: centroid.segment),
        stroke: SVGWriter.ink, strokeWidth: 2.5, cls: "centroid",
        tooltip:
          "\(name) centroid: \(data.xFeature.format.format(centroid.x)), \(data.yFeature.format.format(centroid.y))"
      )
      svg.circle(cx: x, cy: y, r: 3, fill: "#FFFFFF")
    }
    svg.closeGroup()
    var counts: [String] = []
    for s in data.segments {
      let k = finite.reduce(0) { $0 + (data.labels[$1] == s.index ? 1 : 0) }
      counts.append("\(s.name) \(NumberText.count(k))")
    }
    let description =
      "Scatter plot of \(data.yFeature.name) against \(data.xFeature.name), coloured by segment: "
      + counts.joined(separator: ", ") + ". " + notes.joined(separator: " ")
    return svg.document(title: title, description: description, standalone: options.standalone)
  }
}
