import Foundation
import SegTestSupport
import Testing

/// Types at a `seg` running in tmux and waits for its prompts.
///
/// Keys are sent only once the prompt is drawn: before that the terminal is still in line mode,
/// as in any readline program, and a Ctrl-D would be taken by the line discipline.
final class ReplDriver {
  let session: TmuxSession
  /// How many prompts (`seg>`) the transcript held at the last wait.
  private(set) var prompts = 0

  /// Starts `seg` in a terminal 100 columns wide, in `home` with its own history file, and
  /// waits for the first prompt.
  init(
    home: TemporaryDirectory, arguments: [String] = [], environment extra: [String: String] = [:]
  ) throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    var environment = TmuxSession.hermeticEnvironment(home: home.url)
    environment["NO_COLOR"] = "1"
    environment["SEG_HISTORY"] = home.path("history")
    environment.merge(extra) { $1 }
    session = try TmuxSession(
      command: [binary.path] + arguments, width: 100, height: 40, environment: environment,
      workingDirectory: home.url)
    try waitForNextPrompt()
  }

  private func count(_ transcript: String) -> Int {
    transcript.components(separatedBy: "seg>").count - 1
  }

  /// Waits until the transcript ends with a prompt after the ones seen so far; the transcript.
  @discardableResult
  func waitForNextPrompt(timeout: Duration = .seconds(60)) throws -> String {
    let target = prompts + 1
    let transcript = try session.waitFor("prompt number \(target)", timeout: timeout) {
      $0.hasSuffix("seg>") && self.count($0) >= target
    }
    prompts = count(transcript)
    return transcript
  }

  /// Waits until the transcript ends with `suffix` (after a redraw that adds prompts).
  @discardableResult
  func waitForSuffix(_ suffix: String) throws -> String {
    let transcript = try session.waitFor("'\(suffix)' at the end") { $0.hasSuffix(suffix) }
    prompts = count(transcript)
    return transcript
  }

  /// Types `line`, presses Enter and waits for the next prompt; the transcript.
  @discardableResult
  func enter(_ line: String) throws -> String {
    try session.type(line)
    try session.sendKeys("Enter")
    return try waitForNextPrompt()
  }

  /// Ctrl-D on the empty line; the exit status.
  func quit() throws -> Int32 {
    try session.sendKeys("C-d")
    return try session.waitForExit()
  }
}

