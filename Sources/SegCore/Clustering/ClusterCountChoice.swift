/// Settings of ``ClusterCountChoice/evaluate(_:ks:options:)``.
public struct ClusterCountOptions: Sendable, Equatable {
  /// The k-means settings of the full fits (one per k).
  public var kmeans: KMeansOptions
  /// How many subsamples measure stability (B).
  public var resamples: Int
  /// The share of rows in each subsample, drawn without replacement.
  public var resampleFraction: Double
  /// k-means restarts for each subsample fit.
  public var resampleRestarts: Int
  /// Rows above which the silhouette is computed on a seeded sample of this size; `nil` for exact.
  public var silhouetteSampleLimit: Int?
  /// The mean ARI a k needs to be called stable; when at least one k is stable, only stable ks
  /// can win a vote.
  public var stabilityThreshold: Double

  /// Creates options: 10 subsamples of 80 % with 3 restarts each, silhouette on at most 10,000
  /// rows, stability threshold 0.75.
  public init(
    kmeans: KMeansOptions = .default, resamples: Int = 10, resampleFraction: Double = 0.8,
    resampleRestarts: Int = 3,
    silhouetteSampleLimit: Int? = ClusterValidity.defaultSilhouetteSampleLimit,
    stabilityThreshold: Double = 0.75
  ) {
    self.kmeans = kmeans
    self.resamples = resamples
    self.resampleFraction = resampleFraction
    self.resampleRestarts = resampleRestarts
    self.silhouetteSampleLimit = silhouetteSampleLimit
    self.stabilityThreshold = stabilityThreshold
  }

  /// The defaults.
  public static let `default` = ClusterCountOptions()
}

/// The evaluation of one candidate k.
public struct ClusterCountCandidate: Sendable, Equatable {
  /// The number of clusters.
  public let k: Int
  /// k-means inertia of the full fit.
  public let inertia: Double
  /// Mean silhouette of the full fit (higher is better).
  public let silhouette: Double
  /// Calinski–Harabasz index (higher is better).
  public let calinskiHarabasz: Double
  /// Davies–Bouldin index (lower is better).
  public let daviesBouldin: Double
  /// Mean adjusted Rand index between subsample fits and the full fit on the subsampled rows
  /// (1 = the same clusters every time).
  public let stability: Double
  /// The full fit.
  public let fit: ClusterModel
}

/// A recommended number of clusters, with the evidence for every candidate.
///
/// **Voting rule.** Five criteria each vote for one k: the highest silhouette, the highest
/// Calinski–Harabasz index, the lowest Davies–Bouldin index, the knee of the inertia curve
/// (Kneedle; no vote when there is no knee) and the highest stability. When at least one k
/// reaches ``ClusterCountOptions/stabilityThreshold``, only such stable ks can receive votes
/// (the knee votes only if it is stable). The k with most votes wins; ties go to the higher
/// silhouette, then to the smaller k. Every step is deterministic for a given seed.
public struct ClusterCountChoice: Sendable, Equatable {
  /// One evaluation per k, ascending.
  public let candidates: [ClusterCountCandidate]
  /// The knee of the inertia curve, or `nil`.
  public let knee: Int?
  /// The recommended k.
  public let recommendedK: Int
  /// Why: one line per criterion that voted for ``recommendedK`` (and a note when unstable ks
  /// were excluded).
  public let reasons: [String]
  /// Per k (same order as ``candidates``), the criteria that voted for it.
  public let votes: [[String]]
  /// Whether the silhouettes were computed on a sample, and on how many rows.
  public let silhouetteRows: Int
  /// Whether the silhouettes come from a seeded sample rather than all rows.
  public let silhouetteIsSampled: Bool

  /// The candidate for the recommended k.
  public var recommended: ClusterCountCandidate {
    candidates.first { $0.k == recommendedK } ?? candidates[0]
  }

