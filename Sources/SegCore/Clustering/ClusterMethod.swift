/// A clustering method with its settings: the one way to fit clusters.
///
/// A method is a value (its settings); ``fit(_:seed:cancellation:)`` turns it and a feature matrix
/// into a ``ClusterModel``. Every method throws ``AnalysisError`` only, so callers map one error
/// type. Adding a method is one conforming type (and, for the seg language, one entry in its method registry).
public protocol ClusterMethod: Sendable {
  /// The method's name, as stored in ``ClusterModel/method`` and in run histories.
  static var name: String { get }
  /// The method in prose, as a report sentence would name it ("k-means", "a Gaussian mixture").
  static var title: String { get }
  /// Whether the method's labels are the nearest centroid.
  static var labelRule: LabelRule { get }
  /// Whether the method is told the number of clusters (a density method finds it).
  static var takesClusterCount: Bool { get }

  /// Fits the method to the rows of `matrix`.
  ///
  /// - Parameters:
  ///   - seed: every random choice of the fit derives from it; the same seed and rows give the
  ///     same model on any core count.
  ///   - cancellation: asked during the fit; a cancelled fit throws ``AnalysisError/cancelled``.
  func fit(_ matrix: FeatureMatrix, seed: UInt64, cancellation: CancellationToken)
    throws(AnalysisError) -> ClusterModel
}

/// Checks shared by the methods.
enum ClusterMethods {}

/// k-means: k-means++ seeding with restarts, Lloyd iterations and non-local jumps (``KMeans``).
public struct KMeansMethod: ClusterMethod {
  public static let name = "kmeans"
  public static let title = "k-means"
  public static let labelRule = LabelRule.nearestCentroid
  public static let takesClusterCount = true

  /// The number of clusters.
  public var k: Int
  /// The k-means settings; their seed and cancellation are replaced by those given to `fit`.
  public var options: KMeansOptions

  /// k clusters with `options` (10 restarts by default).
  public init(k: Int, options: KMeansOptions = .default) {
    self.k = k
    self.options = options
  }

  /// Fits with the seed and cancellation token of ``options``.
  public func fit(_ matrix: FeatureMatrix) throws(AnalysisError) -> ClusterModel {
    try fit(matrix, seed: options.seed, cancellation: options.cancellation)
  }

  /// k clusters, keeping the best of `restarts` runs.
  public init(k: Int, restarts: Int) {
    self.init(k: k, options: KMeansOptions(restarts: restarts))
  }

  public func fit(_ matrix: FeatureMatrix, seed: UInt64, cancellation: CancellationToken)
    throws(AnalysisError) -> ClusterModel
  {
    var o = options
    o.seed = seed
    o.cancellation = cancellation
    let r = try KMeans.fit(matrix, k: k, options: o)
    return ClusterModel(
      method: Self.name, labels: r.labels, clusterCount: r.k, columnNames: r.columnNames,
      centroids: r.centroids, labelRule: Self.labelRule,
      quality: ClusterQuality(
        inertia: r.inertia, restarts: o.restarts, converged: r.converged, iterations: r.iterations),
      notes: r.converged ? [] : ["k-means stopped at the iteration cap before converging"])
  }
}

/// Ward's hierarchical clustering (``WardClustering``), exact up to
/// ``WardClustering/maxExactRows`` rows and on a seeded sample above that.
public struct WardMethod: ClusterMethod {
  public static let name = "hierarchical"
  public static let title = "Ward hierarchical clustering"
  public static let labelRule = LabelRule.other(
    "Ward's clusters come from merging customers, not from centroids: a new customer has no rule")
  public static let takesClusterCount = true

  /// The number of clusters.
  public var k: Int

  /// Cuts the Ward tree at `k` clusters.
  public init(k: Int) { self.k = k }

  public func fit(_ matrix: FeatureMatrix, seed: UInt64, cancellation: CancellationToken)
    throws(AnalysisError) -> ClusterModel
  {
    try ClusterMethods.checkCount(matrix, k: k)
    var generator = SeededGenerator(seed: seed)
    let ward: WardClustering
    do {
      ward = try WardClustering.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, clusterCount: k,
        using: &generator, cancellation: cancellation)
    } catch {
      throw AnalysisError(error)
    }
    let a = ward.assignment
    return ClusterModel(
      method: Self.name, labels: a.labels, clusterCount: a.clusterCount,
      columnNames: matrix.columnNames, centroids: ward.centroids, labelRule: Self.labelRule,
      notes: a.notes)
  }
}

/// A Gaussian mixture with full covariances, fitted by EM (``GaussianMixture``); each row is
/// labelled by its most likely component.
public struct GaussianMixtureMethod: ClusterMethod {
  public static let name = "gmm"
  public static let title = "a Gaussian mixture"
  public static let labelRule = LabelRule.other(
    "a Gaussian mixture labels by the most likely component (per-component covariances), not by the nearest centroid"
  )
  public static let takesClusterCount = true

