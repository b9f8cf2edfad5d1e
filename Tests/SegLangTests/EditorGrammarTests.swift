import Foundation
import SegTestSupport
import Testing

@testable import SegLang

/// The editor grammars in editors/: their keyword lists are the registry's, and the TextMate
/// grammar, run by a small TextMate tokenizer (first match wins, `begin`/`end` regions,
/// captures), agrees with seg's own lexer on every example script.
@Suite struct EditorGrammarTests {
  static let root = RepositoryPaths.root

  static func grammar() throws -> [String: Any] {
    let data = try Data(contentsOf: root.appendingPathComponent("editors/seg.tmLanguage.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The words of the alternation group `(a|b|c)` in `pattern` that follows `prefix`.
  static func words(in pattern: String, after prefix: String) throws -> Set<String> {
    let start = try #require(pattern.range(of: prefix + "("), "\(prefix) in \(pattern)")
    let rest = pattern[start.upperBound...]
    let end = try #require(rest.firstIndex(of: ")"))
    return Set(rest[..<end].split(separator: "|").map(String.init))
  }

  @Test func textMateKeywordListsAreTheRegistrys() throws {
    let repository = try #require(try EditorGrammarTests.grammar()["repository"] as? [String: [String: Any]])
    let registry = CommandRegistry.standard
    let command = try #require(repository["command"]?["match"] as? String)
    #expect(
      try EditorGrammarTests.words(in: command, after: #"\s*"#)
        == Set(registry.commands.map(\.name)).subtracting(["set", "param"]))
    let function = try #require(repository["function"]?["match"] as? String)
    #expect(try EditorGrammarTests.words(in: function, after: #"\b"#) == Set(registry.functions.map(\.name)))
    let builtin = try #require(repository["builtin"]?["match"] as? String)
    #expect(try EditorGrammarTests.words(in: builtin, after: #"\b"#) == Set(registry.scalars.map(\.name)))
    let declaration = try #require(repository["declaration"]?["match"] as? String)
    #expect(try EditorGrammarTests.words(in: declaration, after: #"(:)\s*"#) == Set(ParameterType.allCases.map(\.rawValue)))
    let words = try #require(repository["word-operator"]?["match"] as? String)
    #expect(try EditorGrammarTests.words(in: words, after: #"\b"#).union(["true", "false"]) == Keyword.reserved)
  }

  @Test func vimKeywordListsAreTheRegistrys() throws {
    let text = try String(
      contentsOf: EditorGrammarTests.root.appendingPathComponent("editors/syntax/seg.vim"), encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    func line(_ prefix: String) throws -> String { try #require(lines.first { $0.hasPrefix(prefix) }, "\(prefix)") }
    func alternatives(_ l: String) throws -> Set<String> {
      let open = try #require(l.range(of: #"\%("#, options: .backwards))
      let close = try #require(l.range(of: #"\)"#, range: open.upperBound..<l.endIndex))
      return Set(l[open.upperBound..<close.lowerBound].components(separatedBy: #"\|"#))
    }
    let registry = CommandRegistry.standard
    #expect(try alternatives(line("syn match segCommand")) == Set(registry.commands.map(\.name)).subtracting(["set", "param"]))
    #expect(try alternatives(line("syn match segFunction")) == Set(registry.functions.map(\.name)))
    #expect(Set(try line("syn keyword segBuiltin").split(separator: " ").dropFirst(3).map(String.init)) == Set(registry.scalars.map(\.name)))
    #expect(Set(try line("syn keyword segType").split(separator: " ").dropFirst(3).dropLast().map(String.init)) == Set(ParameterType.allCases.map(\.rawValue)))
  }

  // MARK: - A small TextMate tokenizer

  /// One grammar rule, compiled.
  final class Rule {
    var match: NSRegularExpression?
    var begin: NSRegularExpression?
    var end: NSRegularExpression?
    var name: String?
    var captures: [Int: String] = [:]
    var patterns: [Rule] = []
  }

  /// A scope over UTF-16 offsets of a line.
  struct Scoped: Equatable {
    var range: Range<Int>
    var scope: String
  }

  /// Compiles the grammar's top-level patterns, resolving `#name` includes.
  static func rules() throws -> [Rule] {
    let g = try grammar()
    let repository = try #require(g["repository"] as? [String: [String: Any]])
    var cache: [String: Rule] = [:]
    func regex(_ s: Any?) throws -> NSRegularExpression? {
      guard let s = s as? String else { return nil }
      return try NSRegularExpression(pattern: s, options: [])
    }
    func compile(_ d: [String: Any]) throws -> Rule {
      if let include = d["include"] as? String {
        let key = String(include.dropFirst())
        if let r = cache[key] { return r }
        let r = try compile(try #require(repository[key], "no rule \(key)"))
        cache[key] = r
        return r
      }
      let r = Rule()
      r.match = try regex(d["match"])
      r.begin = try regex(d["begin"])
      r.end = try regex(d["end"])
      r.name = d["name"] as? String
      for (k, v) in (d["captures"] as? [String: [String: String]]) ?? [:] {
        r.captures[Int(k) ?? 0] = v["name"]
      }
      r.patterns = try ((d["patterns"] as? [[String: Any]]) ?? []).map(compile)
      return r
    }
    return try (g["patterns"] as? [[String: Any]] ?? []).map(compile)
  }

  /// Tokenizes `text` line by line, returning the scopes of each line (UTF-16 offsets).
  static func tokenize(_ text: String, rules: [Rule]) -> [[Scoped]] {
    var open: Rule?  // an unfinished begin/end region (strings span lines)
    var out: [[Scoped]] = []
    for lineText in text.components(separatedBy: "\n") {
      let line = lineText as NSString
      var scopes: [Scoped] = []
      var pos = 0
      let options: NSRegularExpression.MatchingOptions = [.withTransparentBounds, .withoutAnchoringBounds]
      func first(_ r: NSRegularExpression?, from p: Int) -> NSTextCheckingResult? {
        r?.firstMatch(in: lineText, options: options, range: NSRange(location: p, length: line.length - p))
      }
      while pos <= line.length {
        if let region = open {
          // Inside a region: its end, or the first of its patterns.
          let end = first(region.end, from: pos)
          let inner = region.patterns.compactMap { r in first(r.match, from: pos).map { (r, $0) } }
            .min { $0.1.range.location < $1.1.range.location }
          if let inner, inner.1.range.location < (end?.range.location ?? Int.max), inner.1.range.length > 0 {
            scopes.append(Scoped(range: Range(inner.1.range)!, scope: inner.0.name ?? ""))
            pos = inner.1.range.upperBound
            continue
          }
          let stop = end.map { $0.range.upperBound } ?? line.length
          scopes.append(Scoped(range: pos..<stop, scope: region.name ?? ""))
          pos = stop
          if end != nil { open = nil } else { break }
          continue
        }
        guard pos < line.length else { break }
        var best: (Rule, NSTextCheckingResult)?
        for r in rules {
          guard let m = first(r.match ?? r.begin, from: pos), m.range.length > 0 else { continue }
          if best == nil || m.range.location < best!.1.range.location { best = (r, m) }
        }
        guard let (rule, m) = best else { break }
        if rule.begin != nil {
          open = rule
          pos = m.range.location
          // The region starts after `begin`; scope the delimiter with the region.
          scopes.append(Scoped(range: Range(m.range)!, scope: rule.name ?? ""))
          pos = m.range.upperBound
          continue
        }
        if let name = rule.name { scopes.append(Scoped(range: Range(m.range)!, scope: name)) }
        for (i, name) in rule.captures where i < m.numberOfRanges {
          let r = m.range(at: i)
          if r.location != NSNotFound { scopes.append(Scoped(range: Range(r)!, scope: name)) }
        }
        pos = m.range.upperBound
      }
      out.append(scopes)
    }
    return out
  }

  /// The scripts to check: the examples and every golden script that compiles.
  static func exampleScripts() throws -> [(String, String)] {
    var out: [(String, String)] = []
    let fm = FileManager.default
    for folder in ["examples", "Tests/SegEndToEndTests/Scripts", "Tests/SegEndToEndTests/Scripts/junit"] {
      let url = root.appendingPathComponent(folder)
      for f in try fm.contentsOfDirectory(atPath: url.path).sorted() where f.hasSuffix(".seg") {
        let text = try String(contentsOf: url.appendingPathComponent(f), encoding: .utf8)
        let (_, diagnostics) = Lexer.tokenize(SourceFile(name: f, text: text))
        if diagnostics.isEmpty { out.append((folder + "/" + f, text)) }
      }
    }
    return out
  }

  /// The scope the grammar gives a seg token, by its kind and (for names) its role.
  static func expectedScope(_ kind: TokenKind, isCommand: Bool) -> String? {
    switch kind {
    case .string: "string.quoted.double.seg"
    case .number, .percent: "constant.numeric.seg"
    case .date: "constant.numeric.date.seg"
    case .variable: "variable.other.seg"
    case .quotedIdentifier: "variable.other.quoted.seg"
    case .identifier: isCommand ? "keyword.control.command.seg" : nil
    default: nil
    }
  }

  @Test func everyExampleScriptTokenizesWithoutUnknownScopesAndAgreesWithTheLexer() throws {
    let rules = try EditorGrammarTests.rules()
    let scripts = try EditorGrammarTests.exampleScripts()
    #expect(scripts.count > 20)
    var checkedTokens = 0
    for (name, text) in scripts {
      let lines = EditorGrammarTests.tokenize(text, rules: rules)
      for (i, scopes) in lines.enumerated() {
        let bad = scopes.filter { $0.scope.hasPrefix("invalid") }
        #expect(bad.isEmpty, "\(name):\(i + 1): \(bad)")
      }
      // Compare with seg's lexer and parser: each token's scope at its first character.
      let source = SourceFile(name: name, text: text)
      let table = LineTable(source)
      let (tokens, _) = Lexer.tokenize(source)
      let parsed = Parser.parse(source, registry: .standard)
      let commandStarts = Set(parsed.script.statements.compactMap { s -> Int? in
        if case .command(let c) = s { return c.nameRange.start } else { return nil }
      })
      for t in tokens {
        guard let expected = EditorGrammarTests.expectedScope(t.kind, isCommand: commandStarts.contains(t.range.start))
        else { continue }
        let (line, column) = table.location(of: t.range.start)
        // Columns count characters; the tokenizer works in UTF-16, equal for these ASCII-led lines
        // unless a line has characters outside the BMP before the token.
        let lineText = table.text(ofLine: line)
        let utf16 = String(lineText.prefix(column - 1)).utf16.count
        let scopes = lines[line - 1].filter { $0.range.contains(utf16) }.map(\.scope)
        #expect(scopes.contains(expected), "\(name):\(line):\(column): \(t.kind) has \(scopes), expected \(expected)")
        checkedTokens += 1
      }
    }
    #expect(checkedTokens > 500)
  }

  static let vim = ["/usr/bin/vim", "/usr/local/bin/vim"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The Vim syntax group of every character of `file`, line by line, as a real Vim loading
  /// editors/ (file-type detection, then the syntax file) reports them.
  static func vimGroups(of file: URL) throws -> [[String]] {
    let vim = try #require(EditorGrammarTests.vim)
    let out = file.deletingLastPathComponent().appendingPathComponent("groups.txt")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: vim)
    p.arguments = [
      "-u", "NONE", "-i", "NONE", "-N", "-es",
      "--cmd", "set rtp^=" + root.appendingPathComponent("editors").path,
      "-c", "filetype on", "-c", "syntax on", "-c", "e " + file.path,
      "-c", "redir! > " + out.path, "-c", "echo &filetype",
      "-c",
      #"for l in range(1, line("$")) | let s = "" | for c in range(1, col([l, "$"]) - 1) | let s .= synIDattr(synID(l, c, 1), "name") . "," | endfor | echo s | endfor"#,
      "-c", "redir END", "-c", "qa!",
    ]
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    let text = try String(contentsOf: out, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines.removeFirst()  // redir starts with a line break
    #expect(lines.first == "seg", "file type")
    return lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  @Test(.enabled(if: EditorGrammarTests.vim != nil, "vim is not installed"))
  func vimHighlightsEveryExampleScriptAsTheLexerReadsIt() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let groups: [TokenKind: String] = [
      .string: "segString", .number: "segNumber", .percent: "segNumber", .date: "segDate",
      .variable: "segVariable", .quotedIdentifier: "segQuotedName",
    ]
    var checked = 0
    for (name, text) in try EditorGrammarTests.exampleScripts() {
      let file = dir.url.appendingPathComponent("script.seg")
      try Data(text.utf8).write(to: file)
      let lines = try EditorGrammarTests.vimGroups(of: file)
      let source = SourceFile(name: name, text: text)
      let table = LineTable(source)
      let parsed = Parser.parse(source, registry: .standard)
      let commands = Set(parsed.script.statements.compactMap { s -> Int? in
        if case .command(let c) = s, c.name != "set", c.name != "param" { return c.nameRange.start }
        return nil
      })
      for t in Lexer.tokenize(source).tokens {
        let expected = commands.contains(t.range.start) ? "segCommand" : groups[t.kind]
        guard let expected else { continue }
        // Vim counts columns in bytes.
        let (line, _) = table.location(of: t.range.start)
        let byte = t.range.start - table.byteRange(ofLine: line).lowerBound
        let group = line - 1 < lines.count && byte < lines[line - 1].count ? lines[line - 1][byte] : "?"
        #expect(group == expected, "\(name):\(line): byte \(byte) \(t.kind) is \(group)")
        checked += 1
      }
    }
    #expect(checked > 500)
  }

  @Test func theTokenizerFindsUnknownCharacters() throws {
    let lines = EditorGrammarTests.tokenize("echo 1 @ 2\nfilter x > \"a\\q\"", rules: try EditorGrammarTests.rules())
    #expect(lines[0].contains(Scoped(range: 7..<8, scope: "invalid.illegal.seg")))
    #expect(lines[1].contains(Scoped(range: 13..<15, scope: "invalid.illegal.escape.seg")))
    #expect(lines[1].contains(Scoped(range: 0..<6, scope: "keyword.control.command.seg")))
  }
}
