extension SVGChart {
  /// Customers and revenue per segment as paired horizontal bars on one axis, share of the
  /// total: the solid bar is the share of customers, the light bar the share of revenue, each
  /// labelled with its absolute value and share.
  ///
  /// Each segment has exactly two `rect`s with class `bar`.
  public static func sizes(_ data: SizesData, options: ChartOptions = .default) -> String {
    guard !data.segments.isEmpty else { return empty(kind: .sizes, options: options) }
    let width = options.chartWidth
    let title = options.title ?? (data.hasRevenue ? ChartKind.sizes.defaultTitle : "Customers by segment")
    let customers = data.segments.reduce(0) { $0 + max(0, $1.customers) }
    var revenue = 0.0
    for s in data.segments where s.revenue.isFinite { revenue += s.revenue }
    var legend = data.segments.map { LegendEntry.segment($0.segment) }
    legend.append(
      LegendEntry(label: "Customers (solid)", color: SVGWriter.mutedInk, swatch: .square))
    let hasRevenue = data.hasRevenue
    if hasRevenue {
      legend.append(
        LegendEntry(label: "Revenue (light)", color: SVGWriter.mutedInk, swatch: .light))
    }
    let notes = [
      hasRevenue
        ? "\(NumberText.count(customers)) customers, \(data.moneyFormat.format(revenue)) revenue in total."
        : "\(NumberText.count(customers)) customers in total; no revenue (the data has no money)."
    ]
    let top = SVGWriter.headerHeight(notes: notes, legend: legend, width: width)
    let rowHeight: Double = 48
    let plotHeight = rowHeight * Double(data.segments.count)
    var svg = SVGWriter(width: width, height: top + plotHeight + 56)
    svg.header(title: title, notes: notes, legend: legend)
    func share(_ v: Double, _ total: Double) -> Double { total > 0 && v.isFinite ? v / total : 0 }
    let shares = data.segments.flatMap {
      [share(Double($0.customers), Double(customers)), share($0.revenue, revenue)]
    }
    let axis = ChartAxis.linear(
      minimum: min(0, shares.min() ?? 0), maximum: max(0.1, shares.max() ?? 1), format: .percent,
      maxTicks: 6, includeZero: true)
    let nameWidth = min(160, data.segments.map { TextMetrics.width($0.segment.name) }.max() ?? 40)
    let left = SVGWriter.margin + nameWidth + 10
    // Leave room on the right for the longest value label.
    let area = Box(
      x: left, y: top + 4, width: width - left - SVGWriter.margin - 150, height: plotHeight)
    svg.xAxis(axis, area: area, title: "Share of total (%)", grid: true)
    let zero = area.px(axis.fraction(0))
    var description: [String] = []
    for (r, s) in data.segments.enumerated() {
      let y = area.y + rowHeight * Double(r)
      svg.text(
        TextMetrics.truncate(s.segment.name, toWidth: nameWidth), x: left - 8,
        y: y + rowHeight / 2 + 4, anchor: .end, cls: "row-label")
      let customerShare = share(Double(s.customers), Double(customers))
      let revenueShare = share(s.revenue, revenue)
      let customerLabel =
        "\(NumberText.count(s.customers)) customers (\(ValueFormat.percent.format(customerShare)))"
      let revenueLabel =
        "\(data.moneyFormat.format(s.revenue)) (\(ValueFormat.percent.format(revenueShare)))"
      svg.openGroup([("class", "segment")])
      let bars =
        hasRevenue
        ? [(customerShare, customerLabel), (revenueShare, revenueLabel)]
        : [(customerShare, customerLabel)]
      for (j, (value, label)) in bars.enumerated() {
        let x = area.px(axis.fraction(value))
        let by = y + 6 + Double(j) * 18
        svg.rect(
          x: min(zero, x), y: by, width: abs(x - zero), height: 16, fill: s.segment.color,
          stroke: j == 1 ? s.segment.color : nil, opacity: j == 1 ? 0.35 : nil, cls: "bar",
          tooltip: "\(s.segment.name): \(label)")
        svg.text(label, x: max(zero, x) + 5, y: by + 12.5, size: 11, cls: "value-label")
      }
      svg.closeGroup()
      description.append(
        "\(s.segment.name): \(customerLabel)" + (hasRevenue ? ", \(revenueLabel) of revenue" : ""))
    }
    return svg.document(
      title: title, description: "Segment sizes. " + description.joined(separator: "; ") + ".",
      standalone: options.standalone)
  }
}
