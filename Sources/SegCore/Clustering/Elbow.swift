/// The elbow curve: k-means inertia for each k of a range, with its knee.
///
/// Every k is fitted with the same ``KMeansOptions`` (same seed), so the fit for a given k is
/// exactly what ``KMeans/fit(_:k:options:)`` returns for that k: a script that runs
/// `elbow 2..10` and then `cluster k=4` sees the same inertia twice.
public struct Elbow: Sendable, Equatable {
  /// The k values, ascending.
  public let ks: [Int]
  /// The inertia of the best fit for each k.
  public let inertias: [Double]
  /// The knee of the curve by ``Kneedle`` (S = 1), or `nil` when there is no clear knee.
  public let knee: Int?
  /// The fit for each k.
  public let fits: [ClusterModel]

  /// Fits k-means for every k in `ks` and locates the knee.
  ///
  /// - Throws: ``AnalysisError/invalidClusterCount(k:rows:)`` when the range starts below 2 or
  ///   ends above the row count, and every error of ``KMeans/fit(_:k:options:)``.
  /// - Complexity: one k-means fit per k.
  public static func sweep(
    _ matrix: FeatureMatrix, ks: ClosedRange<Int>, options: KMeansOptions = .default
  ) throws(AnalysisError) -> Elbow {
    try validate(matrix, ks: ks)
    return Elbow(ks: Array(ks), fits: try fitAll(matrix, ks: Array(ks), options: options))
  }

  /// The curve of fits already made, one per k of `ks` (ascending), with its knee.
  init(ks: [Int], fits: [ClusterModel]) {
    let inertias = fits.map { $0.quality.inertia ?? .nan }
    self.ks = ks
    self.inertias = inertias
    self.knee = Kneedle.knee(x: ks.map(Double.init), y: inertias).map { Int($0) }
    self.fits = fits
  }

  /// Checks that `ks` is a valid sweep for `matrix`: it starts at 2 or above and ends at most at
  /// the row count.
  static func validate(_ matrix: FeatureMatrix, ks: ClosedRange<Int>) throws(AnalysisError) {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    guard ks.lowerBound >= 2 else {
      throw .invalidClusterCount(k: ks.lowerBound, rows: matrix.rows)
    }
    guard ks.upperBound <= matrix.rows else {
      throw .invalidClusterCount(k: ks.upperBound, rows: matrix.rows)
    }
  }

  /// Fits every k; small matrices (whose fits run on one thread, see ``RowChunks/forEach(_:)``)
  /// fit the ks concurrently, large ones fit them in turn with each fit using every core. Either
  /// way each fit is the same deterministic fit.
  static func fitAll(_ matrix: FeatureMatrix, ks: [Int], options: KMeansOptions)
    throws(AnalysisError)
    -> [ClusterModel]
  {
    if RowChunks(rows: matrix.rows).isParallel || ks.count < 2 {
      var fits = [ClusterModel]()
      for k in ks { fits.append(try KMeansMethod(k: k, options: options).fit(matrix)) }
      return fits
    }
    let slots = SharedPointer<Result<ClusterModel, AnalysisError>?>.allocate(ks.count, value: nil)
    defer { slots.deallocate() }
    RowChunks.run(ks.count) { t in
      slots[t] = Result { () throws(AnalysisError) in
        try KMeansMethod(k: ks[t], options: options).fit(matrix)
      }
    }
    var fits = [ClusterModel]()
    for t in 0..<ks.count {
      guard let result = slots[t] else { continue }
      fits.append(try result.get())
    }
    return fits
  }
}
