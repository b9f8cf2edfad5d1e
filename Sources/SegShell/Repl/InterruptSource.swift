/// Where the REPL learns that Ctrl-C was pressed while a statement runs: the process's
/// ``InterruptFlag`` for real, a scripted one in tests.
protocol InterruptSource: Sendable {
  /// Whether Ctrl-C was pressed since the last ``reset()``.
  func isRequested() -> Bool
  /// Forgets an earlier Ctrl-C.
  func reset()
}

extension InterruptFlag: InterruptSource {
  func isRequested() -> Bool { check() }
}
