import Foundation
@testable import SegCore
import Testing

/// `clv` against the CDNOW replication: the summary equals the published one for every customer,
/// the fits match the published parameters and lifetimes 0.11.3, and the predictions match
/// lifetimes' formulas (`scripts/oracle_clv.py` wrote the fixtures under `Fixtures/clv`).
@Suite struct CLVOracleTests {
  struct Missing: Error {}

  static func url(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/clv")
    else { throw Missing() }
    return url
  }

  /// The CDNOW sample as `load "CDNOW_sample.txt" header=false columns=[...]` reads it.
  static func loadSample() throws -> LoadedTable {
    var options = LoadOptions()
    options.columnNames = ["id", "customer", "date", "cds", "dollars"]
    options.dateFormat = DateFormat("%Y%m%d")
    options.roles = [.customer: "customer", .date: "date", .amount: "dollars"]
    return try TableLoader.load(path: url("CDNOW_sample.txt").path, options: options)
  }

  static let end = CivilCalendar.day(ofSeconds: CivilCalendar.parseISO("1997-09-30") ?? 0)
  static let holdout = CivilCalendar.day(ofSeconds: CivilCalendar.parseISO("1998-06-30") ?? 0)

  static func summary() throws -> CLVSummary {
    let loaded = try loadSample()
    return try CLVSummary.compute(
      loaded.table, roles: loaded.roles, unit: .week, end: end, holdout: holdout,
      countsFreeDays: true)
  }

  static func reference() -> [String: Any] {
    guard let url = try? url("cdnow_reference.json"), let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object
  }

  static func numbers(_ model: String, _ key: String) -> [Double] {
    ((reference()[model] as? [String: Any])?[key] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue }
  }

  static func number(_ model: String, _ key: String) -> Double {
    ((reference()[model] as? [String: Any])?[key] as? NSNumber)?.doubleValue ?? .nan
  }

  /// Rounds to `places` decimals, as a published figure.
  static func rounded(_ v: Double, _ places: Int) -> Double {
    let s = pow(10, Double(places))
    return (v * s).rounded() / s
  }

  @Test func theHeaderlessWhitespaceFileLoads() throws {
    let loaded = try CLVOracleTests.loadSample()
    #expect(loaded.table.rowCount == 6_919)
    #expect(loaded.table.columnNames == ["id", "customer", "date", "cds", "dollars"])
    #expect(loaded.table["date"]?.type == .datetime)
    #expect(loaded.table["dollars"]?.type == .decimal)
  }

  @Test func theSummaryEqualsThePublishedOneForEveryCustomer() throws {
    let s = try CLVOracleTests.summary()
    let text = try String(contentsOf: CLVOracleTests.url("cdnow_summary.csv"), encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).dropFirst().map {
      $0.split(separator: ",").compactMap { Double($0) }
    }
    #expect(rows.count == 2_357)
    #expect(s.count == 2_357)
    // The file writes ids zero-padded (00001), which seg keeps as text; the published table
    // has them as numbers.
    let ids = (0..<s.count).map { Int(s.customers.text(at: $0) ?? "") ?? -1 }
    var mismatches = 0
    for (i, row) in rows.enumerated() where row.count == 5 && i < s.count {
      let ok =
        Double(ids[i]) == row[0] && s.frequency[i] == row[1]
        && abs(s.recency[i] - row[2]) <= 0.005 + 1e-9 && abs(s.age[i] - row[3]) <= 0.005 + 1e-9
        && abs(s.meanValue[i] - row[4]) <= 0.005 + 1e-9
      if !ok {
        mismatches += 1
        if mismatches <= 5 {
          Issue.record(
            "customer \(ids[i]): seg \(s.frequency[i]) \(s.recency[i]) \(s.age[i]) \(s.meanValue[i]), published \(row)"
          )
        }
      }
    }
    #expect(mismatches == 0)
    #expect(s.excludedNonPositive == 0)
    #expect(s.startingAfterEnd == 0)
  }

