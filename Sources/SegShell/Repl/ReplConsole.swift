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
}
