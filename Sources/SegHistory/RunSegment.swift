/// One cluster of a run as the caller defines it: its name and centroid.
///
/// A run's segments are indexed by cluster: `segments[c]` describes cluster `c`. The size,
/// revenue and feature means are not given here; ``RunRecord/profiles`` computes them from the
/// customers, so they always agree with the stored customer rows.
public struct RunSegment: Sendable, Equatable {
  /// The segment name, unique within the run ("Champions").
  public var name: String
  /// The centroid in original feature units, one value per feature.
  public var centroid: [Double]
  /// The centroid in the scaled space the clustering ran in, one value per feature.
  ///
  /// Segment matching across runs measures distances here.
  public var scaledCentroid: [Double]

  /// Creates a segment.
  public init(name: String, centroid: [Double], scaledCentroid: [Double]) {
    self.name = name
    self.centroid = centroid
    self.scaledCentroid = scaledCentroid
  }
}
