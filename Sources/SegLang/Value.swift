/// A single runtime value: a variable, a parameter, an option, a function result.
///
/// Percentages are numbers (`5%` is 0.05). Integers are numbers whose value is whole; they print
/// without `.0`.
public indirect enum Value: Sendable, Equatable, CustomStringConvertible {
  /// A number.
  case number(Double)
  /// Text.
  case string(String)
  /// A date or date-time.
  case date(DateValue)
  /// `true` or `false`.
  case bool(Bool)
  /// A list of values.
  case list([Value])
  /// An inclusive range (`2..10`, `2011-01-01..2011-03-31`); both ends have the same type.
  case range(lower: Value, upper: Value)
  /// A missing value (an aggregate over no rows, a missing cell).
  case missing

  /// The type name used in messages: "number", "string", ...
  public var typeName: String {
    switch self {
    case .number: "number"
    case .string: "string"
    case .date: "date"
    case .bool: "bool"
    case .list: "list"
    case .range: "range"
    case .missing: "missing value"
    }
  }

  /// The number, if this is one.
  public var number: Double? {
    if case .number(let v) = self { v } else { nil }
  }

  /// The whole number, if this is a number with no fractional part that fits an `Int`.
  public var integer: Int? {
    guard case .number(let v) = self, v.rounded() == v, abs(v) < 9.0e18 else { return nil }
    return Int(v)
  }

  /// The range as whole numbers, if this is a range of whole numbers with `lower <= upper`.
  public var intRange: ClosedRange<Int>? {
    guard case .range(let lo, let hi) = self, let a = lo.integer, let b = hi.integer, a <= b
    else { return nil }
    return a...b
  }

  /// How the value prints in output (`echo`, assertion values): numbers by
  /// ``NumberFormatting/format(_:)``, strings without quotes, dates as `YYYY-MM-DD`.
  public var description: String {
    switch self {
    case .number(let v): NumberFormatting.format(v)
    case .string(let s): s
    case .date(let d): d.description
    case .bool(let b): b ? "true" : "false"
    case .list(let items): "[" + items.map(\.literalDescription).joined(separator: ", ") + "]"
    case .range(let lo, let hi): lo.description + ".." + hi.description
    case .missing: "missing"
    }
  }

  /// How the value is written in seg source: strings quoted and escaped.
  public var literalDescription: String {
    switch self {
    case .string(let s): Printer.quote(s)
    default: description
    }
  }
}
