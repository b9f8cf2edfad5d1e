extension Lexer {
  /// Whether `text` is a whole statement (or several), as the REPL asks before running what was
  /// typed: false while the real lexer sees an open `(` or `[`, a string that runs to the end of
  /// the text, or a last line ending in a `\` continuation (optionally followed by blanks and a
  /// comment).
  ///
  /// Everything else counts as complete, including text with errors: a stray `)` or an invalid
  /// character is reported when the statement runs, rather than waiting for more lines that
  /// cannot fix it.
  ///
  /// ```swift
  /// Lexer.isComplete("filter (recency")          // false
  /// Lexer.isComplete("filter (recency\n  > 90)")  // true
  /// Lexer.isComplete("echo \"two\nlines")         // false
  /// Lexer.isComplete("cluster k=4 \\")           // false
  /// ```
  public static func isComplete(_ text: String) -> Bool {
    let source = SourceFile(name: "<input>", text: text)
    let (tokens, diagnostics) = tokenize(source)
    if diagnostics.contains(where: { $0.id == .unterminatedString }) { return false }
    var depth = 0
    for token in tokens {
      switch token.kind {
      case .leftParen, .leftBracket: depth += 1
      case .rightParen, .rightBracket: depth = max(0, depth - 1)
      default: break
      }
    }
    if depth > 0 { return false }
    return !endsWithContinuation(source.bytes, after: tokens)
  }

  /// Whether the last line of `bytes` ends in a `\` outside a comment, after the last token.
  private static func endsWithContinuation(_ bytes: [UInt8], after tokens: [Token]) -> Bool {
    let lastTokenEnd =
      tokens.last { $0.kind != .endOfFile && $0.kind != .newline }?.range.end ?? 0
    let lastLineStart = (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
    var index = max(lastTokenEnd, lastLineStart)
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "#"): return false
      case UInt8(ascii: "\\"): return true
      default: index += 1
      }
    }
    return false
  }
}
