/// Input for the silhouette diagram of one clustering: per-sample silhouette values drawn as
/// sorted bands, one band per segment, with the mean as a line.
public struct SilhouetteDiagramData: Sendable, Equatable {
  /// The silhouette value of each sample, in -1...1.
  public var values: [Double]
  /// The segment index of each sample (same length as `values`).
  public var labels: [Int]
  /// The segments in display order (top to bottom); samples whose label is not listed are
  /// drawn as a grey "Other" band.
  public var segments: [ChartSegment]
  /// The mean silhouette to mark; `nil` computes it from `values` (in index order).
  public var mean: Double?

  public init(values: [Double], labels: [Int], segments: [ChartSegment], mean: Double? = nil) {
    self.values = values
    self.labels = labels
    self.segments = segments
    self.mean = mean
  }
}
