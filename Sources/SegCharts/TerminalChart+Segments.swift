extension TerminalChart {
  /// Average feature values per segment: one block per feature, one bar per segment.
  public static func profile(_ data: ProfileData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var titled = options
    if titled.title == nil { titled.title = data.defaultTitle }
    var out = TerminalText(options: titled, kind: .profile)
    let nameWidth = min(
      20, data.segments.map { Markup.terminalSafe($0.segment.name).count }.max() ?? 4)
    for (p, feature) in data.features.enumerated() {
      out.blank()
      out.line(
        out.style.bold(
          TextMetrics.truncate(Markup.terminalSafe(feature.axisTitle), columns: out.width)))
      let values = data.segments.map { p < $0.values.count ? $0.values[p] : .nan }
      let labels = values.map { $0.isFinite ? feature.format.format($0) : "–" }
      let labelWidth = labels.map(\.count).max() ?? 1
      let barWidth = max(5, out.width - 2 - nameWidth - 1 - 1 - labelWidth)
      let top = values.filter(\.isFinite).map(abs).max() ?? 1
      for (r, s) in data.segments.enumerated() {
        let v = values[r]
        let bar = Blocks.bar(v.isFinite && top > 0 ? abs(v) / top : 0, width: barWidth)
        out.line(
          "  " + terminalName(s.segment.name, nameWidth) + " " + out.style.fg(bar, s.segment.color)
            + " "
            + TextMetrics.pad(labels[r], labelWidth, right: false))
      }
    }
    return out.text
  }

  /// Standardized means per segment as diverging bars around a centre line, one column per
  /// feature.
  public static func snake(_ data: ProfileData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var out = TerminalText(options: options, kind: .snake)
    guard !data.features.isEmpty else {
      out.note("No data to plot.")
      return out.text
    }
    out.note("Bars left of │ are below the overall mean, right above it (z-scores).")
    let longest = data.segments.map { Markup.terminalSafe($0.segment.name).count }.max() ?? 4
    let nameWidth = min(18, longest, max(6, out.width - 1 - 9 * data.features.count))
    // Features that do not fit side by side continue in further blocks below.
    let perBlock = max(1, (out.width - nameWidth - 1) / 9)
    let all = data.segments.flatMap { $0.values.prefix(data.features.count) }.filter(\.isFinite)
    let bound = max(0.5, all.map(abs).max() ?? 1)
    for blockStart in stride(from: 0, to: data.features.count, by: perBlock) {
      let block = blockStart..<min(data.features.count, blockStart + perBlock)
      let cell = max(9, (out.width - nameWidth - 1) / block.count)
      let half = max(1, (cell - 7) / 2)
      snakeBlock(
        data, block: block, nameWidth: nameWidth, cell: cell, half: half, bound: bound, out: &out)
    }
    return out.text
  }

  static func snakeBlock(
    _ data: ProfileData, block: Range<Int>, nameWidth: Int, cell: Int, half: Int, bound: Double,
    out: inout TerminalText
  ) {
    var header = String(repeating: " ", count: nameWidth + 1)
    for f in data.features[block] {
      header += TextMetrics.pad(
        TextMetrics.truncate(Markup.terminalSafe(f.name), columns: cell - 1), cell)
    }
    out.line(out.style.dim(header))
    for s in data.segments {
      var line = terminalName(s.segment.name, nameWidth) + " "
      for p in block {
        let v = p < s.values.count ? s.values[p] : .nan
        let f = v.isFinite ? abs(v) / bound : 0
        let blank = String(repeating: " ", count: half)
        let left = v < 0 ? Blocks.leftwardBar(f, width: half) : blank
        let right = v > 0 ? Blocks.bar(f, width: half) : blank
        let value = v.isFinite ? NumberText.fixed(v, decimals: 2) : "–"
        let text = out.style.fg(left, s.segment.color) + "│" + out.style.fg(right, s.segment.color)
        line += text + TextMetrics.pad(value, cell - 2 * half - 1, right: false)
      }
      out.line(line)
    }
  }

  /// Customers and revenue per segment: two bars per segment, each the share of the total.
  public static func sizes(_ data: SizesData, options: TerminalOptions = TerminalOptions())
    -> String
  {
    var titled = options
    if titled.title == nil && !data.hasRevenue { titled.title = "Customers by segment" }
    var out = TerminalText(options: titled, kind: .sizes)
    let customers = data.segments.reduce(0) { $0 + max(0, $1.customers) }
    var revenue = 0.0
    for s in data.segments where s.revenue.isFinite { revenue += s.revenue }
    let hasRevenue = data.hasRevenue
    out.note(
      hasRevenue
        ? "\(NumberText.count(customers)) customers, \(data.moneyFormat.format(revenue)) revenue; bars are shares of the total."
        : "\(NumberText.count(customers)) customers; bars are shares of the total (no revenue: the data has no money)."
    )
    func share(_ v: Double, _ t: Double) -> Double { t > 0 && v.isFinite ? max(0, v / t) : 0 }
    var rows: [(String, Double, String, Double, String)] = []
    for s in data.segments {
      let cs = share(Double(s.customers), Double(customers))
      let rs = share(s.revenue, revenue)
      rows.append(
        (
          s.segment.name, cs,
          "\(NumberText.count(s.customers)) (\(ValueFormat.percent.format(cs)))",
          rs, "\(data.moneyFormat.format(s.revenue)) (\(ValueFormat.percent.format(rs)))"
        ))
    }
    let labelWidth = rows.flatMap { [$0.2.count, $0.4.count] }.max() ?? 1
    let (customersKey, revenueKey) =
      out.width >= 70 ? (" customers ", " revenue   ") : (" cust ", " rev  ")
    let longest = data.segments.map { Markup.terminalSafe($0.segment.name).count }.max() ?? 4
    let nameWidth = min(20, longest, max(8, out.width - customersKey.count - labelWidth - 1 - 12))
    let barWidth = max(3, out.width - nameWidth - customersKey.count - 1 - labelWidth)
    let labelRoom = out.width - nameWidth - customersKey.count - barWidth - 1
    let top = max(1e-12, rows.flatMap { [$0.1, $0.3] }.max() ?? 1)
    for (i, s) in data.segments.enumerated() {
      let r = rows[i]
      out.line(
        terminalName(s.segment.name, nameWidth) + customersKey
          + out.style.fg(Blocks.bar(r.1 / top, width: barWidth), s.segment.color)
          + " " + TextMetrics.truncate(r.2, columns: labelRoom))
      guard hasRevenue else { continue }
      out.line(
        String(repeating: " ", count: nameWidth) + revenueKey
          + out.style.fg(
            Blocks.bar(r.3 / top, width: barWidth).replacingBlocks(with: "▓"), s.segment.color)
          + " " + TextMetrics.truncate(r.4, columns: labelRoom))
    }
    return out.text
  }
}

extension String {
  /// The string with full blocks replaced by `fill`, so two bars of one colour differ in plain
  /// text too.
  fileprivate func replacingBlocks(with fill: Character) -> String {
    String(map { $0 == "█" ? fill : $0 })
  }
}
