extension TerminalChart {
  /// The heatmap grid as a table of counts over mean values.
  ///
  /// Cells are shaded by the mean (background colour, or a ░▒▓█ glyph without colour). Rows
  /// print top to bottom from the last row label, so an R-score grid has R = 5 at the top.
  public static func heatmap(_ data: HeatmapData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var out = TerminalText(options: options, kind: .heatmap)
    let rows = data.rowLabels.count
    let cols = data.columnLabels.count
    guard rows > 0, cols > 0 else {
      out.note("No data to plot.")
      return out.text
    }
    func count(_ r: Int, _ c: Int) -> Int { data.count(row: r, column: c) }
    func value(_ r: Int, _ c: Int) -> Double { data.value(row: r, column: c) }
    var values: [Double] = []
    for r in 0..<rows { for c in 0..<cols { values.append(value(r, c)) } }
    let (lo, hi) = ChartStats.extent(values) ?? (0, 1)
    func t(_ v: Double) -> Double { hi > lo ? (v - lo) / (hi - lo) : 0.5 }
    out.note("Rows: \(data.rowTitle); columns: \(data.columnTitle).")
    out.note(
      "Each cell: customers, then \(data.valueName.lowercased()) (shade: \(data.valueFormat.format(lo)) light … \(data.valueFormat.format(hi)) dark)."
    )
    let rowLabelWidth = min(8, data.rowLabels.map(\.count).max() ?? 1)
    let available = out.width - rowLabelWidth - 1
    var useCompact = false
    var cell = 0
    for compact in [false, true] {
      var widest = 0
      for r in 0..<rows {
        for c in 0..<cols {
          let v = value(r, c)
          let text =
            v.isFinite ? (compact ? data.valueFormat.compact(v) : data.valueFormat.format(v)) : ""
          widest = max(widest, NumberText.count(count(r, c)).count, text.count)
        }
      }
      cell = widest + (options.color ? 2 : 4)
      useCompact = compact
      if cell * cols <= available { break }
    }
    cell = max(4, min(cell, available / cols))
    let shades: [Character] = ["░", "▒", "▓", "█"]
    var header = String(repeating: " ", count: rowLabelWidth + 1)
    for c in 0..<cols {
      header += TextMetrics.pad(
        TextMetrics.truncate(Markup.terminalSafe(data.columnLabels[c]), columns: cell - 1), cell,
        right: false)
    }
    out.line(out.style.dim(header))
    for r in stride(from: rows - 1, through: 0, by: -1) {
      var top =
        TextMetrics.pad(
          TextMetrics.truncate(Markup.terminalSafe(data.rowLabels[r]), columns: rowLabelWidth),
          rowLabelWidth, right: false) + " "
      var bottom = String(repeating: " ", count: rowLabelWidth + 1)
      for c in 0..<cols {
        let v = value(r, c)
        let n = count(r, c)
        let valueText =
          v.isFinite ? (useCompact ? data.valueFormat.compact(v) : data.valueFormat.format(v)) : ""
        let countText = TextMetrics.truncate(NumberText.count(n), columns: cell - 1)
        let line2 = TextMetrics.truncate(valueText, columns: cell - 1)
        if options.color {
          let fill = n > 0 && v.isFinite ? Palette.sequential(at: t(v)) : "#FFFFFF"
          let light = n > 0 && Palette.sequentialNeedsLightText(at: t(v))
          top += out.style.bg(
            TextMetrics.pad(countText, cell - 1, right: false) + " ", fill, lightText: light)
          bottom += out.style.bg(
            TextMetrics.pad(line2, cell - 1, right: false) + " ", fill, lightText: light)
        } else {
          let shade = n > 0 && v.isFinite ? String(shades[min(3, Int(t(v) * 4))]) : " "
          top += shade + TextMetrics.pad(countText, cell - 2, right: false) + " "
          bottom += shade + TextMetrics.pad(line2, cell - 2, right: false) + " "
        }
      }
      out.line(top)
      out.line(bottom)
    }
    return out.text
  }

