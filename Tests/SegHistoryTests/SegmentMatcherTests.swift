import SegHistory
import Testing

@Suite struct SegmentMatcherTests {
  let names = ["Champions", "Loyal", "At Risk"]
  // Previous scaled centroids, 2 features.
  let previous: [Double] = [1.5, 1.5, 0.2, 0.4, -1.2, -1.0]

  @Test func namesFollowTheCentroidsWhenClusterNumbersChange() throws {
    // The same three centroids, nudged, in the order At Risk, Champions, Loyal.
    let current: [Double] = [-1.1, -1.0, 1.6, 1.4, 0.25, 0.35]
    let m = SegmentMatcher.match(
      previousNames: names, previousCentroids: previous, currentCentroids: current, dimension: 2)
    #expect(m.mapping == ["At Risk", "Champions", "Loyal"])
    #expect(m.matches.map(\.previousCluster) == [2, 0, 1])
    #expect(m.matches.allSatisfy { $0.status == .matched })
    #expect(m.vanished.isEmpty && m.flagged.isEmpty && m.newClusters.isEmpty)
    let distance = try #require(m.matches[0].distance)
    #expect(abs(distance - 0.1) < 1e-12)
  }

  @Test func aCentroidThatMovedTooFarIsFlaggedNotRenamed() {
    // Loyal's centroid moves by 2.5 scaled units.
    let current: [Double] = [1.5, 1.5, 2.2, -1.1, -1.2, -1.0]
    let m = SegmentMatcher.match(
      previousNames: names, previousCentroids: previous, currentCentroids: current, dimension: 2,
      threshold: 1.0)
    #expect(m.mapping == ["Champions", nil, "At Risk"])
    #expect(m.flagged.map(\.cluster) == [1])
    #expect(m.matches[1].status == .moved)
    #expect(m.matches[1].previousName == "Loyal")
    #expect(m.vanished == ["Loyal"])
  }

  @Test func anExtraClusterIsNew() {
    let current: [Double] = [1.5, 1.5, 0.2, 0.4, 3.0, -3.0, -1.2, -1.0]
    let m = SegmentMatcher.match(
      previousNames: names, previousCentroids: previous, currentCentroids: current, dimension: 2)
    #expect(m.mapping == ["Champions", "Loyal", nil, "At Risk"])
    #expect(m.newClusters == [2])
    #expect(m.matches[2].previousName == nil && m.matches[2].distance == nil)
  }

  @Test func aMissingClusterVanishes() {
    let current: [Double] = [-1.2, -1.0, 1.4, 1.5]
    let m = SegmentMatcher.match(
      previousNames: names, previousCentroids: previous, currentCentroids: current, dimension: 2)
    #expect(m.mapping == ["At Risk", "Champions"])
    #expect(m.vanished == ["Loyal"])
  }

  @Test func assignmentIsOptimalNotGreedy() {
    // New cluster 0 is nearest to A, but giving A to cluster 1 is cheaper overall.
    let previous: [Double] = [0, 0, 3, 0]  // A at 0, B at 3 (second feature 0)
    let current: [Double] = [1, 0, 0.1, 0]  // 1 is 1 from A and 2 from B; 0.1 is 0.1 / 2.9
    let m = SegmentMatcher.match(
      previousNames: ["A", "B"], previousCentroids: previous, currentCentroids: current,
      dimension: 2, threshold: 5)
    // Greedy on cluster 0 would pick A (cost 1 + 2.9 = 3.9); optimal is B then A (2 + 0.1).
    #expect(m.mapping == ["B", "A"])
  }

  @Test func fallbackNamesAreMadeDistinct() {
    let current: [Double] = [1.5, 1.5, 9, 9, 0.2, 0.4, -9, -9]
    let m = SegmentMatcher.match(
      previousNames: ["Champions", "Loyal"], previousCentroids: Array(previous[0..<4]),
      currentCentroids: current, dimension: 2)
    #expect(m.mapping == ["Champions", nil, "Loyal", nil])
    #expect(
      m.names(fallback: ["Champions", "Loyal", "Big", "Big"])
        == ["Champions", "Loyal 2", "Loyal", "Big"])
  }

  @Test func withNoPreviousRunEveryClusterIsNew() {
    let m = SegmentMatcher.unmatched(k: 3)
    #expect(m.previousRunID == nil && !m.featuresDiffer)
    #expect(m.mapping == [nil, nil, nil])
    #expect(m.names(fallback: ["a", "b", "c"]) == ["a", "b", "c"])
  }
}
