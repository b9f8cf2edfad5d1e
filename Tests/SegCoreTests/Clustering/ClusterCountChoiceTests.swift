import SegCore
import Testing

@Suite struct ClusterCountChoiceTests {
  @Test func blobsWithFourCentresRecommendFourWithReasons() throws {
    let ds = ClusteringOracle.shared.dataset("blobs3")
    let x = try ClusteringOracle.scaledMatrix(ds)
    let options = ClusterCountOptions(kmeans: KMeansOptions(restarts: 3), resamples: 4)
    let choice = try ClusterCountChoice.evaluate(x, ks: 2...7, options: options)
    #expect(choice.candidates.map(\.k) == Array(2...7))
    #expect(choice.recommendedK == 4)
    #expect(choice.knee == 4)
    #expect(choice.reasons.contains("knee of the inertia curve"))
    #expect(choice.reasons.contains { $0.hasPrefix("highest silhouette") })
    #expect(choice.recommended.stability > 0.95)
    #expect(!choice.silhouetteIsSampled)
    #expect(choice.votes.map(\.count).reduce(0, +) == 5)
    let again = try ClusterCountChoice.evaluate(x, ks: 2...7, options: options)
    #expect(again == choice)
  }

  @Test func badOptionsAreRefused() throws {
    let x = TestData.blobs(seed: 1, rows: 30, cols: 2)
    #expect(throws: AnalysisError.invalidParameter(name: "resamples", reason: "must be at least 1"))
    {
      try ClusterCountChoice.evaluate(x, ks: 2...3, options: ClusterCountOptions(resamples: 0))
    }
    #expect(throws: AnalysisError.invalidClusterCount(k: 31, rows: 30)) {
      try ClusterCountChoice.evaluate(x, ks: 2...31)
    }
  }
}
