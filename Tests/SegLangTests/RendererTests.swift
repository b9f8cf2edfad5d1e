import SegTestSupport
import Testing

@testable import SegLang

@Suite struct RendererTests {
  func rendered(_ text: String, name: String = "churn.seg", width: Int = 100) -> String {
    let source = SourceFile(name: name, text: text)
    let c = Compilation(source)
    return DiagnosticRenderer(style: .plain, maximumLineWidth: width).render(c.diagnostics, in: source)
  }

  @Test func theDocumentedFormat() {
    #expect(rendered("echo 1\nset seed = 1\nclustr k=4\n") == """
      churn.seg:3:1: error: unknown command 'clustr'
      3 | clustr k=4
        | ^^^^^^
      help: did you mean 'cluster'?

      """)
    #expect(rendered("ech 1") == """
      churn.seg:1:1: error: unknown command 'ech'
      1 | ech 1
        | ^^^
      help: did you mean 'echo'?

      """)
  }

  @Test func columnsCountCharactersNotBytes() {
    #expect(rendered("echo \"café\" @").hasPrefix("churn.seg:1:13: error:"))
    #expect(rendered("echo \"é\" @") == """
      churn.seg:1:10: error: unexpected character '@'
      1 | echo "é" @
        |          ^

      """)
  }

  @Test func tabsExpandInTheLineAndTheCaretAlike() {
    #expect(rendered("echo\t\t@") == """
      churn.seg:1:7: error: unexpected character '@'
      1 | echo        @
        |             ^

      """)
  }

  @Test func theGutterWidensForLongLineNumbers() {
    let text = String(repeating: "echo 1\n", count: 11) + "echo @"
    #expect(rendered(text).hasSuffix("""
      12 | echo @
         |      ^

      """))
  }

  @Test func longLinesAreCutAroundTheCaretWithEllipses() {
    let text = "echo " + String(repeating: "1 ", count: 60) + "@ " + String(repeating: "2 ", count: 60)
    let out = rendered(text, width: 40)
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines[1].hasPrefix("1 | …"))
    #expect(lines[1].hasSuffix("…"))
    #expect(lines[1].count <= 4 + 40)
    let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
    let atColumn = lines[1].firstIndex(of: "@").map { lines[1].distance(from: lines[1].startIndex, to: $0) }
    #expect(caretColumn == atColumn)
  }

  @Test func notesWithRangesGetTheirOwnSnippet() {
    #expect(rendered("param k: int = 1\nparam k: int = 2") == """
      churn.seg:2:7: error: parameter 'k' is declared twice
      2 | param k: int = 2
        |       ^
      churn.seg:1:7: note: first declared here
      1 | param k: int = 1
        |       ^

      """)
  }

  @Test func theCaretOfAnEmptyRangeAtTheEndIsOneWide() {
    #expect(rendered("filter (a") == """
      churn.seg:1:10: error: expected ')', found end of input
      1 | filter (a
        |          ^
      churn.seg:1:8: note: to match this '('
      1 | filter (a
        |        ^

      """)
  }

  @Test func diagnosticsWithoutASourceNameSeg() {
    let d = Diagnostic(.usage, "unknown parameter 'kk'", at: .none).withHelp("did you mean 'k'?")
    #expect(DiagnosticRenderer().render(d, in: nil) == "seg: error: unknown parameter 'kk'\nhelp: did you mean 'k'?\n")
  }

  @Test func ansiStyleColoursTheLabels() {
    let d = Diagnostic(.usage, "x", at: .none)
    let out = DiagnosticRenderer(style: .ansi).render(d, in: nil)
    #expect(out.contains("\u{1B}[1;31merror\u{1B}[0m"))
  }

  @Test func lineTableFindsLinesAndCharacterColumns() {
    let table = LineTable(SourceFile(name: "t", text: "ab\ncé d\n"))
    #expect(table.location(of: 0) == (1, 1))
    #expect(table.location(of: 3) == (2, 1))
    #expect(table.location(of: 7) == (2, 4))  // "cé " is 4 bytes, 3 characters
    #expect(table.text(ofLine: 2) == "cé d")
  }
}
