import Testing

@testable import SegCore

/// `choose` runs its fits (the full fit of each k and every subsample fit) as concurrent jobs.
/// Its result must be exactly the serial procedure's: the elbow sweep, then per k the silhouette
/// and the mean ARI of the subsample fits made one after the other.
@Suite struct ConcurrentChoiceTests {
  /// 9,000 rows: more than two k-means chunks, so each fit also spreads its rows over threads.
  @Test(arguments: [(rows: 600, ks: 2...6, resamples: 4), (rows: 9_000, ks: 2...4, resamples: 2)])
  func concurrentFitsGiveTheSerialResult(rows: Int, ks: ClosedRange<Int>, resamples: Int) throws {
    let matrix = TestData.blobs(seed: 5, rows: rows, cols: 3, groups: 4)
    let options = ClusterCountOptions(
      kmeans: KMeansOptions(restarts: 3, seed: 9), resamples: resamples)
    let choice = try ClusterCountChoice.evaluate(matrix, ks: ks, options: options)

    let elbow = try Elbow.sweep(matrix, ks: ks, options: options.kmeans)
    let subsamples = ClusterCountChoice.subsamples(rows: matrix.rows, options: options)
    #expect(choice.knee == elbow.knee)
    #expect(choice.candidates.map(\.fit) == elbow.fits)
    for (fit, candidate) in zip(elbow.fits, choice.candidates) {
      var total = 0.0
      for (b, subset) in subsamples.enumerated() {
        var seeds = SeededGenerator(seed: 9).forked(task: 2_000_003 + b)
        let sub = try KMeans.fit(
          matrix.gathering(rows: subset), k: fit.clusterCount,
          options: KMeansOptions(restarts: options.resampleRestarts, seed: seeds.next()))
        total += try ClusterValidity.adjustedRandIndex(sub.labels, subset.map { fit.labels[$0] })
      }
      #expect(candidate.stability == total / Double(subsamples.count))
      let silhouette = try ClusterValidity.silhouette(
        matrix, labels: fit.labels, sampleLimit: options.silhouetteSampleLimit, seed: 9)
      #expect(candidate.silhouette == silhouette.score)
    }
  }

  @Test func chunksRunOnOneThreadBelowTwoFullChunks() {
    #expect(!RowChunks(rows: 4_260).isParallel)
    #expect(!RowChunks(rows: 8_191).isParallel)
    #expect(RowChunks(rows: 8_192).isParallel)
    #expect(RowChunks(rows: 512, size: 256).isParallel)
  }
}
