import Foundation
import SegCore
import SegLang
import SegTestSupport
import Synchronization
import Testing

@testable import SegShell

/// The REPL loop on an in-memory host, driven by scripted lines.
@Suite struct ReplLoopTests {
  @Test func statementsRunInOrderAndEndOfInputEndsTheSession() {
    let run = runRepl(["set k = 4", "echo ($k * 2)", "echo \"done\""])
    #expect(run.status == SegShell.ExitStatus.success)
    #expect(run.host.output == "8\ndone\n")
    #expect(run.host.errors == "")
  }

  @Test func anErrorShowsTheCaretNamesTheEntryAndTheSessionGoesOn() {
    let run = runRepl(["set k = 4", "set k = 5; head", "echo $k"])
    #expect(
      run.host.errors == """
        <input #2>:1:12: error: no table is loaded
        1 | set k = 5; head
          |            ^^^^
        help: load one first: load "transactions.csv"

        """)
    // The statement before the failing one was committed; the session went on.
    #expect(run.host.output == "5\n")
    #expect(run.repl.session.workspace.variables["k"] == .number(5))
  }

  @Test func aSyntaxErrorRunsNothingOfTheEntry() {
    let run = runRepl(["set k = 1", "set k = 2; clustr k=4", "echo $k"])
    #expect(run.host.diagnostics.map(\.id) == [.unknownCommand])
    #expect(run.host.errors.hasPrefix("<input #2>:1:12: error: unknown command 'clustr'"))
    #expect(run.host.output == "1\n")
  }

  @Test func aMultiLineStatementIsOneEntry() {
    let run = runRepl(["echo (1 +", "  2)", "echo \"a", "b\"", "set x = 1 + \\", "  3", "echo $x"])
    #expect(run.host.output == "3\na\nb\n4\n")
    #expect(
      run.lines.history == [
        "echo (1 +\n  2)", "echo \"a\nb\"", "set x = 1 + \\\n  3", "echo $x",
      ])
  }

  @Test func ctrlCAtThePromptDropsTheLineAndQuitEnds() {
    let run = runRepl(["echo (1", "^C", "echo 2", ".quit", "echo 3"])
    #expect(run.host.output == "2\n")
    #expect(run.status == SegShell.ExitStatus.success)
  }

  @Test func historyIsSavedAfterEveryEntryExceptLinesStartingWithASpace() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let file = HistoryFile(url: directory.url.appendingPathComponent("state/seg/history"))
    let run = runRepl(
      ["echo 1", "echo 1", " echo \"secret\"", ".mode csv", "echo (2", ")"], historyFile: file)
    #expect(run.lines.history == ["echo 1", ".mode csv", "echo (2\n)"])
    #expect(file.load().entries == ["echo 1", ".mode csv", "echo (2\n)"])
    #expect(run.host.output == "1\n1\nsecret\n2\n")
  }

  @Test func aCorruptHistoryFileIsAWarningNotACrash() throws {
    let directory = try TemporaryDirectory()
    defer { directory.cleanup() }
    let url = directory.url.appendingPathComponent("history")
    try Data("not a history file\n".utf8).write(to: url)
    let run = runRepl(["echo 1"], historyFile: HistoryFile(url: url))
    #expect(run.host.output == "1\n")
    // The warning came from opening (reported by the launcher); saving stays off and quiet.
    #expect(try String(contentsOf: url, encoding: .utf8) == "not a history file\n")
  }

  @Test func undoTakesBackTheLastEntryThatChangedTheSession() {
    let run = runRepl([
      "set k = 1", "set k = 2; set j = 3", "echo $k", ".undo", "echo $k", ".undo", ".undo",
    ])
    #expect(
      run.host.output
        == "2\nundone: set k = 2; set j = 3\n1\nundone: set k = 1\nnothing to undo\n")
    #expect(run.repl.session.workspace.variables["k"] == nil)
    #expect(run.repl.session.log.map(Printer.print) == ["echo $k", "echo $k"])
  }

  @Test func settingsDotCommandsPrintAndChangeTheSettings() {
    let run = runRepl([".mode", ".mode csv", ".mode", ".maxrows 5", ".maxrows", ".timer"])
    #expect(run.host.output == "mode: table\nmode: csv\nmaxrows: 5\ntimer: off\n")
    #expect(run.repl.session.settings.mode == .csv)
    #expect(run.repl.session.settings.maxRows == 5)
  }

  @Test(arguments: [
    (
      ".hlep",
      "<input #1>:1:1: error: unknown command '.hlep'\n1 | .hlep\n  | ^^^^^\nhelp: did you mean '.help'?\n"
    ),
    (
      ".mode xml",
      "<input #1>:1:7: error: .mode does not accept 'xml'\n1 | .mode xml\n  |       ^^^\nhelp: expected table, box, csv, json or markdown\n"
    ),
    (".read", "<input #1>:1:6: error: .read needs a file name\n1 | .read\n  |      ^\n"),
    (
      ".undo now",
      "<input #1>:1:7: error: .undo takes no argument 'now'\n1 | .undo now\n  |       ^^^\n"
    ),
  ])
  func dotCommandErrorsHaveCarets(line: String, rendered: String) {
    let run = runRepl([line, "echo 1"])
    #expect(run.host.errors == rendered)
    #expect(run.host.output == "1\n")
  }

  @Test func timerPrintsTheTimeOfEachEntry() throws {
    let run = runRepl([".timer on", "echo 1", "set k = 2", ".timer off", "echo 3"])
    let lines = run.console.status.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    for line in lines {
      #expect(line.wholeMatch(of: /time: \d+\.\d{3}s/) != nil, "\(line)")
    }
    #expect(run.host.output == "1\n3\n")
  }

  @Test func readRunsAScriptInsideTheSessionAndNamesIt() {
    let run = runRepl(
      [".read lib.seg", "echo ($a + 1)", ".undo", "echo \"after undo\""],
      files: ["lib.seg": "set a = 1\necho $a\nhead\necho \"not reached\"\n"])
    #expect(run.host.output == "1\n2\nundone: .read lib.seg\nafter undo\n")
    #expect(run.host.errors.hasPrefix("lib.seg:3:1: error: no table is loaded\n"))
    #expect(run.repl.session.workspace.variables["a"] == nil)
  }

  @Test func readOfAMissingFileIsAnError() {
    let run = runRepl([".read \"no such.seg\""])
    #expect(run.host.diagnostics.map(\.id) == [.fileError])
    #expect(
      run.host.errors.hasPrefix(
        "<input #1>:1:7: error: cannot read script: no such file 'no such.seg'"))
  }

  @Test func helpListsSearchesAndExplains() {
    let all = runRepl([".help"]).host.output
    #expect(all.hasPrefix("Language\n  set "))
    #expect(all.contains("\nShell commands:\n  .help [PATTERN]"))
    let search = runRepl([".help row"]).host.output
    let lines = search.split(separator: "\n").map(String.init)
    #expect(lines.first == "Commands:")
    #expect(
      lines.contains {
        $0.hasPrefix("  filter ")
          && $0.hasSuffix("Keeps the rows of the current table where a condition holds.")
      })
    #expect(lines.contains("Functions:"))
    #expect(search.contains("Shell commands:\n  .maxrows N|all"))
    #expect(!lines.contains { $0.hasPrefix("  echo ") })
    #expect(runRepl([".help head"]).host.output.hasPrefix("usage: head [N]"))
    #expect(runRepl([".help zzz"]).host.output == "nothing matches 'zzz'\n")
  }

  @Test func theCompletionModelFollowsTheSession() throws {
    let run = runRepl(["set threshold = 3"], workspace: customerWorkspace(rows: 6))
    let first = try #require(run.lines.models.first)
    let last = try #require(run.lines.models.last)
    #expect(!first.variables.contains("threshold"))
    #expect(last.variables.contains("threshold"))
    #expect(last.columns == ["customer_id", "recency", "segment", "`Customer Name`"])
    #expect(last.segments == ["At Risk", "Big Spenders", "Champions"])
  }
}

