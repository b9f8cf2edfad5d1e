import Foundation
import SegCore
import SegHistory
import SegLang
import SegTestSupport
import Testing

@testable import SegShell

/// `.save`, start-up files and statement completeness.
@Suite struct ReplSaveTests {
  @Test func saveWritesTheStatementsThatSucceededWithTheSeedPinned() throws {
    let run = runRepl([
      "set k = 3  # a comment",
      "echo ($k * 2)",
      "ech 1",
      "set k = 4; head",
      ".undo",
      "param label: string = \"x\"",
      "echo \"k is\" $k $label",
      ".save \"out dir/session.seg\"",
    ])
    let saved = try #require(run.host.file(atPath: "out dir/session.seg"))
    #expect(
      String(decoding: saved, as: UTF8.self) == """
        set seed = 42
        set k = 3
        echo ($k * 2)
        param label: string = "x"
        echo "k is" $k $label

        """)
    #expect(run.host.output.hasSuffix("saved 4 statements to out dir/session.seg\n"))

    // `seg run` of the saved script prints what the session printed for those statements.
    let host = MemoryHost(files: ["s.seg": String(decoding: saved, as: UTF8.self)])
    let status = SegCommandLine.main(
      arguments: ["run", "s.seg"], host: host, isInputTerminal: false, readStandardInput: { nil })
    #expect(status == .success)
    #expect(host.output == "6\nk is 3 x\n")
    #expect(run.host.output.hasPrefix("6\n" + "undone: set k = 4; head\n" + "k is 3 x\n"))
  }

  @Test func aSessionThatSetsTheSeedFirstIsNotPinnedTwice() {
    let script = SessionScript(
      statements: Compilation(SourceFile(name: "t", text: "set seed = 7\necho $seed")).script
        .statements,
      workspacesBefore: [], initialSeed: 42, registry: .standard)
    #expect(script.text == "set seed = 7\necho $seed\n")
  }

  @Test func asofIsPinnedOnACommandThatDefaultedIt() throws {
    var registry = CommandRegistry.standard
    registry.register([
      CommandSpec(
        name: "score", category: .data, summary: "Scores.",
        options: [OptionSpec("asof", .date, "the reference date")], examples: ["score"],
        run: { _, _ throws(RuntimeError) in })
    ])
    let source = SourceFile(name: "t", text: "score\nscore asof=2011-01-01")
    let statements = Compilation(source, registry: registry).script.statements
    var before = Workspace()
    before.variables["asof"] = .date(try #require(DateValue(parsing: "2011-12-10")))
    let script = SessionScript(
      statements: statements, workspacesBefore: [before, before], initialSeed: 42,
      registry: registry)
    #expect(script.text == "set seed = 42\nscore asof=2011-12-10\nscore asof=2011-01-01\n")
  }

  @Test func aSaveThatCannotWriteIsAnErrorWithACaret() {
    let host = ReadOnlyHost()
    let (history, _) = PersistentHistory.open(file: nil)
    var repl = Repl(
      host: host, console: MemoryConsole(), interrupts: ScriptedInterrupts(), history: history)
    _ = repl.run(lines: ScriptedLines(["echo 1", ".save  out.seg "]))
    #expect(
      host.errors
        == "<input #2>:1:8: error: cannot save: cannot write 'out.seg'\n"
        + "1 | .save  out.seg \n" + "  |        ^^^^^^^\n")
  }
}

/// An in-memory host whose every write fails.
private final class ReadOnlyHost: ScriptHost {
  let memory = MemoryHost()
  var errors: String { memory.errors }
  var isOutputTerminal: Bool { false }
  func writeOutput(_ text: String) { memory.writeOutput(text) }
  func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    memory.report(diagnostic, in: source)
  }
  func writeError(_ text: String) {
    memory.writeError(text)
  }
  func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    try memory.readFile(atPath: path)
  }
  func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    throw HostError("cannot write '\(path)'")
  }
  func fileExists(atPath path: String) -> Bool { false }
  func environment(_ name: String) -> String? { nil }
  var terminalColumns: Int? { nil }
  func now() -> Date { memory.now() }
  func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    throw HistoryError(.cannotOpen, "cannot write '\(path)'")
  }
}

@Suite struct ReplInitFileTests {
  @Test func theFileIsSplitIntoDotCommandsAndStatementsKeepingLineNumbers() {
    let entries = InitFile.entries(
      of: ".mode csv\nset seed = 7\necho \"x\n.help y\"\n.timer on\necho 2\n")
    #expect(
      entries == [
        .dotCommand(".mode csv"), .statements("\nset seed = 7\necho \"x\n.help y\""),
        .dotCommand(".timer on"), .statements("\n\n\n\n\necho 2\n"),
      ])
  }

  @Test func homeSegrcWinsOverTheXDGFile() {
    let both: Set = ["/h/.segrc", "/c/seg/segrc"]
    #expect(
      InitFile.location(
        environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c"], fileExists: both.contains)
        == "/h/.segrc")
    #expect(
      InitFile.location(
        environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/c"], fileExists: { $0 == "/c/seg/segrc" })
        == "/c/seg/segrc")
    #expect(
      InitFile.location(environment: ["HOME": "/h"], fileExists: { $0 == "/h/.config/seg/segrc" })
        == "/h/.config/seg/segrc")
    #expect(InitFile.location(environment: ["HOME": "/h"], fileExists: { _ in false }) == nil)
  }

  @Test func theStartUpFileRunsBeforeTheFirstPromptAndErrorsNameIt() {
    let host = MemoryHost(files: [
      "/h/.segrc": ".mode csv\nset seed = 7\n\nhead\n.timer on\n"
    ])
    let (history, _) = PersistentHistory.open(file: nil)
    var repl = Repl(
      host: host, console: MemoryConsole(), interrupts: ScriptedInterrupts(), history: history)
    repl.runInitFile(atPath: "/h/.segrc")
    _ = repl.run(lines: ScriptedLines(["echo $seed"]))
    #expect(host.output == "7\n")
    #expect(host.errors.hasPrefix("/h/.segrc:4:1: error: no table is loaded\n4 | head\n"))
    #expect(repl.session.settings.mode == .csv)
    #expect(repl.session.settings.timer)
  }
}

@Suite struct StatementCompletenessTests {
  @Test(arguments: [
    ("cluster k=4", true),
    ("filter (recency", false),
    ("filter (recency\n  > 90)", true),
    ("cluster cols=[recency,", false),
    ("echo \"two", false),
    ("echo \"two\nlines\"", true),
    ("echo \"a ( b\"", true),
    ("cluster k=4 \\", false),
    ("cluster k=4 \\  # more below", false),
    ("cluster k=4 \\\n", true),
    ("echo 1 # a \\", true),
    ("echo 1)", true),
    ("echo `a (b`", true),
    ("", true),
  ])
  func theRealLexerDecidesWhetherMoreLinesAreNeeded(text: String, isComplete: Bool) {
    #expect(Lexer.isComplete(text) == isComplete)
  }
}