  /// Evaluates every k in `ks` and recommends one.
  ///
  /// Cancellation: ``KMeansOptions/cancellation`` of `options.kmeans` is asked per k, per
  /// resample, per silhouette chunk and inside every fit; it throws ``AnalysisError/cancelled``.
  ///
  /// - Throws: the errors of ``Elbow/sweep(_:ks:options:)``;
  ///   ``AnalysisError/invalidParameter(name:reason:)`` for fewer than 1 resample or a fraction
  ///   outside `(0, 1]`.
  /// - Complexity: per k, one full fit, `resamples` subsample fits and the validity indices.
  public static func evaluate(
    _ matrix: FeatureMatrix, ks: ClosedRange<Int>, options: ClusterCountOptions = .default
  ) throws(AnalysisError) -> ClusterCountChoice {
    guard options.resamples >= 1 else {
      throw .invalidParameter(name: "resamples", reason: "must be at least 1")
    }
    guard options.resampleFraction > 0, options.resampleFraction <= 1 else {
      throw .invalidParameter(name: "resample fraction", reason: "must be in (0, 1]")
    }
    try Elbow.validate(matrix, ks: ks)
    let ksList = Array(ks)
    let subsamples = Self.subsamples(rows: matrix.rows, options: options)
    let fits = Self.fitAll(matrix, ks: ksList, subsamples: subsamples, options: options)
    // Errors surface in the order of the serial procedure: the sweep's first, then per k its
    // silhouette and its resamples.
    var full = [ClusterModel]()
    for t in ksList.indices { full.append(try fits[t].get()) }
    let elbow = Elbow(ks: ksList, fits: full)
    var candidates = [ClusterCountCandidate]()
    var silhouetteRows = matrix.rows
    for (t, fit) in full.enumerated() {
      if options.kmeans.cancellation.isCancelled { throw .cancelled }
      let sil = try ClusterValidity.silhouette(
        matrix, labels: fit.labels, sampleLimit: options.silhouetteSampleLimit,
        seed: options.kmeans.seed, cancellation: options.kmeans.cancellation)
      silhouetteRows = sil.rowsUsed
      var total = 0.0
      for (b, rows) in subsamples.enumerated() {
        let subFit = try fits[ksList.count + t * subsamples.count + b].get()
        total += try ClusterValidity.adjustedRandIndex(subFit.labels, rows.map { fit.labels[$0] })
      }
      candidates.append(
        ClusterCountCandidate(
          k: fit.clusterCount, inertia: fit.quality.inertia ?? .nan, silhouette: sil.score,
          calinskiHarabasz: try ClusterValidity.calinskiHarabasz(matrix, labels: fit.labels),
          daviesBouldin: try ClusterValidity.daviesBouldin(matrix, labels: fit.labels),
          stability: total / Double(subsamples.count), fit: fit))
    }
    return vote(
      candidates, knee: elbow.knee, options: options, silhouetteRows: silhouetteRows,
      rows: matrix.rows)
  }

  /// Every fit of an evaluation: the full fit of each k (as ``Elbow/sweep(_:ks:options:)`` makes
  /// it), then for each k the fit of each subsample, in that order.
  ///
  /// The fits are independent jobs, so they run concurrently, one job per thread (small fits run
  /// on one thread, see ``RowChunks/isParallel``); job `t` always lands at index `t` and draws
  /// only from its own seed, so the results are those of a serial run on any core count.
  static func fitAll(
    _ matrix: FeatureMatrix, ks: [Int], subsamples: [[Int]], options: ClusterCountOptions
  ) -> [Result<ClusterModel, AnalysisError>] {
    let jobs = ks.count * (1 + subsamples.count)
    return Parallel.map(jobs) { t in
      Result { () throws(AnalysisError) in
        if options.kmeans.cancellation.isCancelled { throw .cancelled }
        if t < ks.count { return try KMeansMethod(k: ks[t], options: options.kmeans).fit(matrix) }
        let (kIndex, b) = (t - ks.count).quotientAndRemainder(dividingBy: subsamples.count)
        return try subsampleFit(
          matrix, k: ks[kIndex], rows: subsamples[b], resample: b, options: options)
      }
    }
  }

