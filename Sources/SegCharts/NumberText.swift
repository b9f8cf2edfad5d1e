import SegCore

/// Locale-free number formatting: `.` decimal point, `,` thousands separator, no `-0`.
///
/// Charts and reports must be byte-for-byte reproducible, so nothing here consults the process
/// locale or Foundation's formatters.
enum NumberText {
  /// `x` with exactly `decimals` digits after the point, rounded half away from zero.
  ///
  /// Non-finite values print as `–` (missing), `∞` and `-∞`. Values too large for exact 64-bit
  /// arithmetic fall back to Swift's shortest round-trip description.
  static func fixed(_ x: Double, decimals: Int, grouping: Bool = true) -> String {
    if x.isNaN { return "–" }
    if x.isInfinite { return x < 0 ? "-∞" : "∞" }
    let d = max(0, min(decimals, 9))
    var scale: Double = 1
    for _ in 0..<d { scale *= 10 }
    let magnitude = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard magnitude < 9.0e15 else { return x.description }
    let n = Int64(magnitude)
    let s = Int64(scale)
    let intPart = n / s
    let fracPart = n % s
    var out = n != 0 && x < 0 ? "-" : ""
    out += grouping ? grouped(intPart) : String(intPart)
    if d > 0 {
      let digits = String(fracPart)
      out += "." + String(repeating: "0", count: d - digits.count) + digits
    }
    return out
  }

  /// A non-negative integer with `,` between groups of three digits.
  static func grouped(_ n: Int64) -> String { ReportFormatting.thousands(n) }

  /// An integer count with thousands separators: `1,234,567`.
  static func count(_ n: Int) -> String { ReportFormatting.thousands(n) }

  /// A count and its noun, plural unless the count is 1: `1 outlier`, `1,234 outliers`.
  static func count(_ n: Int, _ noun: String) -> String {
    count(n) + " " + (n == 1 ? noun : noun + "s")
  }

  /// The fewest decimals (0...6) that print every multiple of `step` exactly.
  static func decimals(forStep step: Double) -> Int {
    guard step.isFinite, step > 0 else { return 0 }
    var scaled = step
    for d in 0...6 {
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return d }
      scaled *= 10
    }
    return 6
  }

  /// A compact coordinate for SVG: one decimal, trailing `.0` dropped, never `-0`.
  static func coordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let tenths = (x * 10).rounded(.toNearestOrAwayFromZero)
    if tenths == 0 { return "0" }
    guard abs(tenths) < 9.0e15 else { return "0" }
    let n = Int64(tenths)
    let sign = n < 0 ? "-" : ""
    let m = n.magnitude
    let whole = m / 10
    let frac = m % 10
    return frac == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
  }
}
