/// The sorted k-distance curve of a matrix and its knee, the usual way to choose DBSCAN's `eps`.
///
/// The k-distance of a row is the Euclidean distance to its k-th nearest row, counting the row
/// itself as the first (scikit-learn's `NearestNeighbors(n_neighbors=k).kneighbors(X)[0][:, -1]`),
/// so that a row is a DBSCAN core point with `min_samples = k` exactly when its k-distance is at
/// most `eps`. The distances are sorted increasingly; the knee is the Kneedle point of that
/// increasing convex curve: after scaling both axes to [0, 1], the first index where the curve
/// lies furthest below the chord from its first to its last point (the global maximum of
/// Kneedle's difference curve, which is robust to the small wiggles of real data).
public struct KDistanceCurve: Sendable, Equatable {
  /// The neighbour rank used, the row itself counting as the first.
  public let k: Int
  /// One k-distance per row, increasing.
  public let sortedDistances: [Double]
  /// The index of the knee in ``sortedDistances``.
  public let kneeIndex: Int

  /// The distance at the knee, or, when that is zero (many duplicate rows), the smallest positive
  /// k-distance after it; `nil` when every k-distance is zero (all rows coincide).
  public var suggestedEps: Double? {
    sortedDistances[kneeIndex...].first { $0 > 0 }
  }

  /// Computes the curve.
  ///
  /// - Parameters:
  ///   - points: `rows × cols` values, row-major, all finite.
  ///   - rows: the number of rows.
  ///   - cols: the number of columns.
  ///   - k: the neighbour rank, `k >= 1`; clamped to `rows`.
  /// - Returns: the sorted curve and its knee.
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue`, `.invalidParameter` for
  ///   `k < 1`.
  /// - Complexity: about O(n log n · k) with a k-d tree, on all cores.
  public static func compute(points: [Double], rows: Int, cols: Int, k: Int) throws(ClusteringError)
    -> KDistanceCurve
  {
    let m = try PointMatrix(points, rows: rows, cols: cols)
    guard k >= 1 else {
      throw ClusteringError(.invalidParameter, "the neighbour rank k must be at least 1")
    }
    return compute(KDTree(m), k: k)
  }

  static func compute(_ tree: KDTree, k requested: Int) -> KDistanceCurve {
    let n = tree.rowAt.count
    let k = min(requested, n)
    var distances = concurrentChunks(count: n, minimumChunk: 512) { range in
      var positions = [Int]()
      var squared = [Double]()
      positions.reserveCapacity(k)
      squared.reserveCapacity(k)
      return range.map { q in
        tree.nearest(
          toPosition: q, k: k, includeSelf: true, positions: &positions, distances: &squared)
        return squared[k - 1].squareRoot()
      }
    }.flatMap { $0 }
    distances.sort()
    return KDistanceCurve(
      k: k, sortedDistances: distances, kneeIndex: Kneedle.kneeIndex(increasingConvex: distances))
  }
}
