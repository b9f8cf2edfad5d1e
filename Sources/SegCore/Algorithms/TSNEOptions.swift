/// Settings for a t-SNE embedding; the defaults are scikit-learn's (`TSNE()` in 1.9).
public struct TSNEOptions: Sendable, Equatable {
  /// How the gradient is computed.
  public enum Method: String, Sendable, Equatable, CaseIterable {
    /// Exact up to ``TSNEOptions/exactRowLimit`` rows, Barnes–Hut beyond.
    case automatic
    /// The exact O(n²) gradient on dense affinities.
    case exact
    /// The Barnes–Hut O(n log n) approximation on nearest-neighbour affinities.
    case barnesHut = "barnes-hut"
  }

  /// Where the optimisation starts.
  public enum Initialization: String, Sendable, Equatable, CaseIterable {
    /// The first two principal components, scaled to standard deviation 1e-4 along the first
    /// (scikit-learn's default). Falls back to `.random` for fewer than two columns or
    /// coincident rows.
    case pca
    /// Independent normal coordinates with standard deviation 1e-4, from the seed.
    case random
  }

  /// The effective number of neighbours each row's Gaussian covers, `0 < perplexity < rows`.
  public var perplexity: Double = 30
  /// The factor on the affinities during the first 250 iterations.
  public var earlyExaggeration: Double = 12
  /// The gradient step; `nil` for scikit-learn's `"auto"`: `max(rows / earlyExaggeration / 4, 50)`.
  public var learningRate: Double?
  /// The total number of iterations, early exaggeration included, `>= 1`.
  public var iterations: Int = 1000
  /// How the gradient is computed.
  public var method: Method = .automatic
  /// The Barnes–Hut accuracy threshold θ (cell width over distance), `0...1`.
  public var angle: Double = 0.5
  /// Where the optimisation starts.
  public var initialization: Initialization = .pca
  /// The largest row count `.automatic` embeds with the exact gradient (about 2 s at 1,000 rows
  /// on 2 cores; Barnes–Hut takes under 1 s there, about 5 s at 5,000 rows and 10–12 s at
  /// 10,000).
  public var exactRowLimit: Int = 1_000
  /// The largest row count embedded whole.
  ///
  /// Above it, a seeded uniform sample of this many rows is embedded instead, and the result
  /// says so. A 2-D picture gains little from more points, and each iteration costs
  /// O(n log n).
  public var maxRows: Int = 5_000
  /// Asked before every gradient iteration and every 32 rows of the neighbour search.
  ///
  /// When it says stop, the fit throws ``ClusteringError/Code/cancelled``. It never changes an embedding that finishes.
  public var cancellation: CancellationToken = .never

  /// scikit-learn's defaults.
  public static let `default` = TSNEOptions()

  /// The most rows `.exact` accepts: its dense affinities take `8·n²` bytes twice over (400 MB
  /// at this size) and each iteration O(n²) time.
  public static let exactMethodRowLimit = 5_000

  /// Creates options; every argument defaults to scikit-learn's value.
  public init(
    perplexity: Double = 30, earlyExaggeration: Double = 12, learningRate: Double? = nil,
    iterations: Int = 1000, method: Method = .automatic, angle: Double = 0.5,
    initialization: Initialization = .pca, exactRowLimit: Int = 1_000, maxRows: Int = 5_000
  ) {
    self.perplexity = perplexity
    self.earlyExaggeration = earlyExaggeration
    self.learningRate = learningRate
    self.iterations = iterations
    self.method = method
    self.angle = angle
    self.initialization = initialization
    self.exactRowLimit = exactRowLimit
    self.maxRows = maxRows
  }
}
