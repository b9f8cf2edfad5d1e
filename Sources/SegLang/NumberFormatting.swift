import SegCore

/// Deterministic, locale-free number formatting for everything seg prints.
///
/// Conventions (documented in docs/language.md):
/// - Whole numbers print without a decimal point: `4`, `-12`, `12346`.
/// - Other numbers are rounded half away from zero to ``fractionDigits`` (4) decimal places, and
///   trailing zeros are dropped: `0.05`, `3.1416`, `2048.2157`.
/// - Magnitudes below 0.0001 (but not zero) or of 1e15 and above print in shortest round-trip
///   scientific form (`1e-07`, `1e+16`).
/// - NaN prints as `missing`; infinities as `inf` and `-inf`.
/// - Counts use ``count(_:)``, which groups thousands with commas: `4,338`.
public enum NumberFormatting {
  /// The number of decimal places shown for non-whole numbers.
  public static let fractionDigits = 4

  /// Formats `value` by the conventions above.
  ///
  /// ```swift
  /// NumberFormatting.format(4.0)      // "4"
  /// NumberFormatting.format(0.05)     // "0.05"
  /// NumberFormatting.format(2.0 / 3)  // "0.6667"
  /// ```
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "missing" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e15 || magnitude < 1e-4 {
      return value.description
    }
    if value.rounded() == value { return String(Int64(value)) }
    let scale = 10_000.0
    let scaled = (magnitude * scale).rounded(.toNearestOrAwayFromZero)
    let whole = Int64(scaled) / 10_000
    var fraction = Int64(scaled) % 10_000
    var digits = fractionDigits
    while digits > 0, fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let sign = value < 0 && scaled > 0 ? "-" : ""
    if digits == 0 { return sign + String(whole) }
    let f = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
  }

  /// Formats a count with thousands separators: `4338` → `4,338`.
  public static func count(_ n: Int) -> String { ReportFormatting.thousands(n) }

  /// Formats a fraction as a percentage with one decimal: `0.1234` → `12.3%`.
  public static func percent(_ fraction: Double) -> String {
    if fraction.isNaN { return "missing" }
    let tenths = (fraction * 1000).rounded(.toNearestOrAwayFromZero)
    let whole = Int64(tenths) / 10
    let frac = abs(Int64(tenths) % 10)
    let sign = tenths < 0 && whole == 0 ? "-" : ""
    return sign + String(whole) + "." + String(frac) + "%"
  }
}
