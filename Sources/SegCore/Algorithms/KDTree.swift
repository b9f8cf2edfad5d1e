/// A static k-d tree over the rows of a matrix, for radius and k-nearest-neighbour queries among
/// the same rows (DBSCAN, the k-distance curve, t-SNE neighbourhoods).
///
/// Rows are copied in tree order so that leaves are contiguous. Splits are at the median of the
/// widest dimension of the node's bounding box; pruning uses the exact box distance, so results
/// are exact. Distances are squared Euclidean, summed over columns in order.
struct KDTree: Sendable {
  struct Node: Sendable {
    var start: Int
    var end: Int
    var left: Int  // -1 for a leaf
    var right: Int
  }

  let cols: Int
  /// Rows in tree order, row-major.
  let points: [Double]
  /// The input row at each tree position.
  let rowAt: [Int]
  /// The tree position of each input row.
  let positionOf: [Int]
  let nodes: [Node]
  /// Per node: `cols` lower bounds then `cols` upper bounds.
  let boxes: [Double]
  /// The parent of each node (-1 for the root).
  let parentOf: [Int]
  /// The leaf holding each tree position.
  let leafOf: [Int]

  init(_ m: PointMatrix, leafSize: Int = 16) {
    let n = m.rows
    let d = m.cols
    var order = Array(0..<n)
    var nodes = [Node]()
    var boxes = [Double]()
    nodes.reserveCapacity(2 * (n / max(leafSize, 1)) + 2)
    let v = m.values

    func bounds(_ start: Int, _ end: Int) -> [Double] {
      var lo = [Double](repeating: .infinity, count: d)
      var hi = [Double](repeating: -.infinity, count: d)
      for p in start..<end {
        let base = order[p] * d
        for j in 0..<d {
          let x = v[base + j]
          if x < lo[j] { lo[j] = x }
          if x > hi[j] { hi[j] = x }
        }
      }
      return lo + hi
    }

    // Iterative build; each pending entry is (node id, start, end).
    nodes.append(Node(start: 0, end: n, left: -1, right: -1))
    boxes.append(contentsOf: bounds(0, n))
    var pending = [0]
    while let id = pending.popLast() {
      let start = nodes[id].start
      let end = nodes[id].end
      guard end - start > leafSize else { continue }
      var dim = 0
      var widest = -1.0
      for j in 0..<d {
        let w = boxes[id * 2 * d + d + j] - boxes[id * 2 * d + j]
        if w > widest {
          widest = w
          dim = j
        }
      }
      guard widest > 0 else { continue }  // all rows identical: keep as one leaf
      let mid = (start + end) / 2
      select(&order, start, end, mid) { v[$0 * d + dim] }
      let left = nodes.count
      nodes.append(Node(start: start, end: mid, left: -1, right: -1))
      boxes.append(contentsOf: bounds(start, mid))
      let right = nodes.count
      nodes.append(Node(start: mid, end: end, left: -1, right: -1))
      boxes.append(contentsOf: bounds(mid, end))
      nodes[id].left = left
      nodes[id].right = right
      pending.append(right)
      pending.append(left)
    }

    var points = [Double]()
    points.reserveCapacity(n * d)
    var positionOf = [Int](repeating: 0, count: n)
    for (p, row) in order.enumerated() {
      points.append(contentsOf: v[(row * d)..<((row + 1) * d)])
      positionOf[row] = p
    }
    var parentOf = [Int](repeating: -1, count: nodes.count)
    var leafOf = [Int](repeating: 0, count: n)
    for (id, node) in nodes.enumerated() {
      if node.left >= 0 {
        parentOf[node.left] = id
        parentOf[node.right] = id
      } else {
        for p in node.start..<node.end { leafOf[p] = id }
      }
    }
    self.parentOf = parentOf
    self.leafOf = leafOf
    self.cols = d
    self.points = points
    self.rowAt = order
    self.positionOf = positionOf
    self.nodes = nodes
    self.boxes = boxes
  }

  /// The squared distance from the row at tree position `q` to node `id`'s bounding box.
  @inline(__always)
  private func boxDistance(
    _ id: Int, _ q: Int, _ p: borrowing Span<Double>, _ b: borrowing Span<Double>
  )
    -> Double
  {
    var s = 0.0
    let lo = id * 2 * cols
    let hi = lo + cols
    let qb = q * cols
    for j in 0..<cols {
      let x = p[qb + j]
      let below = b[lo + j] - x
      let above = x - b[hi + j]
      let t = below > 0 ? below : (above > 0 ? above : 0)
      s += t * t
    }
    return s
  }

  @inline(__always)
  private func distance(_ a: Int, _ q: Int, _ p: borrowing Span<Double>) -> Double {
    squaredEuclidean(p, a * cols, q * cols, count: cols)
  }

  /// The initial per-node counts for `claimNeighbours`: every row unclaimed.
  var allUnclaimed: [Int] { nodes.map { $0.end - $0.start } }

