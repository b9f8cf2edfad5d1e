/// Settings of a k-means fit.
public struct KMeansOptions: Sendable, Equatable {
  /// How many k-means++ restarts to run (scikit-learn's `n_init`); the lowest inertia wins.
  public var restarts: Int
  /// The iteration cap per restart (scikit-learn's `max_iter`).
  public var maxIterations: Int
  /// Convergence tolerance, relative to the mean feature variance, as scikit-learn's `tol`: a run
  /// stops when the summed squared centroid shift is at most `tolerance × mean(var(X))`, or when
  /// no label changes.
  public var tolerance: Double
  /// The seed of every random choice; restart `r` draws from
  /// `SeededGenerator(seed:).forked(task: r)`.
  public var seed: UInt64
  /// How many failed non-local jumps in a row end the refinement of a restart (Fritzke's
  /// k-means-u*: the centre that matters least moves into the cluster with the largest error and
  /// Lloyd reruns; a jump is kept only if it lowers the inertia). Every restart is refined. `0`
  /// gives plain k-means++ restarts, as scikit-learn runs them.
  public var jumpRetries: Int
  /// Rows above which the search (all restarts and jumps) runs on a seeded uniform sample of this
  /// many rows, after which Lloyd polishes the three best distinct solutions on every row and the
  /// lowest full-data inertia wins; `nil` always searches all rows. On large data the sample finds the same basin at a fraction of the passes over
  /// memory, and the polish makes the result a Lloyd fixed point of the full data.
  public var searchSampleLimit: Int?
  /// Asked before every restart, jump and Lloyd iteration.
  ///
  /// When it says stop, the fit throws ``AnalysisError/cancelled``. It never changes the result of a fit that finishes.
  public var cancellation: CancellationToken = .never

  /// Creates options; the defaults are scikit-learn's (`n_init=10`, `max_iter=300`, `tol=1e-4`)
  /// plus eight jump retries and a 25,000-row search sample.
  public init(
    restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
    seed: UInt64 = SeededGenerator.defaultSeed, jumpRetries: Int = 8,
    searchSampleLimit: Int? = 25_000
  ) {
    self.restarts = restarts
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.seed = seed
    self.jumpRetries = jumpRetries
    self.searchSampleLimit = searchSampleLimit
  }

  /// scikit-learn's defaults with seed ``SeededGenerator/defaultSeed``.
  public static let `default` = KMeansOptions()
}

/// The result of a k-means fit.
public struct KMeansResult: Sendable, Equatable {
  /// The number of clusters.
  public let k: Int
  /// The number of features (columns of ``centroids``).
  public let cols: Int
  /// The feature names, from the fitted matrix.
  public let columnNames: [String]
  /// One cluster label in `0..<k` per row.
  public let labels: [Int]
  /// The centroids, `k × cols` row-major, in the space of the fitted matrix (scaled units when
  /// the matrix was scaled; use ``FittedScaler/inverseTransform(rowMajor:)`` for original units).
  public let centroids: [Double]
  /// The number of rows in each cluster.
  public let clusterSizes: [Int]
  /// The sum of squared Euclidean distances from each row to its centroid.
  public let inertia: Double
  /// Lloyd iterations of the final Lloyd run of the winning restart (after its last kept jump).
  public let iterations: Int
  /// Whether the winning restart stopped before the iteration cap.
  public let converged: Bool
  /// Per iteration of the final Lloyd run of the winning restart, the inertia of that
  /// iteration's labels against the centroids they were assigned to. Never rises (up to
  /// rounding), and ``inertia`` ≤ its last element.
  public let inertiaHistory: [Double]
  /// The final inertia of every restart, in restart order.
  public let restartInertias: [Double]
  /// The index of the winning restart (the first with the lowest inertia; with a search sample,
  /// the restart whose polished solution has the lowest inertia on all rows).
  public let bestRestart: Int
  /// How many rows the restarts searched: all rows, or the seeded sample of
  /// ``KMeansOptions/searchSampleLimit`` rows (then ``restartInertias`` are on the sample, and
  /// ``inertiaHistory`` is the polishing run on all rows).
  public let searchRows: Int

