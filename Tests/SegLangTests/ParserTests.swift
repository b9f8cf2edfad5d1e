import SegTestSupport
import Testing

@testable import SegLang

@Suite struct ParserTests {
  func statements(_ text: String) -> [Statement] {
    let c = compile(text)
    #expect(c.diagnostics.isEmpty, "\(c.diagnostics.map(\.message))")
    return c.script.statements
  }

  func expression(_ text: String) -> String? {
    let (e, diagnostics) = Parser.parseExpression(SourceFile(name: "t", text: text), registry: .standard)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    return e.map { Printer.print($0) }
  }

  @Test func setAndParamHaveTheirOwnStatements() throws {
    let s = statements("set seed = 42\nparam k: int = 4; param label: string")
    #expect(s.count == 3)
    let set = try #require(s.first.flatMap { if case .set(let x) = $0 { x } else { nil } })
    #expect(set.name == "seed")
    #expect(set.value.erasingRanges() == .number(NumberLiteral(value: 42)))
    guard case .param(let p) = s[2] else {
      Issue.record("expected a param")
      return
    }
    #expect(p.name == "label" && p.type == .string && p.defaultValue == nil)
  }

  @Test func commandsTakePositionalsOptionsAndExpressions() throws {
    let s = statements("head 5 table=customers format=csv\nassert count() > 0, msg=\"none\"")
    guard case .command(let head) = s[0], case .command(let assert) = s[1] else {
      Issue.record("expected commands")
      return
    }
    #expect(head.name == "head")
    #expect(head.arguments.map { $0.erasingRanges() } == [.number(NumberLiteral(value: 5))])
    #expect(head.options.map(\.name) == ["table", "format"])
    #expect(assert.expression.map(Printer.print) == "count() > 0")
    #expect(assert.option("msg")?.value.erasingRanges() == .string(StringLiteral(value: "none")))
  }

  @Test func assertAcceptsAnOptionWithoutAComma() throws {
    let s = statements("assert 1 < 2 msg=\"fine\"")
    guard case .command(let c) = s[0] else { return }
    #expect(c.option("msg") != nil)
    #expect(c.expression.map(Printer.print) == "1 < 2")
  }

  @Test(arguments: [
    ("a + b * c", "a + b * c"),
    ("(a + b) * c", "(a + b) * c"),
    ("a - (b - c)", "a - (b - c)"),
    ("a - b - c", "a - b - c"),
    ("not a and b or c", "not a and b or c"),
    ("not (a and b)", "not (a and b)"),
    ("a or b and c", "a or b and c"),
    ("(a or b) and c", "(a or b) and c"),
    ("x in [1, 2, 3]", "x in [1, 2, 3]"),
    ("x not in [\"a\"]", "x not in [\"a\"]"),
    ("recency in 1..30", "recency in 1..30"),
    ("-x * 2", "-x * 2"),
    ("mean(monetary) > 2 * median(monetary)", "mean(monetary) > 2 * median(monetary)"),
    ("`Customer ID` == 12346", "`Customer ID` == 12346"),
    ("share(recency > 90) <= 5%", "share(recency > 90) <= 5%"),
    ("InvoiceDate >= 2011-12-01", "InvoiceDate >= 2011-12-01"),
  ])
  func expressionsParseWithTheUsualPrecedence(source: String, printed: String) {
    #expect(expression(source) == printed)
  }

  @Test func openBracketsContinueOntoTheNextLine() {
    let s = statements("head 3 table=customers format=csv\nfilter Country in [\n  \"France\",\n  \"Spain\"\n]\necho (1 +\n 2)")
    #expect(s.count == 3)
  }

  @Test func semicolonsSeparateStatements() {
    #expect(statements("echo 1; echo 2;; echo 3").count == 3)
  }

  // MARK: - Errors with carets

  @Test func unknownCommandSuggestsTheNearest() throws {
    let d = try #require(expectDiagnostic("1️⃣ech2️⃣ 1", .unknownCommand, message: "unknown command 'ech'"))
    #expect(d.fixIt?.replacement == "echo")
  }

  @Test func bareEqualsInAnExpressionSaysToUseDoubleEquals() throws {
    let d = try #require(expectDiagnostic("filter recency 1️⃣=2️⃣ 3", .bareEquals))
    #expect(d.fixIt?.replacement == "==")
    #expect(d.fixIt?.message == "use '==' to compare values")
  }

  @Test func bareEqualsInsideACallIsCaughtToo() {
    expectDiagnostic("assert count(x 1️⃣= 1) > 0", .bareEquals)
  }

  @Test func anOptionWhereTheConditionBelongsIsAMissingCondition() {
    expectDiagnostic("assert msg1️⃣=\"x\"", .missingExpression)
  }

  @Test func comparisonsDoNotChain() {
    expectDiagnostic("filter 1 < recency 1️⃣<2️⃣ 90", .chainedComparison)
  }

  @Test func unclosedParenthesisPointsAtWhatCameInstead() throws {
    let d = try #require(expectDiagnostic("filter (recency > 90 1️⃣frequency2️⃣", .expectedToken))
    #expect(d.message == "expected ')', found 'frequency'")
    #expect(d.notes.first?.range == SourceRange(start: 7, end: 8))
  }

  @Test func unclosedBracketAtEndOfInput() {
    expectDiagnostic("filter x in 1️⃣[2️⃣1, 2\n", .expectedToken, message: "unclosed '['")
  }

  @Test func anUnclosedBracketDoesNotHideTheNextCommand() {
    let c = compile("filter (recency > 90\necho 1\nclustr")
    #expect(c.diagnostics.map(\.id) == [.expectedToken, .unknownCommand])
    #expect(c.diagnostics.first?.range == SourceRange(start: 7, end: 8))
  }

  @Test func anOperatorInAValueSuggestsParentheses() throws {
    let d = try #require(expectDiagnostic("echo 1 1️⃣+2️⃣ 2", .expectedExpression))
    #expect(d.notes.last?.message.contains("parentheses") == true)
  }

  @Test func unknownParameterTypeSuggestsTheNearest() throws {
    let d = try #require(expectDiagnostic("param k: 1️⃣intt2️⃣ = 4", .unknownType))
    #expect(d.fixIt?.replacement == "int")
    let far = try #require(expectDiagnostic("param k: 1️⃣whole2️⃣ = 4", .unknownType))
    #expect(far.notes.first?.message == "parameter types are int, number, string, date, bool")
  }

  @Test func setWithADollarSignIsExplained() {
    expectDiagnostic("set 1️⃣$x2️⃣ = 1", .unexpectedToken)
  }

  @Test func aDollarAssignmentSuggestsSet() throws {
    let d = try #require(expectDiagnostic("1️⃣$x2️⃣ = 1", .expectedCommand))
    #expect(d.fixIt?.replacement == "set x")
  }

  @Test func aKeywordCannotBeAValue() {
    expectDiagnostic("filter 1️⃣and2️⃣ > 1", .expectedExpression)
  }

  @Test func everySyntaxErrorOfAScriptIsReported() {
    let c = compile("clustr k=4\nfilter x = 1\necho \"ok\"\nhead 1 +\nfilter (a")
    #expect(c.diagnostics.map(\.id) == [.unknownCommand, .bareEquals, .expectedExpression, .expectedToken])
    #expect(c.script.statements.count == 1)
  }

  @Test func anErrorInsideBracketsDoesNotHideTheNextStatement() {
    let c = compile("filter x in [1, @]\nclustr")
    #expect(c.diagnostics.map(\.id) == [.invalidCharacter, .unknownCommand])
  }
}
