internal import Foundation
import SegLang

/// Starts the REPL in the real process: history, the start-up file, the line editor.
enum InteractiveShell {
  /// What `seg` prints when the shell starts on a terminal.
  static let banner = "seg \(SegVersion.string): type .help for help, Ctrl-D to leave\n"

  /// Runs the shell until Ctrl-D or `.quit`.
  ///
  /// Uses the libedit editor when standard input and output are both terminals, else plain
  /// lines from standard input (prompts on standard error). History goes to
  /// ``HistoryFile/location(environment:)``; problems with it are warnings.
  /// - Parameters:
  ///   - host: The real process's host.
  ///   - runsInitFile: Whether to run `~/.segrc` first (false after `--no-init`).
  /// - Returns: The exit status: success once the user leaves.
  static func run(host: RealHost, runsInitFile: Bool) -> ExitStatus {
    let environment = ProcessInfo.processInfo.environment
    let (history, warnings) = PersistentHistory.open(
      file: HistoryFile.location(environment: environment))
    let entries = history.history.entries
    var repl = Repl(
      host: host, console: TerminalConsole(environment: environment),
      interrupts: InterruptFlag.shared, history: history)
    for warning in warnings {
      host.report(
        Diagnostic("repl-warning", severity: .warning, warning.description, at: .none), in: nil)
    }
    InterruptFlag.shared.arm()
    if let editor = LineEditor(history: entries, environment: environment) {
      host.writeOutput(banner)
      if runsInitFile,
        let path = InitFile.location(environment: environment, fileExists: host.fileExists)
      {
        repl.runInitFile(atPath: path)
      }
      return repl.run(lines: editor)
    }
    if runsInitFile,
      let path = InitFile.location(environment: environment, fileExists: host.fileExists)
    {
      repl.runInitFile(atPath: path)
    }
    return repl.run(lines: PlainLineSource(interrupts: InterruptFlag.shared))
  }
}
