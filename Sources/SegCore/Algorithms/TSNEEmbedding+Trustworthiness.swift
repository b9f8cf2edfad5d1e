extension TSNEEmbedding {
  /// How well an embedding keeps each row's nearest neighbours, as
  /// `sklearn.manifold.trustworthiness` measures it: 1 when every row's `neighbours` nearest
  /// rows in the embedding are also among its nearest in the input, lower when the embedding
  /// brings in rows that are far apart in the input.
  ///
  /// `T = 1 − 2 / (n·k·(2n − 3k − 1)) · Σᵢ Σ_{j ∈ Nᵢᵏ(embedding)} max(0, r(i, j) − k)`, where
  /// `r(i, j)` is the rank of `j` among `i`'s input-space neighbours (Euclidean, ties by row
  /// index).
  ///
  /// - Parameters:
  ///   - points: the input, `rows × cols`, row-major, all finite.
  ///   - rows: the number of rows of both matrices.
  ///   - cols: the number of input columns.
  ///   - embedding: the embedded rows, `rows × embeddingCols`, in the same row order.
  ///   - embeddingCols: the number of embedding columns.
  ///   - k: the neighbourhood size, with `1 <= k < rows / 2`.
  /// - Returns: the trustworthiness, at most 1.
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue` for either matrix;
  ///   `.invalidParameter` when `k` is out of range.
  /// - Complexity: O(n² log n) time and O(n) memory per row, on all cores; meant for a few
  ///   thousand rows.
  public static func trustworthiness(
    points: [Double], rows: Int, cols: Int, embedding: [Double], embeddingCols: Int = 2,
    neighbours k: Int = 5
  ) throws(ClusteringError) -> Double {
    let input = try PointMatrix(points, rows: rows, cols: cols)
    let embedded = try PointMatrix(embedding, rows: rows, cols: embeddingCols)
    guard k >= 1, Double(k) < Double(rows) / 2 else {
      throw ClusteringError(
        .invalidParameter,
        "the neighbour count \(k) must be at least 1 and less than half the rows (\(rows))")
    }
    let n = rows
    let penalties = concurrentChunks(count: n, minimumChunk: 32) { range in
      var rank = [Int](repeating: 0, count: n)
      var order = Array(0..<n)
      var distance = [Double](repeating: 0, count: n)
      var total = 0
      for i in range {
        for j in 0..<n { distance[j] = j == i ? .infinity : input.squaredDistance(i, j) }
        order = Array(0..<n)
        order.sort { (distance[$0], $0) < (distance[$1], $1) }
        for (r, j) in order.enumerated() { rank[j] = r + 1 }
        for j in 0..<n { distance[j] = j == i ? .infinity : embedded.squaredDistance(i, j) }
        order = Array(0..<n)
        order.sort { (distance[$0], $0) < (distance[$1], $1) }
        for j in order.prefix(k) { total += max(0, rank[j] - k) }
      }
      return total
    }
    let t = Double(penalties.reduce(0, +))
    let nd = Double(n)
    let kd = Double(k)
    return 1 - t * (2 / (nd * kd * (2 * nd - 3 * kd - 1)))
  }
}