  /// The centroid of cluster `j`.
  public func centroid(_ j: Int) -> [Double] {
    Array(centroids[(j * cols)..<((j + 1) * cols)])
  }
}

/// k-means clustering: k-means++ seeding and Lloyd iterations, accelerated with Hamerly's bounds,
/// on all cores, with results that do not depend on the number of cores.
///
/// The algorithm follows scikit-learn's `KMeans(algorithm="lloyd")`: greedy k-means++ with
/// `2 + ⌊ln k⌋` local trials, at most ``KMeansOptions/maxIterations`` iterations, tolerance
/// relative to the mean feature variance, empty clusters relocated to the farthest points, and
/// the restart with the lowest inertia kept. Two additions find better optima faster: each
/// restart is refined by non-local jumps (``KMeansOptions/jumpRetries``), and on inputs above
/// ``KMeansOptions/searchSampleLimit`` rows the search runs on a seeded sample and Lloyd then
/// polishes the winner on every row. `KMeansOptions(jumpRetries: 0, searchSampleLimit: nil)` is
/// exactly scikit-learn's procedure. Randomness comes only from
/// ``KMeansOptions/seed``: each restart has its own forked generator, and every sum is taken per
/// fixed chunk of rows and then in chunk order, so the same seed gives the same labels on any
/// machine and any thread count.
///
/// Labels from ``fit(_:k:options:)`` are canonical: clusters are numbered by descending size, ties
/// by the first row that belongs to them, so label 0 is always the largest cluster. Labels from
/// ``fit(_:initialCentroids:options:)`` follow the order of the given centroids.
///
/// ```swift
/// let result = try KMeans.fit(scaled, k: 4, options: KMeansOptions(seed: 7))
/// // result.labels.count == scaled.rows; result.clusterSizes is descending
/// ```
public enum KMeans {
  /// Fits k-means with k-means++ restarts.
  ///
  /// - Parameters:
  ///   - matrix: The (usually scaled) features.
  ///   - k: The number of clusters, in `2...matrix.rows`.
  ///   - options: Restarts, iteration cap, tolerance and seed.
  /// - Throws: ``AnalysisError/emptyMatrix``; ``AnalysisError/invalidClusterCount(k:rows:)`` for
  ///   `k < 2` or `k > rows`; ``AnalysisError/tooFewDistinctPoints(k:distinct:)`` when fewer than
  ///   `k` distinct rows exist; ``AnalysisError/invalidParameter(name:reason:)`` for restarts or
  ///   iterations below 1, a negative tolerance or jump count, or a search sample below 2 rows.
  /// - Complexity: O(restarts × iterations × rows × k × cols) in the worst case; Hamerly's bounds
  ///   skip most distance computations once clusters settle.
  public static func fit(_ matrix: FeatureMatrix, k: Int, options: KMeansOptions = .default)
    throws(AnalysisError) -> KMeansResult
  {
    try validate(matrix, k: k, options: options)
    if let limit = options.searchSampleLimit, matrix.rows > limit, limit >= k {
      if let polished = try searchOnSample(matrix, k: k, limit: limit, options: options) {
        return polished
      }
    }
    let runs = try searchRuns(matrix, k: k, options: options)
    var bestIndex = 0
    for r in runs.indices where runs[r].inertia < runs[bestIndex].inertia { bestIndex = r }
    return makeResult(
      runs[bestIndex], matrix: matrix, k: k, canonical: true, restartInertias: runs.map(\.inertia),
      bestRestart: bestIndex, searchRows: matrix.rows)
  }

