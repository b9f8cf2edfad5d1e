import Foundation
import SegCore
import Testing

@Suite struct SilhouetteSamplesTests {
  struct Oracle: Decodable {
    let labels: [Int]
    let values: [Double]
    let mean: Double
  }

  @Test func perRowValuesMatchScikitLearn() throws {
    let x = try AlgosFixtures.matrix("blobs4")
    let oracle = try JSONDecoder().decode(
      Oracle.self,
      from: Data(
        contentsOf: try #require(
          Bundle.module.url(
            forResource: "silhouette_samples", withExtension: "json", subdirectory: "Fixtures"))))
    let m = try FeatureMatrix(
      values: x.values, rows: x.rows, columnNames: (0..<x.cols).map { "x\($0)" })
    let samples = try ClusterValidity.silhouetteSamples(m, labels: oracle.labels)
    #expect(samples.rows == Array(0..<x.rows))
    #expect(samples.labels == oracle.labels)
    #expect(!samples.isSampled)
    for (got, want) in zip(samples.values, oracle.values) {
      #expect(AlgosFixtures.close(got, want, absolute: 1e-12, relative: 1e-10), "\(got) vs \(want)")
    }
    let score = try ClusterValidity.silhouette(m, labels: oracle.labels)
    #expect(AlgosFixtures.close(score.score, oracle.mean, absolute: 1e-12))
  }

  @Test func theMeanOfTheValuesIsTheSilhouetteScore() throws {
    let m = TestData.blobs(seed: 3, rows: 300, cols: 3)
    let labels = (0..<300).map { $0 % 4 }
    let samples = try ClusterValidity.silhouetteSamples(
      m, labels: labels, sampleLimit: 120, seed: 9)
    let score = try ClusterValidity.silhouette(m, labels: labels, sampleLimit: 120, seed: 9)
    #expect(samples.isSampled && samples.rows.count == 120 && samples.totalRows == 300)
    #expect(samples.rows == samples.rows.sorted())
    #expect(samples.labels == samples.rows.map { labels[$0] })
    #expect(samples.values.reduce(0, +) / 120 == score.score)
  }

  @Test func twoTightPairsHaveTheHandComputedValues() throws {
    let m = try TestData.matrix([[0], [1], [10], [11]])
    let samples = try ClusterValidity.silhouetteSamples(m, labels: [5, 5, 7, 7])
    let expected = [(10.5 - 1) / 10.5, (9.5 - 1) / 9.5, (9.5 - 1) / 9.5, (10.5 - 1) / 10.5]
    for (got, want) in zip(samples.values, expected) { #expect((got - want).magnitude < 1e-15) }
  }

  @Test func oneClusterIsRefused() throws {
    let m = try TestData.matrix([[0], [1], [2]])
    #expect(throws: AnalysisError.invalidLabelCount(labels: 1, rows: 3)) {
      try ClusterValidity.silhouetteSamples(m, labels: [0, 0, 0])
    }
  }
}
