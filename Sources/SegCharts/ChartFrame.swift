/// A legend entry: a swatch in a colour and a label.
struct LegendEntry {
  enum Swatch {
    case square, light, line, dashed, circle
  }

  var label: String
  var color: String
  var swatch: Swatch = .square
  /// Whether the entry names a segment (class `legend-item segment`), as opposed to a key
  /// for a mark style.
  var isSegment = false

  static func segment(_ s: ChartSegment, swatch: Swatch = .square) -> LegendEntry {
    LegendEntry(label: s.name, color: s.color, swatch: swatch, isSegment: true)
  }
}

/// Drawing of the parts every chart shares: header (title, notes, legend) and axes.
extension SVGWriter {
  static let margin: Double = 16

  /// The height that `header` will take for a chart of `width`.
  static func headerHeight(notes: [String], legend: [LegendEntry], width: Double) -> Double {
    var y: Double = 30
    y += Double(notes.count) * 15
    if !legend.isEmpty {
      y += 8 + Double(legendRows(legend, width: width).count) * 18
    }
    return y + 10
  }

  /// Draws the title, the notes beneath it (sampling statements and the like) and the legend;
  /// returns the y where the plot may begin.
  @discardableResult
  mutating func header(title: String, notes: [String], legend: [LegendEntry]) -> Double {
    text(title, x: Self.margin, y: 22, size: 16, weight: "bold", cls: "chart-title")
    var y: Double = 30
    for note in notes {
      y += 15
      text(note, x: Self.margin, y: y - 3, size: 11, fill: Self.mutedInk, cls: "note")
    }
    if !legend.isEmpty {
      y += 8
      openGroup([("class", "legend")])
      for row in Self.legendRows(legend, width: width) {
        for (entry, x) in row {
          drawLegendEntry(entry, x: x, y: y)
        }
        y += 18
      }
      closeGroup()
    }
    return y + 10
  }

  /// Lays legend entries into rows that fit the chart width: each row lists (entry, x).
  static func legendRows(_ legend: [LegendEntry], width: Double) -> [[(LegendEntry, Double)]] {
    var rows: [[(LegendEntry, Double)]] = [[]]
    var x = margin
    let maxLabel = max(60, width - 2 * margin - 20)
    for entry in legend {
      let label = TextMetrics.truncate(entry.label, toWidth: maxLabel)
      let w = 18 + TextMetrics.width(label, size: 11.5) + 16
      if x + w > width - margin, !(rows.last?.isEmpty ?? true) {
        rows.append([])
        x = margin
      }
      var e = entry
      e.label = label
      rows[rows.count - 1].append((e, x))
      x += w
    }
    return rows
  }

  private mutating func drawLegendEntry(_ entry: LegendEntry, x: Double, y: Double) {
    openGroup([("class", entry.isSegment ? "legend-item segment" : "legend-item")])
    switch entry.swatch {
    case .square:
      rect(x: x, y: y + 2, width: 12, height: 12, fill: entry.color)
    case .light:
      rect(
        x: x, y: y + 2, width: 12, height: 12, fill: entry.color, stroke: entry.color,
        opacity: 0.35)
    case .line:
      line(x1: x, y1: y + 8, x2: x + 14, y2: y + 8, stroke: entry.color, width: 2.5)
    case .dashed:
      line(x1: x, y1: y + 8, x2: x + 14, y2: y + 8, stroke: entry.color, width: 1.5, dash: "4 3")
    case .circle:
      circle(cx: x + 6, cy: y + 8, r: 5, fill: entry.color)
    }
    text(entry.label, x: x + 18, y: y + 12.5)
    closeGroup()
  }

  /// A y axis at the left of `area`: ticks, labels, light grid lines and a rotated title.
  mutating func yAxis(_ axis: ChartAxis, area: Box, title: String?, grid: Bool = true) {
    openGroup([("class", "axis y")])
    for t in axis.ticks {
      let y = area.py(axis.fraction(t))
      if grid {
        line(x1: area.x, y1: y, x2: area.maxX, y2: y, stroke: Self.gridColor, cls: "grid")
      }
      line(x1: area.x - 4, y1: y, x2: area.x, y2: y, stroke: Self.axisColor, cls: "tick")
      text(
        axis.label(t), x: area.x - 7, y: y + 4, anchor: .end, size: 11, fill: Self.mutedInk,
        cls: "tick-label")
    }
    line(x1: area.x, y1: area.y, x2: area.x, y2: area.maxY, stroke: Self.axisColor, cls: "domain")
    if let title {
      let x = area.x - axis.widestLabel - 16
      text(
        title, x: x, y: area.y + area.height / 2, anchor: .middle, size: 12, rotate: -90,
        cls: "axis-title")
    }
    closeGroup()
  }

  /// An x axis under `area`: ticks, labels, optional grid lines and a title.
  mutating func xAxis(_ axis: ChartAxis, area: Box, title: String?, grid: Bool = false) {
    openGroup([("class", "axis x")])
    var lastRight = -Double.infinity
    for t in axis.ticks {
      let x = area.px(axis.fraction(t))
      if grid {
        line(x1: x, y1: area.y, x2: x, y2: area.maxY, stroke: Self.gridColor, cls: "grid")
      }
      line(x1: x, y1: area.maxY, x2: x, y2: area.maxY + 4, stroke: Self.axisColor, cls: "tick")
      let label = axis.label(t)
      let half = TextMetrics.width(label, size: 11) / 2
      // Keep the label inside the chart, and skip one that would overlap its left
      // neighbour; the tick stays.
      let centre = min(max(x, half + 2), width - half - 2)
      if centre - half > lastRight + 4 {
        text(
          label, x: centre, y: area.maxY + 17, anchor: .middle, size: 11, fill: Self.mutedInk,
          cls: "tick-label")
        lastRight = centre + half
      }
    }
    xAxisLineAndTitle(area: area, title: title)
    closeGroup()
  }

  /// The baseline under `area` and the centred title below the tick labels.
  private mutating func xAxisLineAndTitle(area: Box, title: String?) {
    line(
      x1: area.x, y1: area.maxY, x2: area.maxX, y2: area.maxY, stroke: Self.axisColor,
      cls: "domain")
    if let title {
      text(
        title, x: area.x + area.width / 2, y: area.maxY + 36, anchor: .middle, size: 12,
        cls: "axis-title")
    }
  }

  /// A categorical x axis: one centred label per band under `area`.
  mutating func bandXAxis(_ labels: [String], area: Box, title: String?) {
    openGroup([("class", "axis x")])
    let band = area.width / Double(max(1, labels.count))
    for (i, label) in labels.enumerated() {
      let x = area.x + band * (Double(i) + 0.5)
      line(x1: x, y1: area.maxY, x2: x, y2: area.maxY + 4, stroke: Self.axisColor, cls: "tick")
      text(
        TextMetrics.truncate(label, toWidth: band - 4, size: 11), x: x, y: area.maxY + 17,
        anchor: .middle, size: 11, fill: Self.mutedInk, cls: "tick-label")
    }
    xAxisLineAndTitle(area: area, title: title)
    closeGroup()
  }
}

/// Axis titles: the name with its unit in brackets, `Recency (days)`.
func axisTitle(_ name: String, unit: String?) -> String {
  guard let unit, !unit.isEmpty else { return name }
  return "\(name) (\(unit))"
}
