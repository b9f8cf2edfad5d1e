/// The merge tree of an agglomerative clustering, in SciPy's linkage-matrix convention.
///
/// Leaves are the fitted rows `0..<leafCount`. Merge `i` joins clusters ``Merge/left`` and
/// ``Merge/right`` into the new cluster `leafCount + i`; `left < right`; merges are sorted by
/// height (ties keep the order in which they were found). This is the layout of
/// `scipy.cluster.hierarchy.linkage`, so heights and sizes can be compared with it directly and a
/// chart can draw the tree from ``merges`` and ``leafOrder``.
///
/// ```swift
/// let tree = try Dendrogram.ward(points: [0, 0, 0, 1, 5, 5], rows: 3, cols: 2)
/// // tree.heights == [1.0, 7.767453465154029] (SciPy's), tree.labels(clusterCount: 2) == [0, 0, 1]
/// ```
public struct Dendrogram: Sendable, Equatable {
  /// One merge of two clusters.
  public struct Merge: Sendable, Equatable {
    /// The smaller cluster id (a leaf if `< leafCount`).
    public let left: Int
    /// The larger cluster id.
    public let right: Int
    /// The linkage distance at which the two clusters merged (for Ward: the square root of twice
    /// the increase in within-cluster sum of squares, SciPy's convention).
    public let height: Double
    /// The number of leaves under the new cluster.
    public let size: Int
  }

  /// The number of leaves (fitted rows).
  public let leafCount: Int
  /// `leafCount - 1` merges, sorted by height.
  public let merges: [Merge]

  /// The merge heights in order, for charts (non-decreasing for Ward).
  public var heights: [Double] { merges.map(\.height) }

  /// The leaves in the left-to-right order a dendrogram draws them (depth first, left before
  /// right).
  public var leafOrder: [Int] {
    guard leafCount > 1 else { return Array(0..<leafCount) }
    var order = [Int]()
    order.reserveCapacity(leafCount)
    var stack = [leafCount + merges.count - 1]
    while let node = stack.popLast() {
      if node < leafCount {
        order.append(node)
      } else {
        let m = merges[node - leafCount]
        stack.append(m.right)
        stack.append(m.left)
      }
    }
    return order
  }

  /// Flat labels for exactly `clusterCount` clusters, by undoing the last `clusterCount - 1`
  /// merges.
  ///
  /// Clusters are numbered `0..<clusterCount` in order of first appearance among the leaves. This
  /// is scikit-learn's `AgglomerativeClustering` cut; it equals SciPy's
  /// `fcluster(Z, k, "maxclust")` up to label numbering whenever the merge heights have no ties
  /// at the cut (with ties SciPy may return fewer clusters).
  ///
  /// - Throws: `.invalidParameter` when `clusterCount < 1`, `.tooFewPoints` when it exceeds
  ///   ``leafCount``.
  /// - Complexity: O(n α(n)).
  public func labels(clusterCount: Int) throws(ClusteringError) -> [Int] {
    guard clusterCount >= 1 else {
      throw ClusteringError(.invalidParameter, "the number of clusters must be at least 1")
    }
    guard clusterCount <= leafCount else {
      throw ClusteringError(
        .tooFewPoints, "cannot form \(clusterCount) clusters from \(leafCount) rows")
    }
    var parent = Array(0..<(2 * leafCount - 1))
    for (i, m) in merges.prefix(leafCount - clusterCount).enumerated() {
      parent[m.left] = leafCount + i
      parent[m.right] = leafCount + i
    }
    return relabelledByFirstAppearance((0..<leafCount).map { root(of: $0, in: &parent) }).labels
  }

  init(leafCount: Int, merges: [Merge]) {
    precondition(merges.count == max(leafCount - 1, 0))
    self.leafCount = leafCount
    self.merges = merges
  }

  /// Builds the tree from merges found in any order, each naming two representative leaves
  /// (SciPy's `label` step): sorts them stably by height and renumbers clusters with union–find.
  init(leafCount n: Int, unsortedMerges raw: [(a: Int, b: Int, height: Double)]) {
    let order = raw.indices.sorted { (raw[$0].height, $0) < (raw[$1].height, $1) }
    var parent = Array(0..<max(2 * n - 1, 1))
    var size = [Int](repeating: 1, count: max(2 * n - 1, 1))
    var merges = [Merge]()
    merges.reserveCapacity(raw.count)
    for (i, r) in order.enumerated() {
      let x = root(of: raw[r].a, in: &parent)
      let y = root(of: raw[r].b, in: &parent)
      let new = n + i
      parent[x] = new
      parent[y] = new
      size[new] = size[x] + size[y]
      merges.append(
        Merge(left: min(x, y), right: max(x, y), height: raw[r].height, size: size[new]))
    }
    self.init(leafCount: n, merges: merges)
  }
}

/// The root of `x` in a union–find forest, compressing the path on the way.
private func root(of x: Int, in parent: inout [Int]) -> Int {
  var root = x
  while parent[root] != root { root = parent[root] }
  var y = x
  while parent[y] != root {
    let next = parent[y]
    parent[y] = root
    y = next
  }
  return root
}