  /// The migration matrix as a table of counts over row shares.
  ///
  /// Rows are the earlier run's segments, numbered columns the later run's. Cells where a
  /// segment keeps its index are marked `*` (bold with colour). Terminals too narrow for the
  /// table get a list of moves instead.
  public static func migration(_ data: MigrationData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var out = TerminalText(options: options, kind: .migration)
    let rows = data.from.count
    let cols = data.to.count
    guard rows > 0, cols > 0 else {
      out.note("No data to plot.")
      return out.text
    }
    out.note(
      "Rows: \(data.fromTitle); columns: \(data.toTitle) (numbered below). * kept its segment.")
    var widest = 4
    for r in 0..<rows {
      for c in 0..<cols { widest = max(widest, NumberText.count(data.count(r, c)).count + 1) }
    }
    let totalWidth = max(1, NumberText.count((0..<rows).map(data.rowTotal).max() ?? 0).count)
    // Name, space, cells, two spaces, row total: shrink the name, then the cell padding, and
    // list the moves instead when the matrix still does not fit.
    var cell = widest + 2
    if 8 + 1 + cell * cols + 2 + totalWidth > out.width { cell = widest + 1 }
    guard 6 + 1 + cell * cols + 2 + totalWidth <= out.width else {
      return migrationList(data, out: out)
    }
    let nameWidth = min(20, out.width - cell * cols - totalWidth - 3)
    var header = String(repeating: " ", count: nameWidth + 1)
    for c in 0..<cols { header += TextMetrics.pad(String(c + 1), cell, right: false) }
    header += "  " + TextMetrics.pad("n", totalWidth, right: false)
    out.line(out.style.dim(header))
    for r in 0..<rows {
      let total = data.rowTotal(r)
      var top = out.style.fg(terminalName(data.from[r].name, nameWidth), data.from[r].color) + " "
      var bottom = String(repeating: " ", count: nameWidth + 1)
      for c in 0..<cols {
        let n = data.count(r, c)
        let share = total > 0 ? Double(n) / Double(total) : 0
        let stayed = data.from[r].index == data.to[c].index
        let countText = NumberText.count(n) + (stayed ? "*" : " ")
        let shareText = NumberText.fixed(share * 100, decimals: 0) + "% "
        if options.color && n > 0 {
          let fill = Palette.sequential(at: share)
          let light = Palette.sequentialNeedsLightText(at: share)
          let a = TextMetrics.pad(countText, cell - 1, right: false) + " "
          top += out.style.bg(stayed ? out.style.bold(a) : a, fill, lightText: light)
          bottom += out.style.bg(
            TextMetrics.pad(shareText, cell - 1, right: false) + " ", fill, lightText: light)
        } else {
          top += TextMetrics.pad(countText, cell, right: false)
          bottom += out.style.dim(TextMetrics.pad(shareText, cell, right: false))
        }
      }
      top += "  " + TextMetrics.pad(NumberText.count(total), totalWidth, right: false)
      out.line(top)
      out.line(bottom)
    }
    var key = ""
    var keyLines: [String] = []
    for (c, s) in data.to.enumerated() {
      let item = "\(c + 1) " + Markup.terminalSafe(s.name)
      if !key.isEmpty && key.count + 3 + item.count > out.width {
        keyLines.append(key)
        key = ""
      }
      key += (key.isEmpty ? "" : "   ") + TextMetrics.truncate(item, columns: out.width)
    }
    if !key.isEmpty { keyLines.append(key) }
    for line in keyLines { out.line(out.style.dim(line)) }
    return out.text
  }

  /// The migration matrix as a list of moves, for terminals too narrow for the table.
  static func migrationList(_ data: MigrationData, out start: TerminalText) -> String {
    var out = start
    for (r, from) in data.from.enumerated() {
      let total = data.rowTotal(r)
      out.line(
        out.style.fg(
          TextMetrics.truncate(Markup.terminalSafe(from.name), columns: out.width - 10), from.color)
          + " (" + NumberText.count(total) + ")")
      for (c, to) in data.to.enumerated() where data.count(r, c) > 0 {
        let n = data.count(r, c)
        let tail =
          ": \(NumberText.count(n)) (\(ValueFormat.percent.format(Double(n) / Double(max(1, total)))))"
          + (from.index == to.index ? " *" : "")
        let name = TextMetrics.truncate(
          Markup.terminalSafe(to.name), columns: max(1, out.width - 4 - tail.count))
        out.line("  → " + name + tail)
      }
    }
    return out.text
  }
}
