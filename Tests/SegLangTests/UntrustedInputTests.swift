import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Regression tests for issue 16: scripts and data are untrusted input.
///
/// Escape sequences are
/// shown escaped, binary scripts and floods are cut short, nesting is bounded, long chains cost
/// no stack, and numbers that overflow are errors.
@Suite struct UntrustedInputTests {
  // MARK: Terminal injection

  @Test func controlCharactersInATableCellAreShownEscaped() {
    let table = Table(columns: [
      Column(name: "note\u{1B}[2J", data: .text(["\u{1B}]0;pwned\u{07}hi", "caf\u{E9}"]))
    ])
    let r = run("head", table: table)
    #expect(!r.host.output.contains("\u{1B}"))
    #expect(!r.host.output.contains("\u{07}"))
    #expect(r.host.output.contains("\\x1b]0;pwned\\x07hi"))
    #expect(r.host.output.contains("note\\x1b[2J"))
    #expect(r.host.output.contains("caf\u{E9}"))
  }

  @Test func controlCharactersInADiagnosticAreShownEscaped() {
    let source = SourceFile(name: "evil\u{1B}.seg", text: "clustr \"\u{1B}]0;t\u{07}\"\n")
    let d = Diagnostic(
      .unknownCommand, "unknown command 'a\u{1B}[31mb'", at: SourceRange(start: 0, end: 6)
    )
    .withHelp("x\u{9B}y")
    let text = DiagnosticRenderer().render(d, in: source)
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(!text.unicodeScalars.contains { (0x80..<0xA0).contains($0.value) })
    #expect(text.contains("evil\\x1b.seg:1:1"))
    #expect(text.contains("unknown command 'a\\x1b[31mb'"))
    #expect(text.contains("clustr \"\\x1b]0;t\\x07\""))
    #expect(text.contains("help: x\\u{9b}y"))
  }

