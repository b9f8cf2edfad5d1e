import SegLang

/// The start-up file the REPL runs before the first prompt (unless `seg --no-init`): settings
/// such as `.mode` or `.timer on`, and statements such as `set seed = 7`.
///
/// It is `~/.segrc` when that exists, else `$XDG_CONFIG_HOME/seg/segrc` (`~/.config/seg/segrc`
/// when `XDG_CONFIG_HOME` is unset or not absolute). Dot-command lines and statements may be
/// mixed; they run in order, as if typed, and errors name the file and its real line numbers.
enum InitFile {
  /// One piece of the file, in order.
  enum Entry: Sendable, Equatable {
    /// A dot-command line.
    case dotCommand(String)
    /// Statements: the file's text with every other line blanked, so line numbers stay right.
    case statements(String)
  }

  /// The start-up file to run, or `nil` when there is none.
  static func location(
    environment: [String: String], fileExists: (String) -> Bool
  ) -> String? {
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
    var candidates: [String] = []
    if let home { candidates.append(home + "/.segrc") }
    if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
      candidates.append(config + "/seg/segrc")
    } else if let home {
      candidates.append(home + "/.config/seg/segrc")
    }
    return candidates.first(where: fileExists)
  }

  /// Splits the file into dot-command lines and runs of statements.
  ///
  /// A line starting with a
  /// dot-command inside an unfinished statement (an open bracket or string) belongs to the
  /// statement.
  static func entries(of text: String) -> [Entry] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    var entries: [Entry] = []
    var chunkStart: Int?
    func flush(upTo end: Int) {
      guard let start = chunkStart else { return }
      let body = lines[start..<end].joined(separator: "\n")
      if body.contains(where: { !$0.isWhitespace }) {
        entries.append(.statements(String(repeating: "\n", count: start) + body))
      }
      chunkStart = nil
    }
    for (index, line) in lines.enumerated() {
      let chunkIsComplete =
        chunkStart.map { Lexer.isComplete(lines[$0..<index].joined(separator: "\n")) } ?? true
      if chunkIsComplete, DotCommand.isDotCommand(line) {
        flush(upTo: index)
        entries.append(.dotCommand(line))
      } else if chunkStart == nil {
        chunkStart = index
      }
    }
    flush(upTo: lines.count)
    return entries
  }
}
