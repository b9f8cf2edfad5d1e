/// Cluster validity indices: inertia, silhouette, Calinski–Harabasz, Davies–Bouldin and the
/// adjusted Rand index, each matching scikit-learn's definition to rounding.
///
/// Labels may be any integers; they are encoded by sorted distinct value (as scikit-learn's
/// `LabelEncoder`). Distances are Euclidean. The indices that compare clusters (silhouette,
/// Calinski–Harabasz, Davies–Bouldin) need between 2 and `rows − 1` distinct labels, as
/// scikit-learn requires, and throw ``AnalysisError/invalidLabelCount(labels:rows:)`` otherwise.
public enum ClusterValidity {
  /// The sum of squared Euclidean distances from each row to the centroid of its label.
  ///
  /// - Parameters:
  ///   - centroids: `k × cols` row-major; label `l` uses centroid `l`, so labels must lie in
  ///     `0..<k`.
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` for a label count other than
  ///   `rows`, a centroid count that is not a multiple of `cols`, or a label outside `0..<k`.
  public static func inertia(_ matrix: FeatureMatrix, labels: [Int], centroids: [Double])
    throws(AnalysisError) -> Double
  {
    try checkCount(matrix, labels)
    let d = matrix.cols
    guard centroids.count % d == 0 else {
      throw .shapeMismatch(
        what: "centroid values", expected: (centroids.count / d + 1) * d, actual: centroids.count)
    }
    let k = centroids.count / d
    var total = 0.0
    for (i, l) in labels.enumerated() {
      guard l >= 0 && l < k else {
        throw .shapeMismatch(what: "label range", expected: k, actual: l)
      }
      for f in 0..<d {
        let t = matrix.values[i * d + f] - centroids[l * d + f]
        total += t * t
      }
    }
    return total
  }

  /// The Calinski–Harabasz index (variance ratio criterion): between-cluster dispersion over
  /// within-cluster dispersion, each divided by its degrees of freedom. Higher is better.
  ///
  /// Returns 1 when every cluster is a single point repeated (zero within-cluster dispersion), as
  /// scikit-learn does.
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)``,
  ///   ``AnalysisError/invalidLabelCount(labels:rows:)``.
  /// - Complexity: O(rows × cols).
  public static func calinskiHarabasz(_ matrix: FeatureMatrix, labels: [Int]) throws(AnalysisError)
    -> Double
  {
    let (enc, means) = try clusterMeans(matrix, labels)
    let (n, d, k) = (matrix.rows, matrix.cols, enc.count)
    var overall = [Double](repeating: 0, count: d)
    for i in 0..<n { for f in 0..<d { overall[f] += matrix.values[i * d + f] } }
    for f in 0..<d { overall[f] /= Double(n) }
    var extra = 0.0
    for j in 0..<k {
      var s = 0.0
      for f in 0..<d {
        let t = means[j * d + f] - overall[f]
        s += t * t
      }
      extra += Double(enc.sizes[j]) * s
    }
    var intra = 0.0
    for i in 0..<n {
      let j = Int(enc.codes[i])
      for f in 0..<d {
        let t = matrix.values[i * d + f] - means[j * d + f]
        intra += t * t
      }
    }
    return intra == 0 ? 1 : extra * Double(n - k) / (intra * Double(k - 1))
  }

  /// The Davies–Bouldin index: the mean over clusters of the worst ratio
  /// `(s_i + s_j) / d(c_i, c_j)`, where `s` is the mean distance of a cluster's rows to its
  /// centroid. Lower is better; 0 when all clusters are points or all centroids coincide (as
  /// scikit-learn).
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)``,
  ///   ``AnalysisError/invalidLabelCount(labels:rows:)``.
  /// - Complexity: O(rows × cols + k² × cols).
  public static func daviesBouldin(_ matrix: FeatureMatrix, labels: [Int]) throws(AnalysisError)
    -> Double
  {
    let (enc, means) = try clusterMeans(matrix, labels)
    let (n, d, k) = (matrix.rows, matrix.cols, enc.count)
    var intra = [Double](repeating: 0, count: k)
    for i in 0..<n {
      let j = Int(enc.codes[i])
      var s = 0.0
      for f in 0..<d {
        let t = matrix.values[i * d + f] - means[j * d + f]
        s += t * t
      }
      intra[j] += s.squareRoot()
    }
    for j in 0..<k { intra[j] /= Double(enc.sizes[j]) }
    var centroidDistance = [Double](repeating: 0, count: k * k)
    for a in 0..<k {
      for b in 0..<k where b != a {
        var s = 0.0
        for f in 0..<d {
          let t = means[a * d + f] - means[b * d + f]
          s += t * t
        }
        centroidDistance[a * k + b] = s.squareRoot()
      }
    }
    if intra.allSatisfy({ $0.magnitude <= 1e-8 })
      || centroidDistance.allSatisfy({ $0.magnitude <= 1e-8 })
    {
      return 0
    }
    var total = 0.0
    for a in 0..<k {
      var worst = 0.0
      for b in 0..<k {
        let dist = centroidDistance[a * k + b]
        let ratio = dist == 0 ? 0 : (intra[a] + intra[b]) / dist
        worst = max(worst, ratio)
      }
      total += worst
    }
    return total / Double(k)
  }

  /// The adjusted Rand index of two labelings of the same rows: 1 for identical partitions (up to
  /// renaming), about 0 for independent ones, negative when worse than chance.
  ///
  /// Computed from the pair confusion matrix with exact 128-bit integer arithmetic, as
  /// scikit-learn's `adjusted_rand_score`; returns 1 when both labelings put every pair the same
  /// way (including the empty and single-cluster cases).
  ///
  /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when the lengths differ.
  /// - Complexity: O(rows + distinct(a) × distinct(b)).
  public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) throws(AnalysisError) -> Double {
    guard a.count == b.count else {
      throw .shapeMismatch(what: "label counts", expected: a.count, actual: b.count)
    }
    let n = a.count
    let ea = EncodedLabels(unchecked: a)
    let eb = EncodedLabels(unchecked: b)
    var cells = [Int: Int]()
    var dense = [Int]()
    let useDense = ea.count * eb.count <= max(1 << 20, n)
    if useDense { dense = [Int](repeating: 0, count: ea.count * eb.count) }
    for i in 0..<n {
      let key = Int(ea.codes[i]) * eb.count + Int(eb.codes[i])
      if useDense { dense[key] += 1 } else { cells[key, default: 0] += 1 }
    }
    var sumSquares: Int128 = 0
    var rowDot: Int128 = 0
    var colDot: Int128 = 0
    func visit(_ key: Int, _ count: Int) {
      let c = Int128(count)
      sumSquares += c * c
      rowDot += c * Int128(eb.sizes[key % eb.count])
      colDot += c * Int128(ea.sizes[key / eb.count])
    }
    if useDense {
      for (key, count) in dense.enumerated() where count > 0 { visit(key, count) }
    } else {
      for key in cells.keys.sorted() { visit(key, cells[key] ?? 0) }
    }
    let nn = Int128(n)
    let tp = sumSquares - nn
    let fp = rowDot - sumSquares
    let fn = colDot - sumSquares
    let tn = nn * nn - fp - fn - sumSquares
    if fn == 0 && fp == 0 { return 1 }
    let numerator = 2 * (tp * tn - fn * fp)
    let denominator = (tp + fn) * (fn + tn) + (tp + fp) * (fp + tn)
    return Double(numerator) / Double(denominator)
  }

  /// Checks the labels (2 to rows − 1 distinct values) and returns them encoded, with the mean of
  /// each cluster.
  static func clusterMeans(_ matrix: FeatureMatrix, _ labels: [Int]) throws(AnalysisError)
    -> (EncodedLabels, [Double])
  {
    try checkCount(matrix, labels)
    let enc = try EncodedLabels(labels, rows: matrix.rows)
    return (enc, enc.means(matrix))
  }

  static func checkCount(_ matrix: FeatureMatrix, _ labels: [Int]) throws(AnalysisError) {
    guard matrix.rows > 0 else { throw .emptyMatrix }
    guard labels.count == matrix.rows else {
      throw .shapeMismatch(what: "labels", expected: matrix.rows, actual: labels.count)
    }
  }
}

/// Labels encoded as `0..<count` by sorted distinct value.
struct EncodedLabels: Sendable {
  let codes: [Int32]
  let values: [Int]
  let sizes: [Int]
  var count: Int { values.count }

  /// Encodes and checks that the number of distinct labels is in `2...rows − 1`.
  init(_ labels: [Int], rows: Int) throws(AnalysisError) {
    self.init(unchecked: labels)
    guard count >= 2, count <= rows - 1 else {
      throw .invalidLabelCount(labels: count, rows: rows)
    }
  }

  init(unchecked labels: [Int]) {
    var lo = Int.max
    var hi = Int.min
    for l in labels {
      lo = min(lo, l)
      hi = max(hi, l)
    }
    var values: [Int]
    var codes = [Int32](repeating: 0, count: labels.count)
    if labels.isEmpty {
      values = []
    } else if lo >= 0 && hi <= labels.count + 1024 {
      // Small non-negative labels (the usual case): a direct lookup table.
      var present = [Bool](repeating: false, count: hi + 1)
      for l in labels { present[l] = true }
      var table = [Int32](repeating: -1, count: hi + 1)
      values = []
      for v in 0...hi where present[v] {
        table[v] = Int32(values.count)
        values.append(v)
      }
      for (i, l) in labels.enumerated() { codes[i] = table[l] }
    } else {
      values = Array(Set(labels)).sorted()
      var index = [Int: Int32](minimumCapacity: values.count)
      for (i, v) in values.enumerated() { index[v] = Int32(i) }
      for (i, l) in labels.enumerated() { codes[i] = index[l] ?? 0 }
    }
    var sizes = [Int](repeating: 0, count: values.count)
    for c in codes where !labels.isEmpty { sizes[Int(c)] += 1 }
    self.codes = codes
    self.values = values
    self.sizes = sizes
  }

  /// The mean of each encoded cluster, `count × cols` row-major, summed in row order.
  func means(_ matrix: FeatureMatrix) -> [Double] {
    let d = matrix.cols
    var sums = [Double](repeating: 0, count: count * d)
    for i in 0..<matrix.rows {
      let j = Int(codes[i])
      for f in 0..<d { sums[j * d + f] += matrix.values[i * d + f] }
    }
    for j in 0..<count { for f in 0..<d { sums[j * d + f] /= Double(sizes[j]) } }
    return sums
  }
}
