import Foundation
import Testing

@testable import SegShell

@Suite struct ReplDotCommandTests {
  @Test(arguments: [
    (".help", DotCommand.help(pattern: nil)),
    (".help clu", .help(pattern: "clu")),
    ("  .undo  ", .undo),
    (".quit", .quit),
    (".exit", .quit),
    (".mode", .mode(nil)),
    (".mode csv", .mode(.csv)),
    (".mode Markdown", .mode(.markdown)),
    (".maxrows 25", .maxRows(.rows(25))),
    (".maxrows all", .maxRows(.all)),
    (".maxrows 0", .maxRows(.all)),
    (".maxrows", .maxRows(nil)),
    (".timer on", .timer(true)),
    (".timer OFF", .timer(false)),
    (".read my script.seg", .read(path: "my script.seg")),
    (#".read "my \"quoted\" file.seg""#, .read(path: #"my "quoted" file.seg"#)),
    (".save\tout.seg", .save(path: "out.seg")),
  ])
  func linesParseToCommands(line: String, command: DotCommand) throws {
    #expect(try DotCommand.parse(line) == command)
  }

  @Test(arguments: [
    (".mod csv", DotCommandError.Kind.unknownCommand(".mod", suggestion: ".mode")),
    (".frobnicate", .unknownCommand(".frobnicate", suggestion: nil)),
    (".read", .missingArgument(command: ".read", expected: "a file name")),
    (
      ".mode xml",
      .invalidArgument(command: ".mode", "xml", expected: "table, box, csv, json or markdown")
    ),
    (".maxrows -3", .invalidArgument(command: ".maxrows", "-3", expected: "a row count or 'all'")),
    (".timer maybe", .invalidArgument(command: ".timer", "maybe", expected: "on or off")),
    (".quit now", .unexpectedArgument(command: ".quit", "now")),
    (#".save "a.seg" extra"#, .unexpectedArgument(command: ".save", "extra")),
    (
      #".save "unclosed"#,
      .invalidArgument(command: ".save", #""unclosed"#, expected: "a file name")
    ),
  ])
  func badLinesNameTheProblem(line: String, kind: DotCommandError.Kind) {
    #expect(throws: DotCommandError(kind)) { try DotCommand.parse(line) }
  }

  @Test func helpListsEveryCommandAligned() {
    let lines = DotCommand.helpLines()
    #expect(lines.count == 9)
    #expect(
      lines.first
        == ".help [PATTERN]                    Show this list, or the entries matching PATTERN")
    let summaries = DotCommand.reference.filter { $0.name != ".exit" }.map(\.summary)
    let summaryColumns = zip(lines, summaries).map { $0.count - $1.count }
    #expect(Set(summaryColumns) == [".mode table|box|csv|json|markdown".count + 2])
  }

  @Test func helpWithAPatternListsTheMatches() {
    #expect(
      DotCommand.helpLines(matching: "ROWS") == [
        ".maxrows N|all                     Set how many rows a table prints"
      ])
    #expect(DotCommand.helpLines(matching: "nothing like this").isEmpty)
  }

  @Test func messagesReadWell() {
    #expect(
      DotCommandError(.unknownCommand(".mod", suggestion: ".mode")).description
        == "unknown command '.mod'; did you mean '.mode'? (.help lists them)")
    #expect(
      DotCommandError(.invalidArgument(command: ".timer", "maybe", expected: "on or off"))
        .description == ".timer does not accept 'maybe'; expected on or off")
  }

  @Test(arguments: [
    (".mode", true), ("  .help", true), (".5 + 1", false), ("..", false), ("load", false),
    ("", false),
  ])
  func dotCommandsAreRecognised(line: String, isDotCommand: Bool) {
    #expect(DotCommand.isDotCommand(line) == isDotCommand)
  }

  @Test func settingsFollowTheCommands() {
    var settings = ReplSettings.default
    let changes = [
      settings.apply(.mode(.json)), settings.apply(.maxRows(.all)), settings.apply(.timer(true)),
      settings.apply(.timer(true)), settings.apply(.mode(nil)), settings.apply(.undo),
    ]
    #expect(changes == [true, true, true, false, false, false])
    #expect(settings == ReplSettings(mode: .json, maxRows: nil, timer: true))
    #expect(settings.descriptionLines == ["mode: json", "maxrows: all", "timer: on", "pager: off"])
  }
}

@Suite struct ReplTerminalInfoTests {
  @Test(arguments: [
    (120, [String: String](), 120),
    (0, ["COLUMNS": "100"], 100),
    (0, ["COLUMNS": " 90 "], 90),
    (0, ["COLUMNS": "wide"], 80),
    (0, ["COLUMNS": "-5"], 80),
    (0, [:], 80),
    (132, ["COLUMNS": "100"], 132),
  ])
  func widthFallsBackFromTheTerminalToColumnsTo80(
    measured: Int, environment: [String: String], width: Int
  ) {
    #expect(TerminalInfo.columns(measured: measured, environment: environment) == width)
  }

  @Test func aPipeIsNotATerminal() throws {
    var descriptors: [Int32] = [0, 0]
    #expect(pipe(&descriptors) == 0)
    defer {
      close(descriptors[0])
      close(descriptors[1])
    }
    #expect(!TerminalInfo.isTerminal(descriptors[0]))
    #expect(TerminalInfo.columns(of: descriptors[1], environment: ["COLUMNS": "77"]) == 77)
  }
}

@Suite(.serialized) struct ReplInterruptFlagTests {
  @Test func aSignalSetsTheFlagAndWakesTheReaderAndConsumeClearsBoth() throws {
    var previous = sigaction()
    sigaction(SIGINT, nil, &previous)
    defer { sigaction(SIGINT, &previous, nil) }
    let flag = InterruptFlag.shared
    flag.arm()
    flag.reset()
    #expect(!flag.check())
    // Test threads may block SIGINT; unblock it here so raise delivers it before returning.
    var unblock = sigset_t()
    var saved = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &unblock, &saved)
    Glibc.raise(SIGINT)
    pthread_sigmask(SIG_SETMASK, &saved, nil)
    #expect(flag.check(), "the handler ran instead of the default action, which would exit")
    let reader = try #require(flag.wakeDescriptor)
    var watch = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
    #expect(poll(&watch, 1, 0) == 1, "the self-pipe is readable")
    #expect(flag.consume())
    #expect(!flag.check())
    #expect(poll(&watch, 1, 0) == 0, "consume drained the pipe")
    #expect(!flag.consume())
  }

  @Test func raiseActsLikeTheSignal() {
    let flag = InterruptFlag.shared
    flag.reset()
    flag.raise()
    #expect(flag.check())
    flag.reset()
    #expect(!flag.check())
  }
}
