/// A REPL meta-command: a line starting with `.` (`.mode csv`, `.quit`).
///
/// Dot-commands are always one line, never enter the language's parser, and are parsed by
/// ``parse(_:)``. Executing them is the REPL loop's job; settings commands go through
/// ``ReplSettings/apply(_:)``.
enum DotCommand: Sendable, Equatable {
  /// `.help [PATTERN]`: the command reference, or the entries whose name contains `PATTERN`.
  case help(pattern: String?)
  /// `.read FILE`: runs a `.seg` script in this session.
  case read(path: String)
  /// `.save FILE`: writes this session's statements as a `.seg` script.
  case save(path: String)
  /// `.undo`: restores the workspace before the last statement.
  case undo
  /// `.mode table|box|csv|json|markdown`; `nil` prints the current mode.
  case mode(ReplSettings.OutputMode?)
  /// `.maxrows N|all`; `nil` prints the current limit.
  case maxRows(RowLimit?)
  /// `.timer on|off`; `nil` prints the current state.
  case timer(Bool?)
  /// `.pager on|off|auto`; `nil` prints the current setting.
  case pager(ReplSettings.PagerMode?)
  /// `.quit` or `.exit`: leaves the REPL.
  case quit

  /// The argument of `.maxrows`.
  enum RowLimit: Sendable, Equatable {
    /// Print every row (`.maxrows all` or `.maxrows 0`).
    case all
    /// Print at most this many rows (positive).
    case rows(Int)

    /// The limit as ``ReplSettings/maxRows`` stores it.
    var rowCount: Int? {
      switch self {
      case .all: nil
      case .rows(let count): count
      }
    }
  }

  /// Every dot-command name with its one-line usage, in `.help` order.
  static let reference: [(name: String, usage: String, summary: String)] = [
    (".help", ".help [PATTERN]", "Show this list, or the entries matching PATTERN"),
    (".read", ".read FILE", "Run the statements of a .seg script"),
    (".save", ".save FILE", "Save this session's statements as a .seg script"),
    (".undo", ".undo", "Undo the last statement"),
    (".mode", ".mode table|box|csv|json|markdown", "Set how tables are printed"),
    (".maxrows", ".maxrows N|all", "Set how many rows a table prints"),
    (".timer", ".timer on|off", "Print the time each statement takes"),
    (".pager", ".pager on|off|auto", "Page output through $PAGER (auto: when longer than the screen)"),
    (".quit", ".quit", "Leave seg (also .exit or Ctrl-D)"),
    (".exit", ".exit", "Leave seg"),
  ]

  /// Every dot-command name, for completion.
  static var names: [String] { reference.map(\.name) }

  /// The `.help` listing of dot-commands: one line per command, usage padded to a common width,
  /// then the summary; only the commands whose name, usage or summary contains `pattern`
  /// (ignoring case) when one is given. (`.exit` is listed under `.quit`.)
  static func helpLines(matching pattern: String? = nil) -> [String] {
    let entries = reference.filter { $0.name != ".exit" }
    let width = entries.map(\.usage.count).max() ?? 0
    let needle = pattern?.lowercased()
    return entries.filter { entry in
      guard let needle, !needle.isEmpty else { return true }
      return [entry.name, entry.usage, entry.summary].contains { $0.lowercased().contains(needle) }
    }.map { $0.usage + String(repeating: " ", count: width - $0.usage.count + 2) + $0.summary }
  }

  /// Whether `line` is meant as a dot-command: its first non-blank character is `.` followed by
  /// a letter. (`.5` or `..` are not.)
  static func isDotCommand(_ line: String) -> Bool {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.first == ".", let next = trimmed.dropFirst().first else { return false }
    return next.isLetter
  }