  /// Every restart: k-means++ seeding, Lloyd, then non-local jumps; in restart order.
  static func searchRuns(_ matrix: FeatureMatrix, k: Int, options: KMeansOptions)
    throws(AnalysisError) -> [KMeansRun]
  {
    let (n, d) = (matrix.rows, matrix.cols)
    let tol = tolerance(matrix, options.tolerance)
    let base = SeededGenerator(seed: options.seed)
    let outcome: Result<[KMeansRun], AnalysisError> = matrix.values.withSharedReadPointer { x in
      let engine = KMeansEngine(x: x, n: n, d: d, k: k, cancellation: options.cancellation)
      defer { engine.release() }
      // Phase 1: plain k-means++ restarts, each with its own generator stream.
      var runs = [KMeansRun]()
      var generators = [SeededGenerator]()
      for r in 0..<options.restarts {
        if options.cancellation.isCancelled { return .failure(.cancelled) }
        var generator = base.forked(task: r)
        if let distinct = engine.seedPlusPlus(using: &generator) {
          return .failure(.tooFewDistinctPoints(k: k, distinct: distinct))
        }
        engine.resetBounds()
        runs.append(
          engine.run(maxIterations: options.maxIterations, tolerance: tol, useBounds: true))
        if engine.wasCancelled { return .failure(.cancelled) }
        generators.append(generator)
      }
      // Phase 2: refine every run by non-local jumps (different basins escape differently).
      if options.jumpRetries > 0 {
        for r in runs.indices {
          runs[r] = engine.refine(
            runs[r], retries: options.jumpRetries, maxIterations: options.maxIterations,
            tolerance: tol, using: &generators[r])
          if engine.wasCancelled { return .failure(.cancelled) }
        }
      }
      return .success(runs)
    }
    return try outcome.get()
  }

  /// How many of the best distinct sample solutions are polished on all rows.
  static let polishedCandidates = 3

  /// Searches on a seeded sample, polishes the best few distinct solutions on all rows and keeps
  /// the lowest full-data inertia (near-equal optima can swap order between sample and data);
  /// `nil` when the sample holds fewer distinct points than `k` (the caller then searches all
  /// rows).
  static func searchOnSample(_ matrix: FeatureMatrix, k: Int, limit: Int, options: KMeansOptions)
    throws(AnalysisError) -> KMeansResult?
  {
    var generator = SeededGenerator(seed: options.seed).forked(task: 1_000_000_007)
    var rows = Array(0..<matrix.rows)
    for i in 0..<limit { rows.swapAt(i, i + generator.nextInt(below: matrix.rows - i)) }
    let sample = matrix.gathering(rows: Array(rows[0..<limit]).sorted())
    var inner = options
    inner.searchSampleLimit = nil
    let runs: [KMeansRun]
    do {
      runs = try searchRuns(sample, k: k, options: inner)
    } catch .tooFewDistinctPoints {
      return nil
    }
    // The best distinct solutions on the sample (inertias apart by more than 1e-6 relative).
    let order = runs.indices.sorted {
      runs[$0].inertia < runs[$1].inertia || (runs[$0].inertia == runs[$1].inertia && $0 < $1)
    }
    var candidates = [Int]()
    for r in order where candidates.count < polishedCandidates {
      if let last = candidates.last, runs[r].inertia <= runs[last].inertia * (1 + 1e-6) { continue }
      candidates.append(r)
    }
    var best: (run: KMeansRun, restart: Int)?
    for r in candidates {
      if options.cancellation.isCancelled { throw .cancelled }
      let polished = try runFromCentroids(matrix, runs[r].centers, options: options, useBounds: true)
      if best == nil || polished.inertia < best?.run.inertia ?? .infinity { best = (polished, r) }
    }
    guard let best else { return nil }
    return makeResult(
      best.run, matrix: matrix, k: k, canonical: true, restartInertias: runs.map(\.inertia),
      bestRestart: best.restart, searchRows: limit)
  }

