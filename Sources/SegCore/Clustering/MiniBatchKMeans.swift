/// Mini-batch k-means (Sculley, "Web-scale k-means clustering", 2010), for customer tables too
/// large for a full k-means: each step moves the centres toward a random batch of rows, with a
/// per-centre learning rate of one over the rows it has seen.
///
/// The procedure is scikit-learn's `MiniBatchKMeans`:
/// - **Start**: k-means++ on a seeded sample of `3 × batchSize` rows (at least `3k`), once per
///   restart; the seeding with the lowest inertia on that sample is kept.
/// - **Steps**: a batch of `batchSize` rows drawn with replacement; each row joins its nearest
///   centre (inertia measured against the centres before the step); each centre becomes the
///   weighted mean of its old position (weight: rows seen so far) and its new rows.
/// - **Reassignment**: centres that have seen less than `reassignmentRatio` of the most-used
///   centre's rows move to random rows of the batch.
/// - **Stop**: when an exponentially weighted average of the batch inertia has not improved for
///   `maxNoImprovement` steps, or after `maxEpochs` passes' worth of rows.
/// - **Labels**: every row's nearest final centre, and the inertia over all rows.
///
/// Batches are drawn in order from one generator and each step is serial; the final assignment
/// runs over fixed row chunks, so the model is the same on any core count.
public struct MiniBatchKMeansMethod: ClusterMethod {
  public static let name = "minibatch"
  public static let title = "mini-batch k-means"
  public static let labelRule = LabelRule.nearestCentroid
  public static let takesClusterCount = true

  /// The number of clusters.
  public var k: Int
  /// Rows per step (at most the number of rows).
  public var batchSize: Int
  /// k-means++ seedings tried on the start sample.
  public var restarts: Int
  /// The most steps, in passes over the rows (`maxEpochs × rows / batchSize` steps).
  public var maxEpochs: Int
  /// Steps without improvement of the smoothed batch inertia that end the fit.
  public var maxNoImprovement: Int
  /// Centres that have seen fewer rows than this share of the busiest centre's move.
  public var reassignmentRatio: Double

  /// scikit-learn's defaults: batches of 1,024 rows, 100 epochs, 10 steps without improvement,
  /// reassignment ratio 0.01; 3 restarts.
  public init(
    k: Int, batchSize: Int = 1024, restarts: Int = 3, maxEpochs: Int = 100,
    maxNoImprovement: Int = 10, reassignmentRatio: Double = 0.01
  ) {
    self.k = k
    self.batchSize = batchSize
    self.restarts = restarts
    self.maxEpochs = maxEpochs
    self.maxNoImprovement = maxNoImprovement
    self.reassignmentRatio = reassignmentRatio
  }

  public func fit(_ matrix: FeatureMatrix, seed: UInt64, cancellation: CancellationToken)
    throws(AnalysisError) -> ClusterModel
  {
    let n = matrix.rows
    guard n > 0 else { throw .emptyMatrix }
    guard k >= 2, k <= n else { throw .invalidClusterCount(k: k, rows: n) }
    guard batchSize >= 1 else {
      throw .invalidParameter(name: "batch size", reason: "must be at least 1")
    }
    guard restarts >= 1 else { throw .invalidParameter(name: "restarts", reason: "must be at least 1") }
    guard maxEpochs >= 1 else {
      throw .invalidParameter(name: "epochs", reason: "must be at least 1")
    }
    guard reassignmentRatio >= 0, reassignmentRatio.isFinite else {
      throw .invalidParameter(name: "reassignment ratio", reason: "must be a non-negative number")
    }
    var generator = SeededGenerator(seed: seed)
    var centers = try start(matrix, generator: &generator, cancellation: cancellation)
    let (steps, stoppedEarly) = try iterate(
      matrix, centers: &centers, generator: &generator, cancellation: cancellation)
    if cancellation.isCancelled { throw .cancelled }
    let (labels, inertia) = try KMeans.assign(matrix, centroids: centers)
    var notes = [String]()
    if !stoppedEarly {
      notes.append(
        "mini-batch k-means used all \(maxEpochs) epochs before its smoothed inertia stopped improving")
    }
    return ClusterModel(
      method: Self.name, labels: labels, clusterCount: k, columnNames: matrix.columnNames,
      centroids: centers, labelRule: Self.labelRule,
      quality: ClusterQuality(
        inertia: inertia, restarts: restarts, converged: stoppedEarly, iterations: steps),
      notes: notes)
  }

  /// The best of ``restarts`` k-means++ seedings on a seeded sample of the rows.
  func start(
    _ matrix: FeatureMatrix, generator: inout SeededGenerator, cancellation: CancellationToken
  ) throws(AnalysisError) -> [Double] {
    let n = matrix.rows
    let (size, overflow) = batchSize.multipliedReportingOverflow(by: 3)
    let initSize = min(n, max(overflow ? n : size, 3 * k))
    var sample = matrix
    if initSize < n {
      var rows = Array(0..<n)
      for i in 0..<initSize { rows.swapAt(i, i + generator.nextInt(below: n - i)) }
      sample = matrix.gathering(rows: Array(rows[0..<initSize]).sorted())
    }
    var best: (centers: [Double], inertia: Double)?
    for _ in 0..<restarts {
      if cancellation.isCancelled { throw .cancelled }
      let seedling = generator.next()
      let centers: [Double]
      do {
        centers = try KMeans.plusPlusCentroids(sample, k: k, seed: seedling)
      } catch .tooFewDistinctPoints where sample.rows < n {
        // The sample repeats itself more than the rows do: seed on every row instead.
        sample = matrix
        centers = try KMeans.plusPlusCentroids(sample, k: k, seed: seedling)
      }
      let inertia = try KMeans.assign(sample, centroids: centers).inertia
      if best == nil || inertia < best?.inertia ?? .infinity { best = (centers, inertia) }
    }
    guard let best else { throw .cancelled }
    return best.centers
  }