  /// Parses one dot-command line.
  ///
  /// The name is case-sensitive. A `FILE` argument is either a double-quoted string (with `\"`
  /// and `\\` escapes) or the rest of the line with surrounding blanks removed, so unquoted
  /// paths may contain spaces. `~` is not expanded here.
  /// - Throws: ``DotCommandError`` naming the problem: an unknown command (with the closest name
  ///   as a suggestion), a missing, invalid or unexpected argument.
  static func parse(_ line: String) throws(DotCommandError) -> DotCommand {
    let trimmed = Substring(line).trimmingBlanks()
    let nameEnd = trimmed.firstIndex { $0 == " " || $0 == "\t" } ?? trimmed.endIndex
    let name = String(trimmed[..<nameEnd])
    let rest = trimmed[nameEnd...].trimmingBlanks()
    let argument: String? = rest.isEmpty ? nil : String(rest)

    func noArgument(_ command: DotCommand) throws(DotCommandError) -> DotCommand {
      if let argument { throw DotCommandError(.unexpectedArgument(command: name, argument)) }
      return command
    }
    func path(expected: String) throws(DotCommandError) -> String {
      guard let argument else {
        throw DotCommandError(.missingArgument(command: name, expected: expected))
      }
      guard argument.first == "\"" else { return argument }
      guard let (text, remainder) = unquote(Substring(argument)) else {
        throw DotCommandError(.invalidArgument(command: name, argument, expected: expected))
      }
      if !remainder.isEmpty {
        throw DotCommandError(.unexpectedArgument(command: name, String(remainder)))
      }
      return text
    }

    switch name {
    case ".help": return .help(pattern: argument)
    case ".read": return .read(path: try path(expected: "a file name"))
    case ".save": return .save(path: try path(expected: "a file name"))
    case ".undo": return try noArgument(.undo)
    case ".quit", ".exit": return try noArgument(.quit)
    case ".mode":
      guard let argument else { return .mode(nil) }
      guard let mode = ReplSettings.OutputMode(rawValue: argument.lowercased()) else {
        throw DotCommandError(
          .invalidArgument(command: name, argument, expected: "table, box, csv, json or markdown"))
      }
      return .mode(mode)
    case ".maxrows":
      guard let argument else { return .maxRows(nil) }
      if argument.lowercased() == "all" { return .maxRows(.all) }
      guard let count = Int(argument), count >= 0 else {
        throw DotCommandError(
          .invalidArgument(command: name, argument, expected: "a row count or 'all'"))
      }
      return .maxRows(count == 0 ? .all : .rows(count))
    case ".pager":
      guard let argument else { return .pager(nil) }
      guard let mode = ReplSettings.PagerMode(rawValue: argument.lowercased()) else {
        throw DotCommandError(.invalidArgument(command: name, argument, expected: "on, off or auto"))
      }
      return .pager(mode)
    case ".timer":
      guard let argument else { return .timer(nil) }
      switch argument.lowercased() {
      case "on": return .timer(true)
      case "off": return .timer(false)
      default:
        throw DotCommandError(.invalidArgument(command: name, argument, expected: "on or off"))
      }
    default:
      let suggestion = names.min { editDistance(name, $0) < editDistance(name, $1) }
        .flatMap { editDistance(name, $0) <= 2 ? $0 : nil }
      throw DotCommandError(.unknownCommand(name, suggestion: suggestion))
    }
  }

  /// Reads a double-quoted string at the start of `text`: its unescaped contents and what
  /// follows the closing quote (blanks trimmed), or `nil` when the quote is never closed.
  static func unquote(_ text: Substring) -> (String, Substring)? {
    guard text.first == "\"" else { return nil }
    var result = ""
    var index = text.index(after: text.startIndex)
    while index < text.endIndex {
      let character = text[index]
      if character == "\"" {
        return (result, text[text.index(after: index)...].trimmingBlanks())
      }
      if character == "\\" {
        let next = text.index(after: index)
        guard next < text.endIndex else { return nil }
        result.append(text[next])
        index = text.index(after: next)
        continue
      }
      result.append(character)
      index = text.index(after: index)
    }
    return nil
  }
}

/// Why a dot-command line was refused.
struct DotCommandError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  enum Kind: Sendable, Equatable {
    /// No such dot-command; `suggestion` is the closest known name, if any is close.
    case unknownCommand(String, suggestion: String?)
    /// The command needs an argument that is missing.
    case missingArgument(command: String, expected: String)
    /// The argument is not one the command accepts.
    case invalidArgument(command: String, String, expected: String)
    /// The command takes no (further) argument.
    case unexpectedArgument(command: String, String)
  }

  /// What went wrong.
  var kind: Kind

  init(_ kind: Kind) { self.kind = kind }

  /// The message the REPL prints after `error: `.
  var description: String {
    switch kind {
    case .unknownCommand(let name, let suggestion?):
      "unknown command '\(name)'; did you mean '\(suggestion)'? (.help lists them)"
    case .unknownCommand(let name, nil):
      "unknown command '\(name)' (.help lists them)"
    case .missingArgument(let command, let expected):
      "\(command) needs \(expected)"
    case .invalidArgument(let command, let argument, let expected):
      "\(command) does not accept '\(argument)'; expected \(expected)"
    case .unexpectedArgument(let command, let argument):
      "\(command) takes no argument '\(argument)'"
    }
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingBlanks() -> Substring {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isBlank($0) }),
      let last = lastIndex(where: { !isBlank($0) })
    else { return self[endIndex...] }
    return self[first...last]
  }
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
private func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in stride(from: 1, through: b.count, by: 1) {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
