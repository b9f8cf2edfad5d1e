import PropertyBased
import SegCore
import Testing

@Suite struct ValidityTests {
  @Test func silhouetteLiesBetweenMinusOneAndOne() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...5)) {
      seed, k in
      let m = TestData.blobs(seed: seed, rows: 80, cols: 2)
      var g = SeededGenerator(seed: UInt64(seed))
      var labels = (0..<m.rows).map { _ in g.nextInt(below: k) }
      labels[0] = 0
      labels[1] = 1
      guard let s = try? ClusterValidity.silhouette(m, labels: labels) else {
        Issue.record("silhouette failed")
        return
      }
      #expect(s.score >= -1 && s.score <= 1)
      for c in s.clusterScores where !c.isNaN { #expect(c >= -1 && c <= 1) }
    }
  }

  @Test func silhouetteOfTwoTightPairs() throws {
    // a = 1, b = mean distance to the far pair.
    let m = try TestData.matrix([[0], [1], [10], [11]])
    let s = try ClusterValidity.silhouette(m, labels: [0, 0, 1, 1])
    let expected =
      [(10.5 - 1) / 10.5, (9.5 - 1) / 9.5, (9.5 - 1) / 9.5, (10.5 - 1) / 10.5].reduce(0, +) / 4
    #expect((s.score - expected).magnitude < 1e-15)
    #expect(!s.isSampled && s.rowsUsed == 4)
  }

  @Test func sampledSilhouetteSaysSoAndIsSeeded() throws {
    let m = TestData.blobs(seed: 1, rows: 500, cols: 2)
    let labels = (0..<500).map { $0 % 3 }
    let a = try ClusterValidity.silhouette(m, labels: labels, sampleLimit: 100, seed: 4)
    let b = try ClusterValidity.silhouette(m, labels: labels, sampleLimit: 100, seed: 4)
    #expect(a.isSampled && a.rowsUsed == 100 && a.rows == 500)
    #expect(a == b)
    let exact = try ClusterValidity.silhouette(m, labels: labels, sampleLimit: 500)
    #expect(!exact.isSampled)
  }

  @Test func singletonClustersScoreZero() throws {
    let m = try TestData.matrix([[0], [1], [10]])
    let s = try ClusterValidity.silhouette(m, labels: [0, 0, 1])
    #expect(s.clusterScores[1] == 0)
  }

  @Test func indicesNeedBetweenTwoAndRowsMinusOneLabels() throws {
    let m = try TestData.matrix([[0], [1], [2]])
    #expect(throws: AnalysisError.invalidLabelCount(labels: 1, rows: 3)) {
      try ClusterValidity.silhouette(m, labels: [0, 0, 0])
    }
    #expect(throws: AnalysisError.invalidLabelCount(labels: 3, rows: 3)) {
      try ClusterValidity.calinskiHarabasz(m, labels: [0, 1, 2])
    }
    #expect(throws: AnalysisError.shapeMismatch(what: "labels", expected: 3, actual: 2)) {
      try ClusterValidity.daviesBouldin(m, labels: [0, 1])
    }
  }

  @Test func arbitraryLabelValuesGiveTheSameScores() throws {
    let m = TestData.blobs(seed: 2, rows: 60, cols: 3)
    let labels = (0..<60).map { $0 % 3 }
    let renamed = labels.map { [7, -2, 1000][$0] }
    #expect(
      try ClusterValidity.calinskiHarabasz(m, labels: labels)
        == ClusterValidity.calinskiHarabasz(m, labels: renamed))
    #expect(
      try ClusterValidity.daviesBouldin(m, labels: labels)
        == ClusterValidity.daviesBouldin(m, labels: renamed))
    #expect(
      try ClusterValidity.silhouette(m, labels: labels).score
        == ClusterValidity.silhouette(m, labels: renamed).score)
  }

  @Test func adjustedRandIndexIgnoresLabelNamesAndIsSymmetric() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000)) { seed in
      var g = SeededGenerator(seed: UInt64(seed))
      let a = (0..<50).map { _ in g.nextInt(below: 4) }
      let b = (0..<50).map { _ in g.nextInt(below: 3) }
      guard let ab = try? ClusterValidity.adjustedRandIndex(a, b),
        let ba = try? ClusterValidity.adjustedRandIndex(b, a),
        let self1 = try? ClusterValidity.adjustedRandIndex(a, a.map { 10 - $0 })
      else {
        Issue.record("ARI failed")
        return
      }
      #expect(ab == ba)
      #expect(self1 == 1)
      #expect(ab <= 1)
    }
  }

  @Test func adjustedRandIndexNeedsEqualLengths() throws {
    #expect(throws: AnalysisError.shapeMismatch(what: "label counts", expected: 2, actual: 1)) {
      try ClusterValidity.adjustedRandIndex([0, 1], [0])
    }
    #expect(try ClusterValidity.adjustedRandIndex([], []) == 1)
  }

  @Test func calinskiHarabaszIsOneWithoutWithinClusterSpread() throws {
    let m = try TestData.matrix([[0], [0], [5], [5]])
    #expect(try ClusterValidity.calinskiHarabasz(m, labels: [0, 0, 1, 1]) == 1)
    #expect(try ClusterValidity.daviesBouldin(m, labels: [0, 0, 1, 1]) == 0)
  }
}
