extension TerminalChart {
  /// Boxplots as text: one block per feature, one row per box on a shared axis.
  ///
  /// `├──▒▒▒█▒▒▒──┤` is whisker, box and median; `•` marks outliers (one per column at most).
  public static func boxplot(_ data: BoxplotData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var out = TerminalText(options: options, kind: .box)
    out.note("Box: quartiles, █ median, whiskers to 1.5 × IQR, • outliers.")
    let labelWidth = min(14, max(data.beforeLabel.count, data.afterLabel.count))
    let plotWidth = out.width - labelWidth - 3
    for f in data.features {
      out.blank()
      out.line(
        out.style.bold(
          TextMetrics.truncate(Markup.terminalSafe(f.feature.axisTitle), columns: out.width)))
      let before = f.logScale ? f.before.filter { $0 > 0 } : f.before
      let after = f.after.map { f.logScale ? $0.filter { $0 > 0 } : $0 }
      let stats = [BoxStats(before), after.flatMap { BoxStats($0) }]
      let all = stats.compactMap { $0 }
      guard !all.isEmpty else {
        out.note("  no values")
        continue
      }
      let (lo, hi) = BoxStats.extent(all)
      let axis =
        f.logScale
        ? ChartAxis.log(minimum: lo, maximum: hi, format: f.feature.format)
        : ChartAxis.linear(
          minimum: lo, maximum: hi, format: f.feature.format, maxTicks: max(2, plotWidth / 12))
      func col(_ v: Double) -> Int { TerminalAxis.column(axis.fraction(v), columns: plotWidth) }
      var notes: [String] = []
      let labels = after == nil ? [data.beforeLabel] : [data.beforeLabel, data.afterLabel]
      for (b, label) in labels.enumerated() {
        let name = terminalName(label, labelWidth)
        guard let s = stats[b] else {
          out.line("  " + name + " " + out.style.dim("no values"))
          continue
        }
        var row = [Character](repeating: " ", count: plotWidth)
        let (lw, q1, md, q3, uw) = (
          col(s.lowerWhisker), col(s.q1), col(s.median), col(s.q3), col(s.upperWhisker)
        )
        for i in lw...max(lw, uw) { row[i] = "─" }
        for i in q1...max(q1, q3) { row[i] = "▒" }
        row[lw] = "├"
        row[uw] = uw == lw ? "│" : "┤"
        row[md] = "█"
        for v in s.outliers {
          let i = col(v)
          if row[i] == " " { row[i] = "•" }
        }
        let color = b == 0 ? "#9E9E9E" : SVGWriter.neutralMark
        var text = ""
        for ch in row {
          switch ch {
          case "•": text += out.style.fg("•", Palette.outlier)
          case " ": text += " "
          default: text += out.style.fg(String(ch), color)
          }
        }
        out.line("  " + name + " " + text)
        notes.append(
          "\(Markup.terminalSafe(label)): n = \(NumberText.count(s.n)), median \(f.feature.format.format(s.median)), \(NumberText.count(s.outliers.count, "outlier"))"
        )
      }
      out.line(
        String(repeating: " ", count: labelWidth + 3)
          + TerminalAxis.tickLine(axis, columns: plotWidth))
      for note in notes { out.note("  " + note) }
    }
    return out.text
  }

  /// Histograms as vertical block bars, one block per feature, `height` rows tall.
  public static func histogram(_ data: HistogramData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var out = TerminalText(options: options, kind: .hist)
    let rows = max(3, options.height ?? 8)
    for f in data.features {
      out.blank()
      let bins0 = HistogramBins(values: f.values, target: data.bins, log: f.logScale)
      let maxCount = bins0.counts.max() ?? 0
      let countLabel = NumberText.count(maxCount)
      let gutter = countLabel.count + 2
      let plotWidth = out.width - gutter
      let bins = fittedBins(bins0, values: f.values, log: f.logScale, columns: plotWidth)
      var head =
        "\(Markup.terminalSafe(f.feature.axisTitle))  n = \(NumberText.count(bins.counts.reduce(0, +)))"
      if f.logScale { head += " · log scale" }
      if bins.excluded > 0 { head += " · \(NumberText.count(bins.excluded)) not shown" }
      out.line(out.style.bold(TextMetrics.truncate(head, columns: out.width)))
      guard !bins.counts.isEmpty, let peak = bins.counts.max(), peak > 0 else {
        out.note("  no values")
        continue
      }
      let per = max(1, plotWidth / bins.counts.count)
      for r in stride(from: rows - 1, through: 0, by: -1) {
        var line = ""
        for count in bins.counts {
          let eighths = Int((Double(count) / Double(peak) * Double(rows * 8)).rounded())
          let filled = eighths - r * 8
          let ch: Character =
            filled >= 8
            ? "█" : filled > 0 ? Blocks.vertical[filled - 1] : (r == 0 && count > 0 ? "▁" : " ")
          line += String(repeating: String(ch), count: per)
        }
        let label = r == rows - 1 ? NumberText.count(peak) : ""
        out.line(
          TextMetrics.pad(label, gutter - 2, right: false) + " │"
            + out.style.fg(line, SVGWriter.neutralMark))
      }
      let span = per * bins.counts.count
      out.line(
        TextMetrics.pad("0", gutter - 2, right: false) + " └"
          + String(repeating: "─", count: max(0, span - 1)))
      // Nice ticks between the first and last bin edge, placed at their columns.
      let (first, last) = (bins.edges[0], bins.edges[bins.edges.count - 1])
      var axis =
        f.logScale
        ? ChartAxis.log(minimum: first, maximum: last, format: f.feature.format)
        : ChartAxis.linear(
          minimum: first, maximum: last, format: f.feature.format, maxTicks: max(2, span / 10))
      axis.ticks = axis.ticks.filter {
        $0 >= first - 1e-9 * abs(first) && $0 <= last + 1e-9 * abs(last)
      }
      axis.lower = first
      axis.upper = last
      let items = axis.ticks.map { t in
        (min(span - 1, Int((axis.fraction(t) * Double(span)).rounded())), axis.label(t))
      }
      out.line(
        String(repeating: " ", count: gutter)
          + TerminalAxis.labels(items, columns: max(1, out.width - gutter)))
    }
    return out.text
  }

  /// Bins that fill `columns` well with whole columns per bin: the given bins when they fill at
  /// least three quarters of the width, else the best of a few re-binnings.
  static func fittedBins(
    _ bins: HistogramBins, values: [Double], log: Bool, columns: Int
  ) -> HistogramBins {
    func filled(_ b: HistogramBins) -> Int {
      let n = b.counts.count
      return n == 0 || n > columns ? 0 : (columns / n) * n
    }
    if filled(bins) * 4 >= columns * 3 { return bins }
    var best = bins
    for divisor in 1...4 {
      let candidate = HistogramBins(values: values, target: columns / divisor, log: log)
      if filled(candidate) > filled(best) { best = candidate }
    }
    return best
  }
}