  /// The row subsets used for stability: sorted indices, one seeded draw per resample.
  static func subsamples(rows: Int, options: ClusterCountOptions) -> [[Int]] {
    let size = max(2, Int((Double(rows) * options.resampleFraction).rounded(.down)))
    let base = SeededGenerator(seed: options.kmeans.seed).forked(task: 1_000_003)
    return (0..<options.resamples).map { b in
      var generator = base.forked(task: b)
      var idx = Array(0..<rows)
      let m = min(size, rows)
      for i in 0..<m { idx.swapAt(i, i + generator.nextInt(below: rows - i)) }
      return Array(idx[0..<m]).sorted()
    }
  }

  /// The fit of subsample `b` (its rows in `rows`) for stability: `resampleRestarts` restarts
  /// from a seed of its own.
  static func subsampleFit(
    _ matrix: FeatureMatrix, k: Int, rows: [Int], resample b: Int, options: ClusterCountOptions
  ) throws(AnalysisError) -> ClusterModel {
    let sub = matrix.gathering(rows: rows)
    var o = options.kmeans
    o.restarts = options.resampleRestarts
    var seeds = SeededGenerator(seed: options.kmeans.seed).forked(task: 2_000_003 + b)
    o.seed = seeds.next()
    return try KMeansMethod(k: min(k, sub.rows), options: o).fit(sub)
  }

  static func vote(
    _ candidates: [ClusterCountCandidate], knee: Int?, options: ClusterCountOptions,
    silhouetteRows: Int, rows: Int
  ) -> ClusterCountChoice {
    let stable = candidates.filter { $0.stability >= options.stabilityThreshold }
    let eligible = stable.isEmpty ? candidates : stable
    var votes = [[String]](repeating: [], count: candidates.count)
    func index(of k: Int) -> Int { candidates.firstIndex { $0.k == k } ?? 0 }
    /// The first eligible candidate maximising `score` (candidates are in ascending k).
    func best(_ score: (ClusterCountCandidate) -> Double) -> ClusterCountCandidate {
      var winner = eligible[0]
      for c in eligible.dropFirst() where score(c) > score(winner) { winner = c }
      return winner
    }
    let sil = best { $0.silhouette }
    votes[index(of: sil.k)].append("highest silhouette (\(ReportFormatting.fixed(sil.silhouette)))")
    let ch = best { $0.calinskiHarabasz }
    votes[index(of: ch.k)].append(
      "highest Calinski–Harabasz index (\(ReportFormatting.fixed(ch.calinskiHarabasz, digits: 1)))")
    let db = best { -$0.daviesBouldin }
    votes[index(of: db.k)].append("lowest Davies–Bouldin index (\(ReportFormatting.fixed(db.daviesBouldin)))")
    if let knee, eligible.contains(where: { $0.k == knee }) {
      votes[index(of: knee)].append("knee of the inertia curve")
    }
    let st = best { $0.stability }
    votes[index(of: st.k)].append(
      "most stable (mean ARI \(ReportFormatting.fixed(st.stability)) over \(options.resamples) subsamples)")
    var winner = 0
    for i in candidates.indices.dropFirst() {
      let (a, b) = (votes[i].count, votes[winner].count)
      if a > b || (a == b && candidates[i].silhouette > candidates[winner].silhouette) {
        winner = i
      }
    }
    var reasons = votes[winner]
    if !stable.isEmpty && stable.count < candidates.count {
      let dropped = candidates.filter { $0.stability < options.stabilityThreshold }.map {
        String($0.k)
      }
      reasons.append(
        "k=\(dropped.joined(separator: ", ")) excluded as unstable "
          + "(mean ARI below \(ReportFormatting.fixed(options.stabilityThreshold)))"
      )
    }
    return ClusterCountChoice(
      candidates: candidates, knee: knee, recommendedK: candidates[winner].k, reasons: reasons,
      votes: votes, silhouetteRows: silhouetteRows, silhouetteIsSampled: silhouetteRows < rows)
  }
}
