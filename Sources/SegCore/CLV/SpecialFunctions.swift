#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The special functions the buy-till-you-die likelihoods need: log-gamma, digamma and the Gauss
/// hypergeometric function ₂F₁, the last in logs so that large parameters do not overflow.
enum SpecialFunctions {
  /// ln Γ(x) for x > 0 (the reentrant C library function: no shared sign variable).
  static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }

  /// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the
  /// asymptotic series, accurate to about 1e-15.
  static func digamma(_ x: Double) -> Double {
    guard x > 0, x.isFinite else { return .nan }
    var v = x
    var shift = 0.0
    while v < 6 {
      shift -= 1 / v
      v += 1
    }
    let inv = 1 / v
    let inv2 = inv * inv
    let series =
      inv2
      * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))))
    return shift + log(v) - 0.5 * inv - series
  }

  /// ln ₂F₁(a, b; c; z) for 0 ≤ z < 1 and c > 0, by the power series summed with rescaling, so
  /// that a sum beyond the range of `Double` still has a finite logarithm.
  ///
  /// Returns `nil` when the series does not settle within `maximumTerms` terms or the sum is not
  /// positive (the callers' sums are: their terms are positive, or the sum is a probability).
  static func logHypergeometric2F1(
    _ a: Double, _ b: Double, _ c: Double, _ z: Double, maximumTerms: Int = 1_000_000
  ) -> Double? {
    logHypergeometric2F1Counting(a, b, c, z, maximumTerms: maximumTerms)?.value
  }

  /// ``logHypergeometric2F1(_:_:_:_:maximumTerms:)`` and the number of terms summed.
  static func logHypergeometric2F1Counting(
    _ a: Double, _ b: Double, _ c: Double, _ z: Double, maximumTerms: Int = 1_000_000
  ) -> (value: Double, terms: Int)? {
    guard z >= 0, z < 1, c > 0 else { return nil }
    if z == 0 { return (0, 0) }
    var sum = 1.0
    var term = 1.0
    var scale = 0.0
    let big = 0x1p600
    var n = 0.0
    var k = 0
    while k < maximumTerms {
      let ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z
      term *= ratio
      sum += term
      n += 1
      k += 1
      if abs(sum) > big {
        sum /= big
        term /= big
        scale += 600 * M_LN2
      }
      // Stop once the terms fall (the ratio tends to z < 1) and the geometric bound on the rest,
      // |term| · ratio / (1 − ratio), is negligible.
      if term == 0 { break }
      if abs(ratio) < 1 && abs(term) / (1 - abs(ratio)) <= abs(sum) * 1e-17 { break }
    }
    guard k < maximumTerms, sum > 0, sum.isFinite else { return nil }
    return (log(sum) + scale, k)
  }

  /// ln(eᵃ + eᵇ) without overflow.
  static func logAddExp(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    let m = max(a, b)
    return m + log1p(exp(-abs(a - b)))
  }

  /// ln(eᵃ − eᵇ) for a > b, without overflow; −∞ when a == b.
  static func logSubExp(_ a: Double, _ b: Double) -> Double {
    if b == -.infinity { return a }
    return a + log(-expm1(b - a))
  }
}
