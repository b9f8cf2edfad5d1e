/// The size, revenue and feature means of one segment of a run.
///
/// Computed from the run's customers in customer order (a fixed summation order, so the same
/// run always gives the same bits). An empty segment has size 0, revenue 0 and NaN means; a NaN
/// feature value or revenue is skipped (the mean is over the customers that have the value).
public struct SegmentProfile: Sendable, Equatable {
  /// The cluster number.
  public var cluster: Int
  /// The segment name.
  public var name: String
  /// The number of customers in the segment.
  public var size: Int
  /// The sum of the customers' revenue.
  public var revenue: Double
  /// The mean of each feature over the segment's customers, in original units.
  public var means: [Double]

  /// Creates a profile.
  public init(cluster: Int, name: String, size: Int, revenue: Double, means: [Double]) {
    self.cluster = cluster
    self.name = name
    self.size = size
    self.revenue = revenue
    self.means = means
  }

  /// Profiles are equal when all fields are; a NaN mean equals a NaN mean.
  public static func == (a: SegmentProfile, b: SegmentProfile) -> Bool {
    a.cluster == b.cluster && a.name == b.name && a.size == b.size
      && Numbers.same(a.revenue, b.revenue) && Numbers.same(a.means, b.means)
  }
}
