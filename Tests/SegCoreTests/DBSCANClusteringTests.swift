import Foundation
import PropertyBased
import Testing

@testable import SegCore

@Suite struct DBSCANClusteringTests {
  struct Fixture: Decodable {
    struct Run: Decodable {
      let eps: Double
      let minSamples: Int
      let labels: [Int]
      let core: [Bool]
    }
    struct Case: Decodable {
      let data: String
      let cases: [Run]
      let kDistanceK: Int
      let kDistances: [Double]
    }
    let cases: [Case]
  }

  static let fixture = Result { try AlgosFixtures.json("dbscan", as: Fixture.self) }

  @Test(arguments: ["moons", "noisy3", "dup2"])
  func labelsAreScikitLearnsExactly(data: String) throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == data })
    let x = try AlgosFixtures.matrix(data)
    for run in c.cases {
      let db = try DBSCANClustering.fit(
        points: x.values, rows: x.rows, cols: x.cols, eps: run.eps, minSamples: run.minSamples)
      #expect(db.assignment.labels == run.labels, "eps=\(run.eps) min_samples=\(run.minSamples)")
      #expect(db.isCore == run.core)
      #expect(db.assignment.clusterCount == Set(run.labels.filter { $0 >= 0 }).count)
      #expect(db.assignment.noiseCount == run.labels.filter { $0 == -1 }.count)
      #expect(db.assignment.clusterSizes.reduce(0, +) + db.assignment.noiseCount == x.rows)
      #expect(db.kDistanceCurve == nil)
    }
  }

  @Test(arguments: ["moons", "noisy3", "dup2"])
  func kDistanceCurveMatchesNearestNeighbors(data: String) throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == data })
    let x = try AlgosFixtures.matrix(data)
    let curve = try KDistanceCurve.compute(
      points: x.values, rows: x.rows, cols: x.cols, k: c.kDistanceK)
    #expect(curve.sortedDistances.count == c.kDistances.count)
    for (mine, theirs) in zip(curve.sortedDistances, c.kDistances) {
      #expect(AlgosFixtures.close(mine, theirs, absolute: 1e-12, relative: 1e-12))
    }
  }

  @Test func suggestedEpsComesFromTheKnee() throws {
    let x = try AlgosFixtures.matrix("moons")
    let db = try DBSCANClustering.fit(points: x.values, rows: x.rows, cols: x.cols, minSamples: 5)
    let curve = try #require(db.kDistanceCurve)
    #expect(curve.k == 5)
    #expect(db.eps == curve.sortedDistances[curve.kneeIndex])
    #expect(db.eps > 0.05 && db.eps < 0.3)
    #expect(db.assignment.notes.first?.hasPrefix("eps ") == true)
    #expect(db.assignment.notes.first?.contains("knee of the sorted 5-distance curve") == true)
    // The run equals one with that eps given.
    let given = try DBSCANClustering.fit(
      points: x.values, rows: x.rows, cols: x.cols, eps: db.eps, minSamples: 5)
    #expect(given.assignment.labels == db.assignment.labels)
  }

  @Test func kneeIsWhereTheCurveIsFurthestBelowTheChord() {
    #expect(Kneedle.kneeIndex(increasingConvex: [0, 0.1, 0.2, 0.3, 0.4, 5, 10]) == 4)
    #expect(Kneedle.kneeIndex(increasingConvex: [1, 2, 4, 8, 16, 32, 64]) == 4)
    #expect(Kneedle.kneeIndex(increasingConvex: [3, 3, 3]) == 2)
    #expect(Kneedle.kneeIndex(increasingConvex: [1]) == 0)
  }

  @Test func documentedExampleHolds() throws {
    let db = try DBSCANClustering.fit(
      points: [0, 0, 0, 1, 1, 0, 10, 10], rows: 4, cols: 2, eps: 1.5, minSamples: 3)
    #expect(db.assignment.labels == [0, 0, 0, -1])
    #expect(db.assignment.noiseCount == 1)
    #expect(db.assignment.hasNoise)
    #expect(db.assignment.clusterSizes == [3])
    #expect(
      db.assignment.notes == ["1 of 4 rows are noise (label -1), reachable from no core point"])
  }

  @Test func typedErrorExampleHolds() {
    do {
      _ = try DBSCANClustering.fit(points: [.nan, 1], rows: 1, cols: 2, eps: 0.5)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .nonFiniteValue)
      #expect(error.row == 0)
      #expect(error.description == "row 0, column 0 is not a finite number (NaN or infinity)")
    }
    // Untyped contexts match on the code.
    do {
      try { () throws -> Void in
        _ = try DBSCANClustering.fit(points: [1, 1], rows: 1, cols: 2, eps: -1)
      }()
      Issue.record("expected an error")
    } catch ClusteringError.Code.invalidParameter {
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func identicalRowsFormOneCluster() throws {
    let db = try DBSCANClustering.fit(
      points: Array(repeating: 7, count: 30), rows: 10, cols: 3, minSamples: 5)
    #expect(db.assignment.labels == Array(repeating: 0, count: 10))
    #expect(db.eps == 1)
    #expect(db.assignment.notes == ["all rows coincide; eps set to 1"])
  }

  @Test func oneRowIsNoiseUnlessItIsItsOwnCore() throws {
    let lonely = try DBSCANClustering.fit(points: [1, 2], rows: 1, cols: 2, eps: 0.5)
    #expect(lonely.assignment.labels == [-1])
    #expect(lonely.assignment.clusterCount == 0)
    let own = try DBSCANClustering.fit(points: [1, 2], rows: 1, cols: 2, eps: 0.5, minSamples: 1)
    #expect(own.assignment.labels == [0])
  }

  @Test(arguments: [0.0, -1, .infinity, .nan])
  func nonPositiveEpsIsRefused(eps: Double) {
    #expect {
      _ = try DBSCANClustering.fit(points: [1, 2, 3], rows: 3, cols: 1, eps: eps)
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
  }

  @Test func zeroMinSamplesAndNaNAreRefused() {
    #expect {
      _ = try DBSCANClustering.fit(points: [1, 2, 3], rows: 3, cols: 1, eps: 1, minSamples: 0)
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
    #expect {
      _ = try DBSCANClustering.fit(points: [1, .nan, 3], rows: 3, cols: 1, eps: 1)
    } throws: {
      ($0 as? ClusteringError)?.code == .nonFiniteValue && ($0 as? ClusteringError)?.row == 1
    }
  }

  /// scikit-learn's `dbscan_inner`, transcribed literally over brute-force neighbourhoods.
  static func referenceLabels(_ m: PointMatrix, eps: Double, minSamples: Int) -> [Int] {
    let n = m.rows
    let neighbourhoods = (0..<n).map { i in (0..<n).filter { m.squaredDistance(i, $0) <= eps * eps }
    }
    let isCore = neighbourhoods.map { $0.count >= minSamples }
    var labels = [Int](repeating: -1, count: n)
    var label = 0
    var stack = [Int]()
    for start in 0..<n where labels[start] == -1 && isCore[start] {
      var i = start
      while true {
        if labels[i] == -1 {
          labels[i] = label
          if isCore[i] { for j in neighbourhoods[i] where labels[j] == -1 { stack.append(j) } }
        }
        guard let next = stack.popLast() else { break }
        i = next
      }
      label += 1
    }
    return labels
  }

  @Test func labelsEqualTheLiteralAlgorithmOnRandomData() async {
    await propertyCheck(
      input: Gen.int(in: 1...250), Gen.int(in: 1...4), Gen.int(in: 1...8), Gen.int(in: 0...10_000)
    ) {
      n, d, minSamples, seed in
      var g = SeededGenerator(seed: UInt64(seed))
      let data = (0..<(n * d)).map { _ in (g.nextUnitDouble() * 10).rounded() / 4 }
      let m = PointMatrix(trusted: data, rows: n, cols: d)
      let eps = 0.3 + g.nextUnitDouble()
      let db = try DBSCANClustering.fit(
        points: data, rows: n, cols: d, eps: eps, minSamples: minSamples)
      #expect(db.assignment.labels == Self.referenceLabels(m, eps: eps, minSamples: minSamples))
    }
  }

  @Test func treeQueriesAgreeWithBruteForce() async {
    await propertyCheck(input: Gen.int(in: 1...300), Gen.int(in: 1...5), Gen.int(in: 0...10_000)) {
      n, d, seed in
      var g = SeededGenerator(seed: UInt64(seed))
      // Coarse values make ties and duplicates common.
      let data = (0..<(n * d)).map { _ in (g.nextUnitDouble() * 8).rounded() / 2 }
      let m = PointMatrix(trusted: data, rows: n, cols: d)
      let tree = KDTree(m, leafSize: 4)
      let r2 = 1.0
      for i in stride(from: 0, to: n, by: max(1, n / 20)) {
        // Rows are offered until claimed (a claim answers true only for a row not yet taken).
        var found = [Int]()
        var claimed = Set<Int>()
        var unclaimed = tree.allUnclaimed
        tree.claimNeighbours(
          ofPosition: tree.positionOf[i], radiusSquared: r2, unclaimed: &unclaimed
        ) {
          found.append(tree.rowAt[$0])
          return claimed.insert($0).inserted
        }
        let expected = (0..<n).filter { m.squaredDistance(i, $0) <= r2 }
        #expect(found.sorted() == expected)
        #expect(unclaimed[0] == n - expected.count)
        // Once every row is claimed, nothing is offered any more.
        tree.claimNeighbours(
          ofPosition: tree.positionOf[i], radiusSquared: .infinity, unclaimed: &unclaimed
        ) { claimed.insert($0).inserted }
        #expect(unclaimed.allSatisfy { $0 == 0 })
        var again = 0
        tree.claimNeighbours(
          ofPosition: tree.positionOf[i], radiusSquared: .infinity, unclaimed: &unclaimed
        ) { _ in
          again += 1
          return false
        }
        #expect(again == 0)
        #expect(
          tree.neighbourCount(ofPosition: tree.positionOf[i], radiusSquared: r2, limit: n)
            == expected.count)
        let k = min(3, n)
        var positions = [Int]()
        var distances = [Double]()
        tree.nearest(
          toPosition: tree.positionOf[i], k: k, includeSelf: true, positions: &positions,
          distances: &distances)
        let brute = (0..<n).map { m.squaredDistance(i, $0) }.sorted()
        #expect(distances == Array(brute.prefix(k)))
      }
    }
  }
}
