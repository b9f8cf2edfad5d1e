import Synchronization
import Testing

@testable import SegCore

/// A token that says stop from its `n + 1`-th question on, and counts the questions.
private final class CountingToken: Sendable {
  let limit: Int
  let asked = Atomic<Int>(0)

  init(cancelAfter limit: Int) { self.limit = limit }

  var token: CancellationToken {
    CancellationToken { [self] in
      asked.add(1, ordering: .relaxed).newValue > limit
    }
  }

  var questions: Int { asked.load(ordering: .relaxed) }
}

/// Every long kernel stops with its cancellation error when its token says stop.
///
/// The token may be cancelled from the start or only after some checks, and a token that never says stop
/// changes nothing. No timings: the counts of checks stand in for "often enough".
@Suite struct CancellationTests {
  let matrix = TestData.blobs(seed: 11, rows: 300, cols: 3, groups: 4)

  private func kmeansOptions(_ token: CancellationToken) -> KMeansOptions {
    var options = KMeansOptions(restarts: 4, seed: 3)
    options.cancellation = token
    return options
  }

  // MARK: k-means and the sweeps

  @Test func kMeansWithACancelledTokenThrowsCancelled() {
    #expect(throws: AnalysisError.cancelled) {
      try KMeans.fit(matrix, k: 3, options: kmeansOptions(.cancelled))
    }
  }

  @Test(arguments: [0, 1, 2, 5, 20])
  func kMeansStopsWhenTheTokenFlipsMidFit(after checks: Int) {
    let counter = CountingToken(cancelAfter: checks)
    #expect(throws: AnalysisError.cancelled) {
      try KMeans.fit(matrix, k: 3, options: kmeansOptions(counter.token))
    }
  }

  @Test func kMeansAsksAtLeastOncePerRestartAndIterationAndGivesTheSameResult() throws {
    let counter = CountingToken(cancelAfter: .max)
    let watched = try KMeans.fit(matrix, k: 4, options: kmeansOptions(counter.token))
    let plain = try KMeans.fit(matrix, k: 4, options: KMeansOptions(restarts: 4, seed: 3))
    #expect(watched == plain)
    #expect(counter.questions >= 4 + watched.iterations)
  }

  @Test func kMeansOnASearchSampleStopsToo() {
    var options = kmeansOptions(CountingToken(cancelAfter: 3).token)
    options.searchSampleLimit = 100
    #expect(throws: AnalysisError.cancelled) { try KMeans.fit(matrix, k: 3, options: options) }
  }

  @Test func fittingFromCentroidsStops() throws {
    let start = try KMeans.plusPlusCentroids(matrix, k: 3, seed: 1)
    #expect(throws: AnalysisError.cancelled) {
      try KMeans.fit(matrix, initialCentroids: start, options: kmeansOptions(.cancelled))
    }
  }

  @Test(arguments: [0, 10, 60])
  func theElbowSweepStops(after checks: Int) {
    #expect(throws: AnalysisError.cancelled) {
      try Elbow.sweep(
        matrix, ks: 2...6, options: kmeansOptions(CountingToken(cancelAfter: checks).token))
    }
  }

  @Test(arguments: [0, 10, 100, 400])
  func chooseStopsInTheSweepTheSilhouetteOrTheResamples(after checks: Int) {
    let options = ClusterCountOptions(
      kmeans: kmeansOptions(CountingToken(cancelAfter: checks).token), resamples: 5)
    #expect(throws: AnalysisError.cancelled) {
      try ClusterCountChoice.evaluate(matrix, ks: 2...5, options: options)
    }
  }

  @Test func chooseWithATokenThatNeverSaysStopIsUnchanged() throws {
    let counter = CountingToken(cancelAfter: .max)
    let watched = try ClusterCountChoice.evaluate(
      matrix, ks: 2...4,
      options: ClusterCountOptions(kmeans: kmeansOptions(counter.token), resamples: 3))
    let plain = try ClusterCountChoice.evaluate(
      matrix, ks: 2...4, options: ClusterCountOptions(kmeans: kmeansOptions(.never), resamples: 3))
    #expect(watched == plain)
    #expect(counter.questions > 0)
  }

  // MARK: silhouette

  @Test func silhouetteStopsBeforeOrBetweenChunks() throws {
    let labels = try KMeans.fit(matrix, k: 3, options: kmeansOptions(.never)).labels
    #expect(throws: AnalysisError.cancelled) {
      try ClusterValidity.silhouette(matrix, labels: labels, cancellation: .cancelled)
    }
    #expect(throws: AnalysisError.cancelled) {
      try ClusterValidity.silhouette(
        matrix, labels: labels, cancellation: CountingToken(cancelAfter: 2).token)
    }
    let counter = CountingToken(cancelAfter: .max)
    let watched = try ClusterValidity.silhouette(
      matrix, labels: labels, cancellation: counter.token)
    #expect(watched == (try ClusterValidity.silhouette(matrix, labels: labels)))
    // One question per 64-row chunk, plus one before and one after.
    #expect(counter.questions >= (matrix.rows + 63) / 64)
  }

  // MARK: t-SNE, Ward, DBSCAN, GMM

  private func tsneOptions(_ token: CancellationToken) -> TSNEOptions {
    var options = TSNEOptions()
    options.perplexity = 10
    options.iterations = 300
    options.cancellation = token
    return options
  }

  @Test(arguments: [0, 5, 100])
  func tsneStopsBetweenIterations(after checks: Int) {
    var generator = SeededGenerator(seed: 1)
    #expect(throws: ClusteringError.cancelled) {
      try TSNEEmbedding.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols,
        options: tsneOptions(CountingToken(cancelAfter: checks).token), using: &generator)
    }
  }

  @Test func theBarnesHutNeighbourSearchStops() throws {
    let points = PointMatrix(trusted: matrix.values, rows: matrix.rows, cols: matrix.cols)
    #expect(throws: ClusteringError.cancelled) {
      try TSNEAffinities.sparseJoint(points, perplexity: 10, cancellation: .cancelled)
    }
    var options = tsneOptions(CountingToken(cancelAfter: 1).token)
    options.method = .barnesHut
    var generator = SeededGenerator(seed: 1)
    #expect(throws: ClusteringError.cancelled) {
      try TSNEEmbedding.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: options,
        using: &generator)
    }
  }

  @Test func tsneAsksEveryIterationAndGivesTheSameEmbedding() throws {
    let counter = CountingToken(cancelAfter: .max)
    var g1 = SeededGenerator(seed: 1)
    var g2 = SeededGenerator(seed: 1)
    let watched = try TSNEEmbedding.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols,
      options: tsneOptions(counter.token), using: &g1)
    let plain = try TSNEEmbedding.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: tsneOptions(.never),
      using: &g2)
    #expect(watched == plain)
    #expect(counter.questions >= watched.iterations)
  }

  @Test(arguments: [0, 1, 150])
  func wardStopsBetweenMerges(after checks: Int) {
    var generator = SeededGenerator(seed: 1)
    #expect(throws: ClusteringError.cancelled) {
      try WardClustering.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, clusterCount: 3,
        using: &generator, cancellation: CountingToken(cancelAfter: checks).token)
    }
  }

  @Test func wardWithATokenThatNeverSaysStopIsUnchanged() throws {
    var g1 = SeededGenerator(seed: 1)
    var g2 = SeededGenerator(seed: 1)
    let counter = CountingToken(cancelAfter: .max)
    let watched = try WardClustering.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, clusterCount: 3, using: &g1,
      cancellation: counter.token)
    let plain = try WardClustering.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, clusterCount: 3, using: &g2)
    #expect(watched == plain)
    #expect(counter.questions == matrix.rows - 1)
  }

  @Test(arguments: [0, 1, 2])
  func dbscanStopsAroundTheTreeAndTheCoreTest(after checks: Int) {
    #expect(throws: ClusteringError.cancelled) {
      try DBSCANClustering.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, eps: 1, minSamples: 5,
        cancellation: CountingToken(cancelAfter: checks).token)
    }
  }

  @Test func dbscanWithATokenThatNeverSaysStopIsUnchanged() throws {
    let watched = try DBSCANClustering.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, eps: 1, minSamples: 5,
      cancellation: CountingToken(cancelAfter: .max).token)
    let plain = try DBSCANClustering.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, eps: 1, minSamples: 5)
    #expect(watched == plain)
  }

  @Test(arguments: [0, 1, 3])
  func gaussianMixtureStopsBetweenEMIterations(after checks: Int) {
    var options = GaussianMixture.Options(componentCount: 3, initializationCount: 2)
    options.cancellation = CountingToken(cancelAfter: checks).token
    var generator = SeededGenerator(seed: 1)
    #expect(throws: ClusteringError.cancelled) {
      try GaussianMixture.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: options,
        using: &generator)
    }
  }

  @Test func gaussianMixtureWithATokenThatNeverSaysStopIsUnchanged() throws {
    var options = GaussianMixture.Options(componentCount: 3)
    var g1 = SeededGenerator(seed: 1)
    var g2 = SeededGenerator(seed: 1)
    let plain = try GaussianMixture.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: options, using: &g1)
    let counter = CountingToken(cancelAfter: .max)
    options.cancellation = counter.token
    let watched = try GaussianMixture.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: options, using: &g2)
    #expect(watched == plain)
    #expect(counter.questions >= watched.iterations)
  }

  // MARK: the CSV reader

  @Test func theCSVReaderStopsBetweenBlocks() throws {
    var text = "customer,invoice,date,quantity,price\n"
    // About 200 KB: the first block holds the 64 KiB that roles and number styles are decided
    // from, and the 4 KiB blocks after it are where the reader asks whether to stop.
    for i in 0..<8_000 { text += "c\(i % 50),i\(i),2024-01-0\(1 + i % 9),\(1 + i % 5),2.5\n" }
    let bytes = Array(text.utf8)
    for checks in [0, 1, 3] {
      var options = LoadOptions()
      options.cancellation = CountingToken(cancelAfter: checks).token
      do {
        _ = try TableLoader.load(bytes: bytes, name: "t.csv", options: options, blockSize: 4_096)
        Issue.record("the load after \(checks) checks finished")
      } catch {
        #expect(error.code == .cancelled)
      }
    }
    var options = LoadOptions()
    let counter = CountingToken(cancelAfter: .max)
    options.cancellation = counter.token
    let watched = try TableLoader.load(
      bytes: bytes, name: "t.csv", options: options, blockSize: 4_096)
    let plain = try TableLoader.load(bytes: bytes, name: "t.csv", blockSize: 4_096)
    #expect(watched.table == plain.table)
    #expect(counter.questions >= (bytes.count - 65_536) / 4_096)
  }
}
