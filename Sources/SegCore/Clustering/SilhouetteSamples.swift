/// The silhouette coefficient of every row (or of a seeded sample of rows): what a silhouette
/// diagram draws.
public struct SilhouetteSamples: Sendable, Equatable {
  /// The matrix rows the values belong to, ascending: all rows, or the seeded sample.
  public let rows: [Int]
  /// The silhouette of each row in ``rows`` (same order), in `[-1, 1]`; `0` for a row alone in
  /// its cluster.
  public let values: [Double]
  /// The label of each row in ``rows`` (same order).
  public let labels: [Int]
  /// How many rows the matrix has.
  public let totalRows: Int
  /// Whether the values are for a seeded random sample (`rows.count < totalRows`).
  public var isSampled: Bool { rows.count < totalRows }
}

extension ClusterValidity {
  /// The silhouette coefficient of each row, exact or on a seeded random sample.
  ///
  /// The same computation as ``silhouette(_:labels:sampleLimit:seed:)`` (whose mean this is, in
  /// row order), before averaging: for row `i` with `a` the mean distance to the other rows of
  /// its cluster and `b` the smallest mean distance to the rows of another cluster,
  /// `s = (b − a) / max(a, b)`, and `s = 0` for a row alone in its cluster (scikit-learn's
  /// `silhouette_samples`, Euclidean). When `sampleLimit` is set and `rows > sampleLimit`, the
  /// values are those of `sampleLimit` rows drawn without replacement by a generator seeded with
  /// `seed`, computed against each other only.
  ///
  /// - Parameters:
  ///   - matrix: The features (usually scaled), one row per sample.
  ///   - labels: One label per row (any integers); 2 to `rows − 1` distinct values in the rows
  ///     used.
  ///   - sampleLimit: The largest row count computed exactly; `nil` means always exact.
  ///   - seed: The seed of the sample.
  /// - Returns: The rows used (ascending), their labels and their silhouettes.
  /// - Throws: ``AnalysisError/emptyMatrix``, ``AnalysisError/shapeMismatch(what:expected:actual:)``,
  ///   ``AnalysisError/invalidLabelCount(labels:rows:)``,
  ///   ``AnalysisError/invalidParameter(name:reason:)`` for a sample limit below 2.
  /// - Complexity: O(m² × cols) with m = min(rows, sampleLimit).
  public static func silhouetteSamples(
    _ matrix: FeatureMatrix, labels: [Int], sampleLimit: Int? = nil,
    seed: UInt64 = SeededGenerator.defaultSeed
  ) throws(AnalysisError) -> SilhouetteSamples {
    let (samples, _, _) = try silhouetteKernelRun(
      matrix, labels: labels, sampleLimit: sampleLimit, seed: seed)
    return samples
  }

  /// The shared body of ``silhouette(_:labels:sampleLimit:seed:)`` and
  /// ``silhouetteSamples(_:labels:sampleLimit:seed:)``: the values, plus the encoded labels of
  /// the rows used and the distinct labels, for averaging per cluster.
  static func silhouetteKernelRun(
    _ matrix: FeatureMatrix, labels: [Int], sampleLimit: Int?, seed: UInt64,
    cancellation: CancellationToken = .never
  ) throws(AnalysisError) -> (SilhouetteSamples, codes: [Int32], encoded: EncodedLabels) {
    try checkCount(matrix, labels)
    if let limit = sampleLimit, limit < 2 {
      throw .invalidParameter(name: "sample size", reason: "must be at least 2")
    }
    let all = EncodedLabels(unchecked: labels)
    var rowsUsed = Array(0..<matrix.rows)
    if let limit = sampleLimit, matrix.rows > limit {
      var generator = SeededGenerator(seed: seed)
      for i in 0..<limit {
        let j = i + generator.nextInt(below: matrix.rows - i)
        rowsUsed.swapAt(i, j)
      }
      rowsUsed = Array(rowsUsed[0..<limit]).sorted()
    }
    let codes = rowsUsed.map { all.codes[$0] }
    var sizes = [Int](repeating: 0, count: all.count)
    for c in codes { sizes[Int(c)] += 1 }
    let present = sizes.filter { $0 > 0 }.count
    guard present >= 2, present <= rowsUsed.count - 1 else {
      throw .invalidLabelCount(labels: present, rows: rowsUsed.count)
    }
    if cancellation.isCancelled { throw .cancelled }
    let values = SilhouetteKernel.values(
      matrix, rows: rowsUsed, codes: codes, clusters: all.count, cancellation: cancellation)
    if cancellation.isCancelled { throw .cancelled }
    let samples = SilhouetteSamples(
      rows: rowsUsed, values: values, labels: rowsUsed.map { labels[$0] }, totalRows: matrix.rows)
    return (samples, codes, all)
  }
}