  /// The number of components.
  public var k: Int
  /// EM runs from different initialisations; the best is kept.
  public var restarts: Int

  /// `k` components, the best of `restarts` EM runs.
  public init(k: Int, restarts: Int = 1) {
    self.k = k
    self.restarts = restarts
  }

  public func fit(_ matrix: FeatureMatrix, seed: UInt64, cancellation: CancellationToken)
    throws(AnalysisError) -> ClusterModel
  {
    try ClusterMethods.checkCount(matrix, k: k)
    var generator = SeededGenerator(seed: seed)
    var options = GaussianMixture.Options(componentCount: k, initializationCount: restarts)
    options.cancellation = cancellation
    let gmm: GaussianMixture
    do {
      gmm = try GaussianMixture.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, options: options,
        using: &generator)
    } catch {
      throw AnalysisError(error)
    }
    let a = gmm.assignment
    return ClusterModel(
      method: Self.name, labels: a.labels, clusterCount: a.clusterCount,
      columnNames: matrix.columnNames, centroids: gmm.parameters.means, labelRule: Self.labelRule,
      quality: ClusterQuality(
        restarts: restarts, converged: gmm.converged, iterations: gmm.iterations,
        logLikelihood: gmm.logLikelihood, bic: gmm.bic),
      notes: a.notes + (gmm.converged ? [] : ["EM stopped at the iteration cap before converging"]))
  }
}

/// DBSCAN (``DBSCANClustering``): clusters are dense regions, found without a number of
/// clusters; rows in no dense region are noise.
public struct DBSCANMethod: ClusterMethod {
  public static let name = "dbscan"
  public static let title = "DBSCAN"
  public static let labelRule = LabelRule.other(
    "DBSCAN's clusters come from density around the fitted customers, not from centroids")
  public static let takesClusterCount = false

  /// The neighbourhood radius; `nil` to suggest it from the knee of the k-distance curve.
  public var eps: Double?
  /// The neighbours (the row included) that make a core point.
  public var minSamples: Int

  /// Density clustering with radius `eps` (suggested when `nil`) and `minSamples`.
  public init(eps: Double? = nil, minSamples: Int = DBSCANClustering.defaultMinSamples) {
    self.eps = eps
    self.minSamples = minSamples
  }

  /// - Throws: also ``AnalysisError/noDenseRegion(eps:)`` when every row is noise.
  public func fit(_ matrix: FeatureMatrix, seed: UInt64, cancellation: CancellationToken)
    throws(AnalysisError) -> ClusterModel
  {
    let db: DBSCANClustering
    do {
      db = try DBSCANClustering.fit(
        points: matrix.values, rows: matrix.rows, cols: matrix.cols, eps: eps,
        minSamples: minSamples, cancellation: cancellation)
    } catch {
      throw AnalysisError(error)
    }
    let a = db.assignment
    guard a.clusterCount >= 1 else { throw .noDenseRegion(eps: db.eps) }
    return ClusterModel(
      method: Self.name, labels: a.labels, clusterCount: a.clusterCount,
      columnNames: matrix.columnNames,
      centroids: ClusterModel.clusterMeans(matrix, labels: a.labels, k: a.clusterCount),
      labelRule: Self.labelRule,
      density: DensitySettings(eps: db.eps, epsWasSuggested: eps == nil, minSamples: minSamples))
  }
}

extension ClusterMethods {
  /// The checks of a method told `k` clusters that its algorithm does not make itself: `k` in
  /// `2...rows`, and at least `k` distinct rows.
  static func checkCount(_ matrix: FeatureMatrix, k: Int) throws(AnalysisError) {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    guard k >= 2, k <= matrix.rows else { throw .invalidClusterCount(k: k, rows: matrix.rows) }
    let distinct = matrix.distinctRowCount(atLeast: k)
    if distinct < k { throw .tooFewDistinctPoints(k: k, distinct: distinct) }
  }
}

extension FeatureMatrix {
  /// The number of distinct rows, counting stops once `limit` is reached (enough to know there
  /// are at least `limit`).
  func distinctRowCount(atLeast limit: Int) -> Int {
    var seen = Set<[Double]>()
    for i in 0..<rows {
      seen.insert(row(i))
      if seen.count >= limit { return seen.count }
    }
    return seen.count
  }
}

extension AnalysisError {
  /// The analysis error for an algorithm's ``ClusteringError``: the one place the two meet.
  init(_ error: ClusteringError) {
    switch error.code {
    case .cancelled: self = .cancelled
    case .emptyInput: self = .emptyMatrix
    default: self = .clustering(code: error.code.rawValue, message: error.message)
    }
  }
}
