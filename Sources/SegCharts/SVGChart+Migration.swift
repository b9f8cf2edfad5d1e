extension SVGChart {
  /// A migration matrix of customers moving between the segments of two runs.
  ///
  /// Rows are the earlier run's segments, columns the later run's; every cell shows the count
  /// and the share of the row and is coloured by row share. Cells where a segment keeps its
  /// index are outlined as "stayed".
  ///
  /// Each cell is one `rect` with class `cell`.
  public static func migration(_ data: MigrationData, options: ChartOptions = .default) -> String {
    let rows = data.from.count
    let cols = data.to.count
    guard rows > 0, cols > 0 else { return empty(kind: .migration, options: options) }
    let width = options.chartWidth
    let title = options.title ?? ChartKind.migration.defaultTitle
    var segments: [ChartSegment] = []
    for s in data.from + data.to
    where !segments.contains(where: { $0.index == s.index && $0.name == s.name }) {
      segments.append(s)
    }
    let legend = segments.map { LegendEntry.segment($0) }
    let total = (0..<rows).reduce(0) { $0 + data.rowTotal($1) }
    var stayed = 0
    for r in 0..<rows {
      for col in 0..<cols where data.from[r].index == data.to[col].index {
        stayed += data.count(r, col)
      }
    }
    let notes = [
      "Rows: \(data.fromTitle); columns: \(data.toTitle). Cells show customers and the share of the row; outlined cells kept their segment.",
      "\(NumberText.count(total)) customers in both runs; \(NumberText.count(stayed)) (\(ValueFormat.percent.format(total > 0 ? Double(stayed) / Double(total) : 0))) kept their segment.",
    ]
    let top = SVGWriter.headerHeight(notes: notes, legend: legend, width: width)
    let nameWidth = min(150, data.from.map { TextMetrics.width($0.name) }.max() ?? 40)
    let left = SVGWriter.margin + 26 + nameWidth + 14
    let keyWidth: Double = 100
    let cellWidth = min(110, (width - left - keyWidth - SVGWriter.margin - 50) / Double(cols))
    let cellHeight: Double = 44
    let headerSpace: Double = 104
    let area = Box(
      x: left, y: top + headerSpace, width: cellWidth * Double(cols),
      height: cellHeight * Double(rows))
    var svg = SVGWriter(width: width, height: area.maxY + 20)
    svg.header(title: title, notes: notes, legend: legend)

    svg.openGroup([("class", "cells")])
    for r in 0..<rows {
      let rowTotal = data.rowTotal(r)
      for col in 0..<cols {
        let n = data.count(r, col)
        let share = rowTotal > 0 ? Double(n) / Double(rowTotal) : 0
        let x = area.x + Double(col) * cellWidth
        let y = area.y + Double(r) * cellHeight
        let fill = n > 0 ? Palette.sequential(at: share) : "#FFFFFF"
        let tip =
          "\(data.from[r].name) → \(data.to[col].name): \(NumberText.count(n)) customers, \(ValueFormat.percent.format(share)) of \(data.from[r].name)"
        svg.rect(
          x: x, y: y, width: cellWidth, height: cellHeight, fill: fill, stroke: "#FFFFFF",
          strokeWidth: 2, cls: "cell", tooltip: tip)
        if data.from[r].index == data.to[col].index {
          svg.rect(
            x: x + 2, y: y + 2, width: cellWidth - 4, height: cellHeight - 4, fill: "none",
            stroke: SVGWriter.ink, strokeWidth: 2, cls: "stayed")
        }
        let ink = Palette.sequentialNeedsLightText(at: share) && n > 0 ? "#FFFFFF" : SVGWriter.ink
        svg.text(
          NumberText.count(n), x: x + cellWidth / 2, y: y + 19, anchor: .middle, size: 13,
          weight: "bold", fill: n > 0 ? ink : SVGWriter.mutedInk, cls: "cell-count")
        svg.text(
          ValueFormat.percent.format(share), x: x + cellWidth / 2, y: y + 34, anchor: .middle,
          size: 11, fill: n > 0 ? ink : SVGWriter.mutedInk, cls: "cell-share")
      }
      // Row total on the right.
      svg.text(
        NumberText.count(rowTotal), x: area.maxX + 8, y: area.y + Double(r) * cellHeight + 26,
        size: 11, fill: SVGWriter.mutedInk, cls: "row-total")
    }
    svg.closeGroup()
    svg.text(
      "n", x: area.maxX + 8, y: area.y - 8, size: 11, weight: "bold", fill: SVGWriter.mutedInk)
    svg.openGroup([("class", "axis y")])
    for (r, s) in data.from.enumerated() {
      let y = area.y + (Double(r) + 0.5) * cellHeight
      svg.rect(x: SVGWriter.margin + 24, y: y - 6, width: 12, height: 12, fill: s.color)
      svg.text(
        TextMetrics.truncate(s.name, toWidth: nameWidth), x: SVGWriter.margin + 42, y: y + 4,
        cls: "tick-label")
    }
    svg.text(
      data.fromTitle, x: SVGWriter.margin + 4, y: area.y + area.height / 2, anchor: .middle,
      rotate: -90, cls: "axis-title")
    svg.closeGroup()
    svg.openGroup([("class", "axis x")])
    for (col, s) in data.to.enumerated() {
      let x = area.x + (Double(col) + 0.5) * cellWidth
      svg.rect(x: x - 6, y: area.y - 20, width: 12, height: 12, fill: s.color)
      svg.text(
        TextMetrics.truncate(s.name, toWidth: 118, size: 11), x: x + 2, y: area.y - 26, size: 11,
        rotate: -35, cls: "tick-label")
    }
    svg.text(data.toTitle, x: area.x, y: area.y - headerSpace + 4, cls: "axis-title")
    svg.closeGroup()
    svg.colorKey(
      x: area.maxX + 50, y: area.y, height: min(area.height, 160), title: "Row share",
      lowLabel: "0%", highLabel: "100%")
    var cells: [String] = []
    for r in 0..<rows {
      let rowTotal = data.rowTotal(r)
      for col in 0..<cols where data.count(r, col) > 0 {
        let n = data.count(r, col)
        cells.append(
          "\(data.from[r].name) to \(data.to[col].name): \(NumberText.count(n)) (\(ValueFormat.percent.format(Double(n) / Double(max(1, rowTotal)))))"
        )
      }
    }
    return svg.document(
      title: title,
      description: "Migration matrix from \(data.fromTitle) to \(data.toTitle). "
        + cells.joined(separator: "; ") + ".",
      standalone: options.standalone)
  }
}
