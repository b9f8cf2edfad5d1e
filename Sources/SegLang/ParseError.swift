/// Why the parser gave up on a statement. The parser records the diagnostic, skips to the end of
/// the statement and goes on, so every syntax error of a script is reported.
struct ParseError: Error {
  /// The diagnostic to report, or `nil` when the lexer already reported the problem.
  var diagnostic: Diagnostic?

  init(_ diagnostic: Diagnostic?) {
    self.diagnostic = diagnostic
  }

  static let alreadyReported = ParseError(nil)
}
