import Foundation
import SegHistory
import Testing

/// Issue 16, item 12: the migration matrix has its rows and columns in one order, so the
/// customers who kept their segment are on the diagonal whatever clusters k-means gave them.
@Suite struct MigrationOrderTests {
  /// A run whose cluster `c` is named `names[c]`; customer `ids[i]` is in cluster `clusters[i]`.
  static func run(_ names: [String], _ ids: [String], _ clusters: [Int]) -> RunRecord {
    RunRecord(
      createdAt: Date(timeIntervalSince1970: 0), asof: "2011-10-01", segVersion: "0.1.0",
      script: "", inputFile: "x.csv", inputSHA256: "", parameters: [:], seed: 1,
      method: "kmeans", featureNames: ["recency"],
      segments: names.indices.map {
        RunSegment(name: names[$0], centroid: [Double($0)], scaledCentroid: [Double($0)])
      },
      customers: RunCustomers(
        ids: ids, features: clusters.map(Double.init), revenue: ids.map { _ in 1 },
        clusters: clusters))
  }

  @Test func migrationMatrixPutsCustomersWhoStayedOnTheDiagonal() throws {
    // Previous: A B C (B vanishes). Current: C D A (D is new), so name order differs by cluster.
    let previous = Self.run(["A", "B", "C"], ["1", "2", "3", "4", "5"], [0, 0, 1, 2, 2])
    let current = Self.run(["C", "D", "A"], ["1", "2", "3", "4", "6"], [2, 0, 1, 0, 1])
    let c = RunComparison(previous: previous, previousID: 1, current: current, currentID: 2)
    #expect(c.previousSegments == ["A", "C", "B"])
    #expect(c.currentSegments == ["A", "C", "D"])
    #expect(c.previousClusters == [0, 2, 1] && c.currentClusters == [2, 0, 1])
    #expect(c.sharedCount == 2)
    for i in 0..<c.sharedCount { #expect(c.previousSegments[i] == c.currentSegments[i]) }
    // 1 A→A, 2 A→C, 3 B→D, 4 C→C; 5 (C) left; 6 (D) arrived.
    #expect(c.counts == [1, 1, 0, 0, 1, 0, 0, 0, 1])
    #expect(c.left == [0, 1, 0] && c.arrived == [0, 0, 1])
    #expect(try c.share(from: "A", to: "A") == 0.5)
    #expect(c.changes.map(\.name) == ["A", "C", "B", "D"])
  }
}
