/// How a fitted model's labels relate to its centroids, which decides whether a new row can be
/// labelled by a rule outside seg (a scoring query).
public enum LabelRule: Sendable, Equatable {
  /// Every row's label is its nearest centroid, so a new row is labelled the same way.
  case nearestCentroid
  /// The labels come from something else; the text says what, in one sentence.
  case other(String)
}

/// The figures that say how well a model fits, each present when the method has it.
public struct ClusterQuality: Sendable, Equatable {
  /// The within-cluster sum of squared distances to the centroids over the clustered rows.
  public var inertia: Double?
  /// The restarts tried; the best was kept.
  public var restarts: Int?
  /// Whether the iterations converged before their cap.
  public var converged: Bool?
  /// The iterations (or mini-batch steps) of the kept fit.
  public var iterations: Int?
  /// The log-likelihood of the rows under a fitted mixture.
  public var logLikelihood: Double?
  /// The Bayesian information criterion of a fitted mixture (lower is better).
  public var bic: Double?

  /// Creates quality figures; every one is optional.
  public init(
    inertia: Double? = nil, restarts: Int? = nil, converged: Bool? = nil, iterations: Int? = nil,
    logLikelihood: Double? = nil, bic: Double? = nil
  ) {
    self.inertia = inertia
    self.restarts = restarts
    self.converged = converged
    self.iterations = iterations
    self.logLikelihood = logLikelihood
    self.bic = bic
  }
}

/// The density settings a DBSCAN fit used, with whether the radius was suggested from the data.
public struct DensitySettings: Sendable, Equatable {
  /// The neighbourhood radius in the units of the clustered features.
  public let eps: Double
  /// Whether ``eps`` came from the knee of the k-distance curve rather than the caller.
  public let epsWasSuggested: Bool
  /// The neighbours (the row included) that make a core point.
  public let minSamples: Int
}

/// A fitted clustering: what every ``ClusterMethod`` returns, and what sweeps, profiles, scoring
/// and run histories read.
///
/// Labels are `0..<clusterCount`, or ``noiseLabel`` for rows a density method leaves unclustered.
/// ``centroids`` are the method's own centres when it has them (k-means, mixtures) and otherwise
/// the mean of each cluster's rows, so every model can place a new row by its nearest centroid
/// (``assign(_:)``); ``labelRule`` says whether that reproduces the method's own labels.
public struct ClusterModel: Sendable, Equatable {
  /// The label of rows that belong to no cluster.
  public static let noiseLabel = -1

  /// The ``ClusterMethod/name`` of the method that fitted it.
  public let method: String
  /// One label per fitted row.
  public let labels: [Int]
  /// The number of clusters.
  public let clusterCount: Int
  /// Rows per cluster.
  public let sizes: [Int]
  /// Rows labelled ``noiseLabel``.
  public let noiseCount: Int
  /// The feature names, one per centroid coordinate.
  public let columnNames: [String]
  /// `clusterCount × columnNames.count` values, row-major.
  public let centroids: [Double]
  /// Whether labels follow the nearest centroid.
  public let labelRule: LabelRule
  /// How well it fits.
  public let quality: ClusterQuality
  /// DBSCAN's settings, for a density fit.
  public let density: DensitySettings?
  /// Remarks on the fit (a sample used, an iteration cap reached), one sentence each.
  public let notes: [String]

  /// Builds a model from labels; sizes and the noise count are counted here. Labels outside
  /// `0..<clusterCount` other than ``noiseLabel`` are counted as noise.
  public init(
    method: String, labels: [Int], clusterCount: Int, columnNames: [String], centroids: [Double],
    labelRule: LabelRule, quality: ClusterQuality = ClusterQuality(),
    density: DensitySettings? = nil, notes: [String] = []
  ) {
    var sizes = [Int](repeating: 0, count: clusterCount)
    var noise = 0
    for l in labels {
      if l >= 0 && l < clusterCount { sizes[l] += 1 } else { noise += 1 }
    }
    self.method = method
    self.labels = labels
    self.clusterCount = clusterCount
    self.sizes = sizes
    self.noiseCount = noise
    self.columnNames = columnNames
    self.centroids = centroids
    self.labelRule = labelRule
    self.quality = quality
    self.density = density
    self.notes = notes
  }

  /// The centroid of cluster `j`.
  public func centroid(_ j: Int) -> [Double] {
    let d = columnNames.count
    return Array(centroids[(j * d)..<((j + 1) * d)])
  }

  /// The nearest centroid of each row of `matrix` (first on ties), computed over fixed row chunks
  /// so the labels do not depend on the thread count.
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `matrix` has another
  ///   number of columns than the centroids.
  public func assign(_ matrix: FeatureMatrix) throws(AnalysisError) -> [Int] {
    guard matrix.cols == columnNames.count else {
      throw .shapeMismatch(what: "feature columns", expected: columnNames.count, actual: matrix.cols)
    }
    guard matrix.rows > 0 else { return [] }
    return try KMeans.assign(matrix, centroids: centroids).labels
  }

  /// The mean of each cluster's rows (`k × cols`), noise left out; an empty cluster's mean is 0.
  public static func clusterMeans(_ m: FeatureMatrix, labels: [Int], k: Int) -> [Double] {
    var sums = [Double](repeating: 0, count: k * m.cols)
    var counts = [Int](repeating: 0, count: k)
    for i in 0..<m.rows where labels[i] >= 0 && labels[i] < k {
      counts[labels[i]] += 1
      for j in 0..<m.cols { sums[labels[i] * m.cols + j] += m[i, j] }
    }
    for c in 0..<k where counts[c] > 0 {
      for j in 0..<m.cols { sums[c * m.cols + j] /= Double(counts[c]) }
    }
    return sums
  }
}