  @Test func theTerminalFilterKeepsColoursAndEscapesEverythingElse() {
    let text = "\u{1B}[1;31merror\u{1B}[0m: \u{1B}]0;title\u{07}\r\n\tok\u{7F}"
    #expect(
      ControlCharacters.terminalSafe(text)
        == "\u{1B}[1;31merror\u{1B}[0m: \\x1b]0;title\\x07\\r\n\tok\\x7f")
    #expect(ControlCharacters.terminalSafe("plain é 😀\n") == "plain é 😀\n")
  }

  @Test func escapingNeverCutsACharacter() {
    let text = "é😀\u{1B}👍🏽"
    let escaped = ControlCharacters.escaped(text)
    #expect(escaped == "é😀\\x1b👍🏽")
    #expect(Array(escaped.utf8).count == escaped.utf8.count)
    // A long cell is cut by characters: the emoji with its skin tone stays whole.
    let cut = TableFormatter(format: .table, maximumCellWidth: 4).truncated("ab👍🏽cdef")
    #expect(cut == "ab👍🏽…")
  }

  // MARK: Scripts that are not scripts

  @Test func aByteOrderMarkAtTheStartOfAScriptIsSkipped() {
    let source = SourceFile(name: "bom.seg", text: "\u{FEFF}echo 1\n")
    #expect(source.text == "echo 1\n")
    #expect(!Compilation(source).hasErrors)
  }

  @Test func aScriptWithANULByteIsNotAText() {
    #expect(
      SourceFile.textProblem(in: Array("echo 1\necho\0".utf8))
        == "not a text file: a NUL byte at line 2, column 5")
    #expect(
      SourceFile.textProblem(in: [0x65, 0x63, 0xFF])
        == "not UTF-8 text: an invalid byte at line 1, column 3")
    #expect(SourceFile.textProblem(in: Array("echo \"é\"\n".utf8)) == nil)
  }

  @Test func aFloodOfDiagnosticsStopsAfterFiftyWithACount() {
    let host = MemoryHost()
    let source = SourceFile(name: "flood.seg", text: String(repeating: "ech 1\n", count: 120))
    DiagnosticFlood.report(Compilation(source).diagnostics, in: source, to: host)
    #expect(host.diagnostics.count == 51)
    #expect(host.diagnostics.last?.id == .tooManyErrors)
    #expect(
      host.errors.hasSuffix(
        "seg: note: and 70 more errors, not shown\nhelp: fix the ones above first; 'seg check' lists them again\n"
      ))
  }

  // MARK: Nesting and long chains

  @Test func parenthesesNestedDeeperThanTheLimitAreRefusedAtTheOffendingToken() {
    let depth = Parser.maximumNesting + 10
    let text =
      "filter " + String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
    let diagnostics = Compilation(SourceFile(name: "deep.seg", text: text)).diagnostics
    #expect(diagnostics.map(\.id) == [.nestingTooDeep])
    #expect(diagnostics.first?.message == "expression nested deeper than 256 levels")
    // The 257th level: the parenthesis after "filter " and 256 others.
    #expect(diagnostics.first?.range == SourceRange(start: 7 + 256, end: 7 + 257))
  }

  @Test func nestingUpToTheLimitIsAccepted() {
    let depth = Parser.maximumNesting - 1
    let text =
      "echo " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
    #expect(!Compilation(SourceFile(name: "ok.seg", text: text)).hasErrors)
  }

  @Test func aTenThousandTermOrChainIsCheckedEvaluatedAndPrinted() throws {
    // The odd numbers below 20,000: of the sample's recencies (326, 2, 75, 19, 310), 75 and 19.
    let terms = (0..<10_000).map { "recency == \($0 * 2 + 1)" }
    let text = "filter " + terms.joined(separator: " or ")
    let r = run(text)
    #expect(stoppedError(r.outcome) == nil)
    #expect(r.workspace.table.rowCount == 2)
    let expression = try #require(
      Parser.parseExpression(
        SourceFile(name: "e", text: terms.joined(separator: " or ")), registry: .standard
      ).expression)
    #expect(Printer.print(expression) == terms.joined(separator: " or "))
  }

  @Test func moreOperatorsThanTheLimitAreRefused() {
    let text =
      "echo (" + Array(repeating: "1", count: Parser.maximumOperators + 2).joined(separator: " + ")
      + ")"
    let diagnostics = Compilation(SourceFile(name: "long.seg", text: text)).diagnostics
    #expect(diagnostics.map(\.id) == [.nestingTooDeep])
    #expect(diagnostics.first?.message == "expression has more than 16384 operators")
  }

  @Test func aOneMegabyteLineOfStringsLexesEveryString() {
    let text = Array(repeating: "\"abc\"", count: 200_000).joined(separator: " ")
    let tokens = Lexer.tokenize(SourceFile(name: "big.seg", text: text)).tokens
    #expect(tokens.count == 200_001)
    #expect(tokens.dropLast().allSatisfy { $0.kind == .string })
  }

  // MARK: Numbers

  @Test func arithmeticThatOverflowsIsAnErrorAtTheOperator() throws {
    let r = run("echo (1e308 * 10)")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.id == .numberOutOfRange)
    #expect(e.diagnostic.range == SourceRange(start: 12, end: 13))
  }

  @Test func optionsBelowTheirMinimumAreFoundByTheCheck() {
    for (text, column) in [
      ("cluster k=-1", 10), ("cluster k=1", 10), ("choose 2..5 resamples=0", 22),
    ] {
      let diagnostics = Compilation(SourceFile(name: "c.seg", text: text)).diagnostics
      #expect(diagnostics.map(\.id) == [.valueOutOfRange], "\(text)")
      #expect(diagnostics.first?.range.start == column, "\(text)")
    }
    #expect(!Compilation(SourceFile(name: "c.seg", text: "cluster k=2")).hasErrors)
  }
}
