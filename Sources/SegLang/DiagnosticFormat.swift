/// The machine-readable forms of ``Diagnostic``s, beside ``DiagnosticRenderer``'s text for people.
///
/// - `github`: one GitHub Actions workflow command per diagnostic,
///   `::error file=churn.seg,line=3,col=1,endLine=3,endColumn=7,title=unknown-command::message`,
///   which the runner turns into an annotation on the pull request diff.
/// - `json`: one JSON object per line (JSON Lines) with the id, severity, file, start and end,
///   message, notes, help and fix-it, for editors and bots.
package enum DiagnosticFormat: String, Sendable, Equatable, CaseIterable {
  /// ``DiagnosticRenderer``'s rustc-style text.
  case text
  /// GitHub Actions workflow commands.
  case github
  /// JSON Lines.
  case json

  /// The format to use when none is asked for: `github` when `GITHUB_ACTIONS` is `true` (the
  /// variable GitHub's runner sets in every step), else `text`.
  package static func defaultFormat(environment: (String) -> String?) -> DiagnosticFormat {
    environment("GITHUB_ACTIONS") == "true" ? .github : .text
  }
}

/// Where a range starts and ends as 1-based lines and character columns; the end is exclusive
/// (the column just after the last character), as in LSP and SARIF.
struct DiagnosticSpan: Equatable {
  var startLine: Int
  var startColumn: Int
  var endLine: Int
  var endColumn: Int

  init(_ range: SourceRange, in table: LineTable) {
    (startLine, startColumn) = table.location(of: range.start)
    (endLine, endColumn) = table.location(of: max(range.start, range.end))
  }
}

/// GitHub Actions workflow commands for diagnostics.
package enum GitHubAnnotation {
  /// The workflow command for `diagnostic`, ending with a line break. The message carries the
  /// notes, help and fix-it on further (escaped) lines.
  package static func render(_ diagnostic: Diagnostic, in source: SourceFile?) -> String {
    let command: String
    switch diagnostic.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    var properties: [(String, String)] = []
    if let source {
      let span = DiagnosticSpan(diagnostic.range, in: LineTable(source))
      properties += [
        ("file", source.name), ("line", String(span.startLine)), ("col", String(span.startColumn)),
      ]
      if span.endLine > span.startLine || span.endColumn > span.startColumn {
        properties += [("endLine", String(span.endLine)), ("endColumn", String(span.endColumn))]
      }
    }
    properties.append(("title", "seg " + diagnostic.id.rawValue))
    var lines = [source == nil ? "seg: " + diagnostic.message : diagnostic.message]
    for note in diagnostic.notes { lines.append("\(note.kind.rawValue): \(note.message)") }
    if let fix = diagnostic.fixIt { lines.append("help: " + fix.message) }
    let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(command) \(props)::\(escapeData(lines.joined(separator: "\n")))\n"
  }

  /// Escapes a message as GitHub's toolkit does (`escapeData` in `@actions/core`): `%`, CR, LF.
  package static func escapeData(_ text: String) -> String {
    var out = ""
    for s in text.unicodeScalars {
      switch s {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }

  /// Escapes a property value (`escapeProperty` in `@actions/core`): as ``escapeData(_:)``, and
  /// also `:` and `,`, which end a property.
  package static func escapeProperty(_ text: String) -> String {
    var out = ""
    for s in escapeData(text).unicodeScalars {
      switch s {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(s)
      }
    }
    return out
  }
}

/// Diagnostics as JSON Lines.
///
/// ```json
/// {"id":"unknown-command","severity":"error","file":"churn.seg","start":{"line":3,"column":1},
///  "end":{"line":3,"column":7},"message":"unknown command 'clustr'","notes":[],
///  "help":["did you mean 'cluster'?"],"fixit":{"start":{"line":3,"column":1},
///  "end":{"line":3,"column":7},"replacement":"cluster"}}
/// ```
///
/// (one line per diagnostic). `file`, `start` and `end` are `null` for diagnostics about no
/// source (command-line usage); `fixit` is `null` when there is none. Columns count characters
/// and are 1-based; `end` is exclusive.
package enum DiagnosticJSON {
  /// One JSON object on one line, ending with a line break.
  package static func render(_ diagnostic: Diagnostic, in source: SourceFile?) -> String {
    let table = source.map(LineTable.init)
    func position(_ line: Int, _ column: Int) -> String {
      "{\"line\":\(line),\"column\":\(column)}"
    }
    func span(_ range: SourceRange) -> (String, String) {
      guard let table else { return ("null", "null") }
      let s = DiagnosticSpan(range, in: table)
      return (position(s.startLine, s.startColumn), position(s.endLine, s.endColumn))
    }
    let (start, end) = span(diagnostic.range)
    let notes = diagnostic.notes.filter { $0.kind == .note }.map { string($0.message) }
    var help = diagnostic.notes.filter { $0.kind == .help }.map { string($0.message) }
    var fixit = "null"
    if let fix = diagnostic.fixIt {
      help.append(string(fix.message))
      let (fs, fe) = span(fix.range)
      fixit = "{\"start\":\(fs),\"end\":\(fe),\"replacement\":\(string(fix.replacement))}"
    }
    let fields = [
      ("id", string(diagnostic.id.rawValue)),
      ("severity", string(diagnostic.severity.rawValue)),
      ("file", source.map { string($0.name) } ?? "null"),
      ("start", start), ("end", end),
      ("message", string(diagnostic.message)),
      ("notes", "[" + notes.joined(separator: ",") + "]"),
      ("help", "[" + help.joined(separator: ",") + "]"),
      ("fixit", fixit),
    ]
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
  }

  static func string(_ s: String) -> String { TableFormatter.jsonString(s) }
}
