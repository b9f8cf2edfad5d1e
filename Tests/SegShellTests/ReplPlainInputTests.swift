import Foundation
import SegCore
import SegLang
import Testing

@testable import SegShell

/// Reading statements without line editing, and fitting tables to narrow terminals.
@Suite struct ReplPlainInputTests {
  /// A plain source over `lines`, recording prompts; `interruptAt` presses Ctrl-C while that
  /// line (0-based) is being typed.
  private func source(
    _ lines: [String], interruptAt: Int? = nil
  ) -> (PlainLineSource, () -> [String]) {
    final class Box {
      var prompts: [String] = []
      var next = 0
    }
    let box = Box()
    let interrupts = ScriptedInterrupts()
    let plain = PlainLineSource(
      interrupts: interrupts, writePrompt: { box.prompts.append($0) },
      readLine: {
        guard box.next < lines.count else { return nil }
        if box.next == interruptAt { interrupts.press() }
        box.next += 1
        return lines[box.next - 1]
      })
    return (plain, { box.prompts })
  }

  @Test func linesAreJoinedUntilTheStatementIsComplete() {
    let (plain, prompts) = source(["", "echo (1 +", "2)", ".mode csv"])
    #expect(plain.readStatement(isComplete: Lexer.isComplete) == .statement("echo (1 +\n2)"))
    #expect(plain.readStatement(isComplete: Lexer.isComplete) == .statement(".mode csv"))
    #expect(plain.readStatement(isComplete: Lexer.isComplete) == .endOfInput)
    #expect(prompts() == ["seg> ", "seg> ", "...> ", "seg> ", "seg> ", "\n"])
  }

  @Test func ctrlCWhileTypingDropsTheLine() {
    let (plain, _) = source(["echo 1", "echo 2"], interruptAt: 0)
    #expect(plain.readStatement(isComplete: Lexer.isComplete) == .interrupted)
    #expect(plain.readStatement(isComplete: Lexer.isComplete) == .statement("echo 2"))
  }
}

@Suite struct TableFittingTests {
  private let table = Table(columns: [
    Column(name: "name", data: .text(["a very long customer name indeed", "short"])),
    Column(name: "n", data: .integer([1, 2])),
  ])

  @Test func aFirstColumnWiderThanTheTerminalIsCut() {
    var formatter = TableFormatter(format: .table, maximumCellWidth: 40)
    formatter.maximumWidth = 12
    #expect(
      formatter.render(table) == """
        name
        ------------
        a very long…
        short
        … 1 more column: n

        """)
  }

  @Test func withoutLimitsNothingIsHidden() {
    let formatter = TableFormatter(format: .table)
    #expect(formatter.render(table).split(separator: "\n").count == 4)
  }

  @Test func maximumRowsLimitsTextAndMarkdownButNotCSV() {
    var formatter = TableFormatter(format: .markdown)
    formatter.maximumRows = 1
    #expect(formatter.render(table).hasSuffix("\n… 1 more row\n"))
    formatter.format = .csv
    #expect(formatter.render(table) == "name,n\na very long customer name indeed,1\nshort,2\n")
  }
}
