#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The purchase model used for predictions.
public enum CLVModel: String, Sendable, Equatable, CaseIterable {
  case bgnbd, paretonbd

  /// `BG/NBD` or `Pareto/NBD`.
  public var title: String { self == .bgnbd ? "BG/NBD" : "Pareto/NBD" }
}

/// What `clv` computes beyond the summary: the model, the horizon, the discount rate and whether
/// to model spend.
public struct CLVOptions: Sendable, Equatable {
  public var model: CLVModel
  /// The horizon of the predictions, in units.
  public var horizon: Int
  /// The discount rate per unit (0.01 is 1% per unit).
  public var discount: Double
  /// Whether to fit Gamma-Gamma and compute spend and CLV.
  public var spend: Bool
  /// The seed of the optimiser's random starts.
  public var seed: UInt64

  public init(
    model: CLVModel = .bgnbd, horizon: Int, discount: Double = 0, spend: Bool = true,
    seed: UInt64 = SeededGenerator.defaultSeed
  ) {
    self.model = model
    self.horizon = horizon
    self.discount = discount
    self.spend = spend
    self.seed = seed
  }
}

/// The calibration/holdout comparison: per number of calibration repeat purchases (0 … 6, and
/// 7 or more), the customers, their mean actual and mean predicted purchases in the holdout
/// period; the totals; and the mean absolute error per customer.
public struct CLVHoldout: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    /// `0` … `6`, `7+`.
    public var label: String
    public var customers: Int
    public var actualMean: Double
    public var predictedMean: Double
  }
  /// The holdout length in units.
  public var length: Double
  public var rows: [Row]
  public var actualTotal: Double
  public var predictedTotal: Double
  /// Mean over customers of |actual − predicted|.
  public var meanAbsoluteError: Double
}

/// Everything `clv` computes: the summary, the fits, the predictions per customer (in summary
/// order) and the holdout comparison.
public struct CLVResult: Sendable, Equatable {
  public var summary: CLVSummary
  public var options: CLVOptions
  /// The BG/NBD fit (always made).
  public var bgnbd: CLVFit
  /// The Pareto/NBD fit, with `model=paretonbd`.
  public var paretoNBD: CLVFit?
  /// The Gamma-Gamma fit, unless `spend=none`.
  public var gammaGamma: CLVFit?
  /// Pearson correlation between x and zbar over the Gamma-Gamma customers.
  public var spendCorrelation: Double?
  /// Expected purchases over the horizon, P(alive), expected spend per purchase and CLV per
  /// customer. Spend and CLV are NaN with `spend=none`.
  public var expectedPurchases: [Double]
  public var probabilityAlive: [Double]
  public var expectedSpend: [Double]
  public var value: [Double]
  public var holdout: CLVHoldout?

  /// A note when the purchase fit lies at a boundary of its parameter space, where the model
  /// degenerates: BG/NBD with a dropout probability a/(a+b) below 1e-4, or Pareto/NBD with a
  /// mean lifetime β/s over 1e4 units (customers effectively never leave, P(alive) ≈ 1).
  public var boundaryNote: String? {
    let f = purchaseFit
    if options.model == .bgnbd {
      let p = f["a"] / (f["a"] + f["b"])
      guard p < 1e-4 else { return nil }
      return
        "the BG/NBD fit lies at the boundary a → 0, b → ∞ (dropout probability per purchase a/(a+b) = \(CLVFit.short(p))): the data show no sign of customers leaving, so the model reduces to NBD and P(alive) is about 1 for everyone"
    }
    let life = f["beta"] / f["s"]
    guard life > 1e4 else { return nil }
    return
      "the Pareto/NBD fit lies at the boundary s → 0 (mean lifetime β/s = \(CLVFit.short(life)) \(summary.unit.rawValue)s): the data show no sign of customers leaving, so P(alive) is about 1 for everyone"
  }

  /// The fitted parameters of the model used for predictions.
  public var purchaseFit: CLVFit { options.model == .paretonbd ? paretoNBD ?? bgnbd : bgnbd }

