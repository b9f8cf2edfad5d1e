internal import Foundation

/// A two-dimensional t-SNE embedding of the rows of a matrix, computed as scikit-learn's
/// `TSNE(n_components=2)` computes it.
///
/// The affinities are Gaussian conditional probabilities whose widths are found by binary
/// search to the requested perplexity, symmetrised and normalised (dense for the exact method,
/// over the `⌊3·perplexity + 1⌋` nearest neighbours for Barnes–Hut). The embedding follows a
/// Student-t kernel with one degree of freedom. Optimisation is scikit-learn's gradient descent
/// with per-coordinate gains: 250 iterations with the affinities exaggerated and momentum 0.5,
/// then momentum 0.8 to the end; progress is checked every 50 iterations, stopping after 250
/// (then 300) iterations without progress or when the gradient norm falls to 1e-7. Everything
/// random comes from the generator, and all sums run in a fixed order, so the same seed gives
/// the same coordinates bit for bit.
///
/// ```swift
/// var rng = SeededGenerator(seed: 7)
/// let map = try TSNEEmbedding.fit(
///   points: points, rows: 200, cols: 4, options: .init(perplexity: 20), using: &rng)
/// // map.coordinates has 200 × 2 values; map.klDivergence is the final KL divergence.
/// ```
public struct TSNEEmbedding: Sendable, Equatable {
  /// `count × 2` row-major coordinates, one row per embedded input row.
  public let coordinates: [Double]
  /// The input rows embedded, increasing, when a sample was drawn; `nil` when every row was.
  public let embeddedRows: [Int]?
  /// The Kullback–Leibler divergence between input and embedding affinities at the last
  /// iteration (scikit-learn's `kl_divergence_`).
  public let klDivergence: Double
  /// The number of iterations run.
  public let iterations: Int
  /// The gradient method used (`.exact` or `.barnesHut`, never `.automatic`).
  public let method: TSNEOptions.Method
  /// The learning rate used.
  public let learningRate: Double
  /// Plain-language remarks a report should show, such as sampling that took place.
  public let notes: [String]

