import Foundation
import PropertyBased
import Testing

@testable import SegCore

@Suite struct WardClusteringTests {
  struct Fixture: Decodable {
    struct Case: Decodable {
      let data: String
      let left: [Int]
      let right: [Int]
      let heights: [Double]
      let sizes: [Int]
      let fcluster: [String: [Int]]
      let agglomerative: [String: [Int]]
    }
    let cases: [Case]
  }

  static let fixture = Result { try AlgosFixtures.json("ward", as: Fixture.self) }

  @Test(arguments: ["blobs2", "blobs4"])
  func linkageMatrixMatchesSciPy(data: String) throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == data })
    let x = try AlgosFixtures.matrix(data)
    let tree = try Dendrogram.ward(points: x.values, rows: x.rows, cols: x.cols)
    #expect(tree.leafCount == x.rows)
    #expect(tree.merges.map(\.left) == c.left)
    #expect(tree.merges.map(\.right) == c.right)
    #expect(tree.merges.map(\.size) == c.sizes)
    for (mine, theirs) in zip(tree.heights, c.heights) {
      #expect(AlgosFixtures.close(mine, theirs, absolute: 1e-12, relative: 1e-9))
    }
  }

  @Test(arguments: ["blobs2", "blobs4", "dup2"])
  func flatLabelsMatchFclusterAndAgglomerativeClustering(data: String) throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == data })
    let x = try AlgosFixtures.matrix(data)
    let tree = try Dendrogram.ward(points: x.values, rows: x.rows, cols: x.cols)
    for k in 2...5 {
      let labels = try tree.labels(clusterCount: k)
      #expect(Set(labels) == Set(0..<k))
      #expect(AlgosFixtures.samePartition(labels, try #require(c.agglomerative["\(k)"])), "k=\(k)")
      #expect(AlgosFixtures.samePartition(labels, try #require(c.fcluster["\(k)"])), "k=\(k)")
    }
  }

  @Test func duplicateRowsGiveSciPyHeights() throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == "dup2" })
    let x = try AlgosFixtures.matrix("dup2")
    let tree = try Dendrogram.ward(points: x.values, rows: x.rows, cols: x.cols)
    #expect(tree.heights.prefix(7).allSatisfy { $0 == 0 })
    for (mine, theirs) in zip(tree.heights, c.heights) {
      #expect(AlgosFixtures.close(mine, theirs, absolute: 1e-12, relative: 1e-9))
    }
    #expect(tree.merges.map(\.size) == c.sizes)
    // Ties are broken as SciPy's nearest-neighbour chain breaks them.
    #expect(tree.merges.map(\.left) == c.left)
    #expect(tree.merges.map(\.right) == c.right)
  }

  @Test func documentedExampleHolds() throws {
    var rng = SeededGenerator(seed: 42)
    let ward = try WardClustering.fit(
      points: [0, 0, 0, 1, 5, 5, 5, 6], rows: 4, cols: 2, clusterCount: 2, using: &rng)
    #expect(ward.assignment.labels == [0, 0, 1, 1])
    #expect(ward.assignment.method == .ward)
    #expect(ward.assignment.clusterSizes == [2, 2])
    #expect(ward.centroids == [0, 0.5, 5, 5.5])
    #expect(ward.fittedRows == nil)
    #expect(ward.assignment.notes.isEmpty)
    let tree = try Dendrogram.ward(points: [0, 0, 0, 1, 5, 5], rows: 3, cols: 2)
    #expect(tree.heights[0] == 1)
    #expect(AlgosFixtures.close(tree.heights[1], 7.767453465154029, relative: 1e-15))
    #expect(try tree.labels(clusterCount: 2) == [0, 0, 1])
    #expect(tree.leafOrder.sorted() == [0, 1, 2])
  }

  @Test func oneRowIsOneCluster() throws {
    var rng = SeededGenerator(seed: 1)
    let ward = try WardClustering.fit(
      points: [3, 4], rows: 1, cols: 2, clusterCount: 1, using: &rng)
    #expect(ward.assignment.labels == [0])
    #expect(ward.dendrogram.merges.isEmpty)
    #expect(ward.dendrogram.leafOrder == [0])
  }

  @Test func moreClustersThanRowsIsRefused() {
    var rng = SeededGenerator(seed: 1)
    #expect {
      _ = try WardClustering.fit(points: [1, 2, 3], rows: 3, cols: 1, clusterCount: 4, using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .tooFewPoints }
    #expect {
      _ = try WardClustering.fit(points: [1, 2, 3], rows: 3, cols: 1, clusterCount: 0, using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
  }

  @Test func nanIsRefusedNamingTheRow() {
    #expect {
      _ = try Dendrogram.ward(points: [1, 2, 3, .nan, 5, 6], rows: 3, cols: 2)
    } throws: { error in
      guard let e = error as? ClusteringError else { return false }
      return e.code == .nonFiniteValue && e.row == 1 && e.message.contains("row 1, column 1")
    }
    #expect {
      _ = try Dendrogram.ward(points: [1, 2, 3], rows: 2, cols: 2)
    } throws: { ($0 as? ClusteringError)?.code == .shapeMismatch }
    #expect {
      _ = try Dendrogram.ward(points: [], rows: 0, cols: 2)
    } throws: { ($0 as? ClusteringError)?.code == .emptyInput }
  }

  @Test func identicalRowsMergeAtHeightZero() throws {
    var rng = SeededGenerator(seed: 1)
    let ward = try WardClustering.fit(
      points: Array(repeating: 2.5, count: 20), rows: 10, cols: 2, clusterCount: 3, using: &rng)
    #expect(ward.dendrogram.heights.allSatisfy { $0 == 0 })
    #expect(ward.assignment.clusterCount == 3)
    #expect(ward.assignment.clusterSizes.reduce(0, +) == 10)
    #expect(ward.centroids.allSatisfy { $0 == 2.5 })
  }

  @Test func largeInputIsFittedOnASeededSample() throws {
    var data = [Double]()
    var g = SeededGenerator(seed: 5)
    for i in 0..<3000 {
      let centre = Double(i % 3) * 10
      data.append(centre + g.nextUnitDouble())
      data.append(centre - g.nextUnitDouble())
    }
    var rng = SeededGenerator(seed: 9)
    let ward = try WardClustering.fit(
      points: data, rows: 3000, cols: 2, clusterCount: 3, maxExactRows: 500, using: &rng)
    var again = SeededGenerator(seed: 9)
    let repeated = try WardClustering.fit(
      points: data, rows: 3000, cols: 2, clusterCount: 3, maxExactRows: 500, using: &again)
    #expect(ward == repeated)
    let fitted = try #require(ward.fittedRows)
    #expect(fitted.count == 500)
    #expect(fitted == fitted.sorted() && Set(fitted).count == 500)
    #expect(ward.dendrogram.leafCount == 500)
    #expect(
      ward.assignment.notes == [
        "fitted on a 500-row sample; the other 2500 rows assigned to the nearest cluster centroid"
      ])
    // Well-separated blobs: the rows are split by centre exactly.
    #expect(AlgosFixtures.samePartition(ward.assignment.labels, (0..<3000).map { $0 % 3 }))
    // The sample's labels are the cut of its tree, renumbered consistently.
    let cut = try ward.dendrogram.labels(clusterCount: 3)
    #expect(AlgosFixtures.samePartition(fitted.map { ward.assignment.labels[$0] }, cut))
    // Every row outside the sample sits with its nearest centroid.
    let m = PointMatrix(trusted: data, rows: 3000, cols: 2)
    let sampled = Set(fitted)
    for i in 0..<3000 where !sampled.contains(i) {
      #expect(
        nearestCentroid(m, row: i, centroids: ward.centroids, count: 3) == ward.assignment.labels[i]
      )
    }
  }

  @Test func mergeHeightsNeverDecreaseAndSizesAddUp() async {
    await propertyCheck(input: Gen.int(in: 2...60), Gen.int(in: 1...4), Gen.int(in: 0...1000)) {
      n, d, seed in
      var g = SeededGenerator(seed: UInt64(seed))
      let data = (0..<(n * d)).map { _ in (g.nextUnitDouble() * 4).rounded() }  // many ties
      let tree = try Dendrogram.ward(points: data, rows: n, cols: d)
      #expect(tree.merges.count == n - 1)
      #expect(zip(tree.heights, tree.heights.dropFirst()).allSatisfy { $0 <= $1 })
      #expect(tree.merges.last?.size == n)
      #expect(tree.merges.allSatisfy { $0.left < $0.right })
      for k in 1...n {
        #expect(Set(try tree.labels(clusterCount: k)).count == k)
      }
    }
  }
}
