/// Input for `elbow`: k-means inertia (within-cluster sum of squares) against k.
///
/// `ks` and `inertia` pair up by position; extra entries of the longer array are ignored.
public struct ElbowData: Sendable, Equatable {
  public var ks: [Int]
  public var inertia: [Double]
  /// The knee (elbow) k to mark, if one was found.
  public var knee: Int?

  public init(ks: [Int], inertia: [Double], knee: Int? = nil) {
    self.ks = ks
    self.inertia = inertia
    self.knee = knee
  }
}

/// Input for `silhouette`: mean silhouette coefficient against k.
///
/// `ks` and `scores` pair up by position; extra entries of the longer array are ignored.
public struct SilhouetteCurveData: Sendable, Equatable {
  public var ks: [Int]
  /// Mean silhouette per k, in -1...1.
  public var scores: [Double]
  /// The chosen k to mark.
  public var chosen: Int?

  public init(ks: [Int], scores: [Double], chosen: Int? = nil) {
    self.ks = ks
    self.scores = scores
    self.chosen = chosen
  }
}
