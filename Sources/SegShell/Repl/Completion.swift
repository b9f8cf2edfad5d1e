import SegLang

/// The answer to a Tab: which part of the input to replace, and with what.
///
/// ``compute(text:cursor:model:files:)`` is pure: it looks at the statement typed so far (all
/// its lines, joined with line feeds), the cursor as a UTF-8 offset into it, a
/// ``CompletionModel`` and a ``FileSystemLister``, and decides the context:
///
/// | Where the cursor is | What is offered |
/// |---|---|
/// | first word of a statement (line start, after `;`) | command words; dot-commands after `.` |
/// | after a command word | its options as `name=`, and what its arguments are |
/// | after `name=` | the option's values: enum words, columns, segments, paths |
/// | inside `name=[…]` or `(…)` | the option's or the command's values, e.g. columns |
/// | in an expression | columns, keywords and functions (inserted as `mean(`) |
/// | `$` and a word | `$variables` |
/// | inside `"…"` | file paths; segment names where a segment is expected, also in expressions: `segment == "`, `segment in ["`, `moved("`, `size("` |
/// | after `.mode`, `.timer`, `.pager`, `.maxrows`, `.read`, `.save`, `.help` | their arguments |
/// | inside a comment or right after a closed string | nothing |
///
/// Matching is by prefix, case-sensitive first and case-insensitive when nothing matches
/// exactly. Candidates are sorted and unique.
struct Completion: Sendable, Equatable {
  /// One thing Tab may insert.
  struct Candidate: Sendable, Equatable {
    /// The text that replaces ``Completion/replacement``.
    var text: String
    /// How the candidate is listed (a file name without its directory, a directory with `/`).
    var display: String
    /// Appended after ``text`` when this is the only candidate: a space after a word, `"` after
    /// a file name in an open string, nothing after `name=` or a directory.
    var suffix: String

    init(text: String, display: String? = nil, suffix: String = "") {
      self.text = text
      self.display = display ?? text
      self.suffix = suffix
    }
  }

  /// The UTF-8 offsets of the text being completed; it always ends at the cursor.
  var replacement: Range<Int>
  /// What may replace it, sorted by ``Candidate/display``.
  var candidates: [Candidate]

  /// The longest common prefix of the candidates' texts (by `Character`), or empty when there
  /// are none.
  var commonPrefix: String {
    guard var prefix = candidates.first?.text else { return "" }
    for candidate in candidates.dropFirst() {
      prefix = String(zip(prefix, candidate.text).prefix { $0 == $1 }.map(\.0))
    }
    return prefix
  }

  /// Completion at `cursor` in `text`; see the type's discussion for the contexts.
  /// - Parameters:
  ///   - text: The statement typed so far, every line of it, joined with `\n`.
  ///   - cursor: A UTF-8 offset into `text`; clamped into range.
  ///   - model: The names the language and the session know.
  ///   - files: Lists directories for path completion.
  /// - Returns: What to replace and the candidates.
  static func compute(
    text: String, cursor: Int, model: CompletionModel, files: some FileSystemLister
  ) -> Completion {
    var analysis = Analysis(text: text, cursor: cursor, model: model)
    return analysis.run(files: files)
  }
}

/// The work of ``Completion/compute(text:cursor:model:files:)``.
private struct Analysis {
  let bytes: [UInt8]
  let cursor: Int
  let model: CompletionModel
  /// The token the cursor is at the end of, when it is a word, a variable or an open string.
  var partial: CompletionScanner.Token?
  /// The tokens of the current statement before ``partial``, comments dropped.
  var statement: [CompletionScanner.Token] = []
  /// Indices into ``statement`` of the brackets still open at the cursor, outermost first.
  var openBrackets: [Int] = []
  /// Whether there is nothing to complete at all (comment, right after a closed string).
  var isDead = false

  init(text: String, cursor: Int, model: CompletionModel) {
    bytes = Array(text.utf8)
    var cursor = min(max(cursor, 0), bytes.count)
    while cursor > 0, cursor < bytes.count, bytes[cursor] & 0xC0 == 0x80 { cursor -= 1 }
    self.cursor = cursor
    self.model = model
  }

