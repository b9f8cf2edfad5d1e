/// The REPL's display settings, changed by `.mode`, `.maxrows`, `.timer` and `.pager`.
struct ReplSettings: Sendable, Equatable {
  /// How a table result is printed.
  enum OutputMode: String, Sendable, Equatable, CaseIterable {
    /// Aligned columns with a header rule (the default).
    case table
    /// RFC 4180 comma-separated values with a header row.
    case csv
    /// A JSON array of row objects.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// A table drawn with box characters, as the DuckDB shell draws results.
    case box
  }

  /// When an entry's output goes through the pager (`$PAGER`, else `less -FRX`).
  enum PagerMode: String, Sendable, Equatable, CaseIterable {
    /// Always, when standard output is a terminal.
    case on
    /// Never.
    case off
    /// When the output has more lines than the terminal.
    case auto
  }

  /// How table results are printed.
  var mode: OutputMode = .table
  /// When output is paged.
  var pager: PagerMode = .off
  /// The most rows a table result prints; `nil` prints every row.
  var maxRows: Int? = 40
  /// Whether each statement's wall-clock time is printed after it.
  var timer: Bool = false

  /// The settings a new REPL session starts with.
  static let `default` = ReplSettings()

  /// Applies a settings dot-command and returns whether it changed anything.
  ///
  /// `.mode`, `.maxrows` and `.timer` with an argument set the value; without one (and every
  /// other command) they leave the settings alone: the REPL prints the current value instead.
  @discardableResult
  mutating func apply(_ command: DotCommand) -> Bool {
    let before = self
    switch command {
    case .mode(let mode?): self.mode = mode
    case .maxRows(let limit?): self.maxRows = limit.rowCount
    case .timer(let on?): self.timer = on
    case .pager(let mode?): self.pager = mode
    default: break
    }
    return self != before
  }

  /// The settings as the `.show`-style lines `.mode`, `.maxrows` and `.timer` print without an
  /// argument, e.g. `mode: table`.
  var descriptionLines: [String] {
    [
      "mode: \(mode.rawValue)",
      "maxrows: \(maxRows.map(String.init) ?? "all")",
      "timer: \(timer ? "on" : "off")",
      "pager: \(pager.rawValue)",
    ]
  }
}