  /// Embeds the rows of a matrix in two dimensions.
  ///
  /// - Parameters:
  ///   - points: `rows × cols` values, row-major, all finite (scale them first).
  ///   - rows: the number of rows.
  ///   - cols: the number of columns.
  ///   - options: perplexity, schedule and method; scikit-learn's defaults.
  ///   - generator: draws the sample (if any) and the random start.
  /// - Returns: the coordinates, the final KL divergence and notes on sampling.
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue`; `.tooFewPoints` for a
  ///   single row; `.invalidParameter` for a perplexity not in `(0, rows)` (rows after
  ///   sampling), a non-positive exaggeration, learning rate or iteration count, an angle outside
  ///   `0...1`, `maxRows < 2`, or the exact method on more than
  ///   ``TSNEOptions/exactMethodRowLimit`` rows.
  /// - Complexity: exact: O(iterations · n²); Barnes–Hut: O(iterations · n log n) after an
  ///   O(n log n · perplexity) neighbour search; on all cores.
  public static func fit(
    points: [Double], rows: Int, cols: Int, options: TSNEOptions = .default,
    using generator: inout SeededGenerator
  ) throws(ClusteringError) -> TSNEEmbedding {
    let all = try PointMatrix(points, rows: rows, cols: cols)
    guard rows >= 2 else {
      throw ClusteringError(.tooFewPoints, "t-SNE needs at least 2 rows, got \(rows)")
    }
    guard options.maxRows >= 2 else {
      throw ClusteringError(.invalidParameter, "the t-SNE sample size must be at least 2")
    }
    guard options.earlyExaggeration > 0, options.earlyExaggeration.isFinite,
      options.iterations >= 1, options.angle >= 0, options.angle <= 1,
      (options.learningRate.map { $0 > 0 && $0.isFinite } ?? true)
    else {
      throw ClusteringError(
        .invalidParameter,
        "t-SNE needs a positive exaggeration, learning rate and iteration count, "
          + "and an angle in 0...1"
      )
    }
    var notes = [String]()
    var sample: [Int]?
    var m = all
    if rows > options.maxRows {
      let s = seededSample(count: options.maxRows, from: rows, using: &generator)
      sample = s
      m = all.gathering(s)
      notes.append(
        "embedded a \(options.maxRows)-row sample; "
          + "the other \(rows - options.maxRows) rows have no coordinates"
      )
    }
    let n = m.rows
    guard options.perplexity > 0, options.perplexity < Double(n) else {
      throw ClusteringError(
        .invalidParameter,
        "perplexity \(options.perplexity) must be positive and less than the number of rows (\(n))")
    }
    let method: TSNEOptions.Method =
      switch options.method {
      case .automatic: n <= options.exactRowLimit ? .exact : .barnesHut
      case .exact, .barnesHut: options.method
      }
    guard method != .exact || n <= TSNEOptions.exactMethodRowLimit else {
      throw ClusteringError(
        .invalidParameter,
        "the exact t-SNE gradient needs n² memory; use Barnes–Hut above "
          + "\(TSNEOptions.exactMethodRowLimit) rows (got \(n))")
    }
    let learningRate = options.learningRate ?? max(Double(n) / options.earlyExaggeration / 4, 50)
    try ClusteringError.check(options.cancellation)
    var y = initialEmbedding(m, options.initialization, using: &generator)

    let objective: TSNEObjective
    switch method {
    case .exact:
      objective = .exact(
        ExactTSNEGradient(TSNEAffinities.exactJoint(m, perplexity: options.perplexity), rows: n))
    case .barnesHut, .automatic:
      objective = .barnesHut(
        BarnesHutTSNEGradient(
          try TSNEAffinities.sparseJoint(
            m, perplexity: options.perplexity, cancellation: options.cancellation),
          squaredTheta: options.angle * options.angle))
    }

    let exploration = min(250, options.iterations)
    let descent = TSNEGradientDescent(learningRate: learningRate)
    var (error, last) = descent.run(
      &y, objective, exaggeration: options.earlyExaggeration, from: 0, to: exploration,
      momentum: 0.5, patience: 250, cancellation: options.cancellation)
    try ClusteringError.check(options.cancellation)
    if options.iterations > exploration {
      (error, last) = descent.run(
        &y, objective, exaggeration: 1, from: last + 1, to: options.iterations, momentum: 0.8,
        patience: 300, cancellation: options.cancellation)
      try ClusteringError.check(options.cancellation)
    }
    return TSNEEmbedding(
      coordinates: y, embeddedRows: sample, klDivergence: error, iterations: last + 1,
      method: method, learningRate: learningRate, notes: notes)
  }

  /// scikit-learn's starting points: PCA scaled to sd 1e-4 on the first axis, or normal noise
  /// with sd 1e-4.
  static func initialEmbedding(
    _ m: PointMatrix, _ kind: TSNEOptions.Initialization, using generator: inout SeededGenerator
  ) -> [Double] {
    if kind == .pca, m.cols >= 2, let pca = principalPlane(m) {
      return pca
    }
    var y = [Double](repeating: 0, count: m.rows * 2)
    for i in y.indices { y[i] = 1e-4 * standardNormal(&generator) }
    return y
  }
}

/// A standard normal draw by the Box–Muller transform (one of the pair is used, for simplicity).
func standardNormal(_ generator: inout SeededGenerator) -> Double {
  var u = generator.nextUnitDouble()
  while u == 0 { u = generator.nextUnitDouble() }
  let v = generator.nextUnitDouble()
  return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
}

/// The projection on the first two principal axes, or `nil` when the rows coincide.
///
/// Scaled so that the first coordinate has population standard deviation 1e-4. Each axis is
/// signed so that its largest-magnitude loading is positive.
func principalPlane(_ m: PointMatrix) -> [Double]? {
  let n = m.rows
  let d = m.cols
  var mean = [Double](repeating: 0, count: d)
  for i in 0..<n { for j in 0..<d { mean[j] += m.values[i * d + j] } }
  for j in 0..<d { mean[j] /= Double(n) }
  var covariance = [Double](repeating: 0, count: d * d)
  for i in 0..<n {
    for a in 0..<d {
      let da = m.values[i * d + a] - mean[a]
      for b in a..<d { covariance[a * d + b] += da * (m.values[i * d + b] - mean[b]) }
    }
  }
  for a in 0..<d { for b in a..<d { covariance[b * d + a] = covariance[a * d + b] } }
  let (values, vectors) = SymmetricEigen.decompose(covariance, size: d)
  let order = (0..<d).sorted { (values[$0], -$0) > (values[$1], -$1) }
  var y = [Double](repeating: 0, count: n * 2)
  for (axis, e) in order.prefix(2).enumerated() {
    var v = (0..<d).map { vectors[$0 * d + e] }
    if let big = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[big] < 0 {
      v = v.map { -$0 }
    }
    for i in 0..<n {
      var s = 0.0
      for j in 0..<d { s += (m.values[i * d + j] - mean[j]) * v[j] }
      y[i * 2 + axis] = s
    }
  }
  var sumSquares = 0.0
  var sum = 0.0
  for i in 0..<n { sum += y[i * 2] }
  let centre = sum / Double(n)
  for i in 0..<n { sumSquares += (y[i * 2] - centre) * (y[i * 2] - centre) }
  let sd = (sumSquares / Double(n)).squareRoot()
  guard sd > 0, sd.isFinite else { return nil }
  return y.map { $0 / sd * 1e-4 }
}
