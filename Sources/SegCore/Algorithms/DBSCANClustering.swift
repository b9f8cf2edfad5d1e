/// Density-based clustering (DBSCAN) with scikit-learn's exact labelling.
///
/// A row is a core point when at least `minSamples` rows, itself included, lie within Euclidean
/// distance `eps` (inclusive). Clusters are grown from core points in row order: the first
/// unlabelled core point starts cluster 0, and everything density-reachable from it joins before
/// the next unlabelled core point starts cluster 1. A border point reachable from two clusters
/// belongs to the earlier one. Rows reachable from no core point are noise
/// (``ClusteringResult/noiseLabel``) and are reported as their own group through
/// ``ClusteringResult/noiseCount``. These are the labels of `sklearn.cluster.DBSCAN` exactly.
///
/// When `eps` is not given it is taken from the knee of the k-distance curve with
/// `k = minSamples` (``KDistanceCurve``), and the result's notes say so.
///
/// ```swift
/// let db = try DBSCANClustering.fit(
///   points: [0, 0, 0, 1, 1, 0, 10, 10], rows: 4, cols: 2, eps: 1.5, minSamples: 3)
/// // db.assignment.labels == [0, 0, 0, -1]
/// ```
public struct DBSCANClustering: Sendable, Equatable {
  /// scikit-learn's default `min_samples`.
  public static let defaultMinSamples = 5

  /// The flat clustering; noise is labelled -1.
  public let assignment: ClusteringResult
  /// The neighbourhood radius used.
  public let eps: Double
  /// The core-point threshold used (the row itself counts).
  public let minSamples: Int
  /// Whether each row is a core point.
  public let isCore: [Bool]
  /// The k-distance curve `eps` was taken from, when it was not given.
  public let kDistanceCurve: KDistanceCurve?

  /// Clusters the rows of a matrix by density.
  ///
  /// - Parameters:
  ///   - points: `rows × cols` values, row-major, all finite (scale them first).
  ///   - rows: the number of rows.
  ///   - cols: the number of columns.
  ///   - eps: the neighbourhood radius, `> 0`; `nil` to take it from the k-distance knee.
  ///   - minSamples: rows needed within `eps` for a core point, itself included, `>= 1`.
  /// - Returns: the labels, core flags and the `eps` used (with its k-distance curve when it was
  ///   suggested).
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue`, `.invalidParameter` for
  ///   `eps <= 0` (or not finite) and `minSamples < 1`.
  /// - Complexity: two radius queries per row on a k-d tree: about O(n log n) for the radii
  ///   DBSCAN is used with; O(n²) if `eps` spans the whole data.
  public static func fit(
    points: [Double], rows: Int, cols: Int, eps: Double? = nil,
    minSamples: Int = DBSCANClustering.defaultMinSamples,
    cancellation: CancellationToken = .never
  ) throws(ClusteringError) -> DBSCANClustering {
    // Cancellation: asked before and after the k-d tree and the core test, and every
    // `cancellationInterval` rows of cluster growth; it throws `.cancelled`.
    let m = try PointMatrix(points, rows: rows, cols: cols)
    guard minSamples >= 1 else {
      throw ClusteringError(.invalidParameter, "the minimum number of samples must be at least 1")
    }
    if let eps, !(eps > 0 && eps.isFinite) {
      throw ClusteringError(.invalidParameter, "eps must be a positive finite distance")
    }
    try ClusteringError.check(cancellation)
    let tree = KDTree(m)
    try ClusteringError.check(cancellation)
    var notes = [String]()
    var curve: KDistanceCurve?
    let radius: Double
    if let eps {
      radius = eps
    } else {
      let c = KDistanceCurve.compute(tree, k: minSamples)
      curve = c
      if let suggested = c.suggestedEps {
        radius = suggested
        notes.append(
          "eps \(suggested) taken from the knee of the sorted \(c.k)-distance curve "
            + "(row \(c.kneeIndex + 1) of \(rows))"
        )
      } else {
        radius = 1
        notes.append("all rows coincide; eps set to 1")
      }
    }

    let r2 = radius * radius
    let isCore = concurrentMap(count: rows, minimumChunk: 512) { i in
      tree.neighbourCount(ofPosition: tree.positionOf[i], radiusSquared: r2, limit: minSamples)
        >= minSamples
    }

    // sklearn's dbscan_inner: grow a cluster from each unlabelled core point, in row order.
    // Rows are labelled when first reached rather than when popped, which yields the same
    // partition with each row stacked at most once; the tree skips fully labelled subtrees.
    try ClusteringError.check(cancellation)
    var labels = [Int](repeating: ClusteringResult.noiseLabel, count: rows)
    var unclaimed = tree.allUnclaimed
    var clusterCount = 0
    var stack = [Int]()
    for start in 0..<rows where labels[start] == ClusteringResult.noiseLabel && isCore[start] {
      labels[start] = clusterCount
      tree.markClaimed(position: tree.positionOf[start], unclaimed: &unclaimed)
      stack.append(start)
      var popped = 0
      while let i = stack.popLast() {
        popped += 1
        if popped % Self.cancellationInterval == 0 { try ClusteringError.check(cancellation) }
        guard isCore[i] else { continue }
        tree.claimNeighbours(
          ofPosition: tree.positionOf[i], radiusSquared: r2, unclaimed: &unclaimed
        ) { p in
          let j = tree.rowAt[p]
          guard labels[j] == ClusteringResult.noiseLabel else { return false }
          labels[j] = clusterCount
          stack.append(j)
          return true
        }
      }
      clusterCount += 1
    }
    let noise = labels.lazy.filter { $0 == ClusteringResult.noiseLabel }.count
    if noise > 0 {
      notes.append("\(noise) of \(rows) rows are noise (label -1), reachable from no core point")
    }
    return DBSCANClustering(
      assignment: ClusteringResult(
        method: .dbscan, labels: labels, clusterCount: clusterCount, notes: notes),
      eps: radius, minSamples: minSamples, isCore: isCore, kDistanceCurve: curve)
  }

  /// Rows of cluster growth between two cancellation checks.
  static let cancellationInterval = 4_096
}
