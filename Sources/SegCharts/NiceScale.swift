internal import Foundation

/// Axis ticks at "nice" numbers — 1, 2, 2.5 or 5 times a power of ten — covering a data range.
///
/// Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990): the range is rounded to a
/// nice number, the tick step to a nice fraction of it, and the axis bounds outward to multiples
/// of the step. Degenerate input (empty, constant or non-finite) still gives a usable axis.
struct NiceScale: Equatable, Sendable {
  /// The axis start, a multiple of `step` at or below the data minimum.
  var lower: Double
  /// The axis end, a multiple of `step` at or above the data maximum.
  var upper: Double
  /// The distance between ticks.
  var step: Double

  /// A scale for data between `minimum` and `maximum` with at most about `maxTicks` ticks.
  ///
  /// With `includeZero` the range extends to 0 (bar charts must start at zero); with
  /// `integerSteps` the step is never below 1 (counts, k).
  init(
    minimum: Double, maximum: Double, maxTicks: Int = 6, includeZero: Bool = false,
    integerSteps: Bool = false
  ) {
    var lo = minimum.isFinite ? minimum : 0
    var hi = maximum.isFinite ? maximum : lo
    if lo > hi { swap(&lo, &hi) }
    if includeZero {
      lo = min(lo, 0)
      hi = max(hi, 0)
    }
    if hi - lo < max(abs(hi), abs(lo), 1) * 1e-12 {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      if !(includeZero && lo == 0) { lo -= pad }
      hi += pad
      if includeZero && minimum >= 0 { lo = max(lo, 0) }
    }
    let ticks = max(2, maxTicks)
    let range = Self.niceNumber(hi - lo, round: false)
    var step = Self.niceNumber(range / Double(ticks - 1), round: true)
    if integerSteps { step = max(1, step.rounded(.up)) }
    self.step = step
    self.lower = (lo / step).rounded(.down) * step
    self.upper = (hi / step).rounded(.up) * step
  }

  /// The tick values from `lower` to `upper`, each computed as an integer multiple of `step`
  /// (never by repeated addition) and rounded to the step's decimals.
  var ticks: [Double] {
    let first = Int((lower / step).rounded())
    let last = Int((upper / step).rounded())
    guard last >= first, last - first <= 1000 else { return [lower, upper] }
    let d = NumberText.decimals(forStep: step)
    var scale: Double = 1
    for _ in 0..<d { scale *= 10 }
    return (first...last).map { i in
      let v = (Double(i) * step * scale).rounded() / scale
      return v == 0 ? 0 : v
    }
  }

  /// The nice number closest to `x` (`round`) or the smallest nice number at least `x`.
  static func niceNumber(_ x: Double, round: Bool) -> Double {
    guard x > 0, x.isFinite else { return 1 }
    let power = pow10(floorLog10(x))
    let f = x / power
    let nice: Double
    if round {
      nice = f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10
    } else {
      nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
    }
    return nice * power
  }

  /// The largest `e` with `10^e <= x`, exact at powers of ten (where `log10` may be off by an ulp).
  static func floorLog10(_ x: Double) -> Int {
    guard x > 0, x.isFinite else { return 0 }
    var e = Int(log10(x).rounded(.down))
    if pow10(e + 1) <= x { e += 1 }
    if pow10(e) > x { e -= 1 }
    return e
  }

  /// Exact powers of ten for moderate exponents (repeated multiplication, no `pow` rounding).
  static func pow10(_ e: Int) -> Double {
    var r: Double = 1
    if e >= 0 {
      for _ in 0..<min(e, 308) { r *= 10 }
    } else {
      for _ in 0..<min(-e, 308) { r /= 10 }
    }
    return r
  }
}

/// Ticks for a base-10 logarithmic axis: whole decades, with 2 and 5 between them when the data
/// spans fewer than three decades.
struct LogScale: Equatable, Sendable {
  var lowerExponent: Int
  var upperExponent: Int

  /// A scale covering the positive range `minimum...maximum`; non-positive input gives 1...10.
  init(minimum: Double, maximum: Double) {
    let lo = minimum > 0 && minimum.isFinite ? minimum : 1
    let hi = maximum > 0 && maximum.isFinite ? max(maximum, lo) : max(lo, 10)
    lowerExponent = NiceScale.floorLog10(lo)
    let top = NiceScale.floorLog10(hi)
    upperExponent = max(lowerExponent + 1, NiceScale.pow10(top) == hi ? top : top + 1)
  }

  var lower: Double { NiceScale.pow10(lowerExponent) }
  var upper: Double { NiceScale.pow10(upperExponent) }

  var ticks: [Double] {
    let decades = upperExponent - lowerExponent
    var out: [Double] = []
    for e in lowerExponent...upperExponent {
      let p = NiceScale.pow10(e)
      out.append(p)
      if decades < 3 && e < upperExponent {
        out.append(2 * p)
        out.append(5 * p)
      }
    }
    return out
  }
}

/// Ticks for a date axis (values are days since 1970-01-01): day steps for short spans, else the
/// first of every 1, 2, 3, 6 or 12 months.
struct DateScale: Equatable, Sendable {
  var lower: Double
  var upper: Double
  var ticks: [Double]

  init(minimum: Double, maximum: Double, maxTicks: Int = 6) {
    let lo = minimum.isFinite ? minimum.rounded(.down) : 0
    let hi = maximum.isFinite ? max(maximum.rounded(.up), lo + 1) : lo + 1
    let span = hi - lo
    if span <= 62 {
      let steps: [Double] = [1, 2, 7, 14]
      let step = steps.first { span / $0 <= Double(maxTicks) } ?? 28
      lower = (lo / step).rounded(.down) * step
      upper = (hi / step).rounded(.up) * step
      ticks = stride(from: lower, through: upper, by: step).map { $0 }
      return
    }
    let first = CivilDate(daysSinceEpoch: Int(lo))
    let last = CivilDate(daysSinceEpoch: Int(hi))
    let months = (last.year - first.year) * 12 + last.month - first.month + 1
    let monthSteps = [1, 2, 3, 6, 12, 24, 60, 120]
    // Aligning the first tick to the step can add one interval, hence the + 1.
    let stepMonths = monthSteps.first { (months + $0 - 1) / $0 + 1 <= maxTicks } ?? 240
    // Start at the tick month at or before the minimum, aligned to the step from January.
    var index = first.year * 12 + (first.month - 1)
    index -= ((index % stepMonths) + stepMonths) % stepMonths
    var out: [Double] = []
    while true {
      let date = CivilDate(year: index / 12, month: index % 12 + 1, day: 1)
      let d = Double(date.daysSinceEpoch)
      out.append(d)
      if d >= hi { break }
      index += stepMonths
    }
    ticks = out
    lower = out.first ?? lo
    upper = out.last ?? hi
  }
}
