/// How a command's output reaches a person: the interactive shell's table settings and its
/// progress line.
///
/// Scripts run with the default value, which changes nothing.
///
/// Commands print tables through ``ExecutionContext/tableFormatter(format:)`` so that `.mode`,
/// `.maxrows` and the terminal width apply, and report long steps through
/// ``ExecutionContext/reportProgress(_:fraction:)``.
public struct DisplayOptions: Sendable {
  /// The format tables print in when a command is not told (`.mode`); `nil` keeps
  /// ``Workspace/tableFormat``.
  public var tableFormat: TableFormat?
  /// The most rows a text or Markdown table prints (`.maxrows`); `nil` prints every row.
  public var maximumRows: Int?
  /// The terminal width a text table is fitted to; `nil` never hides columns.
  public var maximumWidth: Int?
  /// Receives progress reports: a short message and, when known, the fraction done (0...1).
  ///
  /// Called on the thread running the statement.
  public var progress: (@Sendable (_ message: String, _ fraction: Double?) -> Void)?

  /// Options that limit nothing and show no progress.
  public init(
    tableFormat: TableFormat? = nil, maximumRows: Int? = nil, maximumWidth: Int? = nil,
    progress: (@Sendable (_ message: String, _ fraction: Double?) -> Void)? = nil
  ) {
    self.tableFormat = tableFormat
    self.maximumRows = maximumRows
    self.maximumWidth = maximumWidth
    self.progress = progress
  }
}

extension ExecutionContext {
  /// Reports how far a long step has got, for the REPL's progress line; does nothing in scripts.
  ///
  /// Call it between chunks of work, next to ``checkCancellation(at:)``: `"k = 4 of 10"`,
  /// `fraction: 0.4`.
  public func reportProgress(_ message: String, fraction: Double? = nil) {
    display.progress?(message, fraction.map { min(max($0, 0), 1) })
  }

  /// The formatter for printing a table: `format` when the command was given one, else the
  /// session's format; cells truncated only on a terminal; rows and columns limited as
  /// ``display`` says.
  public func tableFormatter(format: TableFormat? = nil) -> TableFormatter {
    var formatter = TableFormatter(
      format: format ?? display.tableFormat ?? workspace.tableFormat,
      maximumCellWidth: host.isOutputTerminal ? 40 : nil)
    formatter.maximumRows = display.maximumRows
    formatter.maximumWidth = display.maximumWidth
    return formatter
  }
}
