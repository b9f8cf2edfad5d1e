import Testing

@testable import SegCore

/// The Barnes–Hut gradient visits rows in the tree's leaf order, in fixed chunks on all cores.
/// Each row's sums must be exactly those of a plain serial loop over the rows.
@Suite struct BarnesHutGradientTests {
  static func problem(rows n: Int) throws -> (SparseAffinities, [Double]) {
    var g = SeededGenerator(seed: 3)
    var points = [Double]()
    for _ in 0..<(n * 3) { points.append(standardNormal(&g)) }
    let p = try TSNEAffinities.sparseJoint(
      PointMatrix(points, rows: n, cols: 3), perplexity: 10)
    var y = [Double]()
    for _ in 0..<(n * 2) { y.append(5 * standardNormal(&g)) }
    return (p, y)
  }

  @Test func theGradientIsTheSerialRowByRowGradient() throws {
    let n = 1_300  // six chunks of 256 rows
    let (p, y) = try Self.problem(rows: n)
    let theta2 = 0.25
    let (error, gradient) = BarnesHutTSNEGradient(p, squaredTheta: theta2).evaluate(
      y, exaggeration: 12, computeError: true)

    let tree = BarnesHutTree(y, count: n)
    var sums = [Double]()
    for i in 0..<n {
      let r = tree.repulsion(x: y[2 * i], y: y[2 * i + 1], squaredTheta: theta2)
      var ax = 0.0
      var ay = 0.0
      for e in p.rowStart[i]..<p.rowStart[i + 1] {
        let j = p.columns[e]
        let dx = y[2 * i] - y[2 * j]
        let dy = y[2 * i + 1] - y[2 * j + 1]
        let pw = p.values[e] / (1 + dx * dx + dy * dy)
        ax += pw * dx
        ay += pw * dy
      }
      sums += [ax, ay, r.forceX, r.forceY, r.z]
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
