/// Agglomerative clustering with Ward linkage, cut into a fixed number of clusters.
///
/// Up to ``maxExactRows`` rows the whole tree is built exactly
/// (``Dendrogram/ward(points:rows:cols:)``) and cut into `clusterCount` clusters, which matches
/// scikit-learn's `AgglomerativeClustering(linkage="ward")` up to label numbering. Beyond that the tree is built
/// on a seeded uniform sample of `maxExactRows` rows and every other row joins the cluster whose
/// centroid (mean of its sampled rows) is nearest, ties to the lowest label; the result's notes
/// say so.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let ward = try WardClustering.fit(
///   points: [0, 0, 0, 1, 5, 5, 5, 6], rows: 4, cols: 2, clusterCount: 2, using: &rng)
/// // ward.assignment.labels == [0, 0, 1, 1]
/// ```
public struct WardClustering: Sendable, Equatable {
  /// The largest number of rows fitted exactly unless the caller chooses another limit.
  ///
  /// The exact tree costs O(n²) time, about 0.3 s at this size.
  public static let maxExactRows = 10_000

  /// The flat clustering of every input row.
  public let assignment: ClusteringResult
  /// The merge tree of the fitted rows (the sample, when one was drawn).
  public let dendrogram: Dendrogram
  /// The input rows the tree was built on, increasing, or `nil` when it was built on all rows.
  public let fittedRows: [Int]?
  /// `clusterCount × cols` row-major cluster centroids: the mean of each cluster's fitted rows.
  public let centroids: [Double]

  /// Clusters the rows of a matrix by Ward linkage.
  ///
  /// - Parameters:
  ///   - points: `rows × cols` values, row-major, all finite (scale them first: Ward is
  ///     Euclidean).
  ///   - rows: the number of rows.
  ///   - cols: the number of columns.
  ///   - clusterCount: the number of clusters, `1...rows`.
  ///   - maxExactRows: above this many rows, fit on a sample of this size (at least
  ///     `clusterCount`).
  ///   - generator: draws the sample; untouched when no sample is needed.
  ///   - cancellation: asked before every merge; when it says stop, the fit throws `.cancelled`.
  /// - Returns: the labels of every row, the tree of the fitted rows and the cluster centroids.
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue`, `.invalidParameter` for
  ///   `clusterCount < 1` or `maxExactRows < clusterCount`, `.tooFewPoints` for
  ///   `clusterCount > rows`.
  /// - Complexity: O(m²·cols + n·k·cols) with m = min(rows, maxExactRows).
  public static func fit(
    points: [Double], rows: Int, cols: Int, clusterCount: Int,
    maxExactRows: Int = WardClustering.maxExactRows,
    using generator: inout SeededGenerator, cancellation: CancellationToken = .never
  ) throws(ClusteringError) -> WardClustering {
    let m = try PointMatrix(points, rows: rows, cols: cols)
    guard clusterCount >= 1 else {
      throw ClusteringError(.invalidParameter, "the number of clusters must be at least 1")
    }
    guard clusterCount <= rows else {
      throw ClusteringError(
        .tooFewPoints, "cannot form \(clusterCount) clusters from \(rows) rows")
    }
    guard maxExactRows >= clusterCount, maxExactRows >= 1 else {
      throw ClusteringError(
        .invalidParameter,
        "the Ward sample size \(maxExactRows) must be at least "
          + "the number of clusters \(clusterCount)"
      )
    }
    let sampled = rows > maxExactRows
    let fitted: [Int]? =
      sampled ? seededSample(count: maxExactRows, from: rows, using: &generator) : nil
    let fit = fitted.map { m.gathering($0) } ?? m
    let tree = try Dendrogram.ward(fit, cancellation: cancellation)
    let fitLabels = try tree.labels(clusterCount: clusterCount)
    let centroids = clusterMeans(fit, labels: fitLabels, count: clusterCount)

    guard let fitted else {
      return WardClustering(
        assignment: ClusteringResult(method: .ward, labels: fitLabels, clusterCount: clusterCount),
        dendrogram: tree, fittedRows: nil, centroids: centroids)
    }
    var labels = [Int](repeating: 0, count: rows)
    var next = 0
    for i in 0..<rows {
      if next < fitted.count && fitted[next] == i {
        labels[i] = fitLabels[next]
        next += 1
      } else {
        labels[i] = nearestCentroid(m, row: i, centroids: centroids, count: clusterCount)
      }
    }
    // Renumber by first appearance over all rows, and permute the centroids to match.
    let (relabelled, _) = relabelledByFirstAppearance(labels)
    var permutedCentroids = centroids
    for i in 0..<rows {
      let to = relabelled[i]
      let from = labels[i]
      for j in 0..<cols { permutedCentroids[to * cols + j] = centroids[from * cols + j] }
    }
    let note =
      "fitted on a \(maxExactRows)-row sample; "
      + "the other \(rows - maxExactRows) rows assigned to the nearest cluster centroid"
    return WardClustering(
      assignment: ClusteringResult(
        method: .ward, labels: relabelled, clusterCount: clusterCount, notes: [note]),
      dendrogram: tree, fittedRows: fitted, centroids: permutedCentroids)
  }
}

/// The mean of each label's rows, `count × cols`, summed in row order.
func clusterMeans(_ m: PointMatrix, labels: [Int], count: Int) -> [Double] {
  var sums = [Double](repeating: 0, count: count * m.cols)
  var sizes = [Int](repeating: 0, count: count)
  for i in 0..<m.rows where labels[i] >= 0 {
    let l = labels[i]
    sizes[l] += 1
    for j in 0..<m.cols { sums[l * m.cols + j] += m.values[i * m.cols + j] }
  }
  for l in 0..<count where sizes[l] > 0 {
    for j in 0..<m.cols { sums[l * m.cols + j] /= Double(sizes[l]) }
  }
  return sums
}

/// The label of the centroid nearest to row `row` (squared Euclidean), ties to the lowest label.
func nearestCentroid(_ m: PointMatrix, row: Int, centroids: [Double], count: Int) -> Int {
  var best = 0
  var bestDistance = Double.infinity
  let v = m.values.span
  let c = centroids.span
  for l in 0..<count {
    var s = 0.0
    for j in 0..<m.cols {
      let t = v[row * m.cols + j] - c[l * m.cols + j]
      s += t * t
    }
    if s < bestDistance {
      bestDistance = s
      best = l
    }
  }
  return best
}
