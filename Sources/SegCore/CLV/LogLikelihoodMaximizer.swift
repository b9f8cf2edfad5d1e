#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// A deterministic maximum-likelihood optimiser over log-parameters: BFGS with a backtracking
/// (Armijo) line search, started from several seeded points, best converged start kept.
///
/// The objective is the mean negative log-likelihood per customer as a function of the
/// logarithms of the parameters, so every parameter stays positive and the search is unbounded.
/// A start converges when the largest gradient component falls below ``gradientTolerance``, or
/// when the objective stops moving (five steps each gaining less than 1e-14 relatively, the
/// precision of the sums) with every gradient component below 1000 × ``gradientTolerance``; one
/// whose parameters run off (|log θ| > 30), whose objective is not finite, or that uses up
/// ``maximumIterations`` does not.
struct LogLikelihoodMaximizer: Sendable {
  /// The mean negative log-likelihood and its gradient with respect to the log-parameters, or
  /// `nil` where they are not finite.
  typealias Objective = @Sendable ([Double]) -> (value: Double, gradient: [Double])?

  var maximumIterations = 500
  var gradientTolerance = 1e-9
  /// Starts: the first at all parameters 1 (log 0), the others drawn uniformly in
  /// [−2, 2] per log-parameter from the seeded generator.
  var starts = 4

  /// One start's outcome.
  struct Outcome: Sendable {
    var logParameters: [Double]
    var value: Double
    var iterations: Int
    var converged: Bool
    /// Why a start did not converge.
    var failure: String?
  }

  /// Runs every start and returns the best converged outcome (lowest objective), else the best
  /// one, with the number of starts that converged.
  func maximize(
    dimension: Int, seed: UInt64, objective: Objective
  ) -> (best: Outcome, convergedStarts: Int) {
    var generator = SeededGenerator(seed: seed)
    var points: [[Double]] = [Array(repeating: 0, count: dimension)]
    for _ in 1..<max(starts, 1) {
      points.append((0..<dimension).map { _ in generator.nextUnitDouble() * 4 - 2 })
    }
    // The starts run concurrently; their outcomes are compared in start order.
    let starting = points
    let outcomes = Parallel.map(starting.count) { k in run(from: starting[k], objective: objective) }
    var best: Outcome? = nil
    var converged = 0
    for o in outcomes {
      if o.converged { converged += 1 }
      if let b = best {
        let better =
          (o.converged && !b.converged)
          || (o.converged == b.converged && o.value < b.value)
        if better { best = o }
      } else {
        best = o
      }
    }
    // `points` is never empty, so `best` is set.
    return (best ?? Outcome(logParameters: points[0], value: .nan, iterations: 0, converged: false), converged)
  }

  /// BFGS from `start`.
  func run(from start: [Double], objective: Objective) -> Outcome {
    let n = start.count
    var x = start
    guard var (f, g) = objective(x) else {
      return Outcome(
        logParameters: x, value: .infinity, iterations: 0, converged: false,
        failure: "the likelihood is not finite at the starting point")
    }
    // Inverse Hessian approximation, row-major.
    var h = [Double](repeating: 0, count: n * n)
    for i in 0..<n { h[i * n + i] = 1 }
    var iteration = 0
    var stalled = 0
    while iteration < maximumIterations {
      if g.allSatisfy({ abs($0) < gradientTolerance }) {
        return Outcome(logParameters: x, value: f, iterations: iteration, converged: true)
      }
      iteration += 1
      var d = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var s = 0.0
        for j in 0..<n { s -= h[i * n + j] * g[j] }
        d[i] = s
      }
      var slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
      if !(slope < 0) {
        // Not a descent direction: restart from steepest descent.
        for i in 0..<n * n { h[i] = 0 }
        for i in 0..<n { h[i * n + i] = 1 }
        d = g.map { -$0 }
        slope = -g.reduce(0) { $0 + $1 * $1 }
      }
      // Steps of at most 2 in any log-parameter keep the trial points finite.
      let longest = d.reduce(0) { max($0, abs($1)) }
      var step = longest > 2 ? 2 / longest : 1
      var accepted: (x: [Double], f: Double, g: [Double])? = nil
      for _ in 0..<60 {
        let trial = zip(x, d).map { $0 + step * $1 }
        if let (ft, gt) = objective(trial), ft <= f + 1e-4 * step * slope {
          accepted = (trial, ft, gt)
          break
        }
        step *= 0.5
      }
      guard let next = accepted else {
        // No decrease along a descent direction: at the precision limit. Converged when the
        // gradient is small relative to the tolerance, else stuck.
        let ok = g.allSatisfy { abs($0) < gradientTolerance * 1e3 }
        return Outcome(
          logParameters: x, value: f, iterations: iteration, converged: ok,
          failure: ok ? nil : "the line search found no decrease")
      }
      let s = zip(next.x, x).map { $0 - $1 }
      let y = zip(next.g, g).map { $0 - $1 }
      // Progress below the precision of the sums, several times over: the maximum, when the
      // gradient is nearly flat too.
      stalled = f - next.f <= 1e-14 * max(1, abs(f)) ? stalled + 1 : 0
      (x, f, g) = (next.x, next.f, next.g)
      if stalled >= 5 {
        let ok = g.allSatisfy { abs($0) < gradientTolerance * 1e3 }
        return Outcome(
          logParameters: x, value: f, iterations: iteration, converged: ok,
          failure: ok ? nil : "no progress while the gradient is not flat")
      }
      if let far = x.firstIndex(where: { abs($0) > 30 }) {
        return Outcome(
          logParameters: x, value: f, iterations: iteration, converged: false,
          failure: "parameter \(far + 1) ran off to \(x[far] > 0 ? "infinity" : "zero")")
      }
      let sy = zip(s, y).reduce(0) { $0 + $1.0 * $1.1 }
      guard sy > 1e-300 else { continue }
      // BFGS update of the inverse Hessian.
      var hy = [Double](repeating: 0, count: n)
      for i in 0..<n {
        var v = 0.0
        for j in 0..<n { v += h[i * n + j] * y[j] }
        hy[i] = v
      }
      let yhy = zip(y, hy).reduce(0) { $0 + $1.0 * $1.1 }
      let rho = 1 / sy
      for i in 0..<n {
        for j in 0..<n {
          h[i * n + j] += (1 + yhy * rho) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j])
        }
      }
    }
    return Outcome(
      logParameters: x, value: f, iterations: iteration, converged: false,
      failure: "no convergence in \(maximumIterations) iterations")
  }
}