  mutating func run(files: some FileSystemLister) -> Completion {
    split(CompletionScanner.scan(Array(bytes[..<cursor])))
    if isDead { return Completion(replacement: cursor..<cursor, candidates: []) }
    if let partial, partial.kind == .variable { return variables(partial) }
    guard let first = statement.first else { return commandWords() }
    let name = text(first)
    if first.kind == .word, name.hasPrefix(".") { return dotCommandArgument(name, files: files) }
    guard first.kind == .word, let command = model.command(named: name) else {
      return isInOpenString ? paths(files: files) : empty
    }
    return argument(of: command, files: files)
  }

  /// Sorts the scanned tokens into ``partial``, ``statement`` and ``openBrackets``.
  private mutating func split(_ tokens: [CompletionScanner.Token]) {
    var tokens = tokens
    if let last = tokens.last, last.range.upperBound == cursor {
      switch last.kind {
      case .word, .variable, .string(isClosed: false):
        partial = last
        tokens.removeLast()
      case .comment, .string(isClosed: true):
        isDead = true
        return
      default:
        break
      }
    }
    for token in tokens {
      switch token.kind {
      case .comment:
        continue
      case .newline, .symbol(UInt8(ascii: ";")):
        if openBrackets.isEmpty { statement.removeAll() }
      case .symbol(UInt8(ascii: "[")), .symbol(UInt8(ascii: "(")):
        statement.append(token)
        openBrackets.append(statement.count - 1)
      case .symbol(UInt8(ascii: "]")), .symbol(UInt8(ascii: ")")):
        statement.append(token)
        if !openBrackets.isEmpty { openBrackets.removeLast() }
      default:
        statement.append(token)
      }
    }
  }

  // MARK: Contexts

  private var empty: Completion { Completion(replacement: cursor..<cursor, candidates: []) }

  private var isInOpenString: Bool {
    if let partial, case .string = partial.kind { return true }
    return false
  }

  /// The first word of a statement.
  private func commandWords() -> Completion {
    if isInOpenString { return empty }
    let typed = partial.map(text) ?? ""
    var words = model.commands.map(\.name)
    if typed.hasPrefix(".") { words = model.dotCommands }
    return finish(
      words.map { Completion.Candidate(text: $0, suffix: " ") }, typed: typed,
      replacing: wordRange)
  }

  private func variables(_ token: CompletionScanner.Token) -> Completion {
    let suffix = openBrackets.isEmpty ? " " : ""
    return finish(
      model.variables.map { Completion.Candidate(text: "$" + $0, suffix: suffix) },
      typed: text(token), replacing: token.range)
  }

  /// Somewhere after a known command word.
  private func argument(
    of command: CompletionModel.Command, files: some FileSystemLister
  ) -> Completion {
    let (kind, offersOptions) = slot(in: command)
    if isInOpenString {
      switch kind {
      case .segment: return quoted(model.segments)
      case .choice(let values): return quoted(values)
      case .expression where expectsSegmentName: return quoted(model.segments)
      default: return paths(files: files)
      }
    }
    if kind == .path { return paths(files: files) }
    let inBrackets = !openBrackets.isEmpty
    var candidates = words(for: kind).map {
      Completion.Candidate(text: $0, suffix: inBrackets ? "" : " ")
    }
    if kind == .expression {
      candidates += model.functions.map { Completion.Candidate(text: $0 + "(") }
    }
    if kind == .segment {
      candidates = model.segments.map {
        Completion.Candidate(
          text: Self.isPlainWord($0) ? $0 : "\"" + Self.escaped($0) + "\"", display: $0,
          suffix: inBrackets ? "" : " ")
      }
    }
    if offersOptions {
      let given = Set(givenOptions)
      candidates += command.options.filter { !given.contains($0.name) }.map {
        Completion.Candidate(text: $0.name + "=")
      }
    }
    return finish(candidates, typed: partial.map(text) ?? "", replacing: wordRange)
  }

