#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The calibration data a buy-till-you-die model is fitted to: per customer the repeat
/// purchases `x`, the recency `t_x` and the age `T` (arrays of equal length), with the distinct
/// values of `x` counted once so that the terms depending on `x` alone are computed once per
/// value.
struct PurchaseData: Sendable {
  var x: [Double]
  var tx: [Double]
  var age: [Double]
  /// Integer repeat counts per customer, and how many customers have each count.
  var counts: [Int]
  var customersByCount: [Int]

  init(x: [Double], tx: [Double], age: [Double]) {
    self.x = x
    self.tx = tx
    self.age = age
    counts = x.map { Int($0) }
    let top = counts.max() ?? 0
    customersByCount = [Int](repeating: 0, count: top + 1)
    for c in counts { customersByCount[c] += 1 }
  }

  var count: Int { x.count }
  /// Blocks of customers summed separately and combined in order: the sums do not depend on
  /// the number of cores.
  static let blockSize = 32_768
  var blocks: Int { (count + PurchaseData.blockSize - 1) / PurchaseData.blockSize }
}

/// The BG/NBD model (Fader, Hardie and Lee 2005): while alive a customer buys at a Poisson
/// rate λ ~ Gamma(r, α); after each purchase the customer dies with probability p ~ Beta(a, b).
public enum BGNBD {
  /// Parameter names in the order of ``CLVFit/values``.
  public static let parameterNames = ["r", "alpha", "a", "b"]

  /// The log-likelihood summed over customers and its gradient with respect to the
  /// log-parameters, or `nil` where it is not finite.
  static func logLikelihood(_ data: PurchaseData, logParameters theta: [Double]) -> (
    value: Double, gradient: [Double]
  )? {
    let (r, alpha, a, b) = (exp(theta[0]), exp(theta[1]), exp(theta[2]), exp(theta[3]))
    // Terms depending on x only.
    let lg = SpecialFunctions.logGamma
    let psi = SpecialFunctions.digamma
    var value = 0.0
    var g = [0.0, 0.0, 0.0, 0.0]
    let lgR = lg(r)
    let lgB = lg(b)
    let lgAB = lg(a + b)
    let psiR = psi(r)
    let psiB = psi(b)
    let psiAB = psi(a + b)
    let top = data.customersByCount.count
    var logBx = [Double](repeating: 0, count: top)
    for x in 0..<top {
      if x > 0 { logBx[x] = log(b + Double(x) - 1) }
      let m = Double(data.customersByCount[x])
      guard m > 0 else { continue }
      let xd = Double(x)
      value +=
        m * (lg(r + xd) - lgR + r * log(alpha) + lgAB + lg(b + xd) - lgB - lg(a + b + xd))
      g[0] += m * (psi(r + xd) - psiR + log(alpha))
      g[1] += m * r / alpha
      g[2] += m * (psiAB - psi(a + b + xd))
      g[3] += m * (psiAB + psi(b + xd) - psiB - psi(a + b + xd))
    }
    let logA = log(a)
    let logBxs = logBx
    let parts = Parallel.map(data.blocks) { block -> [Double] in
      let lo = block * PurchaseData.blockSize
      let hi = min(lo + PurchaseData.blockSize, data.count)
      var s = [0.0, 0.0, 0.0, 0.0, 0.0]
      data.x.withUnsafeBufferPointer { xs in
        data.tx.withUnsafeBufferPointer { txs in
          data.age.withUnsafeBufferPointer { ts in
            data.counts.withUnsafeBufferPointer { cs in
              logBxs.withUnsafeBufferPointer { lbx in
                for i in lo..<hi {
                  let x = xs[i]
                  let rx = r + x
                  let logT = log(alpha + ts[i])
                  let a3 = -rx * logT
                  if cs[i] == 0 {
                    s[0] += a3
                    s[1] -= logT
                    s[2] -= rx / (alpha + ts[i])
                    continue
                  }
                  let logTx = log(alpha + txs[i])
                  let a4 = logA - lbx[cs[i]] - rx * logTx
                  let l = SpecialFunctions.logAddExp(a3, a4)
                  let w = exp(a4 - l)
                  s[0] += l
                  s[1] -= (1 - w) * logT + w * logTx
                  s[2] -= rx * ((1 - w) / (alpha + ts[i]) + w / (alpha + txs[i]))
                  s[3] += w / a
                  s[4] -= w / (b + x - 1)
                }
              }
            }
          }
        }
      }
      return s
    }
    for s in parts {
      value += s[0]
      g[0] += s[1]
      g[1] += s[2]
      g[2] += s[3]
      g[3] += s[4]
    }
    let gradient = [g[0] * r, g[1] * alpha, g[2] * a, g[3] * b]
    guard value.isFinite, gradient.allSatisfy(\.isFinite) else { return nil }
    return (value, gradient)
  }

