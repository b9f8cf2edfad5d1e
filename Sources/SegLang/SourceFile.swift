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

  /// Creates a source from its name and text.
  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.bytes = Array(text.utf8)
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
