/// A low-dimensional view of the features: PCA projections or t-SNE coordinates.
///
/// ``coordinates`` is row-major, ``dimensions`` per point. Points follow the rows of the table
/// named ``tableName``, or, when ``rows`` is set (a seeded sample of a large table), the table
/// rows listed there.
public struct Embedding: Sendable, Equatable {
  /// How it was computed.
  public enum Method: String, Sendable, Equatable, CaseIterable {
    case pca, tsne
  }

  /// The method.
  public var method: Method
  /// Coordinates per point.
  public var dimensions: Int
  /// The coordinates, row-major: point `i` is `coordinates[i * dimensions ..< (i + 1) * dimensions]`.
  public var coordinates: [Double]
  /// The table rows embedded, or `nil` for all rows in order.
  public var rows: [Int]?
  /// The table the points belong to.
  public var tableName: String
  /// PCA: variance explained per component (population); empty for t-SNE.
  public var explainedVariance: [Double] = []
  /// PCA: share of the total variance per component (0…1); empty for t-SNE.
  public var explainedVarianceRatio: [Double] = []
  /// PCA: component loadings, `dimensions` × features, row-major; empty for t-SNE.
  public var loadings: [Double] = []
  /// The features embedded.
  public var featureNames: [String]
  /// Things to know (sampling, perplexity, KL divergence).
  public var notes: [String] = []

  /// Creates an embedding.
  public init(
    method: Method, dimensions: Int, coordinates: [Double], rows: [Int]?, tableName: String,
    featureNames: [String]
  ) {
    self.method = method
    self.dimensions = dimensions
    self.coordinates = coordinates
    self.rows = rows
    self.tableName = tableName
    self.featureNames = featureNames
  }

  /// The number of points.
  public var count: Int { dimensions > 0 ? coordinates.count / dimensions : 0 }
}
