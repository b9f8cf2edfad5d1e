/// How a chart prints the values of one axis, bar label or table cell.
///
/// Formatting never depends on the process locale: the decimal point is `.`, thousands are
/// separated by `,`, and negative zero prints as `0`, so charts are reproducible byte for byte.
/// NaN (a missing value) prints as `–`.
///
/// ```swift
/// ValueFormat.pounds.format(1234.5)          // "£1,234.50"
/// ValueFormat.integer.format(1234567)        // "1,234,567"
/// ValueFormat.percent.format(0.421)          // "42.1%"
/// ValueFormat.date.format(15_317)            // "2011-12-09"
/// ```
public enum ValueFormat: Sendable, Equatable, Hashable {
  /// A plain number with `decimals` digits after the point; `nil` chooses by magnitude (0 at or
  /// above 100, 1 at or above 10, 2 at or above 1, else 3). Tick labels always use the fewest
  /// decimals their step needs.
  case number(decimals: Int?)
  /// A whole number with thousands separators (values are rounded).
  case integer
  /// Money with a currency symbol before the number: `£1,234`, `-£12.50`. Amounts of 100 or more
  /// print without pence; smaller ones with two decimals.
  case money(symbol: String)
  /// A fraction printed as a percentage with one decimal: `0.421` → `42.1%`, `0.5` → `50.0%`.
  case percent
  /// A day count since 1970-01-01 printed as an ISO date, `2011-12-09`.
  case date

  /// Money in pounds sterling, `£`.
  public static var pounds: ValueFormat { .money(symbol: "£") }

  /// A plain number with automatic decimals.
  public static var automatic: ValueFormat { .number(decimals: nil) }

  /// The value as it appears in labels and tables.
  public func format(_ x: Double) -> String {
    switch self {
    case .number(let decimals):
      return NumberText.fixed(x, decimals: decimals ?? Self.automaticDecimals(x))
    case .integer:
      return NumberText.fixed(x, decimals: 0)
    case .money(let symbol):
      guard x.isFinite else { return NumberText.fixed(x, decimals: 0) }
      let digits = NumberText.fixed(abs(x), decimals: abs(x) >= 100 ? 0 : 2)
      return (x < 0 && digits.contains(where: { $0 != "0" && $0 != "." }) ? "-" : "")
        + symbol + digits
    case .percent:
      return NumberText.fixed(x * 100, decimals: 1) + "%"
    case .date:
      guard x.isFinite, abs(x) < 10_000_000 else { return NumberText.fixed(x, decimals: 0) }
      return CivilDate(daysSinceEpoch: Int(x.rounded(.down))).iso
    }
  }

  /// A tick label: like `format(_:)` but with exactly the decimals that `step` needs, so the
  /// labels of one axis line up (`0.0, 0.5, 1.0`; `£0, £500, £1,000`).
  func tick(_ x: Double, step: Double) -> String {
    let d = NumberText.decimals(forStep: step)
    switch self {
    case .number, .integer:
      return NumberText.fixed(x, decimals: d)
    case .money(let symbol):
      let digits = NumberText.fixed(abs(x), decimals: d)
      return (x < 0 && digits.contains(where: { $0 != "0" && $0 != "." }) ? "-" : "") + symbol
        + digits
    case .percent:
      return NumberText.fixed(x * 100, decimals: NumberText.decimals(forStep: step * 100)) + "%"
    case .date:
      return format(x)
    }
  }

  /// A short label for cramped places: `12.3k`, `£1.2M`; small values print as `format(_:)`.
  public func compact(_ x: Double) -> String {
    guard x.isFinite, abs(x) >= 10_000 else { return format(x) }
    let (scaled, suffix): (Double, String) =
      abs(x) >= 1e9 ? (x / 1e9, "bn") : abs(x) >= 1e6 ? (x / 1e6, "M") : (x / 1e3, "k")
    let digits = NumberText.fixed(abs(scaled), decimals: abs(scaled) >= 100 ? 0 : 1) + suffix
    let sign = x < 0 ? "-" : ""
    switch self {
    case .money(let symbol): return sign + symbol + digits
    case .number, .integer: return sign + digits
    case .percent, .date: return format(x)
    }
  }

  static func automaticDecimals(_ x: Double) -> Int {
    let a = abs(x)
    return a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3
  }
}
