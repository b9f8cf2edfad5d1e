import SegCore

/// Keeps segment names stable across refreshes: matches a new run's clusters to the previous
/// run's segments by optimal assignment on centroid distance.
///
/// Definitions (also in `docs/refresh.md`):
/// - The cost of pairing new cluster `c` with previous segment `p` is the Euclidean distance
///   between their centroids in scaled units (each run's own scaled space; with standardized
///   features one unit is one standard deviation of that run's customers).
/// - The pairing minimizes the total cost over all pairs (Hungarian algorithm,
///   ``OptimalAssignment``). With more new clusters than previous segments, the extra clusters
///   are `new`; with fewer, the unpaired previous segments vanish.
/// - A pair farther apart than `threshold` is `moved`: reported, and the name is not carried
///   over, since the cluster no longer describes the same kind of customer.
public enum SegmentMatcher {
  /// The default threshold: a centroid may move up to 1.0 scaled unit (one standard deviation
  /// of Euclidean distance over all features) and keep its name.
  public static let defaultThreshold = 1.0

  /// Matches new centroids to previous ones.
  ///
  /// - Parameters:
  ///   - previousNames: The previous run's segment names, indexed by its clusters.
  ///   - previousCentroids: The previous scaled centroids, row-major `previousNames.count × d`.
  ///   - currentCentroids: The new scaled centroids, row-major `k × d`.
  ///   - d: The number of features (the same features in the same order in both runs).
  ///   - threshold: The largest distance that keeps a name.
  ///   - previousRunID: Recorded in the result.
  /// - Returns: One ``SegmentMatch`` per new cluster, and the vanished previous names.
  /// - Precondition: The shapes agree and every centroid value is finite.
  /// - Complexity: O(k·k'·d + min(k,k')²·max(k,k')).
  public static func match(
    previousNames: [String], previousCentroids: [Double], currentCentroids: [Double],
    dimension d: Int, threshold: Double = defaultThreshold, previousRunID: Int? = nil
  ) -> SegmentMatching {
    precondition(d > 0 && currentCentroids.count % d == 0, "centroid shape")
    precondition(previousCentroids.count == previousNames.count * d, "previous centroid shape")
    let k = currentCentroids.count / d
    let kPrevious = previousNames.count
    var costs = [Double](repeating: 0, count: k * kPrevious)
    for c in 0..<k {
      for p in 0..<kPrevious {
        costs[c * kPrevious + p] = Numbers.distance(
          currentCentroids, c * d, previousCentroids, p * d, d)
      }
    }
    let assignment = OptimalAssignment.minimizingCost(costs, rows: k, columns: kPrevious)
    var inherited = [Bool](repeating: false, count: kPrevious)
    let matches = assignment.enumerated().map { c, p -> SegmentMatch in
      guard let p else { return SegmentMatch(cluster: c, status: .new) }
      let distance = costs[c * kPrevious + p]
      let keeps = distance <= threshold
      if keeps { inherited[p] = true }
      return SegmentMatch(
        cluster: c, status: keeps ? .matched : .moved, previousCluster: p,
        previousName: previousNames[p], distance: distance)
    }
    return SegmentMatching(
      previousRunID: previousRunID, threshold: threshold, featuresDiffer: false, matches: matches,
      vanished: (0..<kPrevious).filter { !inherited[$0] }.map { previousNames[$0] })
  }

  /// The matching of a run that has nothing to match against: every cluster is `new`.
  ///
  /// - Parameters:
  ///   - k: The number of new clusters.
  ///   - threshold: Recorded in the result.
  ///   - previousRunID: The previous run when there is one whose features differ, else `nil`.
  ///   - previousNames: That run's names, all of which vanish.
  /// - Returns: `k` `new` matches; `featuresDiffer` is true when `previousRunID` is given.
  public static func unmatched(
    k: Int, threshold: Double = defaultThreshold, previousRunID: Int? = nil,
    previousNames: [String] = []
  ) -> SegmentMatching {
    SegmentMatching(
      previousRunID: previousRunID, threshold: threshold, featuresDiffer: previousRunID != nil,
      matches: (0..<k).map { SegmentMatch(cluster: $0, status: .new) }, vanished: previousNames)
  }
}
