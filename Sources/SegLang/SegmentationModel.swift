internal import SegCore

/// The fitted segmentation: which method, the labels of every customer, centroids in both
/// spaces, and the segment names.
///
/// Labels follow the rows of the table named ``tableName`` (`customers`): `labels[i]` is the
/// cluster of row `i`, from `0` to `k − 1`, or ``noiseLabel`` (`-1`) for DBSCAN noise. The
/// customers set aside as outliers (table `outliers`) have ``outlierLabels``: ``outlierLabel``
/// (`-2`) unless clustered with `assign=nearest`.
public struct SegmentationModel: Sendable, Equatable {
  /// The label of DBSCAN noise points.
  public static let noiseLabel = ClusteringResult.noiseLabel
  /// The label of customers set aside by an outlier filter (`filter z<3`).
  public static let outlierLabel = -2
  /// The segment name of noise points.
  public static let noiseName = "Noise"
  /// The segment name of set-aside outliers.
  public static let outlierName = "Outliers"

  /// The name of the method that produced the labels (`kmeans`, `hierarchical`, `dbscan`, `gmm`,
  /// `minibatch`).
  public var method: String
  /// The number of clusters (noise not counted).
  public var k: Int
  /// The table whose rows the labels follow.
  public var tableName: String
  /// The features clustered on, in order.
  public var featureNames: [String]
  /// One label per row of ``tableName``.
  public var labels: [Int]
  /// One label per row of the `outliers` table (empty when there is none).
  public var outlierLabels: [Int] = []
  /// How outliers were treated.
  public var outlierAssignment: OutlierAssignment = .outliers
  /// Customers per cluster, by cluster id.
  public var sizes: [Int]
  /// Rows labelled noise.
  public var noiseCount: Int = 0
  /// Cluster centres in the clustered (transformed, scaled) space: k × features, row-major.
  ///
  /// For methods without centres these are the cluster means.
  public var centroidsScaled: [Double]
  /// Cluster centres in original units (scaling and transform undone), k × features.
  public var centroidsOriginal: [Double]
  /// The segment name of each cluster (`Cluster 0` … until `name`).
  public var names: [String]
  /// Why each name was chosen (`name auto`), or `nil` for a name given by hand or the default.
  public var reasons: [String?]
  /// Things to know about the fit (sampling, convergence, the eps that was suggested).
  public var notes: [String] = []
  /// The seed of the fit.
  public var seed: UInt64
  /// k-means restarts (`n_init`), when relevant.
  public var restarts: Int?
  /// The within-cluster sum of squares in the clustered space (k-means; nil for others).
  public var inertia: Double?
  /// The mean silhouette of the fit, once computed.
  public var silhouette: Double?
  /// Whether ``silhouette`` is from a seeded sample.
  public var silhouetteIsSampled: Bool = false
  /// DBSCAN's radius and whether it was suggested from the k-distance knee.
  public var eps: Double?
  /// Whether ``eps`` was suggested rather than given.
  public var epsWasSuggested: Bool = false
  /// DBSCAN's `min_samples`.
  public var minSamples: Int?

  /// Creates a model; names default to `Cluster 0` ….
  public init(
    method: String, k: Int, tableName: String, featureNames: [String], labels: [Int],
    sizes: [Int], centroidsScaled: [Double], centroidsOriginal: [Double], seed: UInt64
  ) {
    self.method = method
    self.k = k
    self.tableName = tableName
    self.featureNames = featureNames
    self.labels = labels
    self.sizes = sizes
    self.centroidsScaled = centroidsScaled
    self.centroidsOriginal = centroidsOriginal
    self.names = (0..<k).map { Self.defaultName($0) }
    self.reasons = Array(repeating: nil, count: k)
    self.seed = seed
  }

  /// The default name of cluster `id`.
  /// Whether the labels are the nearest centroid (a method this build does not know, as from
  /// a newer history file, is treated as not scorable).
  var labelRule: LabelRule {
    Commands.clusterMethod(named: method)?.method.labelRule
      ?? .other("seg does not know the method '\(method)'")
  }

  public static func defaultName(_ id: Int) -> String { "Cluster \(id)" }

  /// The segment name for `label` (a cluster id, ``noiseLabel`` or ``outlierLabel``).
  public func name(ofLabel label: Int) -> String {
    if label == Self.noiseLabel { return Self.noiseName }
    if label == Self.outlierLabel { return Self.outlierName }
    return names.indices.contains(label) ? names[label] : Self.defaultName(label)
  }
}
