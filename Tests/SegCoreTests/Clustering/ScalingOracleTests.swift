import SegCore
import Testing

@Suite struct ScalingOracleTests {
  static let oracle = ClusteringOracle.shared

  static func input(_ ds: ClusteringOracle.Dataset) throws -> FeatureMatrix {
    let raw = try ClusteringOracle.rawMatrix(ds)
    return ds.transform == "signedlog" ? try raw.transformed(.signedLog) : raw
  }

  @Test func rfmFixtureHasTheReferenceCustomerCount() {
    #expect(Self.oracle.rfm_customers == 4338)
  }

  @Test(arguments: KMeansOracleTests.datasetNames)
  func standardScalerMatchesScikitLearn(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let (scaled, scaler) = try Self.input(ds).scaled(.standard)
    for (a, b) in zip(scaler.centers, ds.standard.mean) { #expect(close(a, b, rel: 1e-12)) }
    for (a, b) in zip(scaler.scales, ds.standard.scale) { #expect(close(a, b, rel: 1e-12)) }
    for (a, b) in zip(scaled.values.prefix(ds.standard.first_rows.count), ds.standard.first_rows) {
      #expect(close(a, b, rel: 1e-10, abs: 1e-12))
    }
    for j in 0..<scaled.cols {
      let ss = scaled.column(j).reduce(0) { $0 + $1 * $1 }
      #expect(close(ss, ds.standard.column_sum_squares[j], rel: 1e-10))
    }
  }

  @Test(arguments: KMeansOracleTests.datasetNames)
  func robustAndMinMaxScalersMatchScikitLearn(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let x = try Self.input(ds)
    let robust = try FittedScaler.fit(x, method: .robust)
    for (a, b) in zip(robust.centers, ds.robust.center) { #expect(close(a, b, rel: 1e-12)) }
    for (a, b) in zip(robust.scales, ds.robust.scale) { #expect(close(a, b, rel: 1e-12)) }
    let minMax = try FittedScaler.fit(x, method: .minMax)
    for j in 0..<x.cols {
      #expect(minMax.centers[j] == ds.minmax.min[j])
      #expect(close(minMax.centers[j] + minMax.scales[j], ds.minmax.max[j], rel: 1e-14))
    }
  }

  @Test(arguments: KMeansOracleTests.datasetNames)
  func zScoreAndIQRMasksRemoveTheSameRowsAsSciPyAndNumPy(dataset name: String) throws {
    let ds = Self.oracle.dataset(name)
    let x = try Self.input(ds)
    let z = try x.outlierMask(.zScore(threshold: 3))
    #expect(z.keep.indices.filter { !z.keep[$0] } == ds.zscore3_removed_rows)
    #expect(z.removedCount == ds.zscore3_removed_rows.count)
    let iqr = try x.outlierMask(.iqr(factor: 1.5))
    #expect(iqr.keep.indices.filter { !iqr.keep[$0] } == ds.iqr1_5_removed_rows)
    #expect(iqr.keptCount == x.rows - ds.iqr1_5_removed_rows.count)
  }
}