  /// Fits k-means once from the given initial centroids (scikit-learn's `init=array, n_init=1`).
  ///
  /// Labels follow the order of `initialCentroids`; ``KMeansOptions/restarts`` and
  /// ``KMeansOptions/seed`` are not used.
  ///
  /// - Parameters:
  ///   - initialCentroids: `k × matrix.cols` values, row-major.
  /// - Throws: ``AnalysisError/emptyMatrix``; ``AnalysisError/shapeMismatch(what:expected:actual:)``
  ///   when the centroid count is not a multiple of the column count;
  ///   ``AnalysisError/invalidClusterCount(k:rows:)`` for `k > rows` or `k < 1`;
  ///   ``AnalysisError/nonFiniteValues(column:count:)`` for a NaN or infinite centroid.
  public static func fit(
    _ matrix: FeatureMatrix, initialCentroids: [Double], options: KMeansOptions = .default
  ) throws(AnalysisError) -> KMeansResult {
    let run = try runFromCentroids(matrix, initialCentroids, options: options, useBounds: true)
    return makeResult(
      run, matrix: matrix, k: initialCentroids.count / matrix.cols, canonical: false,
      restartInertias: [run.inertia], bestRestart: 0, searchRows: matrix.rows)
  }

  /// The k-means++ initial centroids (`k × cols`, row-major) that restart 0 of
  /// ``fit(_:k:options:)`` with the same seed starts from.
  ///
  /// - Throws: as ``fit(_:k:options:)``.
  public static func plusPlusCentroids(_ matrix: FeatureMatrix, k: Int, seed: UInt64)
    throws(AnalysisError) -> [Double]
  {
    try validate(matrix, k: k, options: KMeansOptions(seed: seed))
    let (n, d) = (matrix.rows, matrix.cols)
    let outcome: Result<[Double], AnalysisError> = matrix.values.withSharedReadPointer { x in
      let engine = KMeansEngine(x: x, n: n, d: d, k: k)
      defer { engine.release() }
      var generator = SeededGenerator(seed: seed).forked(task: 0)
      if let distinct = engine.seedPlusPlus(using: &generator) {
        return .failure(.tooFewDistinctPoints(k: k, distinct: distinct))
      }
      return .success(engine.centers.array(k * d))
    }
    return try outcome.get()
  }

  /// Assigns every row to its nearest centroid (first on ties) and returns the labels and the
  /// inertia.
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the centroid count is
  ///   not a positive multiple of the column count.
  public static func assign(_ matrix: FeatureMatrix, centroids: [Double]) throws(AnalysisError)
    -> (labels: [Int], inertia: Double)
  {
    let d = matrix.cols
    guard !centroids.isEmpty, centroids.count % d == 0 else {
      throw .shapeMismatch(
        what: "centroid values", expected: max(1, centroids.count / d) * d, actual: centroids.count)
    }
    let k = centroids.count / d
    let n = matrix.rows
    let (labels, inertia): ([Int32], Double) = matrix.values.withSharedReadPointer { x in
      let engine = KMeansEngine(x: x, n: n, d: d, k: k)
      defer { engine.release() }
      engine.setCenters(centroids)
      let inertia = engine.pass(.initial, accumulate: false).inertia
      return (engine.labels.array(n), inertia)
    }
    return (labels.map(Int.init), inertia)
  }

  // MARK: - Internals

