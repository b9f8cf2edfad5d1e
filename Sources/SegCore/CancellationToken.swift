/// A cheap, thread-safe question a long kernel asks between chunks of work: "should I stop?".
///
/// SegCore knows nothing of terminals or signals; the caller (the REPL, a test) wraps whatever
/// says "stop" in a token and passes it in. Kernels ask it at cheap intervals — per k-means
/// iteration and restart, per t-SNE iteration, per silhouette chunk, per Ward merge, per CSV
/// block — and throw their cancellation error (``AnalysisError/cancelled``,
/// ``ClusteringError/Code/cancelled``, ``LoadError/Code/cancelled``) when it answers `true`.
///
/// A token never changes what is computed, only whether the computation finishes, so two tokens
/// always compare equal and options that differ only in their token give the same result.
/// Once a token says stop it must keep saying so (kernels may ask again after stopping early).
///
/// ```swift
/// var options = KMeansOptions(seed: 7)
/// options.cancellation = .cancelled
/// // try KMeans.fit(matrix, k: 3, options: options) throws AnalysisError.cancelled
/// ```
public struct CancellationToken: Sendable, Equatable {
  /// Whether the work should stop; called often, so it must be cheap.
  public let check: @Sendable () -> Bool

  /// Wraps a check such as `{ host.isCancelled }`.
  public init(_ check: @escaping @Sendable () -> Bool) { self.check = check }

  /// Whether the work should stop now.
  @inlinable public var isCancelled: Bool { check() }

  /// The token that never cancels: the default everywhere.
  public static let never = CancellationToken { false }

  /// A token that is already cancelled, for tests.
  public static let cancelled = CancellationToken { true }

  /// Tokens always compare equal: they decide whether work finishes, not what it computes.
  public static func == (lhs: CancellationToken, rhs: CancellationToken) -> Bool { true }
}