/// Tables in the REPL: fitted to the terminal, limited by `.maxrows`, never cut on a pipe.
@Suite struct ReplTableOutputTests {
  @Test func aTerminalShowsAtMostMaxRowsWithAFooter() {
    let run = runRepl(
      [".maxrows 3", "show"], console: MemoryConsole(outputWidth: 100),
      workspace: customerWorkspace(rows: 10))
    #expect(
      run.host.output == """
        customer_id  recency  segment       Customer Name
        -----------  -------  ------------  -------------
              12000      0.5  Champions     customer 0
              12001      1.5  At Risk       customer 1
              12002      2.5  Big Spenders  customer 2
        … 7 more rows

        """)
  }

  @Test func aNarrowTerminalHidesTheColumnsThatDoNotFit() {
    let run = runRepl(
      ["head 2"], console: MemoryConsole(outputWidth: 30), workspace: customerWorkspace(rows: 10))
    #expect(
      run.host.output == """
        customer_id  recency
        -----------  -------
              12000      0.5
              12001      1.5
        … 8 more rows
        … 2 more columns: segment, …

        """)
  }

  @Test func outputToAPipeIsNeverCut() {
    let run = runRepl(
      [".maxrows 3", "show"], console: MemoryConsole(outputWidth: nil),
      workspace: customerWorkspace(rows: 10))
    #expect(run.host.output.split(separator: "\n").count == 12)
    #expect(!run.host.output.contains("more"))
  }

  @Test func modeChangesTheFormatAndAnExplicitFormatWins() {
    let run = runRepl(
      [".mode csv", "head 2", "head 1 format=json"], console: MemoryConsole(outputWidth: 80),
      workspace: customerWorkspace(rows: 10))
    #expect(
      run.host.output == """
        customer_id,recency,segment,Customer Name
        12000,0.5,Champions,customer 0
        12001,1.5,At Risk,customer 1
        [
          {"customer_id": 12000, "recency": 0.5, "segment": "Champions", "Customer Name": "customer 0"}
        ]

        """)
  }
}
