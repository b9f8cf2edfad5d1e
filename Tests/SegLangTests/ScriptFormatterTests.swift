import PropertyBased
import SegCore
import Testing

@testable import SegLang

@Suite struct ScriptFormatterTests {
  func format(_ text: String) throws -> String {
    try ScriptFormatter.format(SourceFile(name: "t.seg", text: text)).get()
  }

  @Test func spacingAndSeparatorsBecomeCanonical() throws {
    #expect(
      try format("  load   \"x.csv\"  ;filter recency>90 and frequency>=2\ncluster   k = 4\n")
        == "load \"x.csv\"\nfilter recency > 90 and frequency >= 2\ncluster k=4\n")
  }

  @Test func commentsAndBlankLineGroupsAreKept() throws {
    let text = """


      # Load the data.
        load "x.csv"   # the log


      # Segment.
      rfm  ;  scale # two on a line
      cluster k=4
      # trailing remark
      \n\n
      """
    #expect(
      try format(text)
        == """
        # Load the data.
        load "x.csv"  # the log

        # Segment.
        rfm
        scale  # two on a line
        cluster k=4
        # trailing remark

        """)
  }

  @Test func aContinuedStatementIsJoinedAndItsCommentsMoveBeforeIt() throws {
    let text = "echo 1\n\ncluster k=4 \\  # the seed\n  seed=7\nshow\n"
    #expect(try format(text) == "echo 1\n\n# the seed\ncluster k=4 seed=7\nshow\n")
  }

  @Test func aLongCommandContinuesItsOptionsOnLinesOfTheirOwn() throws {
    let condition = "moved(\"Champions\", \"Need Attention\") + moved(\"Champions\", \"Hibernating\") < 5%"
    let message = "msg=\"over 5% of last month's Champions slipped to Need Attention or Hibernating\""
    let once = try format("assert firstrun or \(condition), \\\n   \(message)  # why\n")
    #expect(once == "assert firstrun or \(condition), \\\n  \(message)  # why\n")
    #expect(try format(once) == once)
    let long = try format("cluster k=4 method=kmeans seed=42 n_init=20 assign=nearest min_samples=5 eps=0.5 method=gmm k=5 n_init=30")
    #expect(long == "cluster k=4 method=kmeans seed=42 n_init=20 assign=nearest min_samples=5 eps=0.5 method=gmm k=5 \\\n  n_init=30\n")
  }

  @Test func hashesInsideStringsAreNotComments() throws {
    #expect(try format("echo \"#1\"   # real\n") == "echo \"#1\"  # real\n")
  }

  @Test func aScriptWithSyntaxErrorsIsNotFormatted() {
    guard case .failure(let e) = ScriptFormatter.format(SourceFile(name: "t", text: "clustr k=4\nfilter >\n")) else {
      Issue.record("formatted a broken script")
      return
    }
    #expect(e.diagnostics.map(\.id) == [.unknownCommand, .expectedExpression])
  }

  @Test func anEmptyScriptStaysEmpty() throws {
    #expect(try format("") == "")
    #expect(try format("\n\n  \n") == "")
    #expect(try format("# only\n") == "# only\n")
  }

  /// A messy rendering of a generated script: statements indented at random, joined by `;` or
  /// separated by runs of blank lines, with comments on their own lines and after statements.
  static let messyScripts = Generator<String, Shrink.None<String>> { rng in
    var g = ASTGenerator(rng: SeededGenerator(seed: rng.next()))
    let script = g.script()
    var text = ""
    for (i, s) in script.statements.enumerated() {
      if g.chance(0.3) { text += String(repeating: " ", count: g.int(1...4)) + "# note \(i)\n" }
      text += String(repeating: g.pick([" ", "\t"]), count: g.int(0...2)) + Printer.print(s)
      if g.chance(0.3) { text += String(repeating: " ", count: g.int(0...3)) + "# after \(i)  " }
      if g.chance(0.2), !text.hasSuffix("  ") {
        text += " ; "
      } else {
        text += String(repeating: g.pick(["\n", "\n  \n"]), count: g.int(1...3))
      }
    }
    if g.chance(0.5) { text += "# end\n" }
    return text
  }

  static func comments(_ text: String) -> [String] {
    let (tokens, _) = Lexer.tokenize(SourceFile(name: "t", text: text))
    return ScriptFormatter.comments(in: SourceFile(name: "t", text: text), tokens: tokens).map(\.text)
  }

  @Test func formattingIsIdempotentAndKeepsTheASTAndTheComments() async {
    await propertyCheck(count: 300, input: ScriptFormatterTests.messyScripts) { text in
      let source = SourceFile(name: "t", text: text)
      let original = Parser.parse(source, registry: .standard)
      #expect(original.diagnostics.isEmpty, "\(text)")
      guard case .success(let once) = ScriptFormatter.format(source) else {
        Issue.record("not formatted:\n\(text)")
        return
      }
      guard case .success(let twice) = ScriptFormatter.format(SourceFile(name: "t", text: once))
      else {
        Issue.record("the formatted text does not parse:\n\(once)")
        return
      }
      #expect(twice == once, "\(text)")
      let formatted = Parser.parse(SourceFile(name: "t", text: once), registry: .standard)
      #expect(formatted.script.erasingRanges() == original.script.erasingRanges(), "\(text)")
      #expect(ScriptFormatterTests.comments(once) == ScriptFormatterTests.comments(text).map {
        String($0.reversed().drop { $0 == " " }.reversed())
      })
      #expect(!once.contains("\n\n\n"))
    }
  }
}
