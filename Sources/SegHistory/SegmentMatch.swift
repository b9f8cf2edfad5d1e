/// How one cluster of a new run relates to the previous run's segments.
public struct SegmentMatch: Sendable, Equatable {
  /// The outcome for one new cluster.
  public enum Status: String, Sendable, Equatable, CaseIterable {
    /// Assigned to a previous segment whose centroid is within the threshold: the cluster is the
    /// same kind of customer and keeps the previous name.
    case matched
    /// Assigned to a previous segment, but the centroid moved farther than the threshold: the
    /// name is not carried over, and the move is reported.
    case moved
    /// No previous segment was left for this cluster (more clusters than before), or there is
    /// no comparable previous run.
    case new
  }

  /// The new run's cluster number.
  public var cluster: Int
  /// The outcome.
  public var status: Status
  /// The previous run's cluster assigned to this one (`nil` when ``status`` is `new`).
  public var previousCluster: Int?
  /// The name of that previous segment (`nil` when ``status`` is `new`).
  public var previousName: String?
  /// The Euclidean distance between the two centroids in scaled units (`nil` when `new`).
  public var distance: Double?

  /// Creates a match.
  public init(
    cluster: Int, status: Status, previousCluster: Int? = nil, previousName: String? = nil,
    distance: Double? = nil
  ) {
    self.cluster = cluster
    self.status = status
    self.previousCluster = previousCluster
    self.previousName = previousName
    self.distance = distance
  }

  /// The previous name this cluster should keep: ``previousName`` when ``status`` is
  /// `matched`, otherwise `nil`.
  public var inheritedName: String? { status == .matched ? previousName : nil }
}