  /// Whether the x–zbar correlation is strong enough to doubt Gamma-Gamma's independence
  /// assumption (|ρ| ≥ 0.3).
  public var isSpendCorrelationStrong: Bool { abs(spendCorrelation ?? 0) >= 0.3 }
}

extension CLVResult {
  /// Fits the models to a summary and predicts.
  ///
  /// - Throws: ``CLVError`` when nobody has a repeat purchase, a fit does not converge, or
  ///   Gamma-Gamma's q is 1 or less.
  public static func analyze(_ summary: CLVSummary, options: CLVOptions) throws(CLVError)
    -> CLVResult
  {
    guard options.horizon > 0 else {
      throw CLVError(code: .invalidOption, message: "horizon must be 1 or more units")
    }
    guard options.discount >= 0, options.discount.isFinite else {
      throw CLVError(code: .invalidOption, message: "discount must be a rate of 0 or more")
    }
    guard summary.frequency.contains(where: { $0 > 0 }) else {
      throw CLVError(
        code: .noRepeatPurchases,
        message:
          "nobody has a repeat purchase by the end of the calibration period (\(ReportFormatting.thousands(summary.count)) customers, each with one purchase day)",
        hint: "the models need repeat buyers: choose a later end, or check the date column")
    }
    let data = PurchaseData(x: summary.frequency, tx: summary.recency, age: summary.age)
    let bg = try BGNBD.fit(data, seed: options.seed)
    var pareto: CLVFit? = nil
    if options.model == .paretonbd { pareto = try ParetoNBD.fit(data, seed: options.seed) }
    // Gamma-Gamma.
    var gg: CLVFit? = nil
    var correlation: Double? = nil
    if options.spend {
      let chosen = summary.frequency.indices.filter {
        summary.frequency[$0] > 0 && summary.meanValue[$0] > 0
      }
      let x = chosen.map { summary.frequency[$0] }
      let m = chosen.map { summary.meanValue[$0] }
      guard chosen.count >= 2 else {
        throw CLVError(
          code: .noRepeatPurchases,
          message: "Gamma-Gamma needs at least 2 customers with a repeat purchase, \(chosen.count) found",
          hint: "use \(setting: .spendModel, "none") to predict purchases only")
      }
      let fit = try GammaGamma.fit(x: x, meanValue: m, seed: options.seed)
      guard fit["q"] > 1 else {
        throw CLVError(
          code: .undefinedMeanSpend,
          message:
            "the Gamma-Gamma fit gives q = \(CLVFit.short(fit["q"])) ≤ 1, so the mean spend per purchase is undefined (the spend distribution's tail is too heavy)",
          hint: "set aside extreme spenders (filter, or outliers), or use \(setting: .spendModel, "none")")
      }
      gg = fit
      correlation = pearson(x, m)
    }
    let p = (pareto ?? bg).values
    let isPareto = pareto != nil
    let horizon = Double(options.horizon)
    @Sendable func expected(_ t: Double, _ i: Int) -> Double {
      isPareto
        ? ParetoNBD.expectedPurchases(
          p, t: t, x: summary.frequency[i], tx: summary.recency[i], age: summary.age[i])
        : BGNBD.expectedPurchases(
          p, t: t, x: summary.frequency[i], tx: summary.recency[i], age: summary.age[i])
    }
    let n = summary.count
    let chunks = RowChunks(rows: n)
    let gp = gg?.values
    let discount = options.discount
    let rows = chunks.map { range -> [[Double]] in
      var out = [[Double]](repeating: [], count: 4)
      for i in range {
        let e = expected(horizon, i)
        let alive =
          isPareto
          ? ParetoNBD.probabilityAlive(
            p, x: summary.frequency[i], tx: summary.recency[i], age: summary.age[i])
          : BGNBD.probabilityAlive(
            p, x: summary.frequency[i], tx: summary.recency[i], age: summary.age[i])
        var spend = Double.nan
        var value = Double.nan
        if let gp {
          spend = GammaGamma.expectedSpend(gp, x: summary.frequency[i], meanValue: summary.meanValue[i])
          if discount == 0 {
            value = e * spend
          } else {
            // Purchases unit by unit, each unit's discounted at (1 + d)^k.
            var total = 0.0
            var before = 0.0
            var k = 1
            while k <= options.horizon {
              let now = k == options.horizon ? e : expected(Double(k), i)
              total += (now - before) / pow(1 + discount, Double(k))
              before = now
              k += 1
            }
            value = total * spend
          }
        }
        out[0].append(e)
        out[1].append(alive)
        out[2].append(spend)
        out[3].append(value)
      }
      return out
    }
    var result = CLVResult(
      summary: summary, options: options, bgnbd: bg, paretoNBD: pareto, gammaGamma: gg,
      spendCorrelation: correlation, expectedPurchases: rows.flatMap { $0[0] },
      probabilityAlive: rows.flatMap { $0[1] }, expectedSpend: rows.flatMap { $0[2] },
      value: rows.flatMap { $0[3] }, holdout: nil)
    if summary.holdoutDay != nil {
      let t = summary.holdoutLength
      let predicted = chunks.map { range in range.map { expected(t, $0) } }.flatMap { $0 }
      result.holdout = holdoutTable(summary, predicted: predicted)
    }
    return result
  }

