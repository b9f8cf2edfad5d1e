import SegLang
import Testing

@testable import SegShell

@Suite struct SyntaxHighlighterTests {
  /// The spans as `text:style` pairs.
  func spans(_ line: String, columns: [String] = []) -> [String] {
    var model = CompletionModel(registry: .standard, workspace: Workspace())
    model.columns = columns
    let bytes = Array(line.utf8)
    return SyntaxHighlighter.spans(line, model: model).map {
      String(decoding: bytes[$0.range], as: UTF8.self) + ":" + "\($0.style)"
    }
  }

  @Test func commandsOptionsLiteralsAndCommentsAreColoured() {
    #expect(
      spans(#"cluster k=$k method=kmeans seed=7 # four"#)
        == ["cluster:command", "k:option", "$k:variable", "method:option", "seed:option", "7:number", "# four:comment"])
    #expect(
      spans(#"echo "a#b" 5% 2011-12-09; set x = mean(y) and true"#)
        == [
          "echo:command", "\"a#b\":string", "5%:number", "2011-12-09:number", "set:command", "x:variable",
          "mean:function",
          "and:keyword", "true:keyword",
        ])
  }

  @Test func unknownNamesAreRedOnlyOnceATableIsLoaded() {
    #expect(spans("filter recncy > 90 and frequency > 1") == ["filter:command", "90:number", "and:keyword", "1:number"])
    #expect(
      spans("filter recncy > 90 and frequency > 1", columns: ["recency", "frequency"])
        == ["filter:command", "recncy:unknown", "90:number", "and:keyword", "1:number"])
    #expect(
      spans("scale cols=[recency, tenur]", columns: ["recency"])
        == ["scale:command", "cols:option", "tenur:unknown"])
    // Built-in values and pseudo-columns are known names.
    #expect(spans("assert rows > 0", columns: ["recency"]) == ["assert:command", "0:number"])
  }

  @Test func theColouredLineHasTheSameCharacters() {
    var model = CompletionModel(registry: .standard, workspace: Workspace())
    model.columns = ["recency"]
    let line = #"filter recency > 90 and x == "a" # why"#
    let coloured = SyntaxHighlighter.highlight(line, model: model)
    #expect(coloured.replacing(/\x{1B}\[[0-9;]*m/, with: "") == line)
    #expect(coloured.hasPrefix("\u{1B}[1;34mfilter\u{1B}[0m recency > \u{1B}[33m90\u{1B}[0m"))
    #expect(SyntaxHighlighter.highlight("not a command", model: model) == "\u{1B}[1mnot\u{1B}[0m a command")
  }
}
