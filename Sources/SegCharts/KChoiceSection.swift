/// How k was chosen: the chosen value, why, the criteria per k, and charts.
public struct KChoiceSection: Sendable, Equatable {
  public var chosenK: Int
  /// One or two sentences on why this k.
  public var rationale: String
  /// The criteria per k (k, inertia, silhouette, ...), one row per k.
  public var criteria: ReportTable
  public var charts: [ReportFigure]

  public init(chosenK: Int, rationale: String, criteria: ReportTable, charts: [ReportFigure] = []) {
    self.chosenK = chosenK
    self.rationale = rationale
    self.criteria = criteria
    self.charts = charts
  }
}
