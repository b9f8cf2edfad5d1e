import SegLang

/// Colours the line being typed in the interactive shell, as the DuckDB shell does: the command
/// word, option names, strings, numbers and dates, `$variables`, functions, `and or not in true
/// false`, comments, and, once a table is loaded, names in conditions and `cols=[...]` that are
/// no column of it (nor a built-in value or variable) in red.
///
/// The colours are ANSI SGR codes around the same characters, so the line keeps its width and the
/// line editor's idea of the screen stays right. ``LineEditorState`` paints the result over what
/// libedit drew, only on a terminal and with `NO_COLOR` unset.
enum SyntaxHighlighter {
  /// A colour: the SGR parameters.
  enum Style: String {
    case command = "1;34"
    case option = "36"
    case string = "32"
    case number = "33"
    case variable = "35"
    case function = "34"
    case keyword = "1"
    case comment = "90"
    case unknown = "31"
  }

  /// Where each style applies, as UTF-8 ranges of `line`, in order and not overlapping.
  static func spans(_ line: String, model: CompletionModel, registry: CommandRegistry = .standard)
    -> [(range: Range<Int>, style: Style)]
  {
    let source = SourceFile(name: "<input>", text: line)
    let (tokens, _) = Lexer.tokenize(source)
    var styles: [Int: (Int, Style)] = [:]  // start -> (end, style)
    func mark(_ start: Int, _ end: Int, _ style: Style) { styles[start] = (end, style) }

    let commandNames = Set(model.commands.map(\.name))
    var atStatementStart = true
    var afterDeclaration = false
    for (i, t) in tokens.enumerated() {
      let next = i + 1 < tokens.count ? tokens[i + 1].kind : .endOfFile
      let text = source.text(in: t.range)
      switch t.kind {
      case .string: mark(t.range.start, t.range.end, .string)
      case .number, .percent, .date: mark(t.range.start, t.range.end, .number)
      case .variable: mark(t.range.start, t.range.end, .variable)
      case .identifier:
        if atStatementStart, commandNames.contains(text) {
          mark(t.range.start, t.range.end, .command)
        } else if afterDeclaration {
          mark(t.range.start, t.range.end, .variable)
        } else if next == .equal {
          mark(t.range.start, t.range.end, .option)
        } else if next == .leftParen, model.functions.contains(text) {
          mark(t.range.start, t.range.end, .function)
        } else if Keyword.reserved.contains(text) {
          mark(t.range.start, t.range.end, .keyword)
        }
      default: break
      }
      afterDeclaration = atStatementStart && (text == "set" || text == "param")
      atStatementStart = t.kind == .newline || t.kind == .semicolon
    }
    // Comments: a `#` between tokens, to the end of the line.
    var gap = 0
    for t in tokens {
      if let hash = source.bytes[gap..<max(gap, t.range.start)].firstIndex(of: UInt8(ascii: "#")) {
        mark(hash, source.bytes.count, .comment)
        break
      }
      gap = max(gap, t.range.end)
    }
    // Unknown names, once there is a table to know them by.
    if !model.columns.isEmpty {
      let known = Set(model.columns).union(model.variables).union(model.functions)
        .union(Keyword.reserved)
      let parsed = Parser.parse(source, registry: registry)
      for statement in parsed.script.statements {
        guard case .command(let c) = statement else { continue }
        for name in SemanticCheck.columnNames(in: c, registry: registry)
        where !known.contains(Printer.printName(name.name, quoted: false))
          && registry.pseudoColumn(named: name.name) == nil
        {
          mark(name.range.start, name.range.end, .unknown)
        }
      }
    }
    var out: [(range: Range<Int>, style: Style)] = []
    var end = 0
    for start in styles.keys.sorted() where start >= end {
      guard let (stop, style) = styles[start] else { continue }
      out.append((start..<stop, style))
      end = stop
    }
    return out
  }

  /// `line` with ANSI colours around its spans.
  static func highlight(_ line: String, model: CompletionModel) -> String {
    let bytes = Array(line.utf8)
    var out = ""
    var position = 0
    for (range, style) in spans(line, model: model) {
      out += String(decoding: bytes[position..<range.lowerBound], as: UTF8.self)
      out += "\u{1B}[\(style.rawValue)m"
      out += String(decoding: bytes[range], as: UTF8.self) + "\u{1B}[0m"
      position = range.upperBound
    }
    return out + String(decoding: bytes[position...], as: UTF8.self)
  }
}