  /// The calibration/holdout table from the predictions over the holdout period.
  static func holdoutTable(_ summary: CLVSummary, predicted: [Double]) -> CLVHoldout {
    var customers = [Int](repeating: 0, count: 8)
    var actual = [Double](repeating: 0, count: 8)
    var expected = [Double](repeating: 0, count: 8)
    var error = 0.0
    for i in predicted.indices {
      let g = min(Int(summary.frequency[i]), 7)
      customers[g] += 1
      let seen: Double = summary.holdoutFrequency[i]
      let guess: Double = predicted[i]
      actual[g] += seen
      expected[g] += guess
      error += abs(seen - guess)
    }
    var rows: [CLVHoldout.Row] = []
    for g in 0..<8 {
      let size = Double(customers[g])
      let label = g == 7 ? "7+" : String(g)
      let actualMean: Double = size > 0 ? actual[g] / size : .nan
      let predictedMean: Double = size > 0 ? expected[g] / size : .nan
      rows.append(
        CLVHoldout.Row(
          label: label, customers: customers[g], actualMean: actualMean,
          predictedMean: predictedMean))
    }
    return CLVHoldout(
      length: summary.holdoutLength, rows: rows, actualTotal: actual.reduce(0, +),
      predictedTotal: expected.reduce(0, +),
      meanAbsoluteError: predicted.isEmpty ? .nan : error / Double(predicted.count))
  }

  /// Pearson's correlation; NaN when either side is constant.
  static func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n
    let mb = b.reduce(0, +) / n
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in a.indices {
      sab += (a[i] - ma) * (b[i] - mb)
      saa += (a[i] - ma) * (a[i] - ma)
      sbb += (b[i] - mb) * (b[i] - mb)
    }
    return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : .nan
  }

  /// The expected purchases over `t` units of a customer with `x`, `t_x` and `T` under the
  /// model used for predictions: the cells of the frequency/recency matrix.
  public func expectedPurchases(t: Double, x: Double, recency: Double, age: Double) -> Double {
    options.model == .paretonbd
      ? ParetoNBD.expectedPurchases(purchaseFit.values, t: t, x: x, tx: recency, age: age)
      : BGNBD.expectedPurchases(purchaseFit.values, t: t, x: x, tx: recency, age: age)
  }

  /// P(alive) of a customer with `x`, `t_x` and `T` under the model used for predictions.
  public func probabilityAlive(x: Double, recency: Double, age: Double) -> Double {
    options.model == .paretonbd
      ? ParetoNBD.probabilityAlive(purchaseFit.values, x: x, tx: recency, age: age)
      : BGNBD.probabilityAlive(purchaseFit.values, x: x, tx: recency, age: age)
  }
}