  /// Runs the mini-batch steps on `centers`; returns the steps taken and whether the smoothed
  /// inertia stopped improving before the step cap.
  func iterate(
    _ matrix: FeatureMatrix, centers: inout [Double], generator: inout SeededGenerator,
    cancellation: CancellationToken
  ) throws(AnalysisError) -> (steps: Int, stoppedEarly: Bool) {
    // A batch is never larger than the table (as scikit-learn's `min(batch_size, n_samples)`),
    // so a huge batch_size cannot ask for more memory than the rows.
    let (n, d, k, b) = (matrix.rows, matrix.cols, self.k, min(self.batchSize, matrix.rows))
    let (epochRows, overflow) = maxEpochs.multipliedReportingOverflow(by: n)
    let stepCap = max(1, (overflow ? Int.max : epochRows) / b)
    var weights = [Double](repeating: 0, count: k)
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    var batch = [Int](repeating: 0, count: b)
    var order = [Int](repeating: 0, count: b)
    let alpha = min(1, Double(b) * 2 / (Double(n) + 1))
    var ewa: Double?
    var ewaMin = Double.infinity
    var noImprovement = 0
    var sinceReassign = 0
    var steps = 0
    var stoppedEarly = false
    let x = matrix.values
    while steps < stepCap {
      if steps % 64 == 0, cancellation.isCancelled { throw .cancelled }
      steps += 1
      for t in 0..<b { batch[t] = generator.nextInt(below: n) }
      for j in 0..<(k * d) { sums[j] = 0 }
      for j in 0..<k { counts[j] = 0 }
      var batchInertia = 0.0
      x.withUnsafeBufferPointer { xs in
        centers.withUnsafeBufferPointer { cs in
          for t in 0..<b {
            let row = batch[t] * d
            var best = 0
            var bestDistance = Double.infinity
            for j in 0..<k {
              var s = 0.0
              for f in 0..<d {
                let diff = xs[row + f] - cs[j * d + f]
                s += diff * diff
              }
              if s < bestDistance {
                bestDistance = s
                best = j
              }
            }
            batchInertia += bestDistance
            counts[best] += 1
            for f in 0..<d { sums[best * d + f] += xs[row + f] }
          }
        }
      }
      for j in 0..<k where counts[j] > 0 {
        let seen = weights[j] + Double(counts[j])
        for f in 0..<d {
          centers[j * d + f] = (centers[j * d + f] * weights[j] + sums[j * d + f]) / seen
        }
        weights[j] = seen
      }
      sinceReassign += b
      if reassignmentRatio > 0 && (weights.contains(0) || sinceReassign >= 10 * k) {
        sinceReassign = 0
        reassign(
          centers: &centers, weights: &weights, batch: batch, order: &order, x: x, d: d,
          generator: &generator)
      }
      // Convergence, as scikit-learn's: the first step is ignored, then the smoothed inertia per
      // row must keep reaching new lows.
      guard steps > 1 else { continue }
      let perRow = batchInertia / Double(b)
      let smoothed = ewa.map { $0 * (1 - alpha) + perRow * alpha } ?? perRow
      ewa = smoothed
      if smoothed < ewaMin {
        ewaMin = smoothed
        noImprovement = 0
      } else {
        noImprovement += 1
        if noImprovement >= maxNoImprovement {
          stoppedEarly = true
          break
        }
      }
    }
    return (steps, stoppedEarly)
  }

  /// Moves the centres that have seen fewer than ``reassignmentRatio`` of the busiest centre's
  /// rows (at most half a batch of them, the least used first) to distinct random rows of the
  /// batch, and gives them the smallest weight among the others.
  func reassign(
    centers: inout [Double], weights: inout [Double], batch: [Int], order: inout [Int],
    x: [Double], d: Int, generator: inout SeededGenerator
  ) {
    let k = self.k
    let threshold = reassignmentRatio * (weights.max() ?? 0)
    var moving = (0..<k).filter { weights[$0] < threshold }
    guard !moving.isEmpty else { return }
    let cap = batch.count / 2
    if moving.count > cap {
      moving.sort { weights[$0] < weights[$1] || (weights[$0] == weights[$1] && $0 < $1) }
      moving.removeLast(moving.count - cap)
      guard !moving.isEmpty else { return }
    }
    let isMoving = (0..<k).map { moving.contains($0) }
    let floor = (0..<k).filter { !isMoving[$0] }.map { weights[$0] }.min() ?? 0
    for t in 0..<batch.count { order[t] = t }
    for (m, j) in moving.enumerated() {
      let pick = m + generator.nextInt(below: batch.count - m)
      order.swapAt(m, pick)
      let row = batch[order[m]]
      for f in 0..<d { centers[j * d + f] = x[row * d + f] }
      weights[j] = floor
    }
  }
}
