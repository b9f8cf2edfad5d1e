import SegLang

extension MemoryHost {
  /// When the host claims to be a terminal: `$COLUMNS` from its environment, else 80; `nil`
  /// otherwise.
  package var terminalColumns: Int? {
    guard isOutputTerminal else { return nil }
    return variables["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 80
  }
}
