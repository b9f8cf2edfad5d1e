/// The lines of a statement being typed, joined into one entry the way every line source does.
///
/// A blank first line is skipped; a first line that is a dot-command is an entry by itself;
/// otherwise lines are added until `isComplete` accepts them joined with `\n`.
struct StatementLines: Sendable {
  /// The lines so far.
  private(set) var lines: [String] = []

  /// Whether no line has been kept yet (the next prompt is the first-line prompt).
  var isEmpty: Bool { lines.isEmpty }

  /// Adds `line` and returns the entry once it is whole, else `nil` (read another line).
  mutating func add(_ line: String, isComplete: (String) -> Bool) -> String? {
    if lines.isEmpty {
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
      if DotCommand.isDotCommand(line) { return line }
    }
    lines.append(line)
    let text = lines.joined(separator: "\n")
    return isComplete(text) ? text : nil
  }
}