  /// Fits the model by maximum likelihood.
  static func fit(_ data: PurchaseData, seed: UInt64) throws(CLVError) -> CLVFit {
    let n = Double(data.count)
    let optimizer = LogLikelihoodMaximizer()
    return try optimizer.fit(
      model: "BG/NBD", names: parameterNames, customers: data.count, seed: seed
    ) { theta in
      guard let (v, g) = logLikelihood(data, logParameters: theta) else { return nil }
      return (-v / n, g.map { -$0 / n })
    }
  }

  /// P(alive | x, t_x, T).
  static func probabilityAlive(_ p: [Double], x: Double, tx: Double, age: Double) -> Double {
    guard x > 0 else { return 1 }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
    let logOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + age) - log(alpha + tx))
    return 1 / (1 + exp(logOdds))
  }

  /// E[X(t) | x, t_x, T]: the expected purchases in the next `t` units.
  static func expectedPurchases(_ p: [Double], t: Double, x: Double, tx: Double, age: Double)
    -> Double
  {
    guard t > 0 else { return 0 }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
    let ha = r + x
    let hb = b + x
    let hc = a + b + x - 1
    let z = t / (alpha + age + t)
    guard
      let logF = SpecialFunctions.logHypergeometric2F1(ha, hb, hc, z, maximumTerms: 20_000)
        ?? SpecialFunctions.logHypergeometric2F1(hc - ha, hc - hb, hc, z).map({
          $0 + (hc - ha - hb) * log1p(-z)
        })
    else { return .nan }
    let numerator = -expm1(logF + (r + x) * (log(alpha + age) - log(alpha + t + age)))
    var denominator = 1.0
    if x > 0 {
      denominator += exp(log(a) - log(b + x - 1) + (r + x) * (log(alpha + age) - log(alpha + tx)))
    }
    return (a + b + x - 1) / (a - 1) * numerator / denominator
  }

  /// E[X(t)] for a new customer: the expected purchases in `t` units from the first.
  static func expectedPurchasesNew(_ p: [Double], t: Double) -> Double {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
    let z = t / (alpha + t)
    guard let logF = SpecialFunctions.logHypergeometric2F1(r, b, a + b - 1, z) else { return .nan }
    return (a + b - 1) / (a - 1) * (1 - exp(r * log(alpha / (alpha + t)) + logF))
  }
}

/// The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while alive a customer buys at a
/// Poisson rate λ ~ Gamma(r, α) and dies at an exponential rate μ ~ Gamma(s, β).
///
/// The likelihood follows Fader, Hardie and Shang's note, through ₂F₁ in logs; its gradient is
/// taken by central differences (the derivatives of ₂F₁ in its parameters have no cheap form).
public enum ParetoNBD {
  /// Parameter names in the order of ``CLVFit/values``.
  public static let parameterNames = ["r", "alpha", "s", "beta"]

