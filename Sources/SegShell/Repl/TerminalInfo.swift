internal import CLibEdit
internal import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal: whether a descriptor is one, and how wide it is.
enum TerminalInfo {
  /// The width used when neither the terminal nor `$COLUMNS` says otherwise.
  static let defaultColumns = 80

  /// Whether `descriptor` is a terminal (`isatty(3)`).
  static func isTerminal(_ descriptor: Int32) -> Bool {
    isatty(descriptor) == 1
  }

  /// Whether both standard input and standard output are terminals: the condition for the
  /// interactive REPL and its line editor.
  static var isInteractive: Bool {
    isTerminal(STDIN_FILENO) && isTerminal(STDOUT_FILENO)
  }

  /// The width in columns for laying out output.
  ///
  /// The terminal's own size (`TIOCGWINSZ` on `descriptor`) wins; when `descriptor` is not a
  /// terminal or reports zero columns, a positive integer in `$COLUMNS` is used; otherwise 80.
  /// - Parameters:
  ///   - descriptor: The descriptor output goes to; standard output by default.
  ///   - environment: The environment to read `COLUMNS` from.
  static func columns(
    of descriptor: Int32 = STDOUT_FILENO, environment: [String: String]
  ) -> Int {
    let measured = Int(seg_terminal_columns(descriptor))
    return columns(measured: measured, environment: environment)
  }

  /// The fallback chain of ``columns(of:environment:)`` for an already measured width (0 when
  /// the descriptor is not a terminal).
  static func columns(measured: Int, environment: [String: String]) -> Int {
    if measured > 0 { return measured }
    if let text = environment["COLUMNS"]?.trimmingCharacters(in: .whitespaces),
      let value = Int(text), value > 0
    {
      return value
    }
    return defaultColumns
  }
}
