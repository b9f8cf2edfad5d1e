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

extension ScatterData {
  /// The number of points: the shortest of `x`, `y` and `labels`.
  var count: Int { min(x.count, y.count, labels.count) }

  /// The points with finite coordinates, in order.
  var finiteIndices: [Int] { (0..<count).filter { x[$0].isFinite && y[$0].isFinite } }

  /// The x and y ranges of the points at `indices` and the finite centroids.
  func extent(of indices: [Int]) -> (Double, Double, Double, Double) {
    let xs = indices.map { x[$0] } + centroids.map(\.x).filter(\.isFinite)
    let ys = indices.map { y[$0] } + centroids.map(\.y).filter(\.isFinite)
    let (x0, x1) = ChartStats.extent(xs) ?? (0, 1)
    let (y0, y1) = ChartStats.extent(ys) ?? (0, 1)
    return (x0, x1, y0, y1)
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
