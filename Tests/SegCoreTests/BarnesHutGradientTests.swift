import Testing

@testable import SegCore

/// The Barnes–Hut gradient: the tree's groups, the accuracy of the repulsion each group's
/// interaction list gives against the exact sums, and the independence of the result from the
/// tasks and cores that compute it.
@Suite struct BarnesHutGradientTests {
  static func problem(rows n: Int, coincident: Int = 0) throws -> (SparseAffinities, [Double]) {
    var g = SeededGenerator(seed: 3)
    var points = [Double]()
    for _ in 0..<(n * 3) { points.append(standardNormal(&g)) }
    let p = try TSNEAffinities.sparseJoint(
      PointMatrix(points, rows: n, cols: 3), perplexity: 10)
    var y = [Double]()
    for _ in 0..<(n * 2) { y.append(5 * standardNormal(&g)) }
    // The last `coincident` points sit on the first one.
    for i in (n - coincident)..<n {
      y[2 * i] = y[0]
      y[2 * i + 1] = y[1]
    }
    return (p, y)
  }

  /// The exact repulsion on point `i`: `Σ_{j: y_j ≠ y_i} w² (y_i − y_j)` and `Σ w`, with
  /// `w = 1 / (1 + d²)` (points at the same position are skipped, as the tree skips them).
  static func exactRepulsion(_ y: [Double], _ i: Int) -> (x: Double, y: Double, z: Double) {
    var (fx, fy, z) = (0.0, 0.0, 0.0)
    for j in 0..<(y.count / 2) {
      let dx = y[2 * i] - y[2 * j]
      let dy = y[2 * i + 1] - y[2 * j + 1]
      let d2 = dx * dx + dy * dy
      guard d2 > 0 else { continue }
      let w = 1 / (1 + d2)
      z += w
      fx += w * w * dx
      fy += w * w * dy
    }
    return (fx, fy, z)
  }

  /// Row `i`'s attraction as the gradient sums it.
  static func attraction(_ objective: BarnesHutTSNEGradient, row i: Int, y: [Double]) -> (
    x: Double, y: Double
  ) {
    let start = objective.affinities.rowStart
    return y.withUnsafeBufferPointer { yy in
      objective.entries.withUnsafeBufferPointer { edges in
        BarnesHutTSNEGradient.attraction(
          x: y[2 * i], y: y[2 * i + 1],
          edges: UnsafeBufferPointer(rebasing: edges[start[i]..<start[i + 1]]), points: yy)
      }
    }
  }

  @Test func theGroupsCoverTheLeafOrderOnceAndHoldAtMostTheGroupSize() throws {
    let (_, y) = try Self.problem(rows: 1_000, coincident: 40)
    let tree = BarnesHutTree(y, count: 1_000)
    var next = 0
    for group in tree.groups {
      #expect(group.lowerBound == next)
      next = group.upperBound
      let first = tree.order[group.lowerBound]
      let together = group.allSatisfy {
        y[2 * tree.order[$0]] == y[2 * first] && y[2 * tree.order[$0] + 1] == y[2 * first + 1]
      }
      // Larger only as one leaf of points at the same position.
      #expect(group.count <= BarnesHutTree.groupSize || together)
    }
    #expect(next == 1_000)
    #expect(tree.groups.count > 1_000 / BarnesHutTree.groupSize)
  }

  /// The repulsion on one point from a walk of its own (the textbook Barnes–Hut, as scikit-learn
  /// walks its quadtree): a cell is summarised when its squared width is below `θ²` times the
  /// squared distance from the point to its centre of mass.
  static func pointWalk(_ tree: BarnesHutTree, x px: Double, y py: Double, squaredTheta: Double)
    -> (x: Double, y: Double, z: Double)
  {
    var (fx, fy, z) = (0.0, 0.0, 0.0)
    var id = 0
    while id < tree.cellCount {
      let cell = tree.cells[id]
      let dx = px - cell.x
      let dy = py - cell.y
      let d2 = dx * dx + dy * dy
      guard cell.w < squaredTheta * d2 || (cell.w < 0 && d2 == 0) else {
        id += 1
        continue
      }
      if d2 > 0 {
        let q = 1 / (1 + d2)
        z += cell.z * q
        fx += cell.z * q * q * dx
        fy += cell.z * q * q * dy
      }
      id = tree.next[id]
    }
    return (fx, fy, z)
  }

