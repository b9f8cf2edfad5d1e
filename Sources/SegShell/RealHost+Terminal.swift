import Foundation

extension RealHost {
  /// The terminal's width (`TIOCGWINSZ`, else `$COLUMNS`, else 80) when standard output is a
  /// terminal; `nil` otherwise.
  public var terminalColumns: Int? {
    isOutputTerminal ? TerminalInfo.columns(environment: ProcessInfo.processInfo.environment) : nil
  }
}
