extension Dendrogram {
  /// The exact Ward linkage tree of the rows of a matrix, as
  /// `scipy.cluster.hierarchy.linkage(X, method="ward")` computes it.
  ///
  /// Uses the nearest-neighbour-chain algorithm on cluster centroids: the Ward distance between
  /// clusters A and B is `sqrt(2·|A|·|B| / (|A| + |B|)) · ‖c_A − c_B‖`, which is exactly what the
  /// Lance–Williams update computes, without storing the n² distance matrix. Ties are broken as
  /// SciPy's `nn_chain` breaks them (lowest cluster index first, the chain's predecessor before
  /// anything else), so duplicate points merge in the same order.
  ///
  /// - Parameters:
  ///   - points: `rows × cols` values, row-major, all finite.
  ///   - rows: the number of rows.
  ///   - cols: the number of columns.
  /// - Returns: the merge tree; a single row gives a tree with no merges.
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue`.
  /// - Complexity: O(n²·cols) time, O(n·cols) memory; about 0.3 s for 10,000 rows of 4
  ///   columns in a release build.
  public static func ward(points: [Double], rows: Int, cols: Int) throws(ClusteringError)
    -> Dendrogram
  {
    try ward(try PointMatrix(points, rows: rows, cols: cols))
  }

  /// The tree of `m`; `cancellation` is asked before every merge and throws `.cancelled`.
  static func ward(_ m: PointMatrix, cancellation: CancellationToken = .never)
    throws(ClusteringError) -> Dendrogram
  {
    let n = m.rows
    let d = m.cols
    guard n > 1 else { return Dendrogram(leafCount: n, merges: []) }
    var centroid = m.values
    var size = [Int](repeating: 1, count: n)
    var active = Array(0..<n)  // live cluster representatives, increasing
    var chain = [Int]()
    chain.reserveCapacity(n)
    var raw = [(a: Int, b: Int, height: Double)]()
    raw.reserveCapacity(n - 1)

    /// Squared Ward distance: 2·na·nb/(na+nb) · ‖ca − cb‖², symmetric bit for bit.
    func wardSquared(_ x: Int, _ y: Int, _ c: borrowing Span<Double>) -> Double {
      let s = squaredEuclidean(c, x * d, y * d, count: d)
      let nx = Double(size[x])
      let ny = Double(size[y])
      return 2 * nx * ny / (nx + ny) * s
    }

    for _ in 0..<(n - 1) {
      try ClusteringError.check(cancellation)
      if chain.isEmpty { chain.append(active[0]) }
      var x = 0
      var y = 0
      var best = 0.0
      while true {
        x = chain[chain.count - 1]
        let c = centroid.span
        if chain.count > 1 {
          y = chain[chain.count - 2]
          best = wardSquared(x, y, c)
        } else {
          best = .infinity
        }
        for i in active where i != x {
          let dist = wardSquared(x, i, c)
          if dist < best {
            best = dist
            y = i
          }
        }
        if chain.count > 1 && y == chain[chain.count - 2] { break }
        chain.append(y)
      }
      chain.removeLast(2)
      if x > y { swap(&x, &y) }
      raw.append((x, y, best.squareRoot()))
      // The merged cluster lives on at y. Centroid update written so that merging identical
      // centroids gives the same centroid exactly.
      let nx = Double(size[x])
      let ny = Double(size[y])
      let w = nx / (nx + ny)
      var c = centroid.mutableSpan
      for j in 0..<d {
        let cy = c[y * d + j]
        c[y * d + j] = cy + (c[x * d + j] - cy) * w
      }
      size[y] += size[x]
      size[x] = 0
      if let at = binarySearch(active, x) { active.remove(at: at) }
    }
    return Dendrogram(leafCount: n, unsortedMerges: raw)
  }
}

/// The position of `value` in the increasing array `a`, or `nil`.
private func binarySearch(_ a: [Int], _ value: Int) -> Int? {
  var lo = 0
  var hi = a.count
  while lo < hi {
    let mid = (lo + hi) / 2
    if a[mid] < value { lo = mid + 1 } else { hi = mid }
  }
  return lo < a.count && a[lo] == value ? lo : nil
}
