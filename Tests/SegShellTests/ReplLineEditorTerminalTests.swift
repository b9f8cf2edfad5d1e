import Foundation
import SegTestSupport
import Testing

@testable import SegShell

/// Whether brackets and quotes are balanced and the text does not end in `\`: a stand-in for
/// the real lexer's answer.
private func isCompleteStatement(_ text: String) -> Bool {
  var depth = 0
  var inString = false
  var escaped = false
  for character in text {
    if inString {
      if escaped {
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "\"" {
        inString = false
      }
      continue
    }
    switch character {
    case "\"": inString = true
    case "[", "(": depth += 1
    case "]", ")": depth -= 1
    default: break
    }
  }
  return depth <= 0 && !inString && !text.hasSuffix("\\")
}

/// The inner half of ``ReplLineEditorTerminalTests``: a minimal REPL loop over ``LineEditor``.
///
/// It prints what it reads. It runs only inside the terminal the outer test starts (the test
/// binary runs itself under tmux with `SEG_REPL_PROBE=1`), never in a normal test run.
@Suite struct ReplLineEditorProbe {
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["SEG_REPL_PROBE"] == "1",
      "runs only inside the terminal started by ReplLineEditorTerminalTests"))
  func echoStatementsUntilEndOfInput() {
    let environment = ProcessInfo.processInfo.environment
    var (history, warnings) = PersistentHistory.open(
      file: HistoryFile.location(environment: environment))
    for warning in warnings { print("warning: \(warning)") }
    guard let editor = LineEditor(history: history.history.entries, environment: environment)
    else {
      Issue.record("no line editor although standard input and output are a terminal")
      return
    }
    editor.completionModel = sampleModel
    editor.files = sampleFiles
    print("PROBE READY")
    loop: while true {
      switch editor.readStatement(isComplete: isCompleteStatement) {
      case .statement(let text):
        print("GOT[\(text.replacingOccurrences(of: "\n", with: "⏎"))]")
        let outcome = history.record(text)
        if let entry = outcome.entry { editor.addHistory(entry) }
        for warning in outcome.warnings { print("warning: \(warning)") }
      case .interrupted:
        print("INTERRUPTED")
      case .endOfInput:
        print("BYE")
        break loop
      }
    }
  }
}

/// The line editor on a real pseudo-terminal: the test binary runs ``ReplLineEditorProbe`` in
/// tmux and types at it.
@Suite(TmuxSession.enabledTrait) struct ReplLineEditorTerminalTests {
  /// The running test binary.
  private static var testBinary: String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }

  private func startProbe(home: URL, extra: [String: String] = [:]) throws -> TmuxSession {
    var environment = TmuxSession.hermeticEnvironment(home: home)
    environment["SEG_REPL_PROBE"] = "1"
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { $1 }
    let session = try TmuxSession(
      command: [
        Self.testBinary, "--testing-library", "swift-testing", "--filter",
        "ReplLineEditorProbe",
      ],
      width: 100, height: 30, environment: environment, workingDirectory: home)
    try session.waitFor("PROBE READY")
    try session.waitFor("seg>")
    return session
  }

  // Keys are sent only once the next prompt is on the screen: libedit switches the terminal
  // to editing mode before drawing the prompt, and a Ctrl-D typed earlier, while the terminal
  // is still in line mode, would be taken by the line discipline (as in any readline program).

  private func occurrences(of text: String, in transcript: String) -> Int {
    transcript.components(separatedBy: text).count - 1
  }

  @Test func editingCompletionInterruptHistoryAndEndOfInput() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let session = try startProbe(home: home.url)
    defer { session.kill() }

    // Tab completes an enum value after `method=`.
    try session.type("cluster method=km")
    try session.sendKeys("Tab", "Enter")
    try session.waitFor("GOT[cluster method=kmeans ]\nseg>")

    // An unclosed bracket continues on a `...> ` line; the statement is one entry.
    try session.type("filter (recency")
    try session.sendKeys("Enter")
    try session.waitFor("...>")
    try session.type("  < 3)")
    try session.sendKeys("Enter")
    try session.waitFor("GOT[filter (recency⏎  < 3)]\nseg>")

    // Ctrl-C abandons the line being typed, also in a continuation line.
    try session.type("filter monet")
    // The terminal discards unread input on Ctrl-C, so wait until the editor has drawn it.
    try session.waitFor("seg> filter monet")
    try session.sendKeys("C-c")
    try session.waitFor("INTERRUPTED\nseg>")
    #expect(try session.transcript().contains("seg> filter monet^C"))
    try session.type("cluster cols=[recency,")
    try session.sendKeys("Enter")
    try session.waitFor("seg> cluster cols=[recency,\n...>")
    try session.sendKeys("C-c")
    try session.waitFor("...> ^C\nINTERRUPTED\nseg>")

    // A second Tab lists the candidates below the line.
    try session.type("cluster method=")
    try session.sendKeys("Tab", "Tab")
    try session.waitFor("dbscan        gmm           hierarchical  kmeans")
    try session.sendKeys("C-c")
    try session.waitFor("three interrupts") {
      self.occurrences(of: "INTERRUPTED", in: $0) == 3 && $0.hasSuffix("seg>")
    }

    // Up recalls the multi-line entry whole; typed text narrows the search to a prefix.
    try session.sendKeys("Up", "Enter")
    try session.waitFor("the multi-line entry twice") {
      self.occurrences(of: "GOT[filter (recency⏎  < 3)]", in: $0) == 2 && $0.hasSuffix("seg>")
    }
    try session.type("clu")
    try session.sendKeys("Up", "Enter")
    // (History keeps statements without the trailing blank Tab added.)
    try session.waitFor("GOT[cluster method=kmeans]\nseg>")

    // Ctrl-D on an empty line ends the input and the terminal is handed back.
    try session.sendKeys("C-d")
    try session.waitFor("BYE")
    #expect(try session.waitForExit() == 0)

    let saved = HistoryFile(url: home.url.appendingPathComponent("state/seg/history")).load()
    #expect(
      saved.entries == [
        "cluster method=kmeans", "filter (recency\n  < 3)", "cluster method=kmeans",
      ])
  }

  @Test func viKeysFromEditrc() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    try Data("# seg test\nbind -v\n".utf8).write(to: home.url.appendingPathComponent(".editrc"))
    let session = try startProbe(home: home.url)
    defer { session.kill() }
    try session.type("scale")
    try session.sendKeys("Escape")
    usleep(200_000)  // let libedit see Escape alone, not as the start of a key sequence
    try session.type("0cw")
    try session.type("elbow")
    try session.sendKeys("Escape")
    usleep(200_000)
    try session.sendKeys("Enter")
    try session.waitFor("GOT[elbow]\nseg>")
    // Tab completion still works in vi insert mode.
    try session.type("filter rec")
    try session.sendKeys("Tab", "Enter")
    try session.waitFor("GOT[filter recency ]\nseg>")
    try session.sendKeys("C-d")
    #expect(try session.waitForExit() == 0)
  }
}
