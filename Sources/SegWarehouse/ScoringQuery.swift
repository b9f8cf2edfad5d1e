package import SegCore

/// A fitted segmentation as one SQL `SELECT` that labels customers inside a warehouse.
///
/// The query reproduces seg's steps with their fitted parameters written as literals: the
/// clustering features, the transform (`log` is `ln(1 + x)`, `signedlog` its odd extension), the
/// scaler (`(x − centre) / scale`), the outlier filters (`|(x − mean) / sd| < t`, or Tukey's
/// fences), the nearest centroid by squared Euclidean distance (the first centroid on a tie, as
/// seg's k-means), and the segment names. It returns `customer`, `cluster` and `segment`, sorted
/// by customer.
///
/// - A customer an outlier filter sets aside gets ``outlierLabel`` and ``outlierName`` (or, with
///   ``outliersNearest``, its nearest cluster, as `cluster … assign=nearest` gives).
/// - A customer whose features cannot be computed (a missing value, a negative value under `log`,
///   which seg refuses) gets `NULL` for both.
/// - Every number is written as the shortest text that reads back as the same double, so the
///   engine and seg compute the same distances up to the order of floating-point operations,
///   which the query keeps (the sum over features runs left to right, as seg's).
package struct ScoringQuery: Sendable, Equatable {
  /// Where the customers' features come from.
  package enum Source: Sendable, Equatable {
    /// The RFM query over a transaction table, as `export sql` writes it.
    case rfm(RFMQuery, asOf: Int64?, affinity: Int, segments: [String])
    /// A table (or view) with the columns of seg's customer table.
    case table(String)
  }

  package var source: Source
  /// The clustering features, in order.
  package var features: [String]
  package var transform: FeatureTransform?
  /// The features ``transform`` applies to.
  package var transformColumns: [String]
  /// The fitted scaler's centres and scales, per feature (`nil`: not scaled).
  package var centers: [Double]?
  package var scales: [Double]?
  /// The centroids in the clustered (transformed, scaled) space: k × features, row-major.
  package var centroids: [Double]
  /// The segment name of each cluster.
  package var names: [String]
  /// The outlier filters, in the order they ran.
  package var outlierRules: [OutlierTest]
  /// Whether outliers get their nearest cluster (`assign=nearest`) rather than the outlier label.
  package var outliersNearest: Bool
  package var outlierLabel: Int
  package var outlierName: String

  package init(
    source: Source, features: [String], transform: FeatureTransform?, transformColumns: [String],
    centroids: [Double], names: [String], outlierRules: [OutlierTest], outliersNearest: Bool,
    outlierLabel: Int, outlierName: String
  ) {
    self.source = source
    self.features = features
    self.transform = transform
    self.transformColumns = transformColumns
    self.centroids = centroids
    self.names = names
    self.outlierRules = outlierRules
    self.outliersNearest = outliersNearest
    self.outlierLabel = outlierLabel
    self.outlierName = outlierName
  }

  /// The number of clusters.
  package var k: Int { features.isEmpty ? 0 : centroids.count / features.count }

  /// The one SELECT for dialect `d`.
  package func select(_ d: SQLDialect) -> String {
    // Every column the features and the outlier rules read, each once, as v_1 … v_m.
    var inputs: [String] = []
    for name in features + outlierRules.flatMap(\.columns) where !inputs.contains(name) {
      inputs.append(name)
    }
    func input(_ name: String) -> String { "v_\((inputs.firstIndex(of: name) ?? 0) + 1)" }
    var ctes: [String] = []
    let from: String
    let order: String
    switch source {
    case .rfm(let query, let asOf, let affinity, let segments):
      let rfm = query.exportSelect(d, asOf: asOf, affinity: affinity, segments: segments)
      ctes.append("seg_customers AS (\n\(rfm)\n)")
      from = "seg_customers"
      order = query.customerIsInteger ? "customer" : d.binaryOrder("customer")
    case .table(let name):
      from = d.tableName(name)
      order = "customer"
    }
    let values = inputs.enumerated().map { "\(d.cast(d.quote($1), d.double)) AS v_\($0 + 1)" }
    ctes.append(
      """
      seg_score_input AS (
        SELECT
          \(d.quote("customer")) AS customer,
          \(values.joined(separator: ",\n    "))
        FROM \(from)
      )
      """)
    // Set aside when any rule does not keep the row (NULL, like seg's NaN, does not keep it).
    let kept = outlierRules.flatMap { rule in
      rule.columns.enumerated().map { j, name -> String in
        let x =
          rule.transform.map { rule.transformColumns.contains(name) ? transformed(d, $0, input(name)) : input(name) }
          ?? input(name)
        switch rule.bounds {
        case .zScore(let centers, let scales, let t):
          return "ABS((\(x) - \(d.number(centers[j]))) / \(d.number(scales[j]))) < \(d.number(t))"
        case .fences(let lower, let upper):
          return "\(x) >= \(d.number(lower[j])) AND \(x) <= \(d.number(upper[j]))"
        }
      }
    }
    let aside =
      kept.isEmpty ? "0" : "CASE WHEN \(kept.joined(separator: "\n      AND ")) THEN 0 ELSE 1 END"
    let space = features.enumerated().map { j, name -> String in
      var x = input(name)
      if let transform, transformColumns.contains(name) { x = transformed(d, transform, x) }
      if let centers, let scales { x = "(\(x) - \(d.number(centers[j]))) / \(d.number(scales[j]))" }
      return "\(x) AS z_\(j + 1)"
    }
    ctes.append(
      """
      seg_score_space AS (
        SELECT
          customer,
          \(aside) AS aside,
          \(space.joined(separator: ",\n    "))
        FROM seg_score_input
      )
      """)
    let p = features.count
    let distances = (0..<k).map { c -> String in
      let terms = (0..<p).map { j -> String in
        let t = "(z_\(j + 1) - \(d.number(centroids[c * p + j])))"
        return "\(t) * \(t)"
      }
      return "\(terms.joined(separator: " + ")) AS d_\(c)"
    }
    ctes.append(
      """
      seg_score_distance AS (
        SELECT
          customer,
          aside,
          \(distances.joined(separator: ",\n    "))
        FROM seg_score_space
      )
      """)
    // The first nearest centroid: cluster c when d_c is below every earlier and not above every
    // later distance. A NULL distance (a feature seg could not compute) gives no cluster.
    var whens = ["WHEN d_0 IS NULL THEN NULL"]
    for c in 0..<(k - 1) {
      let tests = (0..<k).filter { $0 != c }.map { $0 < c ? "d_\(c) < d_\($0)" : "d_\(c) <= d_\($0)" }
      whens.append("WHEN \(tests.joined(separator: " AND ")) THEN \(c)")
    }
    ctes.append(
      """
      seg_score_nearest AS (
        SELECT
          customer,
          aside,
          CASE \(whens.joined(separator: " ")) ELSE \(k - 1) END AS nearest
        FROM seg_score_distance
      )
      """)
    let named = names.enumerated().map { "WHEN nearest = \($0) THEN \(d.literal($1))" }
    let cluster: String
    let segment: String
    if outliersNearest {
      cluster = "nearest"
      segment = "CASE \(named.joined(separator: " ")) END"
    } else {
      cluster = "CASE WHEN aside = 1 THEN \(outlierLabel) ELSE nearest END"
      segment =
        "CASE WHEN aside = 1 THEN \(d.literal(outlierName)) \(named.joined(separator: " ")) END"
    }
    return """
      WITH
      \(ctes.joined(separator: ",\n"))
      SELECT
        customer,
        \(cluster) AS cluster,
        \(segment) AS segment
      FROM seg_score_nearest
      ORDER BY \(order)
      """
  }

  /// `log`: `ln(1 + x)` for x ≥ 0 (seg refuses negative values: NULL here); `signedlog`:
  /// `sign(x)·ln(1 + |x|)`.
  func transformed(_ d: SQLDialect, _ t: FeatureTransform, _ x: String) -> String {
    switch t {
    case .log1p: "CASE WHEN \(x) >= 0 THEN LN(1 + \(x)) END"
    case .signedLog: "CASE WHEN \(x) < 0 THEN -LN(1 - \(x)) ELSE LN(1 + \(x)) END"
    }
  }
}

extension SQLDialect {
  /// A double literal that reads back as exactly `x`: the shortest round-trip decimal (Swift's
  /// description, as `repr` in Python), typed as a double so no engine reads it as a decimal.
  /// SQLite has no decimal type: a literal with a point or an exponent is already a REAL.
  func number(_ x: Double) -> String {
    let text = "\(x)"
    switch self {
    case .sqlite: return x < 0 ? "(\(text))" : text
    default: return "CAST('\(text)' AS \(double))"
    }
  }
}