  @Test func theHoldoutPurchasesMatchTheOracleCount() throws {
    let s = try CLVOracleTests.summary()
    let actual = (CLVOracleTests.reference()["holdout_actual"] as? [Any] ?? []).compactMap {
      ($0 as? NSNumber)?.doubleValue
    }
    #expect(actual.count == 2_357)
    #expect(s.holdoutFrequency.count == actual.count)
    #expect(zip(s.holdoutFrequency, actual).filter { $0 != $1 }.count == 0)
    #expect(s.holdoutLength == 39)
  }

  static let result: CLVResult? = {
    guard let s = try? summary() else { return nil }
    return try? CLVResult.analyze(s, options: CLVOptions(model: .paretonbd, horizon: 52))
  }()

  @Test func bgnbdMatchesThePublishedFit() throws {
    let fit = try #require(CLVOracleTests.result).bgnbd
    #expect(fit.converged)
    #expect(CLVOracleTests.rounded(fit["r"], 3) == 0.243)
    #expect(CLVOracleTests.rounded(fit["alpha"], 3) == 4.414)
    #expect(CLVOracleTests.rounded(fit["a"], 3) == 0.793)
    #expect(CLVOracleTests.rounded(fit["b"], 3) == 2.426)
    #expect(CLVOracleTests.rounded(fit.logLikelihood, 1) == -9582.4)
    // lifetimes fitted the published summary, rounded to 2 decimals: close, not equal.
    #expect(abs(fit.logLikelihood - CLVOracleTests.number("bgnbd", "loglik")) < 0.01)
  }

  @Test func paretoNBDMatchesThePublishedFit() throws {
    let result = try #require(CLVOracleTests.result)
    let fit = try #require(result.paretoNBD)
    #expect(fit.converged)
    #expect(CLVOracleTests.rounded(fit["r"], 3) == 0.553)
    #expect(CLVOracleTests.rounded(fit["alpha"], 3) == 10.578)
    #expect(CLVOracleTests.rounded(fit["s"], 3) == 0.606)
    #expect(CLVOracleTests.rounded(fit["beta"], 3) == 11.669)
    #expect(CLVOracleTests.rounded(fit.logLikelihood, 1) == -9595.0)
    #expect(abs(fit.logLikelihood - CLVOracleTests.number("pareto_nbd", "loglik")) < 0.01)
  }

  @Test func gammaGammaMatchesThePublishedFit() throws {
    let result = try #require(CLVOracleTests.result)
    let fit = try #require(result.gammaGamma)
    #expect(fit.customers == 946)
    #expect(CLVOracleTests.rounded(fit["p"], 2) == 6.25)
    #expect(CLVOracleTests.rounded(fit["q"], 2) == 3.74)
    #expect(CLVOracleTests.rounded(fit["gamma"], 2) == 15.44)
    #expect(abs(fit.logLikelihood - CLVOracleTests.number("gamma_gamma", "loglik")) < 0.01)
  }

