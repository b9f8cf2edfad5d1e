/// Input for `migration`: how many customers moved from each segment of one run to each segment
/// of another.
public struct MigrationData: Sendable, Equatable {
  /// The segments of the earlier run (rows).
  public var from: [ChartSegment]
  /// The segments of the later run (columns).
  public var to: [ChartSegment]
  /// Row-major counts, `from.count × to.count`; missing entries count as 0.
  public var counts: [Int]
  public var fromTitle: String
  public var toTitle: String

  public init(
    from: [ChartSegment], to: [ChartSegment], counts: [Int], fromTitle: String = "Previous run",
    toTitle: String = "This run"
  ) {
    self.from = from
    self.to = to
    self.counts = counts
    self.fromTitle = fromTitle
    self.toTitle = toTitle
  }

  func count(_ row: Int, _ column: Int) -> Int {
    let i = row * to.count + column
    return i < counts.count ? max(0, counts[i]) : 0
  }

  /// The customers in `row` across all columns.
  func rowTotal(_ row: Int) -> Int {
    (0..<to.count).reduce(0) { $0 + count(row, $1) }
  }
}