  /// Each group's list passes the opening test against the point of the group's bounding box
  /// nearest to the cell, so against every point of the group: every point's repulsion is at
  /// least as accurate as a walk of its own gives. Checked in total over the points, for `Z` and
  /// the force, against the exact sums.
  @Test(arguments: [0.25, 0.5, 0.7])
  func theRepulsionIsAsAccurateAsAWalkPerPoint(theta: Double) throws {
    let n = 1_300
    let (_, y) = try Self.problem(rows: n, coincident: 30)
    let tree = BarnesHutTree(y, count: n)
    let list = InteractionList()
    var grouped = (z: 0.0, force: 0.0)
    var single = (z: 0.0, force: 0.0)
    var worstZ = 0.0
    var forceNorm = 0.0
    func forceError(_ x: Double, _ y: Double, _ e: (x: Double, y: Double, z: Double)) -> Double {
      ((x - e.x) * (x - e.x) + (y - e.y) * (y - e.y)).squareRoot()
    }
    y.withUnsafeBufferPointer { yy in
      for group in tree.groups {
        list.collect(tree, group: group, y: yy, squaredTheta: theta * theta)
        #expect(list.count % 4 == 0)
        for p in group {
          let i = tree.order[p]
          let e = Self.exactRepulsion(y, i)
          let r = list.repulsion(x: y[2 * i], y: y[2 * i + 1])
          let w = Self.pointWalk(tree, x: y[2 * i], y: y[2 * i + 1], squaredTheta: theta * theta)
          grouped.z += abs(r.z - e.z)
          grouped.force += forceError(r.forceX, r.forceY, e)
          single.z += abs(w.z - e.z)
          single.force += forceError(w.x, w.y, e)
          worstZ = max(worstZ, abs(r.z - e.z) / e.z)
          forceNorm += (e.x * e.x + e.y * e.y).squareRoot()
        }
      }
    }
    #expect(grouped.z <= single.z)
    #expect(grouped.force <= single.force)
    #expect(worstZ < 0.1 * theta * theta)
    #expect(grouped.force / forceNorm < 0.1 * theta * theta)
  }

  @Test func theRepulsionIsExactAtThetaZero() throws {
    let n = 300
    let (_, y) = try Self.problem(rows: n, coincident: 5)
    let tree = BarnesHutTree(y, count: n)
    let list = InteractionList()
    y.withUnsafeBufferPointer { yy in
      for group in tree.groups {
        list.collect(tree, group: group, y: yy, squaredTheta: 0)
        for p in group {
          let i = tree.order[p]
          let r = list.repulsion(x: y[2 * i], y: y[2 * i + 1])
          let e = Self.exactRepulsion(y, i)
          #expect(abs(r.z - e.z) <= 1e-12 * e.z)
          #expect(abs(r.forceX - e.x) <= 1e-12 * max(abs(e.x), 1e-3))
        }
      }
    }
  }

  /// The tasks run on all cores, in any order; the gradient must be exactly that of one serial
  /// loop over the groups and rows.
  @Test func theGradientIsTheSerialGroupByGroupGradient() throws {
    let n = 1_300  // six chunks of 256 rows, and many more groups than tasks
    let (p, y) = try Self.problem(rows: n)
    let theta2 = 0.25
    let objective = BarnesHutTSNEGradient(p, squaredTheta: theta2)
    let (error, gradient) = objective.evaluate(y, exaggeration: 12, computeError: true)

    let tree = BarnesHutTree(y, count: n)
    var sums = [Double](repeating: 0, count: 5 * n)
    let list = InteractionList()
    for i in 0..<n {
      let a = Self.attraction(objective, row: i, y: y)
      (sums[5 * i], sums[5 * i + 1]) = (a.x, a.y)
    }
    y.withUnsafeBufferPointer { yy in
      for group in tree.groups {
        list.collect(tree, group: group, y: yy, squaredTheta: theta2)
        for q in group {
          let i = tree.order[q]
          let r = list.repulsion(x: y[2 * i], y: y[2 * i + 1])
          (sums[5 * i + 2], sums[5 * i + 3], sums[5 * i + 4]) = (r.forceX, r.forceY, r.z)
        }
      }
    }
    var z = 0.0
    for i in 0..<n { z += sums[5 * i + 4] }
    var expected = [Double]()
    for i in 0..<n {
      expected.append(4 * (12 * sums[5 * i] - sums[5 * i + 2] / z))
      expected.append(4 * (12 * sums[5 * i + 1] - sums[5 * i + 3] / z))
    }
    #expect(gradient == expected)
    #expect(error.isFinite && error > 0)
  }

  /// The attraction rounds each affinity to `Float` (8-byte entries); against the exact sum in
  /// `Double` the difference is at rounding level.
  @Test func theAttractionIsTheExactSumToSinglePrecision() throws {
    let n = 400
    let (p, y) = try Self.problem(rows: n)
    let objective = BarnesHutTSNEGradient(p, squaredTheta: 0.25)
    for i in 0..<n {
      let a = Self.attraction(objective, row: i, y: y)
      var (ex, ey, size) = (0.0, 0.0, 0.0)
      for e in p.rowStart[i]..<p.rowStart[i + 1] {
        let j = p.columns[e]
        let dx = y[2 * i] - y[2 * j]
        let dy = y[2 * i + 1] - y[2 * j + 1]
        let pw = p.values[e] / (1 + dx * dx + dy * dy)
        ex += pw * dx
        ey += pw * dy
        size += abs(pw * dx) + abs(pw * dy)
      }
      #expect(abs(a.x - ex) <= 1e-7 * size)
      #expect(abs(a.y - ey) <= 1e-7 * size)
    }
  }

  @Test func theTreeHoldsEveryPointOnceWithTheMeanAtTheRoot() throws {
    let (_, y) = try Self.problem(rows: 700)
    let tree = BarnesHutTree(y, count: 700)
    #expect(tree.order.sorted() == Array(0..<700))
    let root = try #require(tree.cells.first)
    #expect(root.z == 700)
    let meanX = (0..<700).map { y[2 * $0] }.reduce(0, +) / 700
    #expect(abs(root.x - meanX) < 1e-12)
  }
}
