import Foundation
@testable import SegCore
import Testing

/// The compressed likelihoods: customers with equal (x, t_x, T) summed as one
/// weighted group give the per-customer sum, whatever the order of the customers; and the
/// Pareto/NBD likelihood stays cheap where its fit heads when the data show no dropout.
@Suite struct CLVGroupingTests {
  static func summary() throws -> CLVSummary { try CLVOracleTests.summary() }

  /// The customers in a seeded random order.
  static func shuffled<T>(_ values: [T], seed: UInt64) -> [T] {
    var generator = SeededGenerator(seed: seed)
    var v = values
    v.shuffle(using: &generator)
    return v
  }

  @Test func cdnowHasFewerGroupsThanCustomersAndTheWeightsCountThem() throws {
    let s = try CLVGroupingTests.summary()
    let data = PurchaseData(x: s.frequency, tx: s.recency, age: s.age)
    #expect(data.customers == 2_357)
    #expect(data.weight.reduce(0, +) == 2_357)
    #expect(data.count < 2_357)
    #expect(data.count > 100)
    // Ascending (x, t_x, T), each triple once.
    for i in 1..<data.count {
      #expect((data.x[i - 1], data.tx[i - 1], data.age[i - 1]) < (data.x[i], data.tx[i], data.age[i]))
    }
    for i in 0..<data.count {
      #expect(data.times[Int(data.recencyIndex[i])] == data.tx[i])
      #expect(data.times[Int(data.ageIndex[i])] == data.age[i])
    }
  }

