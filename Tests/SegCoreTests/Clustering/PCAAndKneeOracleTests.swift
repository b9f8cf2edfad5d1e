import SegCore
import Testing

@Suite struct PCAAndKneeOracleTests {
  static let oracle = ClusteringOracle.shared

  @Test(arguments: KMeansOracleTests.datasetNames)
  func pcaVariancesAndComponentsMatchScikitLearn(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let x = try ClusteringOracle.scaledMatrix(ds)
    let pca = try PCA.fit(x)
    let d = x.cols
    for (a, b) in zip(pca.explainedVariance, ds.pca.explained_variance) {
      #expect(close(a, b), "variance \(a) vs \(b)")
    }
    for (a, b) in zip(pca.explainedVarianceRatio, ds.pca.explained_variance_ratio) {
      #expect(close(a, b))
    }
    let projected = try pca.transform(x)
    for r in 0..<d {
      let ours = pca.components[(r * d)..<((r + 1) * d)]
      let theirs = ds.pca.components[(r * d)..<((r + 1) * d)]
      // Up to sign: compare against the sign that fits.
      let sign: Double = zip(ours, theirs).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1 : 1
      for (a, b) in zip(ours, theirs) { #expect(close(sign * a, b, rel: 1e-7, abs: 1e-9)) }
      for i in 0..<(ds.pca.first_rows_transformed.count / d) {
        #expect(
          close(
            sign * projected[i, r], ds.pca.first_rows_transformed[i * d + r], rel: 1e-7, abs: 1e-9))
      }
    }
  }

  @Test func knownKneesMatchTheKneedPackage() {
    for curve in Self.oracle.knee_curves {
      #expect(Kneedle.knee(x: curve.x, y: curve.y) == curve.knee, "curve \(curve.y)")
    }
  }

  @Test(arguments: KMeansOracleTests.datasetNames)
  func kneeOfScikitLearnsElbowCurveMatchesKneed(dataset name: String) {
    let pp = Self.oracle.dataset(name).kmeanspp
    #expect(
      Kneedle.knee(x: pp.ks.map(Double.init), y: pp.best_inertia_n_init_10) == pp.knee_n_init_10)
  }

  @Test func aStraightLineHasNoKnee() {
    #expect(Kneedle.knee(x: [1, 2, 3, 4, 5], y: [10, 8, 6, 4, 2]) == nil)
    #expect(Kneedle.knee(x: [1, 2, 3], y: [5, 5, 5]) == nil)
    #expect(Kneedle.knee(x: [1], y: [5]) == nil)
  }

  @Test func documentedKneeExample() {
    #expect(Kneedle.knee(x: [1, 2, 3, 4, 5, 6], y: [100, 40, 20, 14, 11, 9]) == 3)
  }
}
