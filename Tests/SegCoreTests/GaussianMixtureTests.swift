import Foundation
import Testing

@testable import SegCore

@Suite struct GaussianMixtureTests {
  struct Fixture: Decodable {
    struct Case: Decodable {
      let data: String
      let k: Int
      let initialWeights: [Double]
      let initialMeans: [Double]
      let initialCovariances: [Double]
      let weights: [Double]
      let means: [Double]
      let covariances: [Double]
      let lowerBound: Double
      let iterations: Int
      let converged: Bool
      let labels: [Int]
      let score: Double
      let bic: Double
      let aic: Double
      let bestOfTenScore: Double
    }
    let cases: [Case]
  }

  static let fixture = Result { try AlgosFixtures.json("gmm", as: Fixture.self) }

  @Test(arguments: ["gmm2", "gmm3", "blobs4"])
  func emFromTheSameStartMatchesScikitLearn(data: String) throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == data })
    let x = try AlgosFixtures.matrix(data)
    var rng = SeededGenerator(seed: 0)
    let gmm = try GaussianMixture.fit(
      points: x.values, rows: x.rows, cols: x.cols,
      options: .init(
        componentCount: c.k,
        initialParameters: .init(
          weights: c.initialWeights, means: c.initialMeans, covariances: c.initialCovariances)),
      using: &rng)
    #expect(abs(gmm.lowerBound - c.lowerBound) <= 1e-6)
    #expect(abs(gmm.averageLogLikelihood - c.score) <= 1e-6)
    #expect(gmm.iterations == c.iterations)
    #expect(gmm.converged == c.converged)
    #expect(gmm.assignment.labels == c.labels)
    #expect(AlgosFixtures.close(gmm.bic, c.bic, relative: 1e-8))
    #expect(AlgosFixtures.close(gmm.aic, c.aic, relative: 1e-8))
    for (mine, theirs) in zip(gmm.parameters.weights, c.weights) {
      #expect(abs(mine - theirs) <= 1e-6)
    }
    for (mine, theirs) in zip(gmm.parameters.means, c.means) { #expect(abs(mine - theirs) <= 1e-6) }
    for (mine, theirs) in zip(gmm.parameters.covariances, c.covariances) {
      #expect(abs(mine - theirs) <= 1e-6)
    }
    // The generator is untouched when the start is given.
    #expect(rng == SeededGenerator(seed: 0))
  }

  @Test(arguments: ["gmm2", "gmm3", "blobs4"])
  func seededStartsReachScikitLearnsBestOfTen(data: String) throws {
    let c = try #require(try Self.fixture.get().cases.first { $0.data == data })
    let x = try AlgosFixtures.matrix(data)
    var rng = SeededGenerator(seed: 42)
    let gmm = try GaussianMixture.fit(
      points: x.values, rows: x.rows, cols: x.cols,
      options: .init(componentCount: c.k, initializationCount: 10), using: &rng)
    #expect(gmm.averageLogLikelihood >= c.bestOfTenScore - 1e-3)
    #expect(gmm.converged)
    #expect(gmm.assignment.method == .gaussianMixture)
    #expect(gmm.parameterCount == c.k * x.cols * (x.cols + 1) / 2 + c.k * x.cols + c.k - 1)
  }

  @Test func sameSeedSameMixture() throws {
    let x = try AlgosFixtures.matrix("gmm3")
    var a = SeededGenerator(seed: 3)
    var b = SeededGenerator(seed: 3)
    let options = GaussianMixture.Options(componentCount: 4, initializationCount: 2)
    let first = try GaussianMixture.fit(
      points: x.values, rows: x.rows, cols: x.cols, options: options, using: &a)
    let second = try GaussianMixture.fit(
      points: x.values, rows: x.rows, cols: x.cols, options: options, using: &b)
    #expect(first == second)
  }

  @Test func documentedExampleHolds() throws {
    var rng = SeededGenerator(seed: 1)
    let gmm = try GaussianMixture.fit(
      points: [0, 0.1, 0.2, 5, 5.1, 5.3], rows: 6, cols: 1, options: .init(componentCount: 2),
      using: &rng)
    #expect(AlgosFixtures.samePartition(gmm.assignment.labels, [0, 0, 0, 1, 1, 1]))
    #expect(abs(gmm.parameters.weights.reduce(0, +) - 1) < 1e-12)
  }

  @Test func identicalRowsGiveARegularisedComponent() throws {
    var rng = SeededGenerator(seed: 1)
    let gmm = try GaussianMixture.fit(
      points: Array(repeating: 2, count: 20), rows: 10, cols: 2, options: .init(componentCount: 1),
      using: &rng)
    // scikit-learn adds 10·ε to each component's mass, so the mean is 2·(1 − ~1e-15).
    for (mine, expected) in zip(gmm.parameters.means, [2.0, 2]) {
      #expect(abs(mine - expected) < 1e-12)
    }
    for (mine, expected) in zip(gmm.parameters.covariances, [1e-6, 0, 0, 1e-6]) {
      #expect(abs(mine - expected) < 1e-18)
    }
    #expect(gmm.assignment.labels == Array(repeating: 0, count: 10))
    #expect(gmm.averageLogLikelihood.isFinite)
    // Two components on one point: still finite, every row in one label.
    let two = try GaussianMixture.fit(
      points: Array(repeating: 2, count: 20), rows: 10, cols: 2, options: .init(componentCount: 2),
      using: &rng)
    #expect(Set(two.assignment.labels).count == 1)
    #expect(two.averageLogLikelihood.isFinite)
  }

  @Test func oneRowOneComponent() throws {
    var rng = SeededGenerator(seed: 1)
    let gmm = try GaussianMixture.fit(
      points: [1, 2], rows: 1, cols: 2, options: .init(componentCount: 1), using: &rng)
    #expect(gmm.assignment.labels == [0])
    for (mine, expected) in zip(gmm.parameters.means, [1.0, 2]) {
      #expect(abs(mine - expected) < 1e-12)
    }
    for (mine, expected) in zip(gmm.parameters.covariances, [1e-6, 0, 0, 1e-6]) {
      #expect(abs(mine - expected) < 1e-18)
    }
  }

  @Test func badArgumentsAreRefused() {
    var rng = SeededGenerator(seed: 1)
    #expect {
      _ = try GaussianMixture.fit(
        points: [1, 2], rows: 2, cols: 1, options: .init(componentCount: 3), using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .tooFewPoints }
    #expect {
      _ = try GaussianMixture.fit(
        points: [1, 2], rows: 2, cols: 1, options: .init(componentCount: 0), using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
    #expect {
      _ = try GaussianMixture.fit(
        points: [1, .infinity], rows: 2, cols: 1, options: .init(componentCount: 1), using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .nonFiniteValue }
    #expect {
      _ = try GaussianMixture.fit(
        points: [1, 2], rows: 2, cols: 1,
        options: .init(
          componentCount: 1,
          initialParameters: .init(weights: [0.5], means: [0], covariances: [1])),
        using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .invalidParameter }
    #expect {
      _ = try GaussianMixture.fit(
        points: [1, 2], rows: 2, cols: 1,
        options: .init(
          componentCount: 1, initialParameters: .init(weights: [1], means: [0], covariances: [-1])),
        using: &rng)
    } throws: { ($0 as? ClusteringError)?.code == .singularCovariance }
  }
}
