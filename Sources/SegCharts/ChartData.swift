/// Any chart seg can draw, with its data: what `plot KIND` renders and reports embed.
public enum ChartData: Sendable, Equatable {
  case box(BoxplotData)
  case hist(HistogramData)
  case elbow(ElbowData)
  case silhouette(SilhouetteCurveData)
  case silhouetteDiagram(SilhouetteDiagramData)
  case profile(ProfileData)
  case snake(ProfileData)
  case heatmap(HeatmapData)
  case scatter(ScatterData)
  case sizes(SizesData)
  case migration(MigrationData)

  /// The kind of chart.
  public var kind: ChartKind {
    switch self {
    case .box: .box
    case .hist: .hist
    case .elbow: .elbow
    case .silhouette: .silhouette
    case .silhouetteDiagram: .silhouetteDiagram
    case .profile: .profile
    case .snake: .snake
    case .heatmap: .heatmap
    case .scatter: .scatter
    case .sizes: .sizes
    case .migration: .migration
    }
  }
}

/// The chart kinds, named as `plot` spells them.
public enum ChartKind: String, Sendable, CaseIterable {
  case box
  case hist
  case elbow
  case silhouette
  case silhouetteDiagram = "silhouette-diagram"
  case profile
  case snake
  case heatmap
  case scatter
  case sizes
  case migration

  /// The title a chart of this kind gets when the options give none.
  public var defaultTitle: String {
    switch self {
    case .box: "Feature distributions"
    case .hist: "Feature histograms"
    case .elbow: "Elbow: inertia by number of segments"
    case .silhouette: "Mean silhouette by number of segments"
    case .silhouetteDiagram: "Silhouette per customer, by segment"
    case .profile: "Segment profiles: average recency, frequency and monetary value"
    case .snake: "Standardized feature means by segment"
    case .heatmap: "Recency score by frequency score"
    case .scatter: "Customers by segment"
    case .sizes: "Customers and revenue by segment"
    case .migration: "Segment migration"
    }
  }
}
