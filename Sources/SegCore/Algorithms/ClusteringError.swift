/// A failure of a clustering or embedding method: bad input shape, a non-finite value, an invalid
/// parameter, or a numerical breakdown.
///
/// The methods throw it as a typed error, so a `catch` sees its ``code`` directly:
///
/// ```swift
/// do {
///   _ = try DBSCANClustering.fit(points: [.nan, 1], rows: 1, cols: 2, eps: 0.5)
/// } catch {
///   // error.code == .nonFiniteValue, error.row == 0
/// }
/// ```
///
/// In an untyped context, `catch ClusteringError.Code.nonFiniteValue` matches too.
///
/// The message names rows, columns and parameters, never the data values themselves.
public struct ClusteringError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, stable across releases so that scripts and tests can match on it.
  public struct Code: RawRepresentable, Hashable, Sendable {
    /// The stable identifier, such as `"nonFiniteValue"`.
    public let rawValue: String

    /// Creates a code from its identifier.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The matrix has no rows or no columns.
    public static let emptyInput = Code(rawValue: "emptyInput")
    /// `points.count` is not `rows * cols`.
    public static let shapeMismatch = Code(rawValue: "shapeMismatch")
    /// A value is NaN or infinite.
    public static let nonFiniteValue = Code(rawValue: "nonFiniteValue")
    /// A parameter is out of its documented range (for example `k < 1` or `eps <= 0`).
    public static let invalidParameter = Code(rawValue: "invalidParameter")
    /// There are fewer rows than the method needs (for example fewer rows than components).
    public static let tooFewPoints = Code(rawValue: "tooFewPoints")
    /// A covariance matrix is not positive definite even after regularisation.
    public static let singularCovariance = Code(rawValue: "singularCovariance")
    /// The caller's ``CancellationToken`` asked the method to stop; there is no result.
    public static let cancelled = Code(rawValue: "cancelled")

    /// Matches an error against this code in a `catch` pattern.
    public static func ~= (code: Code, error: any Error) -> Bool {
      (error as? ClusteringError)?.code == code
    }
  }

  /// What went wrong.
  public let code: Code
  /// A human-readable explanation naming rows, columns or parameters (never data values).
  public let message: String
  /// The 0-based row the error concerns, when there is one.
  public let row: Int?

  /// Creates an error.
  public init(_ code: Code, _ message: String, row: Int? = nil) {
    self.code = code
    self.message = message
    self.row = row
  }

  /// The message.
  public var description: String { message }

  /// The error a method throws when its ``CancellationToken`` says stop.
  public static let cancelled = ClusteringError(.cancelled, "cancelled")

  /// Throws ``cancelled`` when `token` says stop.
  @inlinable
  public static func check(_ token: CancellationToken) throws(ClusteringError) {
    if token.isCancelled { throw cancelled }
  }
}
