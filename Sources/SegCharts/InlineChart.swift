/// Sparkline-sized charts for tables and one-line summaries (elbow, silhouette and `choose`
/// tables): a handful of characters, no axes.
///
/// ```swift
/// InlineChart.sparkline([9120, 5210, 3005, 2710, 2500])   // "█▄▂▁▁"
/// InlineChart.bar(0.5, width: 4)                          // "██  "
/// ```
public enum InlineChart {
  /// One block character per value, `▁` (lowest) to `█` (highest).
  ///
  /// Non-finite values are spaces; a constant series prints as `▄`s.
  public static func sparkline(_ values: [Double]) -> String {
    guard let (lo, hi) = ChartStats.extent(values) else {
      return String(repeating: " ", count: values.count)
    }
    return String(
      values.map { v -> Character in
        guard v.isFinite else { return " " }
        guard hi > lo else { return Blocks.vertical[3] }
        let i = Int(((v - lo) / (hi - lo) * 7).rounded())
        return Blocks.vertical[min(7, max(0, i))]
      })
  }

  /// A horizontal bar of `fraction` (clamped to 0...1) of `width` columns in eighths, padded
  /// with spaces to exactly `width` characters.
  public static func bar(_ fraction: Double, width: Int) -> String {
    Blocks.bar(fraction, width: max(0, width))
  }

  /// A sparkline over k with a caret line beneath marking `marked` (the knee or chosen k).
  ///
  /// ```
  /// █▄▂▁▁
  ///   ^ k = 4
  /// ```
  ///
  /// - Returns: two lines joined by a newline (one line when nothing is marked), without a
  ///   trailing newline. With `color`, the marked character is drawn in the accent colour.
  public static func kSeries(ks: [Int], values: [Double], marked: Int?, color: Bool = false)
    -> String
  {
    let n = min(ks.count, values.count)
    let line = Array(sparkline(Array(values.prefix(n))))
    guard let marked, let position = ks.prefix(n).firstIndex(of: marked) else {
      return String(line)
    }
    let style = TerminalStyle(color: color)
    var spark = ""
    for (i, ch) in line.enumerated() {
      spark += i == position ? style.fg(String(ch), SVGChart.accent) : String(ch)
    }
    return spark + "\n" + String(repeating: " ", count: position) + "^ k = \(marked)"
  }
}
