import SegCore
import Testing

@Suite struct ValidityOracleTests {
  static let oracle = ClusteringOracle.shared

  @Test(arguments: KMeansOracleTests.datasetNames)
  func silhouetteCalinskiHarabaszAndDaviesBouldinMatchScikitLearn(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let x = try ClusteringOracle.scaledMatrix(ds)
    for fit in ds.kmeans_from_centres {
      let sil = try ClusterValidity.silhouette(x, labels: fit.labels)
      #expect(!sil.isSampled)
      #expect(
        close(sil.score, fit.silhouette), "k=\(fit.k) silhouette \(sil.score) vs \(fit.silhouette)")
      let ch = try ClusterValidity.calinskiHarabasz(x, labels: fit.labels)
      #expect(close(ch, fit.calinski_harabasz), "k=\(fit.k) CH \(ch) vs \(fit.calinski_harabasz)")
      let db = try ClusterValidity.daviesBouldin(x, labels: fit.labels)
      #expect(close(db, fit.davies_bouldin), "k=\(fit.k) DB \(db) vs \(fit.davies_bouldin)")
      let inertia = try ClusterValidity.inertia(x, labels: fit.labels, centroids: fit.centres)
      #expect(close(inertia, fit.inertia))
    }
  }

  @Test(arguments: KMeansOracleTests.datasetNames)
  func adjustedRandIndexMatchesScikitLearn(dataset name: String) throws {
    for pair in Self.oracle.dataset(name).ari_pairs {
      let ari = try ClusterValidity.adjustedRandIndex(pair.a, pair.b)
      #expect(close(ari, pair.ari), "\(ari) vs \(pair.ari)")
    }
  }

  @Test func adjustedRandIndexMatchesScikitLearnOnSmallCases() throws {
    for pair in Self.oracle.ari_small {
      #expect(close(try ClusterValidity.adjustedRandIndex(pair.a, pair.b), pair.ari))
    }
  }
}
