/// The segments: a profile table with sizes, revenue shares, feature means and suggested
/// actions, followed by charts.
public struct SegmentSection: Sendable, Equatable {
  /// The features whose means the table shows, in column order.
  public var features: [ChartFeature]
  public var segments: [ReportSegment]
  public var moneyFormat: ValueFormat
  public var charts: [ReportFigure]

  public init(
    features: [ChartFeature], segments: [ReportSegment], moneyFormat: ValueFormat = .pounds,
    charts: [ReportFigure] = []
  ) {
    self.features = features
    self.segments = segments
    self.moneyFormat = moneyFormat
    self.charts = charts
  }
}

/// One segment's row in the profile table.
public struct ReportSegment: Sendable, Equatable {
  public var segment: ChartSegment
  public var customers: Int
  public var revenue: Double
  /// Mean of each of the section's features, in order.
  public var means: [Double]
  /// The suggested action; `nil` uses `SegmentAction.suggested(for:)` on the name.
  public var action: String?

  public init(
    segment: ChartSegment, customers: Int, revenue: Double, means: [Double], action: String? = nil
  ) {
    self.segment = segment
    self.customers = customers
    self.revenue = revenue
    self.means = means
    self.action = action
  }

  /// The action shown: the given one, or the default for the name.
  public var suggestedAction: String { action ?? SegmentAction.suggested(for: segment.name) }
}
