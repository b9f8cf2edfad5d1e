extension SVGChart {
  /// A grid heatmap (the R-score by F-score grid): each cell shows its customer count and mean
  /// value, coloured by the mean on a colour-blind-safe sequential scale with a stepped key.
  ///
  /// Rows run bottom to top, columns left to right. Each cell is one `rect` with class `cell`.
  public static func heatmap(_ data: HeatmapData, options: ChartOptions = .default) -> String {
    let rows = data.rowLabels.count
    let cols = data.columnLabels.count
    guard rows > 0, cols > 0 else { return empty(kind: .heatmap, options: options) }
    func count(_ r: Int, _ c: Int) -> Int { data.count(row: r, column: c) }
    func value(_ r: Int, _ c: Int) -> Double { data.value(row: r, column: c) }
    let width = options.chartWidth
    let title = options.title ?? ChartKind.heatmap.defaultTitle
    let total = data.counts.reduce(0) { $0 + max(0, $1) }
    let notes = [
      "Cells show customers and \(data.valueName.lowercased()); colour is \(data.valueName.lowercased()). \(NumberText.count(total)) customers."
    ]
    let top = SVGWriter.headerHeight(notes: notes, legend: [], width: width)
    let keyWidth: Double = 120
    let left = SVGWriter.margin + 58
    let cellWidth = min(110, (width - left - keyWidth - SVGWriter.margin) / Double(cols))
    let cellHeight = min(64, max(40, cellWidth * 0.62))
    let area = Box(
      x: left, y: top + 4, width: cellWidth * Double(cols), height: cellHeight * Double(rows))
    var svg = SVGWriter(width: width, height: area.maxY + 52)
    svg.header(title: title, notes: notes, legend: [])

    var values: [Double] = []
    for r in 0..<rows { for c in 0..<cols { values.append(value(r, c)) } }
    let (lo, hi) = ChartStats.extent(values) ?? (0, 1)
    func t(_ v: Double) -> Double { hi > lo ? (v - lo) / (hi - lo) : 0.5 }
    svg.openGroup([("class", "cells")])
    for r in 0..<rows {
      for col in 0..<cols {
        let n = count(r, col)
        let v = value(r, col)
        let x = area.x + Double(col) * cellWidth
        let y = area.maxY - Double(r + 1) * cellHeight
        let fill = n > 0 && v.isFinite ? Palette.sequential(at: t(v)) : "#FFFFFF"
        let tip =
          "\(data.rowTitle) \(data.rowLabels[r]), \(data.columnTitle) \(data.columnLabels[col]): "
          + "\(NumberText.count(n)) customers"
          + (v.isFinite ? ", \(data.valueName.lowercased()) \(data.valueFormat.format(v))" : "")
        svg.rect(
          x: x, y: y, width: cellWidth, height: cellHeight, fill: fill, stroke: "#FFFFFF",
          strokeWidth: 2, cls: "cell", tooltip: tip)
        let textColor =
          n > 0 && Palette.sequentialNeedsLightText(at: t(v)) ? "#FFFFFF" : SVGWriter.ink
        svg.text(
          NumberText.count(n), x: x + cellWidth / 2, y: y + cellHeight / 2 - 2, anchor: .middle,
          size: 14, weight: "bold", fill: n > 0 ? textColor : SVGWriter.mutedInk, cls: "cell-count")
        if v.isFinite {
          svg.text(
            TextMetrics.width(data.valueFormat.format(v), size: 11) < cellWidth - 6
              ? data.valueFormat.format(v) : data.valueFormat.compact(v),
            x: x + cellWidth / 2, y: y + cellHeight / 2 + 14, anchor: .middle, size: 11,
            fill: textColor, cls: "cell-value")
        }
      }
    }
    svg.closeGroup()
    svg.rect(
      x: area.x, y: area.y, width: area.width, height: area.height, fill: "none",
      stroke: SVGWriter.axisColor, cls: "frame")
    svg.openGroup([("class", "axis y")])
    for r in 0..<rows {
      svg.text(
        TextMetrics.truncate(data.rowLabels[r], toWidth: 40, size: 11), x: area.x - 8,
        y: area.maxY - (Double(r) + 0.5) * cellHeight + 4, anchor: .end, size: 11,
        fill: SVGWriter.mutedInk, cls: "tick-label")
    }
    svg.text(
      data.rowTitle, x: area.x - 40, y: area.y + area.height / 2, anchor: .middle, rotate: -90,
      cls: "axis-title")
    svg.closeGroup()
    svg.openGroup([("class", "axis x")])
    for col in 0..<cols {
      svg.text(
        TextMetrics.truncate(data.columnLabels[col], toWidth: cellWidth - 4, size: 11),
        x: area.x + (Double(col) + 0.5) * cellWidth, y: area.maxY + 17, anchor: .middle,
        size: 11, fill: SVGWriter.mutedInk, cls: "tick-label")
    }
    svg.text(
      data.columnTitle, x: area.x + area.width / 2, y: area.maxY + 36, anchor: .middle,
      cls: "axis-title")
    svg.closeGroup()
    svg.colorKey(
      x: area.maxX + 24, y: area.y, height: min(area.height, 180), title: data.valueName,
      lowLabel: data.valueFormat.format(lo), highLabel: data.valueFormat.format(hi))

    var description =
      "\(rows) by \(cols) grid of \(data.rowTitle) against \(data.columnTitle); \(NumberText.count(total)) customers. "
    var cells: [String] = []
    for r in 0..<rows {
      for col in 0..<cols {
        let v = value(r, col)
        cells.append(
          "\(data.rowLabels[r])/\(data.columnLabels[col]): \(NumberText.count(count(r, col)))"
            + (v.isFinite ? " at \(data.valueFormat.format(v))" : ""))
      }
    }
    description += cells.joined(separator: "; ") + "."
    return svg.document(title: title, description: description, standalone: options.standalone)
  }
}

extension SVGWriter {
  /// A vertical stepped colour key for the sequential scale (no gradient, so no `<defs>` ids).
  mutating func colorKey(
    x: Double, y: Double, height: Double, title: String, lowLabel: String, highLabel: String
  ) {
    openGroup([("class", "color-key")])
    text(
      TextMetrics.truncate(title, toWidth: 110, size: 11), x: x, y: y + 8, size: 11, weight: "bold")
    let steps = Palette.sequential.count
    let top = y + 16
    let h = max(30, height - 20) / Double(steps)
    for i in 0..<steps {
      // Highest value on top.
      rect(
        x: x, y: top + Double(i) * h, width: 16, height: h + 0.5,
        fill: Palette.sequential[steps - 1 - i])
    }
    rect(x: x, y: top, width: 16, height: h * Double(steps), fill: "none", stroke: Self.axisColor)
    text(highLabel, x: x + 22, y: top + 9, size: 11, fill: Self.mutedInk)
    text(lowLabel, x: x + 22, y: top + h * Double(steps), size: 11, fill: Self.mutedInk)
    closeGroup()
  }
}
