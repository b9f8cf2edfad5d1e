/// The correspondence between a new run's clusters and the previous run's segments.
///
/// Built by ``SegmentMatcher`` or ``HistoryStore/matchLatest(for:threshold:)``. ``mapping`` is
/// what naming uses; ``flagged``, ``newClusters`` and ``vanished`` are what a report shows.
public struct SegmentMatching: Sendable, Equatable {
  /// The run matched against, or `nil` when there was none (the first run of a history).
  public var previousRunID: Int?
  /// The distance above which an assigned pair is `moved` rather than `matched`.
  public var threshold: Double
  /// Whether the previous run had other features (names, as a set) than the new one; then no
  /// distance is meaningful and every cluster is `new`.
  public var featuresDiffer: Bool
  /// One entry per new cluster, in cluster order.
  public var matches: [SegmentMatch]
  /// Previous segment names that no new cluster inherits (unassigned, or assigned but moved),
  /// in the previous run's cluster order.
  public var vanished: [String]

  /// Creates a matching.
  public init(
    previousRunID: Int?, threshold: Double, featuresDiffer: Bool, matches: [SegmentMatch],
    vanished: [String]
  ) {
    self.previousRunID = previousRunID
    self.threshold = threshold
    self.featuresDiffer = featuresDiffer
    self.matches = matches
    self.vanished = vanished
  }

  /// New cluster → inherited previous segment name, or `nil` for a new or moved cluster.
  public var mapping: [String?] { matches.map(\.inheritedName) }

  /// Clusters assigned to a previous segment whose centroid moved farther than ``threshold``.
  public var flagged: [SegmentMatch] { matches.filter { $0.status == .moved } }

  /// Clusters with no counterpart in the previous run, in cluster order.
  public var newClusters: [Int] { matches.filter { $0.status == .new }.map(\.cluster) }

  /// Names for the new clusters: the inherited name where there is one, else the fallback.
  ///
  /// `fallback[c]` is typically what `name auto` chose for cluster `c`.
  /// A fallback name that an inherited name (or an earlier fallback) already uses gets a number:
  /// `"At Risk 2"`, `"At Risk 3"`, …, so the result is always a list of distinct names.
  /// - Precondition: `fallback.count == matches.count`.
  public func names(fallback: [String]) -> [String] {
    precondition(fallback.count == matches.count, "one fallback name per cluster")
    let inherited = mapping
    var taken = Set(inherited.compactMap { $0 })
    var result: [String] = []
    for (c, name) in inherited.enumerated() {
      if let name {
        result.append(name)
        continue
      }
      var candidate = fallback[c]
      var suffix = 2
      while taken.contains(candidate) {
        candidate = "\(fallback[c]) \(suffix)"
        suffix += 1
      }
      taken.insert(candidate)
      result.append(candidate)
    }
    return result
  }
}
