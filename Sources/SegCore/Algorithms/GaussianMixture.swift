internal import Foundation

/// A mixture of Gaussians with full covariance matrices, fitted by expectation–maximisation as
/// `sklearn.mixture.GaussianMixture(covariance_type="full")` fits it.
///
/// Each run starts from the given ``Parameters`` or, by default, from a seeded k-means
/// clustering (k-means++ seeding, then Lloyd iterations) turned into one-hot responsibilities,
/// exactly as scikit-learn's `init_params="kmeans"` does. EM then alternates E- and M-steps
/// until the mean log-likelihood per row (the lower bound) changes by less than `tolerance` or
/// `maxIterations` is reached; `regularization` is added to every covariance diagonal. With
/// several runs (`initializationCount`), the one with the highest final lower bound wins (the
/// first on ties). Densities are computed through Cholesky factors of the precisions and a
/// log-sum-exp, so nothing underflows for far-away rows.
///
/// Labels are the most probable component of each row under the final parameters, numbered
/// by component index (component `c` is label `c`; a component that wins no row leaves its
/// label unused and its size zero).
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let gmm = try GaussianMixture.fit(
///   points: [0, 0.1, 0.2, 5, 5.1, 5.3], rows: 6, cols: 1,
///   options: .init(componentCount: 2), using: &rng)
/// // gmm.assignment.labels splits the rows into {0, 0.1, 0.2} and {5, 5.1, 5.3}
/// ```
public struct GaussianMixture: Sendable, Equatable {
  /// The parameters of a mixture of `k` Gaussians in `d` dimensions.
  public struct Parameters: Sendable, Equatable {
    /// `k` mixing weights summing to 1.
    public var weights: [Double]
    /// `k × d` row-major component means.
    public var means: [Double]
    /// `k × d × d` component covariance matrices, each symmetric positive definite.
    public var covariances: [Double]

    /// Creates parameters.
    public init(weights: [Double], means: [Double], covariances: [Double]) {
      self.weights = weights
      self.means = means
      self.covariances = covariances
    }
  }

  /// How to fit the mixture; the defaults are scikit-learn's.
  public struct Options: Sendable, Equatable {
    /// The number of components `k`, `1...rows`.
    public var componentCount: Int
    /// Added to every covariance diagonal (`reg_covar`), `>= 0`.
    public var regularization: Double = 1e-6
    /// Convergence threshold on the change of the mean log-likelihood per row (`tol`).
    public var tolerance: Double = 1e-3
    /// The maximum number of EM iterations per run (`max_iter`), `>= 1`.
    public var maxIterations: Int = 100
    /// The number of runs from different seeded starts (`n_init`), `>= 1`.
    public var initializationCount: Int = 1
    /// Start every run from these parameters instead of a k-means clustering.
    public var initialParameters: Parameters?
    /// Asked before every run and EM iteration.
    ///
    /// When it says stop, the fit throws `.cancelled`. It never changes a fit that finishes.
    public var cancellation: CancellationToken = .never

    /// Options for `componentCount` components with scikit-learn's defaults.
    public init(
      componentCount: Int, regularization: Double = 1e-6, tolerance: Double = 1e-3,
      maxIterations: Int = 100, initializationCount: Int = 1,
      initialParameters: Parameters? = nil
    ) {
      self.componentCount = componentCount
      self.regularization = regularization
      self.tolerance = tolerance
      self.maxIterations = maxIterations
      self.initializationCount = initializationCount
      self.initialParameters = initialParameters
    }
  }

  /// The most probable component of every row.
  public let assignment: ClusteringResult
  /// The fitted weights, means and covariances.
  public let parameters: Parameters
  /// The number of columns `d`.
  public let dimension: Int
  /// The mean log-likelihood per row at the last E-step of the winning run (scikit-learn's
  /// `lower_bound_`), the quantity convergence is judged on.
  public let lowerBound: Double
  /// The mean log-likelihood per row under the final parameters (scikit-learn's `score(X)`).
  public let averageLogLikelihood: Double
  /// The total log-likelihood of the data under the final parameters, `rows ×`
  /// ``averageLogLikelihood``.
  public let logLikelihood: Double
  /// The number of free parameters: `k·d(d+1)/2 + k·d + k − 1`.
  public let parameterCount: Int
  /// Bayesian information criterion, `−2·logLikelihood + parameterCount·ln(rows)`; lower is better.
  public let bic: Double
  /// Akaike information criterion, `−2·logLikelihood + 2·parameterCount`; lower is better.
  public let aic: Double
  /// EM iterations of the winning run.
  public let iterations: Int
  /// Whether the winning run met the tolerance before `maxIterations`.
  public let converged: Bool

  /// Fits a Gaussian mixture to the rows of a matrix.
  ///
  /// - Parameters:
  ///   - points: `rows × cols` values, row-major, all finite.
  ///   - rows: the number of rows.
  ///   - cols: the number of columns.
  ///   - options: the component count and EM settings.
  ///   - generator: seeds the k-means starts; untouched when initial parameters are given.
  /// - Returns: the winning run's parameters, labels and fit statistics.
  /// - Throws: `.emptyInput`, `.shapeMismatch`, `.nonFiniteValue`; `.invalidParameter` for a
  ///   component count below 1, non-positive iteration or run counts, a negative
  ///   regularisation or initial parameters of the wrong shape or with weights not summing to 1;
  ///   `.tooFewPoints` when there are fewer rows than components; `.singularCovariance` when a
  ///   covariance is not positive definite (collapsed components with `regularization` 0, or
  ///   a non-positive-definite initial covariance).
  /// - Complexity: O(iterations · rows · k · d²), E-step on all cores.
  public static func fit(
    points: [Double], rows: Int, cols: Int, options: Options,
    using generator: inout SeededGenerator
  ) throws(ClusteringError) -> GaussianMixture {
    let m = try PointMatrix(points, rows: rows, cols: cols)
    let k = options.componentCount
    guard k >= 1 else {
      throw ClusteringError(.invalidParameter, "the number of components must be at least 1")
    }
    guard k <= rows else {
      throw ClusteringError(
        .tooFewPoints, "cannot fit \(k) components to \(rows) rows")
    }
    guard options.maxIterations >= 1, options.initializationCount >= 1 else {
      throw ClusteringError(
        .invalidParameter, "the iteration and initialisation counts must be at least 1")
    }
    guard options.regularization >= 0, options.regularization.isFinite,
      options.tolerance >= 0, options.tolerance.isFinite
    else {
      throw ClusteringError(
        .invalidParameter, "the regularisation and tolerance must be non-negative numbers")
    }
    if let initial = options.initialParameters {
      try validate(initial, k: k, d: cols)
    }

    var best: (model: MixtureModel, lowerBound: Double, iterations: Int, converged: Bool)?
    for _ in 0..<options.initializationCount {
      try ClusteringError.check(options.cancellation)
      var model: MixtureModel
      if let initial = options.initialParameters {
        model = try MixtureModel(initial, d: cols)
      } else {
        let labels = seedingKMeansLabels(m, k: k, using: &generator)
        model = try MixtureModel.mStep(
          m, responsibilities: oneHot(labels, k: k), k: k,
          regularization: options.regularization, normalizeWeightsBySum: false)
      }
      var lowerBound = -Double.infinity
      var converged = false
      var iterations = 0
      for iteration in 1...options.maxIterations {
        try ClusteringError.check(options.cancellation)
        iterations = iteration
        let previous = lowerBound
        let e = model.eStep(m)
        model = try MixtureModel.mStep(
          m, responsibilities: e.logResponsibilities.map { exp($0) }, k: k,
          regularization: options.regularization, normalizeWeightsBySum: true)
        lowerBound = e.meanLogLikelihood
        if abs(lowerBound - previous) < options.tolerance {
          converged = true
          break
        }
      }
      if best == nil || lowerBound > best?.lowerBound ?? -.infinity {
        best = (model, lowerBound, iterations, converged)
      }
    }
    guard let best else { preconditionFailure("at least one initialisation runs") }

    let final = best.model.eStep(m)
    var labels = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      var arg = 0
      for c in 1..<k
      where final.logResponsibilities[i * k + c] > final.logResponsibilities[i * k + arg] {
        arg = c
      }
      labels[i] = arg
    }
    let parameterCount = k * cols * (cols + 1) / 2 + k * cols + k - 1
    let logLikelihood = final.meanLogLikelihood * Double(rows)
    var notes = [String]()
    if !best.converged {
      notes.append(
        "EM did not converge within \(options.maxIterations) iterations "
          + "(tolerance \(options.tolerance))"
      )
    }
    return GaussianMixture(
      assignment: ClusteringResult(
        method: .gaussianMixture, labels: labels, clusterCount: k, notes: notes),
      parameters: Parameters(
        weights: best.model.weights, means: best.model.means,
        covariances: best.model.covariances),
      dimension: cols, lowerBound: best.lowerBound,
      averageLogLikelihood: final.meanLogLikelihood, logLikelihood: logLikelihood,
      parameterCount: parameterCount,
      bic: -2 * logLikelihood + Double(parameterCount) * log(Double(rows)),
      aic: -2 * logLikelihood + 2 * Double(parameterCount),
      iterations: best.iterations, converged: best.converged)
  }

  private static func validate(_ p: Parameters, k: Int, d: Int) throws(ClusteringError) {
    guard p.weights.count == k, p.means.count == k * d, p.covariances.count == k * d * d else {
      throw ClusteringError(
        .invalidParameter,
        "initial parameters need \(k) weights, \(k)×\(d) means and \(k)×\(d)×\(d) covariances")
    }
    guard p.weights.allSatisfy({ $0 > 0 && $0.isFinite }),
      abs(p.weights.reduce(0, +) - 1) <= 1e-6,
      p.means.allSatisfy(\.isFinite), p.covariances.allSatisfy(\.isFinite)
    else {
      throw ClusteringError(
        .invalidParameter,
        "initial weights must be positive and sum to 1, and all initial values finite")
    }
  }
}

/// One-hot responsibilities, `rows × k`.
private func oneHot(_ labels: [Int], k: Int) -> [Double] {
  var r = [Double](repeating: 0, count: labels.count * k)
  for (i, l) in labels.enumerated() { r[i * k + l] = 1 }
  return r
}
