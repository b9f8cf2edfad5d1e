/// Word wrapping for text printed to a terminal: help, and the long last column of a table such
/// as `name auto`'s reasons. Lines break at spaces, never inside a word; a word longer than the
/// width stays whole on its own line. Widths count characters.
enum TextWrap {
  /// The narrowest space worth wrapping into; with less, text is left as it is.
  static let minimumWidth = 20

  /// `text` as lines of at most `width` characters, broken at spaces (runs of spaces collapse).
  ///
  /// ```swift
  /// TextWrap.lines("one two three", width: 8)  // ["one two", "three"]
  /// ```
  static func lines(_ text: String, width: Int) -> [String] {
    var out: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        out.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty || out.isEmpty { out.append(line) }
    return out
  }

  /// `text` wrapped to `width` columns, each paragraph (line) on its own.
  static func paragraphs(_ text: String, width: Int) -> String {
    guard width >= minimumWidth else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
      paragraph.count <= width ? String(paragraph) : lines(String(paragraph), width: width)
        .joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// `text` to be printed from column `start` (0-based) of a `width`-column line: the first line
  /// as it comes, the following ones indented by `start` spaces.
  static func hanging(_ text: String, start: Int, width: Int) -> String {
    guard width - start >= minimumWidth, start + text.count > width else { return text }
    return lines(text, width: width - start).joined(
      separator: "\n" + String(repeating: " ", count: start))
  }

  /// A table rendered as text whose last column is left-aligned text, with that column wrapped
  /// so every line fits in `width`: continuation lines start under the column, and its rule of
  /// dashes is cut to fit.
  ///
  /// The last column starts where the header's last word does (headers have no spaces).
  static func lastColumn(of table: String, width: Int) -> String {
    let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
    guard let header = lines.first, let space = header.lastIndex(of: " ") else { return table }
    let start = header.distance(from: header.startIndex, to: space) + 1
    guard width - start >= minimumWidth, lines.contains(where: { $0.count > width }) else {
      return table
    }
    return lines.map { line in
      guard line.count > width else { return String(line) }
      let head = String(line.prefix(start))
      let tail = line.dropFirst(start)
      if !tail.isEmpty, tail.allSatisfy({ $0 == "-" }) {
        return head + String(repeating: "-", count: width - start)
      }
      return head + hanging(String(tail), start: start, width: width)
    }.joined(separator: "\n")
  }
}
