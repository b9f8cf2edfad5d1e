internal import Foundation

/// A continuous axis: its domain, ticks, tick labels and value → fraction mapping.
struct ChartAxis: Sendable {
  var lower: Double
  var upper: Double
  var ticks: [Double]
  var isLog: Bool
  var format: ValueFormat
  var step: Double

  /// A linear axis (a date axis when `format` is `.date`).
  static func linear(
    minimum: Double, maximum: Double, format: ValueFormat, maxTicks: Int = 6,
    includeZero: Bool = false, integerSteps: Bool = false
  ) -> ChartAxis {
    if format == .date {
      let s = DateScale(minimum: minimum, maximum: maximum, maxTicks: maxTicks)
      return ChartAxis(
        lower: s.lower, upper: s.upper, ticks: s.ticks, isLog: false, format: format, step: 1)
    }
    let s = NiceScale(
      minimum: minimum, maximum: maximum, maxTicks: maxTicks, includeZero: includeZero,
      integerSteps: integerSteps || format == .integer)
    return ChartAxis(
      lower: s.lower, upper: s.upper, ticks: s.ticks, isLog: false, format: format, step: s.step)
  }

  /// A base-10 logarithmic axis over positive values.
  static func log(minimum: Double, maximum: Double, format: ValueFormat) -> ChartAxis {
    let s = LogScale(minimum: minimum, maximum: maximum)
    return ChartAxis(
      lower: s.lower, upper: s.upper, ticks: s.ticks, isLog: true, format: format,
      step: min(1, s.lower))
  }

  /// Where `value` falls between `lower` (0) and `upper` (1); log axes map log10.
  func fraction(_ value: Double) -> Double {
    if isLog {
      guard value > 0 else { return 0 }
      let a = log10(lower)
      let b = log10(upper)
      return b > a ? (log10(value) - a) / (b - a) : 0
    }
    return upper > lower ? (value - lower) / (upper - lower) : 0
  }

  /// The label of one tick.
  func label(_ tick: Double) -> String {
    if isLog {
      // Decades below 1 need decimals; 1 and above print as whole numbers.
      return format.tick(tick, step: tick >= 1 ? 1 : tick)
    }
    return format.tick(tick, step: step)
  }

  var widestLabel: Double {
    ticks.map { TextMetrics.width(label($0), size: 11) }.max() ?? 0
  }
}

/// A rectangle in SVG user units.
struct Box: Equatable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var maxX: Double { x + width }
  var maxY: Double { y + height }

  /// The x coordinate of `fraction` across the box.
  func px(_ fraction: Double) -> Double { x + fraction * width }
  /// The y coordinate of `fraction` up the box (0 at the bottom).
  func py(_ fraction: Double) -> Double { maxY - fraction * height }
}
