import PropertyBased
import SegCore
import Testing

@testable import SegLang

@Suite struct RoundTripTests {
  static let scripts = Generator<Script, Shrink.None<Script>> { rng in
    var generator = ASTGenerator(rng: SeededGenerator(seed: rng.next()))
    return generator.script()
  }

  @Test func parsingThePrintedScriptGivesTheSameAST() async {
    await propertyCheck(count: 500, input: RoundTripTests.scripts) { script in
      let text = Printer.print(script)
      let parsed = Parser.parse(SourceFile(name: "t", text: text), registry: .standard)
      #expect(parsed.diagnostics.isEmpty, "\(text)\n\(parsed.diagnostics.map(\.message))")
      #expect(parsed.script.erasingRanges() == script, "\(text)")
    }
  }

  @Test func printingIsStableAfterOneRoundTrip() async {
    await propertyCheck(count: 200, input: RoundTripTests.scripts) { script in
      let once = Printer.print(script)
      let parsed = Parser.parse(SourceFile(name: "t", text: once), registry: .standard).script
      #expect(Printer.print(parsed) == once)
    }
  }

  @Test(arguments: [
    "filter recency > 90 and frequency >= 2",
    "assert count() == 4, msg=\"four\"",
    "set asof = 2011-12-10",
    "param k: int = 4",
    "echo \"a\\\"b\" -1 (1 + 2) 5% [x, `Customer ID`] 2..10",
    "filter not a in [1, 2] or b not in 1..3",
    "filter (not a) == b and -(1..2) == x",
    "load \"f.csv\" as orders",
    "load \"f.csv\" as=`my orders`",
  ])
  func handWrittenStatementsRoundTrip(text: String) {
    let parsed = Parser.parse(SourceFile(name: "t", text: text), registry: .standard)
    #expect(parsed.diagnostics.isEmpty)
    #expect(Printer.print(parsed.script) == text + "\n")
  }

  /// A seed of the property test above once drew `as` with a quoted name, which printed as
  /// `as `a b`` and parsed back as two arguments.
  @Test func theOptionAsWithAQuotedNameRoundTrips() {
    var command = Command(name: "load")
    command.arguments = [.string(StringLiteral(value: "f.csv"))]
    command.options = [CommandOption(name: "as", value: .name(NameReference(name: "back\\slash", isQuoted: true)))]
    let script = Script(statements: [.command(command)])
    let parsed = Parser.parse(SourceFile(name: "t", text: Printer.print(script)), registry: .standard)
    #expect(parsed.diagnostics.isEmpty)
    #expect(parsed.script.erasingRanges() == script)
  }
}
