import PropertyBased
import SegCore
import Testing

@Suite struct KMeansTests {
  @Test func inertiaNeverRisesAcrossIterations() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...6)) {
      seed, k in
      let m = TestData.blobs(seed: seed, rows: 120, cols: 3, groups: 4)
      guard
        let r = try? KMeans.fit(m, k: k, options: KMeansOptions(restarts: 2, seed: UInt64(seed)))
      else {
        Issue.record("fit failed")
        return
      }
      let h = r.inertiaHistory
      for i in 1..<max(h.count, 1) { #expect(h[i] <= h[i - 1] * (1 + 1e-12), "iteration \(i)") }
      if let last = h.last { #expect(r.inertia <= last * (1 + 1e-12)) }
    }
  }

  @Test func everyPointEndsNearestItsOwnCentroid() async {
    await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...7)) {
      seed, k in
      let m = TestData.blobs(seed: seed, rows: 150, cols: 2, groups: 3)
      guard
        let r = try? KMeans.fit(m, k: k, options: KMeansOptions(restarts: 1, seed: UInt64(seed)))
      else {
        Issue.record("fit failed")
        return
      }
      for i in 0..<m.rows {
        let own = distance(m.row(i), r.centroid(r.labels[i]))
        for j in 0..<k { #expect(own <= distance(m.row(i), r.centroid(j)) + 1e-9) }
      }
      let recomputed =
        (try? ClusterValidity.inertia(m, labels: r.labels, centroids: r.centroids)) ?? .nan
      #expect((recomputed - r.inertia).magnitude <= 1e-9 * max(1, r.inertia))
    }
  }

  @Test func labelsAreNumberedByDescendingClusterSize() async {
    await propertyCheck(count: 30, input: Gen.int(in: 0...1_000_000)) { seed in
      let m = TestData.blobs(seed: seed, rows: 90, cols: 2, groups: 5)
      guard let r = try? KMeans.fit(m, k: 4, options: KMeansOptions(restarts: 2, seed: 1)) else {
        Issue.record("fit failed")
        return
      }
      #expect(r.clusterSizes == r.clusterSizes.sorted(by: >))
      #expect(r.clusterSizes.reduce(0, +) == m.rows)
      for j in 0..<4 { #expect(r.labels.filter { $0 == j }.count == r.clusterSizes[j]) }
    }
  }

  @Test func theSameSeedGivesTheSameResultOnLargeParallelInput() throws {
    // 20,000 rows span several row chunks, so the assignment runs on every core.
    let m = TestData.blobs(seed: 3, rows: 20_000, cols: 3, groups: 5)
    let a = try KMeans.fit(m, k: 5, options: KMeansOptions(restarts: 2, seed: 9))
    let b = try KMeans.fit(m, k: 5, options: KMeansOptions(restarts: 2, seed: 9))
    #expect(a == b)
    #expect(
      try KMeans.plusPlusCentroids(m, k: 5, seed: 9) != KMeans.plusPlusCentroids(m, k: 5, seed: 10))
  }

  @Test func plusPlusCentroidsAreRowsOfTheData() throws {
    let m = TestData.blobs(seed: 5, rows: 60, cols: 2)
    let c = try KMeans.plusPlusCentroids(m, k: 4, seed: 1)
    #expect(c.count == 8)
    for j in 0..<4 {
      #expect((0..<m.rows).contains { m.row($0) == Array(c[(j * 2)..<(j * 2 + 2)]) })
    }
  }

  @Test func kEqualToTheRowCountGivesZeroInertia() throws {
    let m = try TestData.matrix([[0, 0], [1, 0], [0, 5], [9, 9]])
    let r = try KMeans.fit(m, k: 4)
    #expect(r.inertia == 0)
    #expect(r.clusterSizes == [1, 1, 1, 1])
    #expect(r.labels == [0, 1, 2, 3])  // ties in size go to the first row
  }

  @Test func badClusterCountsAreTypedErrors() throws {
    let m = try TestData.matrix([[0], [1], [2]])
    #expect(throws: AnalysisError.invalidClusterCount(k: 1, rows: 3)) { try KMeans.fit(m, k: 1) }
    #expect(throws: AnalysisError.invalidClusterCount(k: 4, rows: 3)) { try KMeans.fit(m, k: 4) }
    let one = try TestData.matrix([[7, 7]])
    #expect(throws: AnalysisError.invalidClusterCount(k: 2, rows: 1)) { try KMeans.fit(one, k: 2) }
    #expect(
      AnalysisError.invalidClusterCount(k: 1, rows: 3).description == "k must be at least 2 (got 1)"
    )
    #expect(
      AnalysisError.invalidClusterCount(k: 4, rows: 3).description
        == "k=4 exceeds the 3 rows available")
  }

  @Test func anEmptyMatrixCannotBeClustered() throws {
    let m = try FeatureMatrix(values: [], rows: 0, columnNames: ["a"])
    #expect(throws: AnalysisError.emptyMatrix) { try KMeans.fit(m, k: 2) }
    #expect(throws: AnalysisError.emptyMatrix) { try Elbow.sweep(m, ks: 2...3) }
  }

  @Test func identicalRowsAreFewerDistinctPointsThanK() throws {
    let same = try TestData.matrix(Array(repeating: [1.5, 2], count: 10))
    #expect(throws: AnalysisError.tooFewDistinctPoints(k: 2, distinct: 1)) {
      try KMeans.fit(same, k: 2)
    }
    let two = try TestData.matrix(
      Array(repeating: [0.0], count: 5) + Array(repeating: [3.0], count: 5))
    #expect(throws: AnalysisError.tooFewDistinctPoints(k: 3, distinct: 2)) {
      try KMeans.fit(two, k: 3)
    }
    #expect(try KMeans.fit(two, k: 2).inertia == 0)
  }

  @Test func optionsAreValidated() throws {
    let m = try TestData.matrix([[0], [1], [2]])
    #expect(throws: AnalysisError.invalidParameter(name: "restarts", reason: "must be at least 1"))
    {
      try KMeans.fit(m, k: 2, options: KMeansOptions(restarts: 0))
    }
    #expect(
      throws: AnalysisError.shapeMismatch(what: "initial centroid values", expected: 2, actual: 3)
    ) {
      try KMeans.fit(TestData.matrix([[0, 1], [1, 1]]), initialCentroids: [0, 1, 2])
    }
  }

  @Test func fitFromCentroidsKeepsTheirOrderAndAssignAgrees() throws {
    let m = try TestData.matrix([[0], [0.5], [10], [10.5]])
    let r = try KMeans.fit(m, initialCentroids: [10, 0])
    #expect(r.labels == [1, 1, 0, 0])
    #expect(r.centroids == [10.25, 0.25])
    let (labels, inertia) = try KMeans.assign(m, centroids: r.centroids)
    #expect(labels == r.labels && inertia == r.inertia)
  }

  @Test func elbowFitsEqualDirectFitsAndFindTheBlobKnee() throws {
    let ds = ClusteringOracle.shared.dataset("blobs3")
    let x = try ClusteringOracle.scaledMatrix(ds)
    let elbow = try Elbow.sweep(x, ks: 2...10)
    #expect(elbow.ks == Array(2...10))
    #expect(elbow.knee == 4)
    #expect(elbow.fits[2] == (try KMeansMethod(k: 4).fit(x)))
    #expect(throws: AnalysisError.invalidClusterCount(k: 1, rows: x.rows)) {
      try Elbow.sweep(x, ks: 1...3)
    }
  }

  private func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
  }
}
