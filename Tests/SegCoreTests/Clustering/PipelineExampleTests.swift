import SegCore
import Testing

/// Runs the usage example of `SegCore.docc/Clustering.md` on the real RFM fixture.
@Suite struct PipelineExampleTests {
  @Test func theDocumentedPipelineRunsOnRealCustomers() throws {
    let rfm = try NumericCSV.read(ClusteringOracle.fixtureURL("rfm.csv"))
    let features = try FeatureMatrix(table: rfm, columns: ["recency", "frequency", "monetary"])
    let kept = features.filtered(try features.outlierMask(.zScore(threshold: 3)).keep)
    let (scaled, scaler) = try kept.transformed(.signedLog).scaled(.standard)
    let elbow = try Elbow.sweep(scaled, ks: 2...10)
    let fit = try KMeansMethod(k: elbow.knee ?? 4).fit(scaled)
    let profiles = try ClusterProfiles.compute(
      original: kept, labels: fit.labels, fit: fit, scaler: scaler)
    let names = try SegmentNamer.names(original: kept, labels: fit.labels)

    #expect(kept.rows == 4338 - 63)
    #expect(fit.clusterCount == elbow.knee ?? 4)
    #expect(profiles.clusters.count == fit.clusterCount)
    #expect(Set(names.map(\.name)).count == fit.clusterCount)
    // The most valuable cluster by monetary mean is named Champions.
    let richest = profiles.clusters.max { $0.means[2] < $1.means[2] }?.cluster
    #expect(names.first { $0.cluster == richest }?.name == "Champions")
  }
}
