/// Input for `sizes`: customers and revenue per segment as paired bars.
public struct SizesData: Sendable, Equatable {
  public var segments: [SegmentSize]
  public var moneyFormat: ValueFormat

  public init(segments: [SegmentSize], moneyFormat: ValueFormat = .pounds) {
    self.segments = segments
    self.moneyFormat = moneyFormat
  }

  /// Whether any segment has a revenue: a customer table without money (a log without prices)
  /// gives NaN revenues, and the charts then show customers only.
  public var hasRevenue: Bool { segments.contains { $0.revenue.isFinite } }
}

/// One segment's size and revenue.
public struct SegmentSize: Sendable, Equatable {
  public var segment: ChartSegment
  public var customers: Int
  public var revenue: Double

  public init(segment: ChartSegment, customers: Int, revenue: Double) {
    self.segment = segment
    self.customers = customers
    self.revenue = revenue
  }

  public init(index: Int, name: String, customers: Int, revenue: Double) {
    self.init(
      segment: ChartSegment(index: index, name: name), customers: customers, revenue: revenue)
  }
}
