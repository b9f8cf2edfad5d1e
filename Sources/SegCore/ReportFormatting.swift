/// Deterministic number and table formatting for reports (no locale).
///
/// ``thousands(_:)`` is the one thousands grouping of the package: SegLang's `NumberFormatting`
/// and SegCharts' `NumberText` call it.
package enum ReportFormatting {
  /// `1234567` → `1,234,567`, `-1234` → `-1,234`.
  package static func thousands<N: BinaryInteger>(_ n: N) -> String {
    let digits = String(n.magnitude)
    var out = ""
    out.reserveCapacity(digits.count + digits.count / 3 + 1)
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return n < 0 ? "-" + out : out
  }

  /// `v` rounded to `digits` decimals, written with at least that many (`0.4323`, `4476.3`).
  static func fixed(_ v: Double, digits: Int = 3) -> String {
    let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
    let rounded = (v * scale).rounded() / scale
    var s = String(rounded)
    if let dot = s.firstIndex(of: ".") {
      let decimals = s.distance(from: dot, to: s.endIndex) - 1
      if decimals < digits { s += String(repeating: "0", count: digits - decimals) }
    }
    return s
  }

  /// Aligns cells into columns separated by two spaces; `rightAligned` columns are padded on the
  /// left. Trailing spaces are trimmed.
  static func aligned(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (j, cell) in row.enumerated() { widths[j] = max(widths[j], cell.count) }
    }
    return rows.map { row in
      var line = ""
      for (j, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[j] - cell.count)
        if j > 0 { line += "  " }
        line += rightAligned.contains(j) ? pad + cell : cell + pad
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}
