/// Per-cluster descriptions in original units: size, shares, feature means and medians, and how
/// each cluster differs from the whole population.
public struct ClusterProfile: Sendable, Equatable {
  /// The cluster label.
  public let cluster: Int
  /// The number of rows (customers).
  public let size: Int
  /// `size / rows`.
  public let share: Double
  /// The cluster's share of total revenue (sum of the money column), or `nil` without a money
  /// column or when the total is 0. Can be negative or above 1 when refunds exceed purchases.
  public let revenueShare: Double?
  /// Per feature, the mean in original units.
  public let means: [Double]
  /// Per feature, the median in original units (NumPy's median).
  public let medians: [Double]
  /// Per feature, `(cluster mean − population mean) / population sd` (population sd; 0 for a
  /// constant feature): how many standard deviations the cluster sits above or below everyone.
  public let zDifferences: [Double]
  /// Per feature, `cluster mean / population mean`, or `nil` when the population mean is 0.
  public let ratios: [Double?]
  /// The centroid in the space k-means ran in (scaled units), when a fit was given.
  public let centroidScaled: [Double]?
  /// The centroid mapped back through the scaler (``FittedScaler/inverseTransform(rowMajor:)``),
  /// when a fit and a scaler were given. If a transform such as `log1p` ran before scaling, this
  /// is in transformed units; apply ``FeatureTransform/inverse(_:)`` for raw units.
  public let centroidOriginal: [Double]?
}

/// The profiles of every cluster of a labelling, with the population figures they compare to.
public struct ClusterProfiles: Sendable, Equatable {
  /// The feature names, in column order.
  public let columnNames: [String]
  /// The number of rows profiled.
  public let rows: Int
  /// Per feature, the population mean.
  public let populationMeans: [Double]
  /// Per feature, the population median.
  public let populationMedians: [Double]
  /// Per feature, the population standard deviation (divisor n).
  public let populationStandardDeviations: [Double]
  /// One profile per cluster label `0..<k`, in label order.
  public let clusters: [ClusterProfile]

  /// Profiles the clusters of `labels` over the features of `original`.
  ///
  /// - Parameters:
  ///   - original: The features in original (unscaled) units, one row per labelled customer.
  ///   - labels: Cluster labels in `0..<k`.
  ///   - money: Optional revenue per row (e.g. the monetary column) for revenue shares.
  ///   - fit: Optional fitted model, for centroids in scaled units.
  ///   - scaler: Optional scaler the fit's matrix was scaled with, for centroids in original units.
  /// - Throws: ``AnalysisError/emptyMatrix``; ``AnalysisError/shapeMismatch(what:expected:actual:)``
  ///   when labels or money do not match the rows, a label is negative, or the fit's column count
  ///   differs from the scaler's.
  /// - Complexity: O(rows × cols × log rows) for the medians.
  public static func compute(
    original: FeatureMatrix, labels: [Int], money: [Double]? = nil, fit: ClusterModel? = nil,
    scaler: FittedScaler? = nil
  ) throws(AnalysisError) -> ClusterProfiles {
    let (n, d) = (original.rows, original.cols)
    guard n > 0 else { throw .emptyMatrix }
    guard labels.count == n else {
      throw .shapeMismatch(what: "labels", expected: n, actual: labels.count)
    }
    if let money, money.count != n {
      throw .shapeMismatch(what: "money values", expected: n, actual: money.count)
    }
    guard let minLabel = labels.min(), minLabel >= 0 else {
      throw .shapeMismatch(what: "smallest label", expected: 0, actual: labels.min() ?? -1)
    }
    let k = max((labels.max() ?? 0) + 1, fit?.clusterCount ?? 0)
    var members = [[Int]](repeating: [], count: k)
    for (i, l) in labels.enumerated() { members[l].append(i) }
    var popMeans = [Double](repeating: 0, count: d)
    var popMedians = [Double](repeating: 0, count: d)
    var popSDs = [Double](repeating: 0, count: d)
    var columns = [[Double]]()
    for j in 0..<d {
      let c = original.column(j)
      columns.append(c)
      popMeans[j] = Statistics.mean(c)
      popSDs[j] = Statistics.populationStandardDeviation(c, mean: popMeans[j])
      popMedians[j] = Statistics.median(sorted: c.sorted())
    }
    var totalMoney = 0.0
    if let money { for v in money { totalMoney += v } }
    var originalCentroids: [Double]?
    if let fit, let scaler {
      guard fit.columnNames.count == scaler.centers.count else {
        throw .shapeMismatch(
          what: "scaler columns", expected: fit.columnNames.count, actual: scaler.centers.count)
      }
      originalCentroids = try scaler.inverseTransform(rowMajor: fit.centroids)
    }
    var profiles = [ClusterProfile]()
    for l in 0..<k {
      let rows = members[l]
      var means = [Double](repeating: .nan, count: d)
      var medians = [Double](repeating: .nan, count: d)
      var zDiff = [Double](repeating: .nan, count: d)
      var ratios = [Double?](repeating: nil, count: d)
      if !rows.isEmpty {
        for j in 0..<d {
          let values = rows.map { columns[j][$0] }
          means[j] = Statistics.mean(values)
          medians[j] = Statistics.median(sorted: values.sorted())
          zDiff[j] = popSDs[j] > 0 ? (means[j] - popMeans[j]) / popSDs[j] : 0
          ratios[j] = popMeans[j] != 0 ? means[j] / popMeans[j] : nil
        }
      }
      var revenue: Double?
      if let money, totalMoney != 0 {
        var s = 0.0
        for i in rows { s += money[i] }
        revenue = s / totalMoney
      }
      let cols = fit?.columnNames.count ?? 0
      profiles.append(
        ClusterProfile(
          cluster: l, size: rows.count, share: Double(rows.count) / Double(n),
          revenueShare: revenue,
          means: means, medians: medians, zDifferences: zDiff, ratios: ratios,
          centroidScaled: fit.flatMap { l < $0.clusterCount ? $0.centroid(l) : nil },
          centroidOriginal: originalCentroids.flatMap { c in
            l < (fit?.clusterCount ?? 0) ? Array(c[(l * cols)..<((l + 1) * cols)]) : nil
          }))
    }
    return ClusterProfiles(
      columnNames: original.columnNames, rows: n, populationMeans: popMeans,
      populationMedians: popMedians, populationStandardDeviations: popSDs, clusters: profiles)
  }
}
