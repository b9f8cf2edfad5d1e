/// A chart with a caption, for a report.
public struct ReportFigure: Sendable, Equatable {
  public var caption: String
  public var chart: ChartData

  public init(caption: String, chart: ChartData) {
    self.caption = caption
    self.chart = chart
  }
}