  /// One customer's log-likelihood.
  static func customerLogLikelihood(_ p: [Double], x: Double, tx: Double, age: Double) -> Double {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
    let rsx = r + s + x
    let a1 =
      SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha) + s
      * log(beta)
    guard let logA0 = logA0(p, x: x, tx: tx, age: age) else { return .nan }
    let first = -(r + x) * log(alpha + age) - s * log(beta + age)
    return a1 + SpecialFunctions.logAddExp(first, log(s) + logA0 - log(rsx))
  }

  /// ln A₀ of the note: ₂F₁ at the recency and at the age, over powers of (max(α, β) + t).
  static func logA0(_ p: [Double], x: Double, tx: Double, age: Double) -> Double? {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
    let (low, high, t) = alpha < beta ? (alpha, beta, r + x) : (beta, alpha, s + 1)
    let gap = high - low
    let rsx = r + s + x
    let q1 = high + tx
    let q2 = high + age
    guard let p1 = logF(rsx, t, gap / q1), let p2 = logF(rsx, t, gap / q2) else { return nil }
    // ln(F(q1)/q1^rsx − F(q2)/q2^rsx); the first term is the larger (q1 ≤ q2).
    let u = p1 - rsx * log(q1)
    let v = p2 - rsx * log(q2)
    guard u >= v else { return nil }
    if u == v { return -.infinity }
    return SpecialFunctions.logSubExp(u, v)
  }

  /// ln ₂F₁(a, b; a + 1; z). For b > 1 through Euler's transformation
  /// (1 − z)^(1−b) ₂F₁(1, a + 1 − b; a + 1; z), whose terms fall like n^(−b) zⁿ instead of
  /// n^(b−1) zⁿ (all positive either way), so that z near 1 stays cheap.
  static func logF(_ a: Double, _ b: Double, _ z: Double) -> Double? {
    if b > 1 {
      return SpecialFunctions.logHypergeometric2F1(1, a + 1 - b, a + 1, z, maximumTerms: 200_000)
        .map { $0 + (1 - b) * log1p(-z) }
    }
    return SpecialFunctions.logHypergeometric2F1(a, b, a + 1, z, maximumTerms: 200_000)
  }

  /// The log-likelihood summed over customers, or `nil` where it is not finite.
  static func logLikelihood(_ data: PurchaseData, parameters p: [Double]) -> Double? {
    let parts = Parallel.map(data.blocks) { block -> Double in
      let lo = block * PurchaseData.blockSize
      let hi = min(lo + PurchaseData.blockSize, data.count)
      var s = 0.0
      for i in lo..<hi {
        s += customerLogLikelihood(p, x: data.x[i], tx: data.tx[i], age: data.age[i])
      }
      return s
    }
    let value = parts.reduce(0, +)
    return value.isFinite ? value : nil
  }

  /// Fits the model by maximum likelihood (central-difference gradients).
  static func fit(_ data: PurchaseData, seed: UInt64) throws(CLVError) -> CLVFit {
    let n = Double(data.count)
    var optimizer = LogLikelihoodMaximizer()
    optimizer.gradientTolerance = 1e-7
    optimizer.starts = 3
    return try optimizer.fit(
      model: "Pareto/NBD", names: parameterNames, customers: data.count, seed: seed
    ) { theta in
      guard let v = logLikelihood(data, parameters: theta.map { exp($0) }) else { return nil }
      var g = [Double](repeating: 0, count: theta.count)
      let h = 1e-5
      for k in theta.indices {
        var up = theta
        var down = theta
        up[k] += h
        down[k] -= h
        guard let fu = logLikelihood(data, parameters: up.map { exp($0) }),
          let fd = logLikelihood(data, parameters: down.map { exp($0) })
        else { return nil }
        g[k] = -(fu - fd) / (2 * h) / n
      }
      return (-v / n, g)
    }
  }

  /// P(alive | x, t_x, T).
  static func probabilityAlive(_ p: [Double], x: Double, tx: Double, age: Double) -> Double {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
    let ll = customerLogLikelihood(p, x: x, tx: tx, age: age)
    let lead =
      SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha) + s
      * log(beta) - (r + x) * log(alpha + age) - s * log(beta + age)
    return min(1, exp(lead - ll))
  }

  /// E[X(t) | x, t_x, T].
  static func expectedPurchases(_ p: [Double], t: Double, x: Double, tx: Double, age: Double)
    -> Double
  {
    guard t > 0 else { return 0 }
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
    let ll = customerLogLikelihood(p, x: x, tx: tx, age: age)
    let first =
      SpecialFunctions.logGamma(r + x) - SpecialFunctions.logGamma(r) + r * log(alpha) + s
      * log(beta) - (r + x) * log(alpha + age) - s * log(beta + age)
    let second = log(r + x) + log(beta + age) - log(alpha + age)
    let third: Double
    if abs(s - 1) < 1e-9 {
      third = log(log((beta + age + t) / (beta + age)))
    } else {
      let ratio = (s - 1) * log((beta + age) / (beta + age + t))
      // ln((1 − ratio) / (s − 1)), positive for either sign of s − 1.
      third = log(-expm1(ratio) / (s - 1))
    }
    return exp(first + second + third - ll)
  }
}

