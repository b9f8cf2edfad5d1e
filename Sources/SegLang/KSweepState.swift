public import SegCore

/// The silhouette sweep of `silhouette 2..8`: the mean silhouette of a k-means fit per k.
public struct SilhouetteSweep: Sendable, Equatable {
  /// The k values, increasing.
  public var ks: [Int]
  /// The mean silhouette per k (same order as ``ks``).
  public var scores: [Double]
  /// The k-means inertia per k (same order), from the same fits.
  public var inertias: [Double]
  /// Rows the silhouette was computed on (a seeded sample when below ``rows``).
  public var rowsUsed: Int
  /// Rows in the matrix.
  public var rows: Int
  /// The seed of the fits and of the sample.
  public var seed: UInt64

  /// Creates a sweep result.
  public init(
    ks: [Int], scores: [Double], inertias: [Double], rowsUsed: Int, rows: Int, seed: UInt64
  ) {
    self.ks = ks
    self.scores = scores
    self.inertias = inertias
    self.rowsUsed = rowsUsed
    self.rows = rows
    self.seed = seed
  }

  /// Whether the scores are from a seeded sample rather than exact.
  public var isSampled: Bool { rowsUsed < rows }
  /// The k with the highest silhouette (the smallest such k on ties).
  public var bestK: Int? {
    var best: (k: Int, s: Double)?
    for (k, s) in zip(ks, scores) where s.isFinite {
      if let current = best, s <= current.s { continue }
      best = (k, s)
    }
    return best?.k
  }
}

/// The results of the k sweeps of the session: `elbow`, `silhouette` and `choose`.
public struct KSweepState: Sendable, Equatable {
  /// The last `elbow` sweep: inertia per k and the Kneedle knee.
  public var elbow: Elbow?
  /// The last `silhouette` sweep.
  public var silhouette: SilhouetteSweep?
  /// The last `choose` table: inertia, silhouette, CH, DB and stability per k, and the
  /// recommended k with its reasons.
  public var choice: ClusterCountChoice?
  /// The k-means fits of the last `choose` or `elbow`, for `cluster` to reuse.
  package var fits = KMeansFitMemo()

  /// No sweep yet.
  public init() {}

  /// The knee of the last `choose` (else `elbow`) sweep, if there is one.
  public var knee: Int? { choice?.knee ?? elbow?.knee }
}

/// The k-means fits of the last sweep (`choose` or `elbow`), so that `cluster k=K` on the same
/// features takes the sweep's fit for K instead of fitting again.
///
/// A fit is reused only when everything that decides it is equal: the feature matrix (its
/// values, not only its shape), k and every k-means setting including the seed. k-means is
/// deterministic for those, so the reused model is the one a new fit would return.
package struct KMeansFitMemo: Sendable, Equatable {
  struct Entry: Sendable, Equatable {
    var model: ClusterModel
    /// The fit's mean silhouette as `cluster` computes it (same seed, default sample limit),
    /// when the sweep computed it that way.
    var silhouette: Silhouette?
  }

  /// A mean silhouette, and whether it is from a seeded sample.
  package struct Silhouette: Sendable, Equatable {
    var score: Double
    var isSampled: Bool

    package init(score: Double, isSampled: Bool) {
      self.score = score
      self.isSampled = isSampled
    }
  }

  private var matrix: FeatureMatrix?
  private var options = KMeansOptions.default
  private var entries: [Int: Entry] = [:]

  package init() {}

  /// Keeps `models` (one per k) as fitted on `matrix` with `options`; replaces what was kept.
  package mutating func record(
    _ models: [ClusterModel], silhouettes: [Silhouette]? = nil, matrix: FeatureMatrix,
    options: KMeansOptions
  ) {
    self.matrix = matrix
    self.options = Self.key(options)
    entries = [:]
    for (i, model) in models.enumerated() {
      entries[model.clusterCount] = Entry(model: model, silhouette: silhouettes?[i])
    }
  }

  /// The kept fit for `k` on `matrix` with `options`, or `nil` when any of them differs.
  func entry(k: Int, matrix: FeatureMatrix, options: KMeansOptions) -> Entry? {
    guard let kept = self.matrix, Self.key(options) == self.options, kept == matrix else {
      return nil
    }
    return entries[k]
  }

  /// The settings that decide a fit: the cancellation token does not.
  private static func key(_ options: KMeansOptions) -> KMeansOptions {
    var o = options
    o.cancellation = .never
    return o
  }
}