/// The real `seg` binary as an interactive shell on a pseudo-terminal (tmux).
///
/// Typing, Tab, continuation lines, errors, history across restarts, Ctrl-C during a long step,
/// `.save`, and the start-up file. Every session has its own temporary HOME and history file.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed; terminal tests are skipped"))
struct ReplTerminalTests {
  @Test func theLineIsColouredAsItIsTypedUnlessNoColorIsSet() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let seg = try ReplDriver(home: home, environment: ["NO_COLOR": ""])
    defer { seg.session.kill() }
    try seg.session.type(#"echo "hi" 42 $seed # note"#)
    // Both captures must have settled: the plain screen and the coloured repaint over it.
    let screen = try seg.session.waitFor("the coloured line", timeout: .seconds(10)) { screen in
      screen.hasSuffix(#"seg> echo "hi" 42 $seed # note"#)
        && ((try? seg.session.transcriptWithEscapes()) ?? "").contains("\u{1B}[90m# note")
    }
    #expect(screen.hasSuffix(#"seg> echo "hi" 42 $seed # note"#))
    let escaped = try seg.session.transcriptWithEscapes()
    #expect(escaped.contains("\u{1B}[1m\u{1B}[34mecho") || escaped.contains("\u{1B}[1;34mecho"), "\(escaped)")
    #expect(escaped.contains("\u{1B}[32m\"hi\""), "\(escaped)")
    #expect(escaped.contains("\u{1B}[33m42"), "\(escaped)")
    #expect(escaped.contains("\u{1B}[35m$seed"), "\(escaped)")
    // The coloured line runs like a plain one.
    try seg.session.sendKeys("Enter")
    #expect(try seg.waitForNextPrompt().hasSuffix("hi 42 42\nseg>"))
    #expect(try seg.quit() == 0)

    // With NO_COLOR set (ReplDriver's default), the line stays plain.
    let plainHome = try TemporaryDirectory()
    defer { plainHome.cleanup() }
    let plain = try ReplDriver(home: plainHome)
    defer { plain.session.kill() }
    try plain.session.type(#"echo "hi" 42"#)
    try plain.session.waitFor(#"seg> echo "hi" 42"#)
    #expect(!(try plain.session.transcriptWithEscapes()).contains("\u{1B}[32m"))
  }

  @Test func thePagerReceivesAWholeEntryAndTheBoxModeDrawsFrames() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    // A pager that marks every line it shows, so the test sees that the text went through it.
    let seg = try ReplDriver(home: home, environment: ["PAGER": "sed 's/^/paged: /'"])
    defer { seg.session.kill() }
    try seg.enter(".pager on")
    #expect(try seg.enter("echo 1; echo 2").hasSuffix("echo 1; echo 2\npaged: 1\npaged: 2\nseg>"))
    try seg.enter(".pager off")
    try seg.enter(".mode box")
    #expect(try seg.enter("echo 3").hasSuffix("echo 3\n3\nseg>"))
    try Data("id,name\n1,a\n".utf8).write(to: home.url.appendingPathComponent("t.csv"))
    let table = try seg.enter("load \"t.csv\"; head")
    #expect(table.contains("│ id │ name │"), "\(table)")
    #expect(try seg.quit() == 0)
  }

  @Test func aTypedSessionWithCompletionContinuationAndAnError() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let seg = try ReplDriver(home: home)
    defer { seg.session.kill() }
    #expect(try seg.session.transcript().hasPrefix("seg 0."))

    try seg.enter("set threshold = 3")

    // Tab completes a variable the session defined.
    try seg.session.type("echo $thr")
    try seg.session.sendKeys("Tab")
    try seg.session.waitFor("seg> echo $threshold")
    try seg.session.sendKeys("Enter")
    #expect(try seg.waitForNextPrompt().hasSuffix("echo $threshold\n3\nseg>"))

    // An open bracket continues on a `...>` line; the statement runs once it is closed.
    try seg.session.type("echo (1 +")
    try seg.session.sendKeys("Enter")
    try seg.session.waitFor("...>")
    #expect(try seg.enter("$threshold)").hasSuffix("seg> echo (1 +\n...> $threshold)\n4\nseg>"))

    // An error shows the caret diagnostic, named by entry, and the session goes on.
    #expect(
      try seg.enter("ech 1").hasSuffix(
        """
        seg> ech 1
        <input #4>:1:1: error: unknown command 'ech'
        1 | ech 1
          | ^^^
        help: did you mean 'echo'?
        seg>
        """))
    #expect(try seg.enter("echo \"still here\" $threshold").hasSuffix("still here 3\nseg>"))

    // A second Tab lists an option's values; Ctrl-C abandons the line.
    try seg.session.type("head format=")
    try seg.session.sendKeys("Tab", "Tab")
    let listing = try seg.session.waitFor("csv       json")
    #expect(listing.contains("csv       json      markdown  table"))
    try seg.session.sendKeys("C-c")
    try seg.waitForSuffix("seg> head format=^C\nseg>")

    #expect(try seg.quit() == 0)
  }

  @Test func historySurvivesARestart() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    do {
      let first = try ReplDriver(home: home)
      defer { first.session.kill() }
      try first.enter("echo 41")
      try first.enter(" echo \"not kept\"")
      try first.session.type("echo (1 +")
      try first.session.sendKeys("Enter")
      try first.session.waitFor("...>")
      try first.enter("2)")
      #expect(try first.quit() == 0)
    }
    let saved = try String(contentsOfFile: home.path("history"), encoding: .utf8)
    #expect(saved == "#seg-history v1\necho 41\necho (1 +\\n2)\n")

