/// What ``HistoryStore/save(_:threshold:duringSave:)`` returns: the new run's id and how its
/// clusters matched the previous run's segments.
public struct SavedRun: Sendable, Equatable {
  /// The new run's id (ids increase with every save and are never reused).
  public var id: Int
  /// The matching against the run saved before it (all `new` for the first run).
  public var matching: SegmentMatching

  /// Creates a result.
  public init(id: Int, matching: SegmentMatching) {
    self.id = id
    self.matching = matching
  }
}
