import Foundation
import Testing

@testable import SegCore

/// Mini-batch k-means against scikit-learn's `MiniBatchKMeans` (scripts/oracle_minibatch.py):
/// the same settings on the same standardized fixtures must reach the same inertia, within 1 %
/// of scikit-learn's median over 10 seeds.
@Suite struct MiniBatchKMeansTests {
  struct Oracle: Decodable {
    struct Case: Decodable {
      let dataset: String
      let k: Int
      let batchSize: Int
      let nInit: Int
      let minibatchInertias: [Double]
      let minibatchMedian: Double
      let kmeansInertia: Double
    }
    let cases: [Case]
  }

  static let oracle: Oracle = {
    do {
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      return try decoder.decode(
        Oracle.self, from: Data(contentsOf: ClusteringOracle.fixtureURL("minibatch.json")))
    } catch {
      fatalError("minibatch.json: \(error)")
    }
  }()

  static func matrix(_ name: String) throws -> FeatureMatrix {
    try ClusteringOracle.scaledMatrix(ClusteringOracle.shared.dataset(name))
  }

  @Test(arguments: 0..<3) func medianInertiaMatchesScikitLearn(index: Int) throws {
    let c = Self.oracle.cases[index]
    let x = try Self.matrix(c.dataset)
    var inertias = [Double]()
    for seed in 0..<5 {
      let model = try MiniBatchKMeansMethod(k: c.k, batchSize: c.batchSize, restarts: c.nInit)
        .fit(x, seed: UInt64(seed), cancellation: .never)
      #expect(model.clusterCount == c.k)
      #expect(model.sizes.reduce(0, +) == x.rows)
      let inertia = try #require(model.quality.inertia)
      // No fit beats the full k-means optimum by more than rounding.
      #expect(inertia >= c.kmeansInertia * (1 - 1e-9))
      inertias.append(inertia)
    }
    let median = inertias.sorted()[2]
    #expect(
      median <= c.minibatchMedian * 1.01,
      "seg \(inertias) against scikit-learn's median \(c.minibatchMedian) for \(c.dataset) k=\(c.k)")
  }

  @Test func labelsAreTheNearestFinalCentroidAndTheInertiaTheirDistances() throws {
    let x = try Self.matrix("blobs6")
    let model = try MiniBatchKMeansMethod(k: 5, batchSize: 100).fit(
      x, seed: 3, cancellation: .never)
    #expect(try model.assign(x) == model.labels)
    var inertia = 0.0
    for i in 0..<x.rows {
      let c = model.centroid(model.labels[i])
      inertia += zip(x.row(i), c).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    #expect(abs(inertia - (model.quality.inertia ?? .nan)) <= 1e-9 * inertia)
    #expect(model.labelRule == .nearestCentroid)
    #expect(model.method == "minibatch")
  }

  @Test func theSameSeedGivesTheSameModelAndAnotherSeedAnotherRun() throws {
    let x = try Self.matrix("rfm_signedlog")
    let method = MiniBatchKMeansMethod(k: 4, batchSize: 128)
    let a = try method.fit(x, seed: 11, cancellation: .never)
    #expect(a == (try method.fit(x, seed: 11, cancellation: .never)))
    #expect(a.centroids != (try method.fit(x, seed: 12, cancellation: .never)).centroids)
  }

  @Test func aTinyBatchStillStopsAndAnEpochCapIsReported() throws {
    let x = try Self.matrix("blobs3")
    let capped = try MiniBatchKMeansMethod(k: 4, batchSize: 10, maxEpochs: 1, maxNoImprovement: 1_000)
      .fit(x, seed: 1, cancellation: .never)
    #expect(capped.quality.converged == false)
    #expect(capped.quality.iterations == x.rows / 10)
    #expect(capped.notes.count == 1)
    let stopped = try MiniBatchKMeansMethod(k: 4, batchSize: 10).fit(x, seed: 1, cancellation: .never)
    #expect(stopped.quality.converged == true)
    #expect(stopped.notes.isEmpty)
  }

  @Test func badSettingsAndCancellationThrowAnalysisErrors() throws {
    let x = try Self.matrix("blobs3")
    #expect(throws: AnalysisError.invalidClusterCount(k: 1, rows: x.rows)) {
      try MiniBatchKMeansMethod(k: 1).fit(x, seed: 0, cancellation: .never)
    }
    #expect(throws: AnalysisError.invalidClusterCount(k: x.rows + 1, rows: x.rows)) {
      try MiniBatchKMeansMethod(k: x.rows + 1).fit(x, seed: 0, cancellation: .never)
    }
    #expect(throws: AnalysisError.invalidParameter(name: "batch size", reason: "must be at least 1")) {
      try MiniBatchKMeansMethod(k: 3, batchSize: 0).fit(x, seed: 0, cancellation: .never)
    }
    #expect(throws: AnalysisError.cancelled) {
      try MiniBatchKMeansMethod(k: 3).fit(x, seed: 0, cancellation: .cancelled)
    }
  }

  @Test func tooFewDistinctRowsAreSaidAsForKMeans() throws {
    let x = try FeatureMatrix(
      values: [0, 0, 0, 0, 1, 1, 1, 1, 0, 0], rows: 5, columnNames: ["a", "b"])
    #expect(throws: AnalysisError.tooFewDistinctPoints(k: 3, distinct: 2)) {
      try MiniBatchKMeansMethod(k: 3).fit(x, seed: 0, cancellation: .never)
    }
  }
}
