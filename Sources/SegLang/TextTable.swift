/// Aligned plain-text tables of already formatted cells, in the style of ``TableFormatter``'s
/// text format: a header, a dashed rule, columns two spaces apart, no trailing spaces.
enum TextTable {
  /// Renders `rows` under `header`.
  ///
  /// Columns whose index is in `rightAligned` are right-aligned
  /// (numbers). Returns the lines without a final line break.
  static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    let count = header.count
    let widths = (0..<count).map { c in
      max(header[c].count, rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0)
    }
    func line(_ parts: [String]) -> String {
      var cells: [String] = []
      for c in 0..<count {
        let s = c < parts.count ? parts[c] : ""
        let fill = String(repeating: " ", count: max(0, widths[c] - s.count))
        cells.append(rightAligned.contains(c) ? fill + s : s + fill)
      }
      var text = cells.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text
    }
    var lines = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
    lines += rows.map(line)
    return lines.joined(separator: "\n")
  }
}
