extension ScriptHost {
  /// Not a terminal, or a host that cannot tell: charts use 80 columns.
  public var terminalColumns: Int? { nil }

  /// Whether output may use ANSI colour: standard output is a terminal and `NO_COLOR` is unset
  /// (or empty).
  public var colorsOutput: Bool {
    isOutputTerminal && (environment("NO_COLOR") ?? "").isEmpty
  }
}