  /// Summing every customer as a group of its own gives the grouped value (to rounding).
  @Test func groupedLikelihoodsEqualTheSumOverCustomers() throws {
    let s = try CLVGroupingTests.summary()
    let data = PurchaseData(x: s.frequency, tx: s.recency, age: s.age)
    let theta = [-1.2, 1.3, -0.3, 0.8]
    let grouped = try #require(BGNBD.logLikelihood(data, logParameters: theta))
    let pareto = [0.55, 10.6, 0.61, 11.7]
    let paretoGrouped = try #require(ParetoNBD.logLikelihood(data, parameters: pareto))
    var value = 0.0
    var gradient = [0.0, 0.0, 0.0, 0.0]
    var paretoValue = 0.0
    for i in 0..<s.count {
      let one = PurchaseData(x: [s.frequency[i]], tx: [s.recency[i]], age: [s.age[i]])
      let l = try #require(BGNBD.logLikelihood(one, logParameters: theta))
      value += l.value
      for k in 0..<4 { gradient[k] += l.gradient[k] }
      paretoValue += try #require(ParetoNBD.logLikelihood(one, parameters: pareto))
    }
    #expect(abs(grouped.value - value) <= 1e-10 * abs(value))
    for k in 0..<4 { #expect(abs(grouped.gradient[k] - gradient[k]) <= 1e-9 * max(1, abs(gradient[k]))) }
    #expect(abs(paretoGrouped - paretoValue) <= 1e-10 * abs(paretoValue))
  }

  /// Same customers in another order: the same groups, bit for bit the same likelihoods and fits.
  @Test func theCustomersOrderDoesNotChangeAnyBit() throws {
    let s = try CLVGroupingTests.summary()
    let order = CLVGroupingTests.shuffled(Array(0..<s.count), seed: 7)
    let data = PurchaseData(x: s.frequency, tx: s.recency, age: s.age)
    let other = PurchaseData(
      x: order.map { s.frequency[$0] }, tx: order.map { s.recency[$0] }, age: order.map { s.age[$0] })
    let theta = [-1.2, 1.3, -0.3, 0.8]
    let a = try #require(BGNBD.logLikelihood(data, logParameters: theta))
    let b = try #require(BGNBD.logLikelihood(other, logParameters: theta))
    #expect(a.value.bitPattern == b.value.bitPattern)
    #expect(a.gradient.map(\.bitPattern) == b.gradient.map(\.bitPattern))
    let fitA = try BGNBD.fit(data, seed: 42)
    let fitB = try BGNBD.fit(other, seed: 42)
    #expect(fitA == fitB)
  }

  static func nearOneCases() throws -> [[String: Double]] {
    let url = try CLVOracleTests.url("hyp2f1_near_one.json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    return (object?["cases"] as? [[String: Any]] ?? []).map { c in
      c.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }
  }

  /// ln ₂F₁(a, b; a + 1; z) near z = 1 equals mpmath's (scripts/oracle_hyp2f1.py) in a few
  /// dozen terms, where the power series would need up to 4·10¹⁰.
  @Test func theHypergeometricFunctionNearOneMatchesMpmath() throws {
    let cases = try CLVGroupingTests.nearOneCases()
    #expect(cases.count > 100)
    var checked = 0
    for c in cases {
      let (a, b, z) = (c["a"] ?? .nan, c["b"] ?? .nan, c["z"] ?? .nan)
      let expected = c["log"] ?? .nan
      let got = try #require(ParetoNBD.logFCounting(a, b, z), "a \(a) b \(b) z \(z)")
      #expect(abs(got.value - expected) <= 1e-11 * max(1, abs(expected)), "a \(a) b \(b) z \(z)")
      #expect(got.terms <= 200)
      checked += 1
    }
    #expect(checked == cases.count)
  }

  /// Where the series still applies (z ≤ 0.98) it also matches, and the two forms agree where
  /// both converge.
  @Test func theSeriesAndTheNearOneFormAgreeWhereBothApply() throws {
    for (a, b) in [(1.3, 0.37), (2.83, 1.5), (7.2, 6.9), (25.4, 0.83)] {
      for z in [0.981, 0.99] {
        let near = try #require(ParetoNBD.logFNearOne(a, b, z))
        let series = try #require(SpecialFunctions.logHypergeometric2F1(a, b, a + 1, z))
        #expect(abs(near.value - series) <= 1e-12 * max(1, abs(series)), "a \(a) b \(b) z \(z)")
      }
    }
  }

  /// At the edge the Pareto/NBD fit heads to without dropout (s → 0, β → ∞), a customer's
  /// likelihood costs a bounded number of series terms: the fit cannot stall there.
  @Test func theParetoLikelihoodAtTheEdgeCostsFewTerms() throws {
    for (s, beta) in [(1e-3, 1e5), (1e-6, 1e8), (1e-9, 1e11)] {
      let (r, alpha) = (0.83, 0.19)
      for x in [0.0, 1, 3, 10, 40] {
        for (tx, age) in [(0.0, 50.0), (0.0, 1.0), (3.5, 40.0), (38.9, 52.0)] where x > 0 || tx == 0 {
          let (low, high, t) = alpha < beta ? (alpha, beta, r + x) : (beta, alpha, s + 1)
          for q in [high + tx, high + age] {
            let f = try #require(ParetoNBD.logFCounting(r + s + x, t, (high - low) / q))
            #expect(f.terms <= 5_000, "x \(x) t_x \(tx) T \(age) s \(s)")
          }
          let ll = ParetoNBD.customerLogLikelihood([r, alpha, s, beta], x: x, tx: tx, age: age)
          #expect(ll.isFinite)
        }
      }
    }
  }

  /// Customers who never drop out (Poisson purchases at gamma-distributed rates): the Pareto/NBD
  /// fit heads to s → 0, β → ∞ and still finishes, either at the boundary (a mean lifetime over
  /// 10⁴ units, which `clv` warns about) or with the not-converged error.
  @Test func aParetoFitWithoutDropoutFinishes() throws {
    var generator = SeededGenerator(seed: 11)
    var x: [Double] = []
    var tx: [Double] = []
    var age: [Double] = []
    for _ in 0..<1_500 {
      // Rate ~ Gamma(2, 1/4) per week, as a sum of two exponentials; 52 weeks minus a start.
      let u1 = max(generator.nextUnitDouble(), 1e-12)
      let u2 = max(generator.nextUnitDouble(), 1e-12)
      let rate = -(log(u1) + log(u2)) / 4
      let span = 20 + Double(Int(generator.nextUnitDouble() * 32))
      var t = 0.0
      var count = 0
      var last = 0.0
      while true {
        t += -log(max(generator.nextUnitDouble(), 1e-12)) / rate
        if t > span { break }
        count += 1
        last = (t * 7).rounded(.down) / 7
      }
      x.append(Double(count))
      tx.append(count > 0 ? last : 0)
      age.append(span)
    }
    let data = PurchaseData(x: x, tx: tx, age: age)
    do {
      let fit = try ParetoNBD.fit(data, seed: 42)
      #expect(fit.converged)
      #expect(fit["beta"] / fit["s"] > 1e4)
    } catch {
      #expect(error.code == .notConverged)
    }
  }
}
