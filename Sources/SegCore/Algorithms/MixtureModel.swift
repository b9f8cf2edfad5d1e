internal import Foundation

/// The working state of a full-covariance Gaussian mixture: parameters plus the upper-triangular
/// Cholesky factors of the precisions (`U` with `Uᵀ·Σ·U = I`, scikit-learn's
/// `precisions_cholesky_`) and their log-determinants.
struct MixtureModel: Sendable {
  let k: Int
  let d: Int
  var weights: [Double]
  var means: [Double]
  var covariances: [Double]
  var precisionCholesky: [Double]
  var logDeterminants: [Double]

  init(_ p: GaussianMixture.Parameters, d: Int) throws(ClusteringError) {
    self.k = p.weights.count
    self.d = d
    self.weights = p.weights
    self.means = p.means
    self.covariances = p.covariances
    (precisionCholesky, logDeterminants) = try Self.precisionFactors(p.covariances, k: k, d: d)
  }

  /// Factors every covariance: `Σ = L·Lᵀ`, `U = (L⁻¹)ᵀ`, `log det U = −Σ log L_jj`.
  static func precisionFactors(_ covariances: [Double], k: Int, d: Int) throws(ClusteringError)
    -> ([Double], [Double])
  {
    var factors = [Double](repeating: 0, count: k * d * d)
    var logDets = [Double](repeating: 0, count: k)
    var l = [Double](repeating: 0, count: d * d)
    var inverse = [Double](repeating: 0, count: d * d)
    for c in 0..<k {
      let base = c * d * d
      // Cholesky–Banachiewicz, lower triangular.
      for i in 0..<d {
        for j in 0...i {
          var s = covariances[base + i * d + j]
          for t in 0..<j { s -= l[i * d + t] * l[j * d + t] }
          if i == j {
            guard s > 0, s.isFinite else {
              throw ClusteringError(
                .singularCovariance,
                "component \(c) has an ill-defined covariance (collapsed or singleton component); "
                  + "use fewer components, more regularisation or scaled data")
            }
            l[i * d + i] = s.squareRoot()
          } else {
            l[i * d + j] = s / l[j * d + j]
          }
        }
        for j in (i + 1)..<max(d, i + 1) { l[i * d + j] = 0 }
      }
      // L⁻¹ by forward substitution, column by column.
      for col in 0..<d {
        for i in 0..<d {
          var s = i == col ? 1.0 : 0.0
          for t in 0..<i { s -= l[i * d + t] * inverse[t * d + col] }
          inverse[i * d + col] = s / l[i * d + i]
        }
      }
      var logDet = 0.0
      for i in 0..<d {
        for j in 0..<d { factors[base + i * d + j] = inverse[j * d + i] }  // U = (L⁻¹)ᵀ
        logDet -= log(l[i * d + i])
      }
      logDets[c] = logDet
    }
    return (factors, logDets)
  }

  /// The E-step: log-responsibilities (`rows × k`) and the mean over rows of
  /// `log Σ_c w_c·N(x | μ_c, Σ_c)`.
  func eStep(_ m: PointMatrix) -> (logResponsibilities: [Double], meanLogLikelihood: Double) {
    let k = k
    let d = d
    let means = means
    let factors = precisionCholesky
    let constant = Double(d) * log(2 * Double.pi)
    let offsets = (0..<k).map { logDeterminants[$0] + log(weights[$0]) }
    let chunks = concurrentChunks(count: m.rows, minimumChunk: 1024) { range in
      var out = [Double](repeating: 0, count: range.count * k)
      var norms = [Double](repeating: 0, count: range.count)
      var y = [Double](repeating: 0, count: d)
      var diff = [Double](repeating: 0, count: d)
      let x = m.values.span
      for (r, i) in range.enumerated() {
        var maximum = -Double.infinity
        for c in 0..<k {
          for j in 0..<d { diff[j] = x[i * d + j] - means[c * d + j] }
          var sum = 0.0
          for col in 0..<d {
            var s = 0.0
            for row in 0...col { s += diff[row] * factors[c * d * d + row * d + col] }
            y[col] = s
            sum += s * s
          }
          let v = -0.5 * (constant + sum) + offsets[c]
          out[r * k + c] = v
          if v > maximum { maximum = v }
        }
        var total = 0.0
        for c in 0..<k { total += exp(out[r * k + c] - maximum) }
        let norm = maximum + log(total)
        norms[r] = norm
        for c in 0..<k { out[r * k + c] -= norm }
      }
      return (out, norms)
    }
    var logResponsibilities = [Double]()
    logResponsibilities.reserveCapacity(m.rows * k)
    var sum = 0.0
    for chunk in chunks {
      logResponsibilities.append(contentsOf: chunk.0)
      for v in chunk.1 { sum += v }
    }
    return (logResponsibilities, sum / Double(m.rows))
  }

  /// The M-step from responsibilities (`rows × k`).
  ///
  /// Weights, means, regularised covariances and their factors, as scikit-learn's
  /// `_estimate_gaussian_parameters` (component mass `n_c` gets `10·ε` added). Initial weights
  /// are `n_c / rows`; later ones `n_c / Σ n_c`.
  static func mStep(
    _ m: PointMatrix, responsibilities r: [Double], k: Int, regularization: Double,
    normalizeWeightsBySum: Bool
  ) throws(ClusteringError) -> MixtureModel {
    let d = m.cols
    let n = m.rows
    let perComponent = concurrentChunks(count: k, minimumChunk: 1, maximumChunks: k) { range in
      range.map { c -> (mass: Double, mean: [Double], covariance: [Double]) in
        let x = m.values.span
        var mass = 0.0
        for i in 0..<n { mass += r[i * k + c] }
        mass += 10 * Double.ulpOfOne
        var mean = [Double](repeating: 0, count: d)
        for i in 0..<n {
          let w = r[i * k + c]
          for j in 0..<d { mean[j] += w * x[i * d + j] }
        }
        for j in 0..<d { mean[j] /= mass }
        var covariance = [Double](repeating: 0, count: d * d)
        var diff = [Double](repeating: 0, count: d)
        for i in 0..<n {
          let w = r[i * k + c]
          for j in 0..<d { diff[j] = x[i * d + j] - mean[j] }
          for a in 0..<d {
            let wa = w * diff[a]
            for b in a..<d { covariance[a * d + b] += wa * diff[b] }
          }
        }
        for a in 0..<d {
          for b in a..<d {
            covariance[a * d + b] /= mass
            covariance[b * d + a] = covariance[a * d + b]
          }
          covariance[a * d + a] += regularization
        }
        return (mass, mean, covariance)
      }
    }.flatMap { $0 }
    let masses = perComponent.map(\.mass)
    let total = normalizeWeightsBySum ? masses.reduce(0, +) : Double(n)
    let parameters = GaussianMixture.Parameters(
      weights: masses.map { $0 / total },
      means: perComponent.flatMap(\.mean),
      covariances: perComponent.flatMap(\.covariance))
    return try MixtureModel(parameters, d: d)
  }
}
