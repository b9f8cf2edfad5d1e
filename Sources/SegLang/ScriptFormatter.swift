/// The canonical layout of a script (`seg fmt`): every statement printed by ``Printer`` on a line
/// of its own, comments and blank-line grouping kept.
///
/// - Statements joined by `;` go on separate lines; a statement continued over several lines
///   with `\` (or inside brackets) is joined onto one.
/// - A comment on a line of its own stays there, without indentation; a comment after a
///   statement stays after it, two spaces from it. A comment inside a statement (after a `\`)
///   moves onto its own line before the statement.
/// - Runs of blank lines become one blank line; blank lines at the start and end go.
/// - A command longer than ``lineWidth`` columns continues its options on lines of their own,
///   indented by two spaces, after a `\`.
///
/// The result parses to the same statements (``Script/erasingRanges()``), and formatting it again
/// changes nothing. A script with syntax errors is not formatted.
package enum ScriptFormatter {
  /// A comment: where it is and its text (from `#`, trailing blanks removed).
  struct Comment {
    var start: Int
    var text: String
  }

  /// The widest statement line before options move onto continuation lines.
  package static let lineWidth = 100

  /// One statement as ``Printer`` prints it, its options moved onto continuation lines when the
  /// line would be wider than ``lineWidth``.
  static func layout(_ statement: Statement) -> String {
    let line = Printer.print(statement)
    guard line.count > lineWidth, case .command(var c) = statement, !c.options.isEmpty else {
      return line
    }
    let options = c.options.map(Printer.printOption)
    let hasExpression = c.expression != nil
    c.options = []
    var current = Printer.print(Statement.command(c)) + (hasExpression ? "," : "")
    var out: [String] = []
    for o in options {
      if current.count + 1 + o.count + 2 > lineWidth {
        out.append(current + " \\")
        current = "  " + o
      } else {
        current += " " + o
      }
    }
    out.append(current)
    return out.joined(separator: "\n")
  }

  /// The formatted text of `source`, or the syntax errors that prevent formatting.
  package static func format(_ source: SourceFile, registry: CommandRegistry = .standard)
    -> Result<String, FormatError>
  {
    let parsed = Parser.parse(source, registry: registry)
    let errors = parsed.diagnostics.filter { $0.severity == .error }
    guard errors.isEmpty else { return .failure(FormatError(diagnostics: errors)) }
    let (tokens, _) = Lexer.tokenize(source)
    let comments = self.comments(in: source, tokens: tokens)
    let bytes = source.bytes

    /// Whether `bytes[from..<to]` holds a blank line: two line breaks with only blanks between.
    func hasBlankLine(_ from: Int, _ to: Int) -> Bool {
      var breaks = 0
      var i = from
      while i < to {
        switch bytes[i] {
        case UInt8(ascii: "\n"): breaks += 1
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ";"): break
        default: breaks = 0
        }
        if breaks >= 2 { return true }
        i += 1
      }
      return false
    }
    /// Whether a line break lies in `bytes[from..<to]`.
    func hasLineBreak(_ from: Int, _ to: Int) -> Bool {
      from < to && bytes[from..<to].contains(UInt8(ascii: "\n"))
    }

    var lines: [String] = []
    /// Where the last emitted item ended; `nil` at the start of the file.
    var previousEnd: Int?
    func separate(before start: Int) {
      if let previousEnd, hasBlankLine(previousEnd, start), lines.last != "" {
        lines.append("")
      }
    }
    var c = 0
    for statement in parsed.script.statements {
      let range = statement.range
      // Comments before the statement, and inside it (moved before it).
      while c < comments.count, comments[c].start < range.end {
        let comment = comments[c]
        c += 1
        if comment.start < range.start, let previousEnd, !lines.isEmpty,
          !hasLineBreak(previousEnd, comment.start), lines[lines.count - 1] != ""
        {
          // After the previous statement on its line.
          lines[lines.count - 1] += "  " + comment.text
          continue
        }
        separate(before: min(comment.start, range.start))
        lines.append(comment.text)
        previousEnd = min(comment.start + comment.text.utf8.count, range.start)
      }
      separate(before: range.start)
      lines.append(layout(statement))
      previousEnd = range.end
    }
    for comment in comments[c...] {
      if let previousEnd, !lines.isEmpty, !hasLineBreak(previousEnd, comment.start),
        lines[lines.count - 1] != ""
      {
        lines[lines.count - 1] += "  " + comment.text
        continue
      }
      separate(before: comment.start)
      lines.append(comment.text)
      previousEnd = comment.start + comment.text.utf8.count
    }
    while lines.last == "" { lines.removeLast() }
    return .success(lines.map { $0 + "\n" }.joined())
  }

  /// The comments of `source`: each `#` outside tokens, to the end of its line.
  static func comments(in source: SourceFile, tokens: [Token]) -> [Comment] {
    let bytes = source.bytes
    var out: [Comment] = []
    var gapStart = 0
    for t in tokens {
      var i = gapStart
      while i < t.range.start {
        if bytes[i] == UInt8(ascii: "#") {
          var end = i
          while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
          var text = String(decoding: bytes[i..<end], as: UTF8.self)
          while let last = text.last, last.isWhitespace { text.removeLast() }
          out.append(Comment(start: i, text: text))
          i = end
        } else {
          i += 1
        }
      }
      gapStart = max(gapStart, t.range.end)
    }
    return out
  }
}

/// Why ``ScriptFormatter`` did not format a script: its syntax errors.
package struct FormatError: Error, Sendable, Equatable {
  /// The syntax errors, in source order.
  package var diagnostics: [Diagnostic]
}
