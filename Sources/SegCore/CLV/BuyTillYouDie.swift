#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

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
    var value = 0.0
    var g = [0.0, 0.0, 0.0, 0.0]
    let top = data.customersByCount.count
    var logBx = [Double](repeating: 0, count: top)
    var inverseBx = [Double](repeating: 0, count: top)  // 1 / (b + x − 1)
    // The differences of log-gamma and digamma at r + x, b + x, a + b + x and at r, b, a + b, as
    // running sums over j < x (Γ(z + 1) = z Γ(z)): exact where the differences of the functions
    // themselves would cancel (a and b large, along the ridge of a homogeneous dropout).
    var logR = 0.0  // ln Γ(r + x) − ln Γ(r)
    var logBAB = 0.0  // ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x) + ln Γ(a + b)
    var psiRx = 0.0  // ψ(r + x) − ψ(r)
    var psiABx = 0.0  // ψ(a + b + x) − ψ(a + b)
    var psiBAB = 0.0  // ψ(b + x) − ψ(b) − ψ(a + b + x) + ψ(a + b)
    let logAlpha = log(alpha)
    for x in 0..<top {
      if x > 0 {
        let j = Double(x - 1)
        logBx[x] = log(b + j)
        inverseBx[x] = 1 / (b + j)
        logR += log(r + j)
        logBAB -= log1p(a / (b + j))
        psiRx += 1 / (r + j)
        psiABx += 1 / (a + b + j)
        psiBAB += a / ((b + j) * (a + b + j))
      }
      let m = Double(data.customersByCount[x])
      guard m > 0 else { continue }
      value += m * (logR + r * logAlpha + logBAB)
      g[0] += m * (psiRx + logAlpha)
      g[1] += m * r / alpha
      g[2] -= m * psiABx
      g[3] += m * psiBAB
    }
    let logA = log(a)
    let logBxs = logBx
    let inverseBxs = inverseBx
    // log(α + t) and 1/(α + t) once per distinct time.
    let logTimes = data.overTimes { log(alpha + $0) }
    let inverseTimes = data.overTimes { 1 / (alpha + $0) }
    let parts = data.chunks.map { range -> [Double] in
      var (s0, s1, s2, s3, s4) = (0.0, 0.0, 0.0, 0.0, 0.0)
      data.x.withUnsafeBufferPointer { xs in
        data.weight.withUnsafeBufferPointer { ws in
          data.recencyIndex.withUnsafeBufferPointer { txi in
            data.ageIndex.withUnsafeBufferPointer { ti in
              data.counts.withUnsafeBufferPointer { cs in
                logBxs.withUnsafeBufferPointer { lbx in
                 inverseBxs.withUnsafeBufferPointer { ibx in
                  logTimes.withUnsafeBufferPointer { lt in
                    inverseTimes.withUnsafeBufferPointer { it in
                      for i in range {
                        let x = xs[i]
                        let wt = ws[i]
                        let rx = r + x
                        let logT = lt[Int(ti[i])]
                        let invT = it[Int(ti[i])]
                        let a3 = -rx * logT
                        if cs[i] == 0 {
                          s0 += wt * a3
                          s1 -= wt * logT
                          s2 -= wt * rx * invT
                          continue
                        }
                        let logTx = lt[Int(txi[i])]
                        let a4 = logA - lbx[cs[i]] - rx * logTx
                        // ln(e^a3 + e^a4) and the weight e^(a4 − l) of the dropout term.
                        let d = a4 - a3
                        let e = exp(-abs(d))
                        let l = max(a3, a4) + log1p(e)
                        let inverse = 1 / (1 + e)
                        let w = d >= 0 ? inverse : e * inverse
                        s0 += wt * l
                        s1 -= wt * ((1 - w) * logT + w * logTx)
                        s2 -= wt * rx * ((1 - w) * invT + w * it[Int(txi[i])])
                        s3 += wt * w
                        s4 -= wt * w * ibx[cs[i]]
                      }
                    }
                  }
                 }
                }
              }
            }
          }
        }
      }
      return [s0, s1, s2, s3 / a, s4]
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
    let n = Double(data.customers)
    let optimizer = LogLikelihoodMaximizer()
    return try optimizer.fit(
      model: "BG/NBD", names: parameterNames, customers: data.customers, seed: seed
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

  /// Series terms allowed per ₂F₁ evaluation: where the power series would need more (z very
  /// near 1), and the near-1 form does not apply, the likelihood is not evaluated (`nil`), so
  /// that one evaluation costs at most this many terms per customer group.
  static let maximumSeriesTerms = 100_000

  /// ln ₂F₁(a, b; a + 1; z).
  static func logF(_ a: Double, _ b: Double, _ z: Double) -> Double? {
    logFCounting(a, b, z)?.value
  }

  /// ln ₂F₁(a, b; a + 1; z) and the number of series terms summed.
  ///
  /// - For z ≤ 0.98 the power series; for b > 1 through Euler's transformation
  ///   (1 − z)^(1−b) ₂F₁(1, a + 1 − b; a + 1; z), whose terms fall like n^(−b) zⁿ instead of
  ///   n^(b−1) zⁿ (all positive either way).
  /// - Nearer 1, where the series needs about 39 / (1 − z) terms (the fit heads there when the
  ///   data show little dropout, β ≫ α), the expansion around z = 1 (``logFNearOne(_:_:_:)``),
  ///   a few dozen terms.
  /// - `nil` when neither applies within ``maximumSeriesTerms`` terms.
  static func logFCounting(_ a: Double, _ b: Double, _ z: Double) -> (value: Double, terms: Int)? {
    if z > 0.98, let near = logFNearOne(a, b, z) { return near }
    // The series' terms fall like zⁿ at best: give up at once when it cannot settle.
    guard z <= 0 || 39.2 / -log(z) <= Double(maximumSeriesTerms) else { return nil }
    if b > 1 {
      return SpecialFunctions.logHypergeometric2F1Counting(
        1, a + 1 - b, a + 1, z, maximumTerms: maximumSeriesTerms
      ).map { ($0.value + (1 - b) * log1p(-z), $0.terms) }
    }
    return SpecialFunctions.logHypergeometric2F1Counting(
      a, b, a + 1, z, maximumTerms: maximumSeriesTerms)
  }

  /// ln ₂F₁(a, b; a + 1; z) for z near 1, from ₂F₁(a, b; a + 1; z) = a z^(−a) B_z(a, c) with
  /// c = 1 − b and the incomplete beta function expanded around 1 (ε = 1 − z):
  /// B_z(a, c) = B(a, c) − ε^c Σₖ (1 − a)ₖ εᵏ / (k! (c + k)).
  ///
  /// Used only where it is well conditioned: a·ε ≤ 1 (the sum's terms fall from the start) and c
  /// at least 0.05 away from 0, −1, −2, … (no near-cancelling poles); `nil` otherwise.
  static func logFNearOne(_ a: Double, _ b: Double, _ z: Double) -> (value: Double, terms: Int)? {
    let epsilon = 1 - z
    let c = 1 - b
    guard epsilon > 0, a > 0, a * epsilon <= 1 else { return nil }
    if c < 0.05 && abs(c - c.rounded()) < 0.05 { return nil }
    var sum = 1 / c
    var coefficient = 1.0
    var k = 0
    while k < 400 {
      coefficient *= (Double(k) + 1 - a) * epsilon / Double(k + 1)
      k += 1
      let term = coefficient / (c + Double(k))
      sum += term
      if abs(term) <= 1e-17 * abs(sum) { break }
    }
    var signA: Int32 = 0
    var signC: Int32 = 0
    var signAC: Int32 = 0
    let logB = lgamma_r(a, &signA) + lgamma_r(c, &signC) - lgamma_r(a + c, &signAC)
    let signB = Double(signA * signC * signAC)
    // B_z = ε^c (B ε^(−c) − Σ); the bracket is positive.
    let logEpsilon = log(epsilon)
    let bracket = signB * exp(logB - c * logEpsilon) - sum
    guard k < 400, bracket > 0, bracket.isFinite else { return nil }
    return (log(a) - a * log1p(-epsilon) + c * logEpsilon + log(bracket), k + 1)
  }

  /// The log-likelihood summed over customers, or `nil` where it is not finite.
  static func logLikelihood(_ data: PurchaseData, parameters p: [Double]) -> Double? {
    let parts = data.chunks.map { range -> Double in
      var s = 0.0
      for i in range {
        s += data.weight[i] * customerLogLikelihood(p, x: data.x[i], tx: data.tx[i], age: data.age[i])
      }
      return s
    }
    let value = parts.reduce(0, +)
    return value.isFinite ? value : nil
  }

  /// Fits the model by maximum likelihood (central-difference gradients).
  static func fit(_ data: PurchaseData, seed: UInt64) throws(CLVError) -> CLVFit {
    let n = Double(data.customers)
    var optimizer = LogLikelihoodMaximizer()
    optimizer.gradientTolerance = 1e-7
    optimizer.starts = 3
    return try optimizer.fit(
      model: "Pareto/NBD", names: parameterNames, customers: data.customers, seed: seed
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
  ///
  /// Per customer the log-likelihood is ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x
  /// + (px − 1) ln m − (px + q) ln(γ + xm). The terms in x alone are summed once per distinct x,
  /// those in ln m are constants of the data (``SpendData``), so an evaluation computes only
  /// ln(γ + xm) and 1/(γ + xm) per customer.
  static func logLikelihood(_ data: SpendData, logParameters theta: [Double]) -> (
    value: Double, gradient: [Double]
  )? {
    let (p, q, gamma) = (exp(theta[0]), exp(theta[1]), exp(theta[2]))
    let lg = SpecialFunctions.logGamma
    let psi = SpecialFunctions.digamma
    var value = 0.0
    var g = [0.0, 0.0, 0.0]
    let lgQ = lg(q)
    let psiQ = psi(q)
    let logGamma = log(gamma)
    let byCount = data.customersByCount
    for c in 1..<max(byCount.count, 1) where byCount[c] > 0 {
      let k = Double(byCount[c])
      let x = Double(c)
      value += k * (lg(p * x + q) - lg(p * x) - lgQ + q * logGamma + p * x * log(x))
      g[0] += k * x * (psi(p * x + q) - psi(p * x) + log(x))
      g[1] += k * (psi(p * x + q) - psiQ + logGamma)
      g[2] += k * q / gamma
    }
    // Σ x ln(γ + xm), Σ ln(γ + xm), Σ x / (γ + xm), Σ 1 / (γ + xm), in fixed blocks.
    let parts = data.chunks.map { range -> [Double] in
      var (l1, l0, i1, i0) = (0.0, 0.0, 0.0, 0.0)
      data.x.withUnsafeBufferPointer { xs in
        data.product.withUnsafeBufferPointer { ps in
          for i in range {
            let d = gamma + ps[i]
            let logD = log(d)
            let inverse = 1 / d
            l1 += xs[i] * logD
            l0 += logD
            i1 += xs[i] * inverse
            i0 += inverse
          }
        }
      }
      return [l1, l0, i1, i0]
    }
    var (l1, l0, i1, i0) = (0.0, 0.0, 0.0, 0.0)
    for s in parts {
      l1 += s[0]
      l0 += s[1]
      i1 += s[2]
      i0 += s[3]
    }
    value += p * data.sumXLogM - data.sumLogM - p * l1 - q * l0
    g[0] += data.sumXLogM - l1
    g[1] -= l0
    g[2] -= p * i1 + q * i0
    let gradient = [g[0] * p, g[1] * q, g[2] * gamma]
    guard value.isFinite, gradient.allSatisfy(\.isFinite) else { return nil }
    return (value, gradient)
  }

  /// Fits the model to the customers with `x > 0` and `zbar > 0`.
  static func fit(x: [Double], meanValue: [Double], seed: UInt64) throws(CLVError) -> CLVFit {
    let data = SpendData(x: x, meanValue: meanValue)
    let n = Double(data.customers)
    let optimizer = LogLikelihoodMaximizer()
    return try optimizer.fit(
      model: "Gamma-Gamma", names: parameterNames, customers: data.customers, seed: seed
    ) { theta in
      guard let (v, g) = logLikelihood(data, logParameters: theta) else { return nil }
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

/// The repeat buyers a Gamma-Gamma model is fitted to, with what the likelihood needs of them
/// computed once: x, x·m, the sums of x·ln m and ln m, and the customers per x.
struct SpendData: Sendable {
  /// Per customer: repeat purchases and x times the mean repeat value.
  var x: [Double]
  var product: [Double]
  /// Σ x ln m and Σ ln m.
  var sumXLogM: Double
  var sumLogM: Double
  /// Customers per repeat count `x` (index).
  var customersByCount: [Int]
  var customers: Int { x.count }

  init(x allX: [Double], meanValue m: [Double]) {
    let n = min(allX.count, m.count)
    x = Array(allX[0..<n])
    product = (0..<n).map { allX[$0] * m[$0] }
    let counts = x.map { $0 >= 0 && $0 < 1e9 ? Int($0) : 0 }
    customersByCount = [Int](repeating: 0, count: (counts.max() ?? 0) + 1)
    for c in counts { customersByCount[c] += 1 }
    let (xs, values) = (x, m)
    let sums = RowChunks(rows: n, size: PurchaseData.chunkSize).map { range -> (Double, Double) in
      var (xl, l) = (0.0, 0.0)
      for i in range {
        let logM = log(values[i])
        xl += xs[i] * logM
        l += logM
      }
      return (xl, l)
    }
    sumXLogM = sums.reduce(0) { $0 + $1.0 }
    sumLogM = sums.reduce(0) { $0 + $1.1 }
  }

  /// The customers in fixed chunks, summed separately (concurrently) and combined in order.
  var chunks: RowChunks { RowChunks(rows: x.count, size: PurchaseData.chunkSize) }
}
