/// Input for `scatter`: points in two dimensions (PCA or t-SNE coordinates, or two features),
/// coloured by segment, with centroids marked.
public struct ScatterData: Sendable, Equatable {
  public var x: [Double]
  public var y: [Double]
  /// The segment index of each point; negative for outliers/noise (grey).
  public var labels: [Int]
  /// The segments for the legend, in order.
  public var segments: [ChartSegment]
  /// Centroids to mark, in the same coordinates.
  public var centroids: [ScatterCentroid]
  public var xFeature: ChartFeature
  public var yFeature: ChartFeature

  public init(
    x: [Double], y: [Double], labels: [Int], segments: [ChartSegment],
    centroids: [ScatterCentroid] = [],
    xFeature: ChartFeature = ChartFeature(name: "PC1"),
    yFeature: ChartFeature = ChartFeature(name: "PC2")
  ) {
    self.x = x
    self.y = y
    self.labels = labels
    self.segments = segments
    self.centroids = centroids
    self.xFeature = xFeature
    self.yFeature = yFeature
  }
}

/// A centroid marker for a scatter chart.
public struct ScatterCentroid: Sendable, Equatable {
  public var segment: Int
  public var x: Double
  public var y: Double

  public init(segment: Int, x: Double, y: Double) {
    self.segment = segment
    self.x = x
    self.y = y
  }
}
