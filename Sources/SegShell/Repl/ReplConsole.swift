internal import CLibEdit
internal import Foundation

/// The REPL's side channel to the person at the terminal: the progress line, `cancelled`,
/// timings and warnings (standard error), and the facts that decide how results are laid out.
protocol ReplConsole: Sendable {
  /// Writes `text` to the status stream (standard error) as is.
  func writeStatus(_ text: String)
  /// Whether the status stream is a terminal: only then is a progress line drawn.
  var showsProgress: Bool { get }
  /// The width of the status stream's terminal, which the progress line must not exceed.
  var statusWidth: Int { get }
  /// The width of the terminal results go to, or `nil` when standard output is not a terminal
  /// (then nothing is cut).
  var outputWidth: Int? { get }
  /// The height in rows of the terminal results go to, or `nil` when standard output is not a
  /// terminal (then nothing is paged).
  var outputHeight: Int? { get }
  /// Shows `text` through the pager and waits for it to exit; false when it cannot be started.
  func page(_ text: String) -> Bool
}

/// The real console: standard error, and the terminal behind standard output.
struct TerminalConsole: ReplConsole {
  let environment: [String: String]

  init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  func writeStatus(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  var showsProgress: Bool { TerminalInfo.isTerminal(2) }

  var statusWidth: Int { TerminalInfo.columns(of: 2, environment: environment) }

  var outputWidth: Int? {
    TerminalInfo.isTerminal(1) ? TerminalInfo.columns(environment: environment) : nil
  }

  var outputHeight: Int? {
    guard TerminalInfo.isTerminal(1) else { return nil }
    let rows = Int(seg_terminal_rows(STDOUT_FILENO))
    return rows > 0 ? rows : 24
  }

  /// The pager command: `$PAGER` when set and not blank, else `less -FRX` (which quits at once
  /// when the text fits the screen, keeps colours, and leaves the text on screen).
  var pagerCommand: String {
    let pager = environment["PAGER"]?.trimmingCharacters(in: .whitespaces) ?? ""
    return pager.isEmpty ? "less -FRX" : pager
  }

  func page(_ text: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", pagerCommand]
    let input = Pipe()
    process.standardInput = input
    do {
      try process.run()
    } catch {
      return false
    }
    // A pager that quits early (q in less) closes the pipe: writing then fails with EPIPE
    // instead of killing seg, since SIGPIPE is ignored while the pager runs.
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }
    try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return process.terminationReason == .exit && process.terminationStatus != 127
  }
}
