extension TerminalChart {
  /// Inertia per k as horizontal bars from zero, the knee marked `◀ knee`.
  public static func elbow(_ data: ElbowData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    kBars(
      ks: data.ks, values: data.inertia, marked: data.knee, markName: "knee", header: "Inertia",
      format: .automatic, kind: .elbow, options: options)
  }

  /// Mean silhouette per k as horizontal bars, the chosen k marked `◀ chosen`.
  public static func silhouetteCurve(
    _ data: SilhouetteCurveData, options: TerminalOptions = TerminalOptions()
  ) -> String {
    kBars(
      ks: data.ks, values: data.scores, marked: data.chosen, markName: "chosen",
      header: "Mean silhouette", format: .number(decimals: 3), kind: .silhouette, options: options)
  }

  static func kBars(
    ks: [Int], values: [Double], marked: Int?, markName: String, header: String,
    format: ValueFormat, kind: ChartKind, options: TerminalOptions
  ) -> String {
    var out = TerminalText(options: options, kind: kind)
    let pairs = Array(zip(ks, values))
    guard !pairs.isEmpty else {
      out.note("No data to plot.")
      return out.text
    }
    let kWidth = max(1, pairs.map { String($0.0).count }.max() ?? 1)
    let labels = pairs.map { $0.1.isFinite ? format.format($0.1) : "–" }
    let labelWidth = max(header.count - kWidth - 2, labels.map(\.count).max() ?? 1)
    let marker = " ◀ " + markName
    let barWidth = max(5, out.width - 2 - kWidth - 2 - 1 - labelWidth - marker.count)
    let finite = pairs.map(\.1).filter(\.isFinite)
    let base = min(0, finite.min() ?? 0)
    let top = max(base + 1e-12, finite.max() ?? 1)
    out.line(out.style.dim(TextMetrics.pad("k", kWidth + 2, right: false) + "  " + header))
    for (i, (k, v)) in pairs.enumerated() {
      let bar = Blocks.bar(v.isFinite ? (v - base) / (top - base) : 0, width: barWidth)
      var line = TextMetrics.pad(String(k), kWidth + 2, right: false) + "  "
      line += out.style.fg(bar, k == marked ? SVGChart.accent : SVGWriter.neutralMark)
      line += " " + TextMetrics.pad(labels[i], labelWidth, right: false)
      if k == marked { line += out.style.bold(out.style.fg(marker, SVGChart.accent)) }
      out.line(line)
    }
    return out.text
  }

  /// The silhouette diagram as text: each segment a band of rows (more rows for larger
  /// segments, at most 6), each row one quantile of the segment's sorted values drawn as a bar
  /// from zero; `┊` marks the mean.
  public static func silhouetteDiagram(
    _ data: SilhouetteDiagramData, options: TerminalOptions = TerminalOptions()
  ) -> String {
    var out = TerminalText(options: options, kind: .silhouetteDiagram)
    let n = min(data.values.count, data.labels.count)
    let groups = data.groups().map { ($0.segment, $0.values) }
    let total = groups.reduce(0) { $0 + $1.1.count }
    guard total > 0 else {
      out.note("No data to plot.")
      return out.text
    }
    let mean = data.mean ?? ChartStats.mean(Array(data.values.prefix(n)))
    out.note(
      "\(NumberText.count(total)) customers · mean silhouette \(NumberText.fixed(mean, decimals: 3)) (┊)"
    )
    let nameWidth = min(18, groups.map { Markup.terminalSafe($0.0.name).count }.max() ?? 4)
    let statWidth = 16
    let plotWidth = max(10, out.width - nameWidth - 1 - statWidth - 1)
    let lo = max(-1, min(0, groups.compactMap { $0.1.min() }.min() ?? 0))
    var axis = ChartAxis.linear(
      minimum: lo, maximum: 1, format: .number(decimals: nil), maxTicks: max(3, plotWidth / 7))
    axis.lower = max(-1, min(0, (lo * 10).rounded(.down) / 10))
    axis.upper = 1
    axis.ticks = axis.ticks.filter { $0 >= axis.lower && $0 <= 1 }
    let zero = TerminalAxis.column(axis.fraction(0), columns: plotWidth)
    let meanColumn =
      mean.isFinite ? TerminalAxis.column(axis.fraction(mean), columns: plotWidth) : -1
    for (segment, values) in groups {
      let ascending = values.sorted()
      let rows = max(1, min(6, Int((Double(ascending.count) / Double(total) * 16).rounded())))
      for r in 0..<rows {
        let v = ChartStats.quantile(sorted: ascending, 1 - (Double(r) + 0.5) / Double(rows))
        let end = TerminalAxis.column(axis.fraction(v), columns: plotWidth)
        var chars = [Character](repeating: " ", count: plotWidth)
        for i in min(zero, end)...max(zero, end) { chars[i] = "█" }
        if end == zero { chars[zero] = "▏" }
        var line = ""
        for (i, ch) in chars.enumerated() {
          if i == meanColumn && ch == " " {
            line += out.style.fg("┊", SVGChart.accent)
          } else if ch == " " {
            line += i == zero ? "│" : " "
          } else {
            line += out.style.fg(String(ch), segment.color)
          }
        }
        let name =
          r == 0 ? terminalName(segment.name, nameWidth) : String(repeating: " ", count: nameWidth)
        let stat =
          r == 0
          ? "n=\(NumberText.count(ascending.count)) μ=\(NumberText.fixed(ChartStats.mean(values), decimals: 2))"
          : ""
        out.line(
          name + " " + line + " " + out.style.dim(TextMetrics.truncate(stat, columns: statWidth)))
      }
    }
    out.line(
      String(repeating: " ", count: nameWidth + 1) + TerminalAxis.tickLine(axis, columns: plotWidth)
    )
    return out.text
  }
}