/// The Gamma-Gamma spend model (Fader, Hardie and Lee 2005; Colombo and Jiang 1999): a
/// customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent
/// of the purchase process.
public enum GammaGamma {
  /// Parameter names in the order of ``CLVFit/values``.
  public static let parameterNames = ["p", "q", "gamma"]

  /// The log-likelihood of (x, zbar) pairs (x > 0, zbar > 0) and its gradient with respect to
  /// the log-parameters.
  static func logLikelihood(
    x: [Double], meanValue m: [Double], byCount: [Int], logParameters theta: [Double]
  ) -> (value: Double, gradient: [Double])? {
    let (p, q, gamma) = (exp(theta[0]), exp(theta[1]), exp(theta[2]))
    let lg = SpecialFunctions.logGamma
    let psi = SpecialFunctions.digamma
    var value = 0.0
    var g = [0.0, 0.0, 0.0]
    let lgQ = lg(q)
    let psiQ = psi(q)
    for c in 1..<max(byCount.count, 1) where byCount[c] > 0 {
      let k = Double(byCount[c])
      let x = Double(c)
      value += k * (lg(p * x + q) - lg(p * x) - lgQ + q * log(gamma) + p * x * log(x))
      g[0] += k * x * (psi(p * x + q) - psi(p * x) + log(x))
      g[1] += k * (psi(p * x + q) - psiQ + log(gamma))
      g[2] += k * q / gamma
    }
    for i in x.indices {
      let xi = x[i]
      let logM = log(m[i])
      let logD = log(gamma + m[i] * xi)
      value += (p * xi - 1) * logM - (p * xi + q) * logD
      g[0] += xi * (logM - logD)
      g[1] -= logD
      g[2] -= (p * xi + q) / (gamma + m[i] * xi)
    }
    let gradient = [g[0] * p, g[1] * q, g[2] * gamma]
    guard value.isFinite, gradient.allSatisfy(\.isFinite) else { return nil }
    return (value, gradient)
  }

  /// Fits the model to the customers with `x > 0` and `zbar > 0`.
  static func fit(x: [Double], meanValue: [Double], seed: UInt64) throws(CLVError) -> CLVFit {
    let counts = x.map { Int($0) }
    var byCount = [Int](repeating: 0, count: (counts.max() ?? 0) + 1)
    for c in counts { byCount[c] += 1 }
    let n = Double(x.count)
    let countsByValue = byCount
    let optimizer = LogLikelihoodMaximizer()
    return try optimizer.fit(
      model: "Gamma-Gamma", names: parameterNames, customers: x.count, seed: seed
    ) { theta in
      guard
        let (v, g) = logLikelihood(
          x: x, meanValue: meanValue, byCount: countsByValue, logParameters: theta)
      else { return nil }
      return (-v / n, g.map { -$0 / n })
    }
  }

  /// E[mean spend | x, zbar]: the posterior mean of a customer's spend per purchase; the
  /// population mean p·γ/(q − 1) when x = 0.
  static func expectedSpend(_ p: [Double], x: Double, meanValue m: Double) -> Double {
    let (pp, q, gamma) = (p[0], p[1], p[2])
    guard x > 0 else { return pp * gamma / (q - 1) }
    return pp * (gamma + m * x) / (pp * x + q - 1)
  }
}