  /// Whether the open string at the cursor, in an expression, is a segment name: compared with
  /// the `segment` column (`segment == "`, `segment != "`, `segment in ["…", "`) or an argument
  /// of a function that takes segment names (`moved("`, `size("`).
  private var expectsSegmentName: Bool {
    func isWord(_ i: Int, _ words: Set<String>) -> Bool {
      i >= 0 && i < statement.count && statement[i].kind == .word && words.contains(text(statement[i]))
    }
    func isSymbol(_ i: Int, _ c: Character) -> Bool {
      i >= 0 && i < statement.count && statement[i].kind == .symbol(UInt8(ascii: c.unicodeScalars.first ?? " "))
    }
    func isOperator(_ i: Int, _ names: Set<String>) -> Bool {
      i >= 0 && i < statement.count && statement[i].kind == .other
        && names.contains(text(statement[i]))
    }
    let last = statement.count - 1
    // segment == "…, segment != "…
    if isOperator(last, ["==", "!="]), isWord(last - 1, ["segment"]) { return true }
    guard let open = openBrackets.last else { return false }
    // segment in ["…", "…, segment not in [ …
    if isSymbol(open, "["), isWord(open - 1, ["in"]),
      isWord(open - 2, ["segment"]) || (isWord(open - 2, ["not"]) && isWord(open - 3, ["segment"]))
    {
      return true
    }
    // moved("…", "…, size("…
    return isSymbol(open, "(") && isWord(open - 1, Self.segmentFunctions)
  }

  /// The functions whose string arguments are segment names.
  static let segmentFunctions: Set<String> = ["moved", "size"]

  /// What the slot at the cursor holds for `command`, and whether option names fit there too.
  private func slot(
    in command: CompletionModel.Command
  ) -> (CompletionModel.ValueKind, offersOptions: Bool) {
    if let outermost = openBrackets.first {
      if let option = option(before: outermost, in: command) { return (option.value, false) }
      return (command.arguments, false)
    }
    if let option = option(before: statement.count, in: command) { return (option.value, false) }
    return (command.arguments, true)
  }

  /// The option whose `name=` ends right before `statement[index]`.
  private func option(
    before index: Int, in command: CompletionModel.Command
  ) -> CompletionModel.Option? {
    guard index >= 2, statement[index - 1].kind == .symbol(UInt8(ascii: "=")),
      statement[index - 2].kind == .word
    else { return nil }
    return command.option(named: text(statement[index - 2]))
  }

  /// The names of the options already written in this statement (`name=` at the top level).
  private var givenOptions: [String] {
    statement.indices.dropFirst().compactMap { index in
      guard statement[index].kind == .symbol(UInt8(ascii: "=")),
        statement[index - 1].kind == .word
      else { return nil }
      return text(statement[index - 1])
    }
  }

  private func words(for kind: CompletionModel.ValueKind) -> [String] {
    switch kind {
    case .none, .path, .segment: []
    case .choice(let values): values
    case .column, .columns: model.columns
    case .expression: model.columns + model.expressionKeywords
    }
  }

  /// The arguments of `.mode`, `.timer`, `.pager`, `.maxrows`, `.help`, `.read` and `.save`.
  private func dotCommandArgument(_ name: String, files: some FileSystemLister) -> Completion {
    if name == ".read" || name == ".save" {
      if isInOpenString { return paths(files: files) }
      guard !statement.dropFirst().contains(where: { $0.kind == .string(isClosed: true) })
      else { return empty }
      var start = statement[0].range.upperBound
      while start < cursor, bytes[start] == UInt8(ascii: " ") || bytes[start] == 0x09 {
        start += 1
      }
      let typed = String(decoding: bytes[start..<cursor], as: UTF8.self)
      return pathCompletion(typed: typed, replacing: start..<cursor, quoted: false, files: files)
    }
    guard statement.count == 1, !isInOpenString else { return empty }
    let values: [String]
    switch name {
    case ".mode": values = ReplSettings.OutputMode.allCases.map(\.rawValue)
    case ".timer": values = ["on", "off"]
    case ".pager": values = ReplSettings.PagerMode.allCases.map(\.rawValue)
    case ".maxrows": values = ["all"]
    case ".help": values = model.commands.map(\.name) + model.dotCommands
    default: values = []
    }
    return finish(
      values.map { Completion.Candidate(text: $0) }, typed: partial.map(text) ?? "",
      replacing: wordRange)
  }

