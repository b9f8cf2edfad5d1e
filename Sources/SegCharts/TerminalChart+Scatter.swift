extension TerminalChart {
  /// Points on a braille grid (2×4 dots per character), each character coloured by the segment
  /// with most dots in it; centroids are shown as their segment's legend number.
  ///
  /// Every finite point is plotted (the grid itself bounds the output size).
  public static func scatter(_ data: ScatterData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var out = TerminalText(options: options, kind: .scatter)
    let finite = data.finiteIndices
    guard !finite.isEmpty else {
      out.note("No data to plot.")
      return out.text
    }
    out.note(
      "\(NumberText.count(finite.count)) points"
        + (options.color ? ", coloured by the most common segment per character." : "."))
    let (x0, x1, y0, y1) = data.extent(of: finite)
    let yAxis = ChartAxis.linear(
      minimum: y0, maximum: y1, format: data.yFeature.format, maxTicks: 5)
    let gutter = (yAxis.ticks.map { yAxis.label($0).count }.max() ?? 1) + 2
    let plotColumns = max(10, out.width - gutter)
    let xAxis = ChartAxis.linear(
      minimum: x0, maximum: x1, format: data.xFeature.format, maxTicks: max(2, plotColumns / 10))
    let rows = max(4, options.height ?? 16)
    // Slot 0 is outliers/noise, then one slot per listed segment.
    var slotOf: [Int: Int] = [:]
    for (i, s) in data.segments.enumerated() where slotOf[s.index] == nil {
      slotOf[s.index] = i + 1
    }
    var canvas = BrailleCanvas(columns: plotColumns, rows: rows, slots: data.segments.count + 1)
    for i in finite {
      let dx = Int((xAxis.fraction(data.x[i]) * Double(canvas.dotWidth - 1)).rounded())
      let dy = Int(((1 - yAxis.fraction(data.y[i])) * Double(canvas.dotHeight - 1)).rounded())
      canvas.set(x: dx, y: dy, slot: slotOf[data.labels[i]] ?? 0)
    }
    var overlay: [Int: (Character, String)] = [:]
    for centroid in data.centroids where centroid.x.isFinite && centroid.y.isFinite {
      guard let slot = slotOf[centroid.segment], slot <= 9 else { continue }
      let col = TerminalAxis.column(xAxis.fraction(centroid.x), columns: plotColumns)
      let row = rows - 1 - TerminalAxis.column(yAxis.fraction(centroid.y), columns: rows)
      overlay[row * plotColumns + col] = (
        Character(String(slot)), Palette.color(forSegment: centroid.segment)
      )
    }
    let tickRows = Dictionary(
      yAxis.ticks.map {
        (rows - 1 - TerminalAxis.column(yAxis.fraction($0), columns: rows), yAxis.label($0))
      },
      uniquingKeysWith: { a, _ in a })
    for r in 0..<rows {
      var line =
        TextMetrics.pad(tickRows[r] ?? "", gutter - 2, right: false)
        + (tickRows[r] == nil ? " │" : " ┤")
      for col in 0..<plotColumns {
        if let (ch, color) = overlay[r * plotColumns + col] {
          line += out.style.bold(out.style.fg(String(ch), color))
          continue
        }
        let ch = canvas.character(column: col, row: r)
        if ch == " " {
          line += " "
        } else if let slot = canvas.dominantSlot(column: col, row: r) {
          let color = slot == 0 ? Palette.outlier : data.segments[slot - 1].color
          line += out.style.fg(String(ch), color)
        } else {
          line += String(ch)
        }
      }
      out.line(line)
    }
    out.line(
      String(repeating: " ", count: gutter - 1) + "└" + String(repeating: "─", count: plotColumns))
    out.line(
      String(repeating: " ", count: gutter) + TerminalAxis.tickLine(xAxis, columns: plotColumns))
    let xTitle =
      Markup.terminalSafe(data.xFeature.axisTitle) + " →   ↑ "
      + Markup.terminalSafe(data.yFeature.axisTitle)
    out.note(String(repeating: " ", count: gutter) + xTitle)
    var legend = ""
    var legendLines: [String] = []
    for (i, s) in data.segments.enumerated() {
      let plain = "\(i + 1) \(Markup.terminalSafe(s.name))"
      let item = TextMetrics.truncate(plain, columns: out.width)
      if !legend.isEmpty && visibleWidth(legend) + 5 + item.count > out.width {
        legendLines.append(legend)
        legend = ""
      }
      legend += (legend.isEmpty ? "" : "   ") + out.style.fg("●", s.color) + " " + item
    }
    if !legend.isEmpty { legendLines.append(legend) }
    for line in legendLines { out.line(line) }
    if !data.centroids.isEmpty { out.note("Digits mark centroids.") }
    return out.text
  }

  /// The width of `s` without ANSI escape sequences.
  static func visibleWidth(_ s: some StringProtocol) -> Int {
    var count = 0
    var inEscape = false
    for ch in s {
      if inEscape {
        if ch == "m" { inEscape = false }
      } else if ch == "\u{1B}" {
        inEscape = true
      } else {
        count += 1
      }
    }
    return count
  }
}
