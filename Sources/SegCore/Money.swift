/// Exact money: fixed point, `Int64` units of 1/10,000 of the currency unit.
///
/// Why this scale: four decimals hold every currency's minor unit (at most three digits: the
/// Bahraini or Kuwaiti fils) and the unit prices that are quoted to a tenth of a cent (fuel,
/// wholesale), and `Int64` then still holds ±922,337,203,685,477 currency units with room for any
/// realistic retailer's totals. One scale for every column keeps sums of different columns (a
/// price column and an amount column, customers from two blocks) directly comparable, with no
/// rescaling in the hot loop.
///
/// Values arrive as the correctly rounded doubles the loader parsed. A value written with at most
/// four decimals and below ``exactLimit`` is recovered exactly from its double: the double is
/// within half an ulp of the written decimal, so `(d × 10,000).rounded()` is that decimal's units,
/// and ``double(_:)`` of those units gives the same double back (which ``units(_:)`` checks).
/// Values with more decimals are rounded half to even to the nearest unit and reported, never
/// rounded silently; values at or beyond the limit are refused.
///
/// Properties: `double(units(d).units) == d` whenever `units(d).exact`; sums of units are exact
/// integers, so a customer who returned everything has a net of exactly 0.
package enum Money {
  /// Units per currency unit.
  package static let scale: Int64 = 10_000
  /// The scale as a double.
  package static let scaleDouble = 10_000.0
  /// Magnitudes below this many currency units (2^50 / 10,000, about 112.6 billion) convert from
  /// a double exactly; larger values are refused (``units(_:)`` returns `nil`).
  package static let exactLimit = Double(1 << 50) / 10_000

  /// The units of a parsed value, and whether the value as written had at most four decimals
  /// (so the units are exact); `nil` for NaN (missing) or a magnitude at or above
  /// ``exactLimit``.
  @inline(__always)
  package static func units(_ d: Double) -> (units: Int64, exact: Bool)? {
    guard abs(d) < exactLimit else { return nil }
    let scaled = d * scaleDouble
    let r = scaled.rounded(.toNearestOrEven)
    let u = Int64(r)
    return (u, Double(u) / scaleDouble == d)
  }

  /// The units as the nearest double (exact when the units are a whole number of currency units,
  /// correctly rounded otherwise: `4310_0000` is `4310.0`, `1_2345` is `1.2345`).
  @inline(__always)
  package static func double(_ units: Int64) -> Double { Double(units) / scaleDouble }

  /// `a / b` for two unit amounts (or a unit amount and a count scaled to units), as the nearest
  /// double: one rounding when both fit in 53 bits.
  @inline(__always)
  package static func ratio(_ a: Int64, _ b: Int64) -> Double { Double(a) / Double(b) }

  /// The line value of `units` of price times an integer quantity; `nil` on overflow.
  @inline(__always)
  package static func times(_ units: Int64, _ quantity: Int64) -> Int64? {
    let (v, o) = units.multipliedReportingOverflow(by: quantity)
    return o ? nil : v
  }

  /// The line value of `price` units times `quantity` units (both scaled), rounded half to even
  /// to a unit, and whether that was exact; `nil` on overflow.
  package static func times(units price: Int64, quantityUnits q: Int64) -> (Int64, exact: Bool)? {
    if q % scale == 0 {
      guard let v = times(price, q / scale) else { return nil }
      return (v, true)
    }
    let (product, o) = price.multipliedReportingOverflow(by: q)
    guard !o else { return nil }
    var quotient = product / scale
    let remainder = product % scale
    if remainder == 0 { return (quotient, true) }
    // Half to even, away from zero for more than half.
    let twice = 2 * abs(remainder)
    if twice > scale || (twice == scale && quotient % 2 != 0) {
      quotient += product < 0 ? -1 : 1
    }
    return (quotient, false)
  }
}