  /// Records that the row at tree position `p` is claimed.
  func markClaimed(position p: Int, unclaimed: inout [Int]) {
    var node = leafOf[p]
    while node >= 0 {
      unclaimed[node] -= 1
      node = parentOf[node]
    }
  }

  /// Offers `claim` every row within squared distance `radiusSquared` (inclusive) of the row at
  /// tree position `q` that may still be unclaimed, skipping subtrees with no unclaimed row;
  /// `claim` returns whether it took the row (true only the first time it takes a row, since
  /// rows sharing a leaf with unclaimed ones are offered again), and taken rows are recorded in
  /// `unclaimed`.
  ///
  /// This is DBSCAN's expansion step: once a dense region is labelled, later queries inside it
  /// cost almost nothing.
  func claimNeighbours(
    ofPosition q: Int, radiusSquared r2: Double, unclaimed: inout [Int], claim: (Int) -> Bool
  ) {
    let p = points.span
    let b = boxes.span
    var stack = [0]
    stack.reserveCapacity(64)
    while let id = stack.popLast() {
      if unclaimed[id] == 0 || boxDistance(id, q, p, b) > r2 { continue }
      let node = nodes[id]
      if node.left < 0 {
        for a in node.start..<node.end where distance(a, q, p) <= r2 && claim(a) {
          markClaimed(position: a, unclaimed: &unclaimed)
        }
      } else {
        stack.append(node.right)
        stack.append(node.left)
      }
    }
  }

  /// The number of rows within squared distance `radiusSquared` (inclusive) of the row at tree
  /// position `q`, itself included, counting no further than `limit`.
  func neighbourCount(ofPosition q: Int, radiusSquared r2: Double, limit: Int) -> Int {
    let p = points.span
    let b = boxes.span
    var count = 0
    var stack = [0]
    stack.reserveCapacity(64)
    while let id = stack.popLast() {
      if boxDistance(id, q, p, b) > r2 { continue }
      let node = nodes[id]
      if node.left < 0 {
        for a in node.start..<node.end where distance(a, q, p) <= r2 {
          count += 1
          if count >= limit { return count }
        }
      } else {
        stack.append(node.right)
        stack.append(node.left)
      }
    }
    return count
  }

  /// The `k` nearest rows to the row at tree position `q` (itself included when
  /// `includeSelf`), as tree positions and squared distances sorted by distance, ties by
  /// position.
  func nearest(
    toPosition q: Int, k: Int, includeSelf: Bool,
    positions: inout [Int], distances: inout [Double]
  ) {
    positions.removeAll(keepingCapacity: true)
    distances.removeAll(keepingCapacity: true)
    guard k > 0 else { return }
    let p = points.span
    let b = boxes.span
    var stack = [(id: 0, bound: 0.0)]
    stack.reserveCapacity(64)
    while let (id, bound) = stack.popLast() {
      if distances.count == k && bound > distances[k - 1] { continue }
      let node = nodes[id]
      if node.left < 0 {
        for a in node.start..<node.end {
          if a == q && !includeSelf { continue }
          let dist = distance(a, q, p)
          if distances.count == k {
            let worst = distances[k - 1]
            if dist > worst || (dist == worst && a > positions[k - 1]) { continue }
            distances.removeLast()
            positions.removeLast()
          }
          var at = distances.count
          while at > 0
            && (distances[at - 1] > dist || (distances[at - 1] == dist && positions[at - 1] > a))
          {
            at -= 1
          }
          distances.insert(dist, at: at)
          positions.insert(a, at: at)
        }
      } else {
        let dl = boxDistance(node.left, q, p, b)
        let dr = boxDistance(node.right, q, p, b)
        // Visit the nearer child first: push it last.
        if dl <= dr {
          stack.append((node.right, dr))
          stack.append((node.left, dl))
        } else {
          stack.append((node.left, dl))
          stack.append((node.right, dr))
        }
      }
    }
  }
}

/// Reorders `a[start..<end]` so that `a[mid]` holds the element that would be there after sorting
/// by `key` (ties by value), smaller keys before it and larger after (Hoare's quickselect with a
/// median-of-three pivot; deterministic).
private func select(
  _ a: inout [Int], _ start: Int, _ end: Int, _ mid: Int, key: (Int) -> Double
) {
  func less(_ x: Int, _ y: Int) -> Bool {
    let kx = key(x)
    let ky = key(y)
    return kx < ky || (kx == ky && x < y)
  }
  var lo = start
  var hi = end - 1
  while lo < hi {
    let m = (lo + hi) / 2
    // Median of three as pivot.
    if less(a[m], a[lo]) { a.swapAt(m, lo) }
    if less(a[hi], a[lo]) { a.swapAt(hi, lo) }
    if less(a[hi], a[m]) { a.swapAt(hi, m) }
    let pivot = a[m]
    var i = lo
    var j = hi
    while i <= j {
      while less(a[i], pivot) { i += 1 }
      while less(pivot, a[j]) { j -= 1 }
      if i <= j {
        a.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    if mid <= j {
      hi = j
    } else if mid >= i {
      lo = i
    } else {
      return
    }
  }
}
