/// Text helpers for terminal axes.
enum TerminalAxis {
  /// The column (0..<columns) of `fraction` along an axis.
  static func column(_ fraction: Double, columns: Int) -> Int {
    guard fraction.isFinite else { return 0 }
    return min(columns - 1, max(0, Int((fraction * Double(columns - 1)).rounded())))
  }

  /// A line of `columns` characters with each label centred on its column, skipping any that
  /// would overlap the previous one or run off the end.
  static func labels(_ items: [(column: Int, label: String)], columns: Int) -> String {
    var chars = [Character](repeating: " ", count: columns)
    var nextFree = 0
    for item in items {
      let label = Array(item.label)
      var start = item.column - label.count / 2
      start = min(max(0, start), columns - label.count)
      guard start >= nextFree, start >= 0, start + label.count <= columns else { continue }
      for (i, ch) in label.enumerated() { chars[start + i] = ch }
      nextFree = start + label.count + 1
    }
    return String(chars)
  }

  /// The tick labels of `axis` placed along `columns`.
  static func tickLine(_ axis: ChartAxis, columns: Int) -> String {
    labels(
      axis.ticks.map { (column(axis.fraction($0), columns: columns), axis.label($0)) },
      columns: columns)
  }
}
