import SegCore
import Testing

@Suite struct KMeansOracleTests {
  static let oracle = ClusteringOracle.shared
  static let datasetNames = ["rfm", "rfm_signedlog", "blobs3", "blobs6"]

  @Test(arguments: datasetNames)
  func fitFromGivenCentresMatchesScikitLearnLabelsAndInertia(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let x = try ClusteringOracle.scaledMatrix(ds)
    for fit in ds.kmeans_from_centres {
      let initial = ClusteringOracle.rows(x, fit.init_rows)
      let result = try KMeans.fit(x, initialCentroids: initial)
      #expect(result.labels == fit.labels, "k=\(fit.k) labels differ")
      #expect(close(result.inertia, fit.inertia), "k=\(fit.k): \(result.inertia) vs \(fit.inertia)")
      #expect(result.iterations == fit.n_iter, "k=\(fit.k) iterations")
      for (a, b) in zip(result.centroids, fit.centres) {
        #expect(close(a, b, rel: 1e-9, abs: 1e-9))
      }
    }
  }

  @Test(arguments: datasetNames)
  func plusPlusInertiaIsNoWorseThanScikitLearnsBestOfTenRestarts(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let x = try ClusteringOracle.scaledMatrix(ds)
    for (k, sklearnBest) in zip(ds.kmeanspp.ks, ds.kmeanspp.best_inertia_n_init_10) {
      let result = try KMeans.fit(x, k: k, options: KMeansOptions(restarts: 10, seed: 42))
      #expect(
        result.inertia <= sklearnBest * 1.005, "k=\(k): \(result.inertia) vs sklearn \(sklearnBest)"
      )
    }
  }
}
