import SegCore
import Testing

@Suite struct ProfileAndNamingTests {
  let original = try! TestData.matrix(
    [[10, 1, 100], [20, 3, 300], [200, 1, 50], [300, 2, 70]],
    names: ["recency", "frequency", "monetary"])

  @Test func profilesReportSizesSharesMeansMediansAndDifferences() throws {
    let p = try ClusterProfiles.compute(
      original: original, labels: [0, 0, 1, 1], money: original.column(2))
    #expect(p.populationMeans == [132.5, 1.75, 130])
    let c0 = p.clusters[0]
    #expect(c0.size == 2 && c0.share == 0.5)
    #expect(c0.revenueShare == 400.0 / 520.0)
    #expect(c0.means == [15, 2, 200])
    #expect(c0.medians == [15, 2, 200])
    #expect(c0.ratios[2] == 200.0 / 130.0)
    let sd = p.populationStandardDeviations[0]
    #expect(c0.zDifferences[0] == (15 - 132.5) / sd)
    #expect(c0.centroidScaled == nil)
  }

  @Test func centroidsMapBackToClusterMeansInOriginalUnits() throws {
    let ds = ClusteringOracle.shared.dataset("rfm")
    let raw = try ClusteringOracle.rawMatrix(ds)
    let (scaled, scaler) = try raw.scaled(.standard)
    let fit = try KMeansMethod(k: 4).fit(scaled)
    let p = try ClusterProfiles.compute(original: raw, labels: fit.labels, fit: fit, scaler: scaler)
    #expect(p.clusters.map(\.size) == fit.sizes)
    for c in p.clusters {
      let back = try #require(c.centroidOriginal)
      for (a, b) in zip(back, c.means) { #expect(close(a, b, rel: 1e-9, abs: 1e-9)) }
    }
  }

  @Test func profilesRejectMismatchedInput() throws {
    #expect(throws: AnalysisError.shapeMismatch(what: "labels", expected: 4, actual: 3)) {
      try ClusterProfiles.compute(original: original, labels: [0, 0, 1])
    }
    #expect(throws: AnalysisError.shapeMismatch(what: "money values", expected: 4, actual: 1)) {
      try ClusterProfiles.compute(original: original, labels: [0, 0, 1, 1], money: [1])
    }
  }

  /// Four clusters of 25 customers with clear RFM standings.
  static func rfmClusters() throws -> (FeatureMatrix, [Int]) {
    var rows = [[Double]]()
    var labels = [Int]()
    var g = SeededGenerator(seed: 1)
    func jitter() -> Double { g.nextUnitDouble() }
    for i in 0..<25 {  // champions: recent, frequent, big
      rows.append([3 + jitter(), 30 + jitter(), 5000 + Double(i)])
      labels.append(0)
    }
    for i in 0..<25 {  // lost: long ago, once, little
      rows.append([300 + jitter(), 1 + jitter(), 20 + Double(i)])
      labels.append(1)
    }
    for i in 0..<25 {  // new: most recent, once, little
      rows.append([1 + jitter(), 1 + jitter(), 40 + Double(i)])
      labels.append(2)
    }
    for i in 0..<25 {  // at risk: long ago but frequent and big
      rows.append([280 + jitter(), 25 + jitter(), 4000 + Double(i)])
      labels.append(3)
    }
    return (try TestData.matrix(rows, names: ["recency", "frequency", "monetary"]), labels)
  }

  @Test func autoNamingFindsTheClassicSegments() throws {
    let (m, labels) = try Self.rfmClusters()
    let names = try SegmentNamer.names(original: m, labels: labels)
    #expect(names.map(\.name) == ["Champions", "Lost", "New Customers", "At Risk"])
    #expect(names[0].reason.hasPrefix("recency 0.63 (mid recency), frequency 0.87 (frequent)"))
    #expect(names[1].reason.hasSuffix("monetary 0.13 (low spend)"))
  }

  @Test func namesAreNeverRepeated() throws {
    let ds = ClusteringOracle.shared.dataset("rfm")
    let raw = try ClusteringOracle.rawMatrix(ds)
    let scaled = try raw.transformed(.signedLog).scaled(.standard).matrix
    for k in [2, 5, 8, 10] {
      let fit = try KMeans.fit(scaled, k: k, options: KMeansOptions(restarts: 2))
      let names = try SegmentNamer.names(original: raw, labels: fit.labels)
      #expect(Set(names.map(\.name)).count == k)
    }
  }

  @Test func namingFallsBackWithoutRecencyAndWithoutAnyRFMColumn() throws {
    let (m, labels) = try Self.rfmClusters()
    let fm = try m.selecting(columns: ["frequency", "monetary"])
    let names = try SegmentNamer.names(original: fm, labels: labels).map(\.name)
    #expect(Set(names).count == 4)
    #expect(!names.contains("New Customers") && !names.contains("Lost"))
    let other = try FeatureMatrix(values: fm.values, rows: fm.rows, columnNames: ["a", "b"])
    let plain = try SegmentNamer.names(original: other, labels: labels)
    #expect(plain.map(\.name) == ["Segment 1", "Segment 2", "Segment 3", "Segment 4"])
    #expect(plain[0].reason == "no recency, frequency or monetary feature")
  }

  @Test func clustersBeyondTheVocabularyAreNumbered() throws {
    let m = try TestData.matrix(
      (0..<30).map { [Double($0), Double(30 - $0), Double($0 % 7)] },
      names: ["recency", "frequency", "monetary"])
    let names = try SegmentNamer.names(original: m, labels: Array(0..<30).map { $0 % 15 })
    #expect(Set(names.map(\.name)).count == 15)
    #expect(names.filter { $0.name.hasPrefix("Segment ") }.count == 15 - 11)
  }

  @Test func detectedRolesPreferExactNames() {
    let roles = RFMRoles.detect(in: ["log_monetary", "Recency", "monetary", "freq"])
    #expect(roles == RFMRoles(recency: "Recency", frequency: nil, monetary: "monetary"))
  }
}
