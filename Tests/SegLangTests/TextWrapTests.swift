import Foundation
import SegTestSupport
import Testing

@testable import SegLang

/// Issue 16, item 18: long help and `name auto` reasons wrap at word boundaries to the terminal
/// width instead of being cut mid-word by the terminal.
@Suite struct TextWrapTests {
  @Test func wrappingBreaksAtSpacesAndKeepsLongWordsWhole() {
    #expect(TextWrap.lines("one two three", width: 8) == ["one two", "three"])
    #expect(TextWrap.lines("a verylongword b", width: 5) == ["a", "verylongword", "b"])
    #expect(TextWrap.lines("", width: 5) == [""])
    #expect(
      TextWrap.hanging("alpha beta gamma delta epsilon zeta eta theta", start: 4, width: 30)
        == "alpha beta gamma delta\n    epsilon zeta eta theta")
  }

  /// The words of `text`, in order.
  func words(_ text: String) -> [Substring] {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" })
  }

  @Test func helpWrapsAtWordBoundariesToTheTerminalWidth() throws {
    let plain = ShopSession.run("help cluster").host.output
    let narrow = ShopSession.run("help cluster", terminal: true, environment: ["COLUMNS": "60"])
      .host.output
    #expect(plain.split(separator: "\n").contains { $0.count > 60 })
    let examples = try #require(narrow.range(of: "\nExamples:\n"))
    let prose = narrow[..<examples.lowerBound]
    for line in prose.split(separator: "\n") {
      #expect(line.count <= 60, "\(line)")
    }
    // Nothing is cut or lost: the same words in the same order.
    #expect(words(narrow) == words(plain))
    // An option's description continues under its column.
    #expect(narrow.contains("\n  k=INT"))
  }

  @Test func nameAutoReasonsWrapUnderTheirColumn() throws {
    let script = ShopSession.clustered
    let plain = ShopSession.run(script).host.output
    let narrow = ShopSession.run(script, terminal: true, environment: ["COLUMNS": "70"]).host
      .output
    func section(_ text: String) throws -> String {
      let naming = try #require(text.range(of: "name auto:"))
      let start = try #require(text[naming.upperBound...].range(of: "cluster  segment"))
      return String(text[start.lowerBound...])
    }
    let wide = try section(plain)
    let wrapped = try section(narrow)
    #expect(wide.split(separator: "\n").contains { $0.count > 70 })
    for line in wrapped.split(separator: "\n") {
      #expect(line.count <= 70, "\(line)")
    }
    // The same words in the same order (the rule of dashes under "why" is shorter).
    func text(_ s: String) -> [Substring] { words(s).filter { !$0.allSatisfy { $0 == "-" } } }
    #expect(text(wrapped) == text(wide))
    // Continuation lines start under the "why" column.
    let header = try #require(wrapped.split(separator: "\n").first { $0.contains("why") })
    let column = header.distance(from: header.startIndex, to: try #require(header.firstRange(of: "why")).lowerBound)
    let continuation = wrapped.split(separator: "\n").filter {
      $0.count > column && $0.prefix(column).allSatisfy { $0 == " " }
    }
    #expect(!continuation.isEmpty)
  }
}