/// The outcome of a maximum-likelihood fit: the parameters on their natural scale, the
/// log-likelihood (a sum over customers), iterations and whether it converged.
public struct CLVFit: Sendable, Equatable {
  /// Parameter names in order (`r`, `alpha`, `a`, `b`).
  public var names: [String]
  /// Parameter values, in the order of ``names``.
  public var values: [Double]
  /// The log-likelihood at ``values``, summed over the customers fitted.
  public var logLikelihood: Double
  /// BFGS iterations of the start kept.
  public var iterations: Int
  /// Whether the start kept converged.
  public var converged: Bool
  /// Starts tried and starts that converged.
  public var starts: Int
  public var convergedStarts: Int
  /// Customers fitted.
  public var customers: Int

  /// A parameter value to 4 significant digits, for messages.
  static func short(_ v: Double) -> String {
    guard v.isFinite, v != 0 else { return String(v) }
    let digits = 3 - Int((log10(abs(v))).rounded(.down))
    let scale = pow(10, Double(max(min(digits, 12), -12)))
    return String((v * scale).rounded() / scale)
  }

  /// The value of the parameter called `name`.
  public subscript(name: String) -> Double {
    names.firstIndex(of: name).map { values[$0] } ?? .nan
  }
}

extension LogLikelihoodMaximizer {
  /// What to try when `model` did not converge.
  static func notConvergedHint(model: String, failure: String?) -> Remark {
    guard model == "Gamma-Gamma" else {
      return
        "the data may not support the model: check the summary (few repeat purchases, a very short period), try another unit, or model=\(model == "BG/NBD" ? "paretonbd" : "bgnbd")"
    }
    if failure?.hasPrefix("parameter 1 ran off to infinity") == true {
      return
        "p grows without bound when each customer's purchase days have nearly the same value: the spread the model needs is not in the data, and its estimate would be each customer's own mean; fit without it with \(setting: .spendModel, "none")"
    }
    return
      "the repeat customers' mean spend may not follow a gamma mixture (check for a few extreme customers); fit without it with \(setting: .spendModel, "none")"
  }

  /// Fits and turns the outcome into a ``CLVFit``, or throws ``CLVError/Code/notConverged``.
  func fit(
    model: String, names: [String], customers: Int, seed: UInt64, objective: Objective
  ) throws(CLVError) -> CLVFit {
    let (best, convergedStarts) = maximize(dimension: names.count, seed: seed, objective: objective)
    let values = best.logParameters.map { exp($0) }
    guard best.converged else {
      let shown = zip(names, values).map { "\($0) = \(CLVFit.short($1))" }
      throw CLVError(
        code: .notConverged,
        message:
          "the \(model) fit did not converge from any of \(starts) starts (\(best.failure ?? "no convergence"); last point \(shown.joined(separator: ", ")))",
        hint: Self.notConvergedHint(model: model, failure: best.failure))
    }
    return CLVFit(
      names: names, values: values, logLikelihood: -best.value * Double(customers),
      iterations: best.iterations, converged: true, starts: starts,
      convergedStarts: convergedStarts, customers: customers)
  }
}