  /// Fitted to the published summary itself, seg finds lifetimes' optimum: the same
  /// log-likelihood function (equal at lifetimes' parameters) and a maximum at least as high.
  @Test func onThePublishedSummarySegReachesLifetimesOptimum() throws {
    let text = try String(contentsOf: CLVOracleTests.url("cdnow_summary.csv"), encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).dropFirst().map {
      $0.split(separator: ",").compactMap { Double($0) }
    }
    let data = PurchaseData(x: rows.map { $0[1] }, tx: rows.map { $0[2] }, age: rows.map { $0[3] })
    let bg = ["r", "alpha", "a", "b"].map { CLVOracleTests.number("bgnbd", $0) }
    let bgLL = CLVOracleTests.number("bgnbd", "loglik")
    let atLifetimes = try #require(BGNBD.logLikelihood(data, logParameters: bg.map { log($0) }))
    #expect(abs(atLifetimes.value - bgLL) < 1e-8 * abs(bgLL))
    let bgFit = try BGNBD.fit(data, seed: 42)
    #expect(bgFit.logLikelihood >= bgLL - 1e-6)
    for (a, b) in zip(bgFit.values, bg) { #expect(abs(a - b) < 1e-3 * b) }

    let pn = ["r", "alpha", "s", "beta"].map { CLVOracleTests.number("pareto_nbd", $0) }
    let pnLL = CLVOracleTests.number("pareto_nbd", "loglik")
    let pnAt = try #require(ParetoNBD.logLikelihood(data, parameters: pn))
    #expect(abs(pnAt - pnLL) < 1e-8 * abs(pnLL))
    // lifetimes' Pareto/NBD point is a maximum of seg's likelihood too (flat in every
    // log-parameter); refitting would repeat paretoNBDMatchesThePublishedFit at twice the cost.
    for k in 0..<4 {
      var up = pn
      var down = pn
      up[k] *= exp(1e-4)
      down[k] *= exp(-1e-4)
      let fu = try #require(ParetoNBD.logLikelihood(data, parameters: up))
      let fd = try #require(ParetoNBD.logLikelihood(data, parameters: down))
      #expect(abs(fu - fd) / 2e-4 < 0.05)
      #expect(fu <= pnAt + 1e-6 && fd <= pnAt + 1e-6)
    }

    let chosen = rows.filter { $0[1] > 0 && $0[4] > 0 }
    let gg = ["p", "q", "gamma"].map { CLVOracleTests.number("gamma_gamma", $0) }
    let ggLL = CLVOracleTests.number("gamma_gamma", "loglik")
    let x = chosen.map { $0[1] }
    let m = chosen.map { $0[4] }
    let ggAt = try #require(
      GammaGamma.logLikelihood(SpendData(x: x, meanValue: m), logParameters: gg.map { log($0) }))
    #expect(abs(ggAt.value - ggLL) < 1e-8 * abs(ggLL))
    let ggFit = try GammaGamma.fit(x: x, meanValue: m, seed: 42)
    #expect(ggFit.logLikelihood >= ggLL - 1e-6)
    for (a, b) in zip(ggFit.values, gg) { #expect(abs(a - b) < 1e-3 * b) }
  }

  /// The analytic BG/NBD and Gamma-Gamma gradients equal central differences.
  @Test func analyticGradientsMatchDifferences() throws {
    let s = try CLVOracleTests.summary()
    let data = PurchaseData(x: s.frequency, tx: s.recency, age: s.age)
    let theta = [-1.2, 1.3, -0.3, 0.8]
    let g = try #require(BGNBD.logLikelihood(data, logParameters: theta)).gradient
    for k in 0..<4 {
      var up = theta
      var down = theta
      up[k] += 1e-6
      down[k] -= 1e-6
      let fu = try #require(BGNBD.logLikelihood(data, logParameters: up)).value
      let fd = try #require(BGNBD.logLikelihood(data, logParameters: down)).value
      #expect(abs((fu - fd) / 2e-6 - g[k]) < 1e-4 * max(1, abs(g[k])))
    }
    let chosen = s.frequency.indices.filter { s.frequency[$0] > 0 }
    let x = chosen.map { s.frequency[$0] }
    let m = chosen.map { s.meanValue[$0] }
    let phi = [1.8, 1.3, 2.7]
    let gg = try #require(GammaGamma.logLikelihood(SpendData(x: x, meanValue: m), logParameters: phi))
    for k in 0..<3 {
      var up = phi
      var down = phi
      up[k] += 1e-6
      down[k] -= 1e-6
      let fu = try #require(GammaGamma.logLikelihood(SpendData(x: x, meanValue: m), logParameters: up)).value
      let fd = try #require(GammaGamma.logLikelihood(SpendData(x: x, meanValue: m), logParameters: down)).value
      #expect(abs((fu - fd) / 2e-6 - gg.gradient[k]) < 1e-4 * max(1, abs(gg.gradient[k])))
    }
  }

  /// The predictions with lifetimes' own parameters equal lifetimes' predictions (on the
  /// published summary), so the formulas agree whatever the optimiser.
  @Test func predictionsMatchLifetimesFormulas() throws {
    let text = try String(contentsOf: CLVOracleTests.url("cdnow_summary.csv"), encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).dropFirst().map {
      $0.split(separator: ",").compactMap { Double($0) }
    }
    let bg = ["r", "alpha", "a", "b"].map { CLVOracleTests.number("bgnbd", $0) }
    let pn = ["r", "alpha", "s", "beta"].map { CLVOracleTests.number("pareto_nbd", $0) }
    let gg = ["p", "q", "gamma"].map { CLVOracleTests.number("gamma_gamma", $0) }
    let bgHoldout = CLVOracleTests.numbers("bgnbd", "expected_holdout")
    let bg52 = CLVOracleTests.numbers("bgnbd", "expected_52")
    let bgAlive = CLVOracleTests.numbers("bgnbd", "p_alive")
    let pnHoldout = CLVOracleTests.numbers("pareto_nbd", "expected_holdout")
    let pnAlive = CLVOracleTests.numbers("pareto_nbd", "p_alive")
    let spend = CLVOracleTests.numbers("gamma_gamma", "expected_spend")
    #expect(bgHoldout.count == rows.count && pnAlive.count == rows.count && spend.count == rows.count)
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
    var worst = 0
    for (i, row) in rows.enumerated() where i < bgHoldout.count {
      let (x, tx, t) = (row[1], row[2], row[3])
      let checks = [
        close(BGNBD.expectedPurchases(bg, t: 39, x: x, tx: tx, age: t), bgHoldout[i]),
        close(BGNBD.expectedPurchases(bg, t: 52, x: x, tx: tx, age: t), bg52[i]),
        close(BGNBD.probabilityAlive(bg, x: x, tx: tx, age: t), bgAlive[i]),
        close(ParetoNBD.expectedPurchases(pn, t: 39, x: x, tx: tx, age: t), pnHoldout[i]),
        close(ParetoNBD.probabilityAlive(pn, x: x, tx: tx, age: t), pnAlive[i]),
        close(GammaGamma.expectedSpend(gg, x: x, meanValue: row[4]), spend[i]),
      ]
      if checks.contains(false) {
        worst += 1
        if worst <= 3 { Issue.record("customer \(row[0]): \(checks)") }
      }
    }
    #expect(worst == 0)
  }

  @Test func theJSONExportHasBothFitsAndTheHoldout() throws {
    let result = try #require(CLVOracleTests.result)
    let text = result.jsonText()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == ["unit", "end", "customers", "bgnbd", "pareto_nbd", "gamma_gamma", "holdout"])
    let pn = try #require(object["pareto_nbd"] as? [String: Any])
    #expect(Set(pn.keys) == ["r", "alpha", "s", "beta", "loglik", "converged"])
    #expect(text.contains("\"beta\": \(try #require(result.paretoNBD)["beta"])"))
    #expect(object["customers"] as? Int == 2_357)
    #expect(object["end"] as? String == "1997-09-30")
  }

  @Test func theHoldoutTableCoversEveryCustomer() throws {
    let result = try #require(CLVOracleTests.result)
    let h = try #require(result.holdout)
    #expect(h.rows.map(\.label) == ["0", "1", "2", "3", "4", "5", "6", "7+"])
    #expect(h.rows.reduce(0) { $0 + $1.customers } == 2_357)
    #expect(h.actualTotal == result.summary.holdoutFrequency.reduce(0, +))
    #expect(h.meanAbsoluteError > 0)
  }
}