    let second = try ReplDriver(home: home)
    defer { second.session.kill() }
    // Up searches the history for what is typed: `echo 4` skips the newer `echo (1 +` entry.
    try second.session.type("echo 4")
    try second.session.sendKeys("Up")
    try second.session.waitFor("seg> echo 41")
    try second.session.sendKeys("Enter")
    #expect(try second.waitForNextPrompt().hasSuffix("seg> echo 41\n41\nseg>"))
    #expect(try second.quit() == 0)
  }

  @Test func ctrlCDuringALongStepCancelsItAndKeepsTheSession() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let seg = try ReplDriver(home: home)
    defer { seg.session.kill() }
    try seg.enter("set kept = \"yes\"")
    // A script big enough that reading it takes a while; larger when the machine is so fast
    // that the statement ended before the progress line showed or the Ctrl-C arrived.
    var lines = 400_000
    var cancelled = false
    for _ in 0..<3 where !cancelled {
      let script = "set x = 0\n" + String(repeating: "set x = $x + 1\n", count: lines)
      try Data(script.utf8).write(to: home.url.appendingPathComponent("big.seg"))
      let before = seg.prompts
      try seg.session.type(".read big.seg")
      try seg.session.sendKeys("Enter")
      // What the pane shows since this `.read` was typed.
      func latest(_ transcript: String) -> Substring {
        transcript.ranges(of: "seg> .read big.seg").last.map { transcript[$0.lowerBound...] }
          ?? ""
      }
      let seen = try seg.session.waitFor("the progress line or a prompt", timeout: .seconds(120)) {
        latest($0).contains("Ctrl-C cancels")
          || ($0.hasSuffix("seg>") && $0.components(separatedBy: "seg>").count - 1 > before)
      }
      if latest(seen).contains("Ctrl-C cancels") { try seg.session.sendKeys("C-c") }
      let after = try seg.waitForNextPrompt(timeout: .seconds(120))
      cancelled = latest(after) == "seg> .read big.seg\ncancelled\nseg>"
      lines *= 4
    }
    #expect(cancelled, "the long step was never seen running and cancelled")
    // The session is intact; the next statement waits for the cancelled one to stop.
    #expect(try seg.enter("echo $kept").hasSuffix("seg> echo $kept\nyes\nseg>"))
    #expect(try seg.quit() == 0)
  }

  @Test func saveWritesAScriptThatSegRunReproducesByteForByte() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let seg = try ReplDriver(home: home)
    defer { seg.session.kill() }
    try seg.enter("set k = 3")
    try seg.enter("echo \"k =\" ($k * 2)")
    try seg.enter("ech 1")
    try seg.enter("set k = 100")
    try seg.enter(".undo")
    try seg.enter("param label: string = \"x\"")
    try seg.enter("echo $label $k")
    let transcript = try seg.enter(".save \"my session.seg\"")
    #expect(transcript.hasSuffix("saved 4 statements to my session.seg\nseg>"))
    #expect(try seg.quit() == 0)

    let saved = try String(contentsOfFile: home.path("my session.seg"), encoding: .utf8)
    #expect(
      saved == """
        set seed = 42
        set k = 3
        echo "k =" ($k * 2)
        param label: string = "x"
        echo $label $k

        """)
    let binary = try #require(RepositoryPaths.segBinary)
    let replay = try SegProcess.run(binary, arguments: ["run", "my session.seg"], in: home.url)
    #expect(replay.status == 0)
    #expect(replay.stdout == "k = 6\nx 3\n")
    #expect(transcript.contains("\nk = 6\n") && transcript.contains("\nx 3\n"))
  }

  @Test func theStartUpFileRunsUnlessNoInit() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    try Data("set greeting = \"hello\"\n.timer on\n".utf8).write(
      to: home.url.appendingPathComponent(".segrc"))
    do {
      let seg = try ReplDriver(home: home)
      defer { seg.session.kill() }
      #expect(try seg.enter("echo $greeting").contains("seg> echo $greeting\nhello\ntime: "))
      #expect(try seg.quit() == 0)
    }
    let bare = try ReplDriver(home: home, arguments: ["--no-init"])
    defer { bare.session.kill() }
    #expect(try bare.enter("echo $greeting").contains("error: no variable '$greeting'"))
    #expect(try bare.quit() == 0)
  }
}
