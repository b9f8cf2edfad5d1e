import Foundation
import SegHistory
import Testing

/// Segment matching on k-means centroids of the real Online Retail data, four monthly as-of
/// dates, against SciPy's `linear_sum_assignment` (scripts/refresh_drift_oracle.py).
@Suite struct RealDataMatchingTests {
  struct Oracle: Decodable {
    struct Month: Decodable {
      var asof: String
      var customers: Int
      var sizes: [Int]
      var scaledCentroids: [Double]
      var previousClusterOf: [Int]?
      var distances: [Double]?
    }
    var features: [String]
    var months: [Month]
  }

  static func oracle() throws -> Oracle {
    let url = try #require(
      Bundle.module.url(
        forResource: "refresh_centroids", withExtension: "json", subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Oracle.self, from: Data(contentsOf: url))
  }

  @Test func matchingAgreesWithSciPyAndKeepsEveryName() throws {
    let oracle = try Self.oracle()
    #expect(oracle.months.map(\.asof) == MonthlyRefresh.asofs)
    let names = ["A", "B", "C", "D"]
    for (previous, month) in zip(oracle.months, oracle.months.dropFirst()) {
      let m = SegmentMatcher.match(
        previousNames: names, previousCentroids: previous.scaledCentroids,
        currentCentroids: month.scaledCentroids, dimension: oracle.features.count)
      #expect(m.matches.map(\.previousCluster) == month.previousClusterOf?.map { Optional($0) })
      for (match, expected) in zip(m.matches, month.distances ?? []) {
        let distance = try #require(match.distance)
        #expect(abs(distance - expected) <= 1e-12 * max(1, expected))
      }
      // Month-to-month drift is far below the threshold: every name is kept.
      #expect(m.matches.allSatisfy { $0.status == .matched })
      #expect(m.vanished.isEmpty)
    }
  }

  @Test func theThresholdSitsBetweenDriftAndTheGapBetweenSegments() throws {
    let oracle = try Self.oracle()
    let drift = oracle.months.compactMap(\.distances).flatMap { $0 }
    #expect(drift.count == 12)
    #expect(drift.allSatisfy { $0 < SegmentMatcher.defaultThreshold / 4 })
    // The closest two centroids of any month are much farther apart than the threshold.
    for month in oracle.months {
      let c = month.scaledCentroids
      for i in 0..<4 {
        for j in 0..<i {
          let d = (0..<3).map { (c[i * 3 + $0] - c[j * 3 + $0]) * (c[i * 3 + $0] - c[j * 3 + $0]) }
            .reduce(0, +).squareRoot()
          #expect(d > SegmentMatcher.defaultThreshold * 1.5)
        }
      }
    }
  }
}
