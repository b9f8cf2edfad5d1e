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

  /// No sweep yet.
  public init() {}

  /// The knee of the last `choose` (else `elbow`) sweep, if there is one.
  public var knee: Int? { choice?.knee ?? elbow?.knee }
}
