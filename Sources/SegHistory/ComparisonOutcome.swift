/// The result of comparing the latest run of a history with the one before it.
public enum ComparisonOutcome: Sendable, Equatable {
  /// The history holds no run yet.
  case noRuns
  /// The history holds one run, which has nothing to be compared with (not an error).
  case firstRun(runID: Int)
  /// The latest run compared with the one saved before it.
  case compared(RunComparison)

  /// The comparison, when there is one.
  public var comparison: RunComparison? {
    if case .compared(let c) = self { c } else { nil }
  }
}
