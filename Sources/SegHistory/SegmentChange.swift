/// How one segment changed between two runs, by name.
public struct SegmentChange: Sendable, Equatable {
  /// The segment name.
  public var name: String
  /// Customers in the segment in the previous run (0 when the segment is new).
  public var previousSize: Int
  /// Customers in the segment in the current run (0 when the segment vanished).
  public var currentSize: Int
  /// The segment's revenue in the previous run (0 when new).
  public var previousRevenue: Double
  /// The segment's revenue in the current run (0 when vanished).
  public var currentRevenue: Double
  /// Whether the name appears in the previous run.
  public var inPrevious: Bool
  /// Whether the name appears in the current run.
  public var inCurrent: Bool

  /// Creates a change.
  public init(
    name: String, previousSize: Int, currentSize: Int, previousRevenue: Double,
    currentRevenue: Double, inPrevious: Bool, inCurrent: Bool
  ) {
    self.name = name
    self.previousSize = previousSize
    self.currentSize = currentSize
    self.previousRevenue = previousRevenue
    self.currentRevenue = currentRevenue
    self.inPrevious = inPrevious
    self.inCurrent = inCurrent
  }

  /// `currentSize - previousSize`.
  public var sizeChange: Int { currentSize - previousSize }
  /// `currentRevenue - previousRevenue`.
  public var revenueChange: Double { currentRevenue - previousRevenue }
  /// Whether the segment exists only in the current run.
  public var isNew: Bool { inCurrent && !inPrevious }
  /// Whether the segment exists only in the previous run.
  public var hasVanished: Bool { inPrevious && !inCurrent }
}