  /// Values offered inside an open string: the contents, escaped, then the closing quote.
  private func quoted(_ values: [String]) -> Completion {
    guard let partial else { return empty }
    let contentStart = partial.range.lowerBound + 1
    let typed = Self.unescaped(String(decoding: bytes[contentStart..<cursor], as: UTF8.self))
    let close = closingQuote
    let candidates = values.map {
      Completion.Candidate(text: Self.escaped($0), display: $0, suffix: close)
    }
    return finish(candidates, typed: Self.escaped(typed), replacing: contentStart..<cursor)
  }

  /// Paths: inside an open string, or as a new string where a path is expected.
  private func paths(files: some FileSystemLister) -> Completion {
    if let partial, case .string = partial.kind {
      let contentStart = partial.range.lowerBound + 1
      let typed = String(decoding: bytes[contentStart..<cursor], as: UTF8.self)
      return pathCompletion(
        typed: typed, replacing: contentStart..<cursor, quoted: true, files: files)
    }
    if let partial, partial.kind != .word { return empty }
    let typed = partial.map(text) ?? ""
    var completion = pathCompletion(
      typed: typed, replacing: wordRange, quoted: true, files: files)
    completion.candidates = completion.candidates.map {
      Completion.Candidate(text: "\"" + $0.text, display: $0.display, suffix: $0.suffix)
    }
    return completion
  }

  /// Entries of the typed path's directory that start with its last component.
  private func pathCompletion(
    typed raw: String, replacing range: Range<Int>, quoted: Bool, files: some FileSystemLister
  ) -> Completion {
    let typed = quoted ? Self.unescaped(raw) : raw
    let slash = typed.lastIndex(of: "/")
    let directory = slash.map { String(typed[...$0]) } ?? ""
    let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let close = quoted ? closingQuote : ""
    let entries = files.entries(inDirectory: directory).filter {
      namePrefix.hasPrefix(".") || !$0.name.hasPrefix(".")
    }
    var matching = entries.filter { $0.name.hasPrefix(namePrefix) }
    if matching.isEmpty {
      let lowered = namePrefix.lowercased()
      matching = entries.filter { $0.name.lowercased().hasPrefix(lowered) }
    }
    let candidates = matching.map { entry in
      let name = entry.name + (entry.isDirectory ? "/" : "")
      let path = directory + name
      return Completion.Candidate(
        text: quoted ? Self.escaped(path) : path, display: name,
        suffix: entry.isDirectory ? "" : close)
    }
    return Completion(replacement: range, candidates: Self.sortedUnique(candidates))
  }

  // MARK: Helpers

  /// The range of the word being completed, or an empty range at the cursor.
  private var wordRange: Range<Int> {
    if let partial, partial.kind == .word { return partial.range }
    return cursor..<cursor
  }

  /// `"` when the character after the cursor does not already close the string.
  private var closingQuote: String {
    cursor < bytes.count && bytes[cursor] == UInt8(ascii: "\"") ? "" : "\""
  }

  /// Filters by prefix (exact case first) and packages the result.
  private func finish(
    _ candidates: [Completion.Candidate], typed: String, replacing range: Range<Int>
  ) -> Completion {
    var matching = candidates.filter { $0.text.hasPrefix(typed) }
    if matching.isEmpty {
      let lowered = typed.lowercased()
      matching = candidates.filter { $0.text.lowercased().hasPrefix(lowered) }
    }
    return Completion(replacement: range, candidates: Self.sortedUnique(matching))
  }

  private func text(_ token: CompletionScanner.Token) -> String {
    String(decoding: bytes[token.range], as: UTF8.self)
  }

  private static func sortedUnique(_ candidates: [Completion.Candidate]) -> [Completion.Candidate] {
    var seen = Set<String>()
    return candidates.sorted { ($0.display, $0.text) < ($1.display, $1.text) }
      .filter { seen.insert($0.text).inserted }
  }

  /// Whether `name` can be written without quotes.
  static func isPlainWord(_ name: String) -> Bool {
    Lexer.isBareName(name)
  }

  /// `text` as the contents of a double-quoted string: `\` and `"` escaped.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      if character == "\\" || character == "\"" { result.append("\\") }
      result.append(character)
    }
    return result
  }

  /// The contents of a double-quoted string with its escapes undone.
  static func unescaped(_ text: String) -> String {
    var result = ""
    var escaping = false
    for character in text {
      if !escaping && character == "\\" {
        escaping = true
        continue
      }
      escaping = false
      result.append(character)
    }
    return result
  }
}