  /// Runs one fit from given centres; `useBounds: false` is plain Lloyd, the test reference.
  static func runFromCentroids(
    _ matrix: FeatureMatrix, _ initial: [Double], options: KMeansOptions, useBounds: Bool
  ) throws(AnalysisError) -> KMeansRun {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    let d = matrix.cols
    guard !initial.isEmpty, initial.count % d == 0 else {
      throw .shapeMismatch(
        what: "initial centroid values", expected: max(1, initial.count / d) * d,
        actual: initial.count)
    }
    let k = initial.count / d
    guard k <= matrix.rows else { throw .invalidClusterCount(k: k, rows: matrix.rows) }
    let bad = initial.filter { !$0.isFinite }.count
    if bad > 0 { throw .nonFiniteValues(column: "initial centroids", count: bad) }
    try validateOptions(options)
    let tol = tolerance(matrix, options.tolerance)
    let n = matrix.rows
    let finished: KMeansRun? = matrix.values.withSharedReadPointer { x in
      let engine = KMeansEngine(x: x, n: n, d: d, k: k, cancellation: options.cancellation)
      defer { engine.release() }
      engine.setCenters(initial)
      let run = engine.run(
        maxIterations: options.maxIterations, tolerance: tol, useBounds: useBounds)
      return engine.wasCancelled ? nil : run
    }
    guard let finished else { throw .cancelled }
    return finished
  }

  static func validate(_ matrix: FeatureMatrix, k: Int, options: KMeansOptions)
    throws(AnalysisError)
  {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    guard k >= 2, k <= matrix.rows else { throw .invalidClusterCount(k: k, rows: matrix.rows) }
    try validateOptions(options)
  }

  static func validateOptions(_ options: KMeansOptions) throws(AnalysisError) {
    guard options.restarts >= 1 else {
      throw .invalidParameter(name: "restarts", reason: "must be at least 1")
    }
    guard options.maxIterations >= 1 else {
      throw .invalidParameter(name: "maxIterations", reason: "must be at least 1")
    }
    if let limit = options.searchSampleLimit, limit < 2 {
      throw .invalidParameter(name: "searchSampleLimit", reason: "must be at least 2")
    }
    guard options.jumpRetries >= 0 else {
      throw .invalidParameter(name: "jumpRetries", reason: "must not be negative")
    }
    guard options.tolerance >= 0, options.tolerance.isFinite else {
      throw .invalidParameter(name: "tolerance", reason: "must be a non-negative number")
    }
  }

  /// scikit-learn's `_tolerance`: `tol × mean(var(X, axis=0))`, population variances.
  static func tolerance(_ matrix: FeatureMatrix, _ tol: Double) -> Double {
    guard tol > 0 else { return 0 }
    var total = 0.0
    for j in 0..<matrix.cols {
      let c = matrix.column(j)
      total += Statistics.populationVariance(c, mean: Statistics.mean(c))
    }
    return total / Double(matrix.cols) * tol
  }

  static func makeResult(
    _ run: KMeansRun, matrix: FeatureMatrix, k: Int, canonical: Bool, restartInertias: [Double],
    bestRestart: Int, searchRows: Int
  ) -> KMeansResult {
    let d = matrix.cols
    var sizes = [Int](repeating: 0, count: k)
    var firstRow = [Int](repeating: Int.max, count: k)
    for (i, l) in run.labels.enumerated() {
      let j = Int(l)
      sizes[j] += 1
      if firstRow[j] == Int.max { firstRow[j] = i }
    }
    var order = Array(0..<k)
    if canonical {
      order.sort {
        sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && firstRow[$0] < firstRow[$1])
      }
    }
    var newLabel = [Int](repeating: 0, count: k)
    for (new, old) in order.enumerated() { newLabel[old] = new }
    var centroids = [Double](repeating: 0, count: k * d)
    for (new, old) in order.enumerated() {
      for f in 0..<d { centroids[new * d + f] = run.centers[old * d + f] }
    }
    return KMeansResult(
      k: k, cols: d, columnNames: matrix.columnNames,
      labels: run.labels.map { newLabel[Int($0)] },
      centroids: centroids, clusterSizes: order.map { sizes[$0] }, inertia: run.inertia,
      iterations: run.iterations, converged: run.converged, inertiaHistory: run.history,
      restartInertias: restartInertias, bestRestart: bestRestart, searchRows: searchRows)
  }
}
