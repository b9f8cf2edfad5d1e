internal import SegCore
internal import SegWarehouse

/// Formats ``Diagnostic``s for people, rustc-style:
///
/// ```
/// churn.seg:3:1: error: unknown command 'clustr'
/// 3 | clustr k=4
///   | ^^^^^^
/// help: did you mean 'cluster'?
/// ```
///
/// Columns count characters, not bytes; tabs expand to the next multiple of 4; the caret spans
/// the whole range (at least one character, and only its first line); lines longer than
/// ``maximumLineWidth`` are cut around the caret and marked with `…`. Diagnostics about no
/// source (command-line usage) start with `seg:`.
public struct DiagnosticRenderer: Sendable {
  /// Plain text, or ANSI colours (for a terminal with `NO_COLOR` unset).
  public enum Style: Sendable {
    case plain, ansi
  }

  /// The decoration used.
  public var style: Style
  /// The widest source line shown, in columns.
  public var maximumLineWidth: Int

  /// Creates a renderer.
  public init(style: Style = .plain, maximumLineWidth: Int = 100) {
    self.style = style
    self.maximumLineWidth = maximumLineWidth
  }

  /// The rendered diagnostic, ending with a line break.
  public func render(_ diagnostic: Diagnostic, in source: SourceFile?) -> String {
    let table = source.map(LineTable.init)
    var out = ""
    let label = paint(diagnostic.severity.rawValue, severityColor(diagnostic.severity), bold: true)
    // Messages quote names and values from the script and the data: control characters in them
    // are shown escaped (`\x1b`), never sent to the terminal.
    let message = paint(ControlCharacters.escaped(diagnostic.message), "", bold: true)
    if let source, let table {
      out += location(diagnostic.range, source, table) + ": " + label + ": " + message + "\n"
      out += snippet(diagnostic.range, source, table, color: severityColor(diagnostic.severity))
    } else {
      out += "seg: " + label + ": " + message + "\n"
    }
    for note in diagnostic.notes {
      let kind = paint(note.kind.rawValue, note.kind == .help ? "32" : "36", bold: true)
      if let range = note.range, let source, let table {
        out += location(range, source, table) + ": " + kind + ": "
          + ControlCharacters.escaped(note.message) + "\n"
        out += snippet(range, source, table, color: "36")
      } else {
        out += kind + ": " + ControlCharacters.escaped(note.message) + "\n"
      }
    }
    if let fix = diagnostic.fixIt {
      out += paint("help", "32", bold: true) + ": " + ControlCharacters.escaped(fix.message) + "\n"
    }
    return out
  }

  /// Renders several diagnostics, one after another.
  public func render(_ diagnostics: [Diagnostic], in source: SourceFile?) -> String {
    diagnostics.map { render($0, in: source) }.joined()
  }

  // MARK: - Pieces

  func location(_ range: SourceRange, _ source: SourceFile, _ table: LineTable) -> String {
    let (line, column) = table.location(of: range.start)
    return paint("\(ControlCharacters.escaped(source.name)):\(line):\(column)", "", bold: true)
  }

  func snippet(_ range: SourceRange, _ source: SourceFile, _ table: LineTable, color: String)
    -> String
  {
    let start = min(max(range.start, 0), source.bytes.count)
    let line = table.line(containing: start)
    let lineBytes = table.byteRange(ofLine: line)
    let end = min(max(range.end, start), lineBytes.upperBound)

    // Expand the line character by character, remembering the display column of each byte
    // offset where a character starts.
    var display: [Character] = []
    var caretStart: Int?
    var caretEnd: Int?
    // Passwords in connection strings are masked character for character (the caret stays put).
    let text = ConnectionString.maskPasswords(
      in: String(decoding: source.bytes[lineBytes], as: UTF8.self))
    var offset = lineBytes.lowerBound
    for ch in text {
      if caretStart == nil, offset >= start { caretStart = display.count }
      if caretEnd == nil, offset >= end { caretEnd = display.count }
      if ch == "\t" {
        let width = 4 - display.count % 4
        display += Array(repeating: " ", count: width)
      } else if ch.unicodeScalars.contains(where: { ControlCharacters.escape($0, keepingLayout: false) != nil }) {
        display += Array(ControlCharacters.escaped(String(ch)))
      } else {
        display.append(ch)
      }
      offset += String(ch).utf8.count
    }
    let lo = caretStart ?? display.count
    var hi = caretEnd ?? display.count
    if hi <= lo { hi = lo + 1 }

    // Cut long lines around the caret.
    var shown = display
    var shift = 0
    if display.count > maximumLineWidth {
      let width = maximumLineWidth - 2
      var from = max(0, lo - width / 3)
      if from + width > display.count { from = max(0, display.count - width) }
      let to = min(display.count, from + width)
      shown = Array(display[from..<to])
      shift = from
      if from > 0 {
        shown.insert("…", at: 0)
        shift -= 1
      }
      if to < display.count { shown.append("…") }
    }
    let caretLo = max(0, lo - shift)
    let caretHi = min(max(caretLo + 1, hi - shift), max(shown.count, caretLo + 1))

    let number = String(line)
    let gutter = String(repeating: " ", count: number.count)
    var out = paint(number + " |", "34", bold: true)
    out += (shown.isEmpty ? "" : " " + String(shown)) + "\n"
    out += paint(gutter + " |", "34", bold: true) + " "
    out += String(repeating: " ", count: caretLo)
    out += paint(String(repeating: "^", count: caretHi - caretLo), color, bold: true) + "\n"
    return out
  }

  func severityColor(_ severity: DiagnosticSeverity) -> String {
    switch severity {
    case .error: "31"
    case .warning: "33"
    case .note: "36"
    }
  }

  func paint(_ text: String, _ color: String, bold: Bool) -> String {
    guard style == .ansi else { return text }
    var codes: [String] = []
    if bold { codes.append("1") }
    if !color.isEmpty { codes.append(color) }
    return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + "\u{1B}[0m"
  }
}
