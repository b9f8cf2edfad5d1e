/// The text of one script or REPL entry, with the name diagnostics show for it.
///
/// Scripts are named by the path given on the command line (`churn.seg`); REPL input is named
/// `<input>`, and `seg -c` input `<command-line>`.
public struct SourceFile: Sendable, Equatable {
  /// The name shown in diagnostics.
  public let name: String
  /// The source text.
  public let text: String
  /// The UTF-8 bytes of ``text``; every ``SourceRange`` indexes into these.
  public let bytes: [UInt8]

  /// Creates a source from its name and text. A byte-order mark at the start (which some
  /// Windows editors write) is skipped: it is invisible and not part of the script.
  public init(name: String, text: String) {
    self.name = name
    let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    self.text = text
    self.bytes = Array(text.utf8)
  }

  /// Why `bytes` cannot be a script, or `nil` when they are UTF-8 text.
  ///
  /// A NUL byte means a binary file (`seg run /bin/ls`): the message says so and where, instead of
  /// thousands of syntax errors. Bytes that are not UTF-8 (a script saved as Latin-1) are refused
  /// at the first of them.
  /// - Returns: A message such as `not a text file: a NUL byte at line 1, column 25`.
  public static func textProblem(in bytes: [UInt8]) -> String? {
    var line = 1
    var column = 1
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        if encoded.count == 1, encoded.first == 0 {
          return "not a text file: a NUL byte at line \(line), column \(column)"
        }
        if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .error:
        return "not UTF-8 text: an invalid byte at line \(line), column \(column)"
      case .emptyInput:
        return nil
      }
    }
  }

  /// The text covered by `range` (clamped to the source), decoding invalid UTF-8 leniently.
  public func text(in range: SourceRange) -> String {
    let lo = min(max(range.start, 0), bytes.count)
    let hi = min(max(range.end, lo), bytes.count)
    return String(decoding: bytes[lo..<hi], as: UTF8.self)
  }

  /// The range just past the last byte, where "unexpected end of input" points.
  public var endRange: SourceRange { SourceRange(start: bytes.count, end: bytes.count) }
}
