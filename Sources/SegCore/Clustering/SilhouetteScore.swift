/// A mean silhouette coefficient, with how it was computed.
public struct SilhouetteScore: Sendable, Equatable {
  /// The mean silhouette over the rows used, in `[-1, 1]`.
  public let score: Double
  /// The mean silhouette of each cluster's rows, by sorted distinct label (NaN for a cluster
  /// with no row in the sample).
  public let clusterScores: [Double]
  /// The distinct labels, sorted; `clusterScores[i]` belongs to `labels[i]`.
  public let labels: [Int]
  /// How many rows the score was computed on.
  public let rowsUsed: Int
  /// How many rows the matrix has.
  public let rows: Int
  /// Whether the score is from a seeded random sample (`rowsUsed < rows`) rather than exact.
  public var isSampled: Bool { rowsUsed < rows }
}

extension ClusterValidity {
  /// The default size above which ``silhouette(_:labels:sampleLimit:seed:)`` samples.
  public static let defaultSilhouetteSampleLimit = 10_000

  /// The mean silhouette coefficient, exact or on a seeded random sample.
  ///
  /// For row `i` with `a` the mean distance to the other rows of its cluster and `b` the smallest
  /// mean distance to the rows of another cluster, `s = (b − a) / max(a, b)`; `s = 0` for a row
  /// alone in its cluster. This is scikit-learn's `silhouette_score` (Euclidean).
  ///
  /// The exact computation is O(rows²): it runs on all cores in fixed chunks, so the result does
  /// not depend on the core count. When `sampleLimit` is set and `rows > sampleLimit`, the score
  /// is computed exactly on `sampleLimit` rows drawn without replacement by a generator seeded
  /// with `seed` (scikit-learn's `sample_size`), and ``SilhouetteScore/isSampled`` says so.
  ///
  /// - Parameters:
  ///   - labels: One label per row; 2 to `rows − 1` distinct values (in the sample, if sampled).
  ///   - sampleLimit: The largest row count computed exactly; `nil` means always exact.
  ///   - seed: The seed of the sample.
  ///   - cancellation: Asked before every chunk of 64 rows; when it says stop, the call throws
  ///     ``AnalysisError/cancelled``.
  /// - Throws: ``AnalysisError/cancelled``, ``AnalysisError/emptyMatrix``, ``AnalysisError/shapeMismatch(what:expected:actual:)``,
  ///   ``AnalysisError/invalidLabelCount(labels:rows:)``,
  ///   ``AnalysisError/invalidParameter(name:reason:)`` for a sample limit below 2.
  /// - Complexity: O(m² × cols) with m = min(rows, sampleLimit).
  public static func silhouette(
    _ matrix: FeatureMatrix, labels: [Int], sampleLimit: Int? = nil,
    seed: UInt64 = SeededGenerator.defaultSeed, cancellation: CancellationToken = .never
  ) throws(AnalysisError) -> SilhouetteScore {
    let (samples, codes, all) = try silhouetteKernelRun(
      matrix, labels: labels, sampleLimit: sampleLimit, seed: seed, cancellation: cancellation)
    let values = samples.values
    var sizes = [Int](repeating: 0, count: all.count)
    for c in codes { sizes[Int(c)] += 1 }
    var total = 0.0
    var clusterTotals = [Double](repeating: 0, count: all.count)
    for (p, v) in values.enumerated() {
      total += v
      clusterTotals[Int(codes[p])] += v
    }
    let clusterScores = (0..<all.count).map {
      sizes[$0] > 0 ? clusterTotals[$0] / Double(sizes[$0]) : .nan
    }
    return SilhouetteScore(
      score: total / Double(values.count), clusterScores: clusterScores, labels: all.values,
      rowsUsed: samples.rows.count, rows: matrix.rows)
  }
}

/// The O(m²) silhouette kernel: rows sorted by cluster into a column-major copy, so that each
/// row's distance sum to a cluster is one contiguous SIMD loop.
enum SilhouetteKernel {
  /// Rows per parallel chunk (the work per row is O(m), so chunks are small).
  static let chunkSize = 64

  /// The silhouette of each of `rows` (in the given order), against the others in `rows`; once
  /// `cancellation` says stop, the remaining chunks are skipped (the caller then throws).
  static func values(
    _ matrix: FeatureMatrix, rows: [Int], codes: [Int32], clusters k: Int,
    cancellation: CancellationToken = .never
  ) -> [Double] {
    let m = rows.count
    let d = matrix.cols
    // Counting sort by cluster.
    var start = [Int](repeating: 0, count: k + 1)
    for c in codes { start[Int(c) + 1] += 1 }
    for j in 0..<k { start[j + 1] += start[j] }
    var next = start
    var order = [Int](repeating: 0, count: m)
    for p in 0..<m {
      let c = Int(codes[p])
      order[next[c]] = p
      next[c] += 1
    }
    var soa = [Double](repeating: 0, count: m * d)
    for (q, p) in order.enumerated() {
      for f in 0..<d { soa[f * m + q] = matrix.values[rows[p] * d + f] }
    }
    var sorted = [Double](repeating: 0, count: m)
    let chunks = RowChunks(rows: m, size: chunkSize)
    let starts = start
    sorted.withSharedPointer { out in
      soa.withSharedReadPointer { x in
        chunks.forEach { c in
          if cancellation.isCancelled { return }
          FeatureWidth.with(d) { d in
            var sums = [Double](repeating: 0, count: k)
            var point = [Double](repeating: 0, count: d)
            for q in chunks.range(c) {
              for f in 0..<d { point[f] = x[f * m + q] }
              var own = 0
              while starts[own + 1] <= q { own += 1 }
              point.withUnsafeBufferPointer { pt in
                for j in 0..<k {
                  sums[j] = distanceSum(
                    x.base, stride: m, d: d, from: starts[j], to: starts[j + 1], point: pt)
                }
              }
              let ownSize = starts[own + 1] - starts[own]
              guard ownSize > 1 else {
                out[q] = 0
                continue
              }
              let a = sums[own] / Double(ownSize - 1)
              var b = Double.infinity
              for j in 0..<k where j != own {
                let size = starts[j + 1] - starts[j]
                if size > 0 { b = min(b, sums[j] / Double(size)) }
              }
              let denominator = max(a, b)
              out[q] = denominator > 0 ? (b - a) / denominator : 0
            }
          }
        }
      }
    }
    var result = [Double](repeating: 0, count: m)
    for (q, p) in order.enumerated() { result[p] = sorted[q] }
    return result
  }

  /// `Σ_{j ∈ [lo, hi)} ‖x_j − point‖` over the column-major `x` (column `f` starts at `f·stride`),
  /// four rows at a time; lanes are combined in a fixed order.
  @inline(__always)
  static func distanceSum(
    _ x: UnsafeMutablePointer<Double>, stride m: Int, d: Int, from lo: Int, to hi: Int,
    point: UnsafeBufferPointer<Double>
  ) -> Double {
    var acc = SIMD4<Double>.zero
    var j = lo
    while j + 4 <= hi {
      var s = SIMD4<Double>.zero
      for f in 0..<d {
        let v =
          UnsafeRawPointer(x + f * m + j).loadUnaligned(as: SIMD4<Double>.self)
          - SIMD4(repeating: point[f])
        s += v * v
      }
      acc += s.squareRoot()
      j += 4
    }
    var total = (acc[0] + acc[1]) + (acc[2] + acc[3])
    while j < hi {
      var s = 0.0
      for f in 0..<d {
        let t = x[f * m + j] - point[f]
        s += t * t
      }
      total += s.squareRoot()
      j += 1
    }
    return total
  }
}
