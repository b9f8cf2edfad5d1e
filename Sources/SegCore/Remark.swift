/// A setting of the loader or of RFM that a remark can name. SegCore does not know how a caller
/// spells settings (a script option, a function argument, a flag); the caller renders them.
public enum Setting: Sendable, Hashable {
  /// The strptime-style layout of the date column.
  case dateFormat
  /// The decimal separator of numbers.
  case decimal
  /// The field separator.
  case delimiter
  /// Whether the first row holds column names.
  case header
  /// The column names of a file without a header.
  case columns
  /// The worksheet of a workbook.
  case sheet
  /// The cancellation rule: a status column, or none.
  case cancelled
  /// The invoice prefix that marks a cancellation.
  case cancelPrefix
  /// The date recency is measured from.
  case asOf
  /// The segment map of RFM scores.
  case segmentMap
  /// The text encoding of a file.
  case encoding
  /// The spend model of a lifetime-value fit (none: purchases only).
  case spendModel
  /// The time unit of a lifetime-value summary.
  case unit
  /// The end of a lifetime-value calibration period.
  case end
  /// The key columns of a join.
  case joinKey
  /// The column that plays a role.
  case role(ColumnRole)

  /// The setting's neutral name: `dateFormat`, `customer column`.
  public var name: String {
    switch self {
    case .dateFormat: "dateFormat"
    case .decimal: "decimal"
    case .delimiter: "delimiter"
    case .header: "header"
    case .columns: "columns"
    case .sheet: "sheet"
    case .cancelled: "cancelled"
    case .cancelPrefix: "cancelPrefix"
    case .asOf: "asOf"
    case .segmentMap: "segmentMap"
    case .encoding: "encoding"
    case .spendModel: "spendModel"
    case .unit: "unit"
    case .end: "end"
    case .joinKey: "joinKey"
    case .role(let r): "\(r.rawValue) column"
    }
  }
}

/// Text for people (an error's hint, a load-summary line) that may name ``Setting``s.
///
/// Write it as a string with `\(setting: .dateFormat, "\"%d/%m/%Y\"")` where a setting is named;
/// ``description`` names settings neutrally, and ``rendered(_:)`` lets a caller spell them its own
/// way.
public struct Remark: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
  /// A piece of a remark.
  public enum Part: Sendable, Hashable {
    /// Plain text.
    case text(String)
    /// A setting, with the value to give it when the remark proposes one.
    case setting(Setting, value: String?)
  }

  /// The pieces, in order.
  public private(set) var parts: [Part]

  /// A remark of plain text.
  public init(_ text: String) { parts = text.isEmpty ? [] : [.text(text)] }

  public init(stringLiteral value: String) { self.init(value) }

  public init(stringInterpolation: Interpolation) { parts = Remark.merged(stringInterpolation.parts) }

  /// `parts` with adjacent texts joined, so that equal remarks have equal parts.
  static func merged(_ parts: [Part]) -> [Part] {
    var out: [Part] = []
    for part in parts {
      if case .text(let t) = part, case .text(let last)? = out.last {
        out[out.count - 1] = .text(last + t)
      } else if case .text(let t) = part, t.isEmpty {
        continue
      } else {
        out.append(part)
      }
    }
    return out
  }

  /// The settings the remark names, in order.
  public var settings: [Setting] {
    parts.compactMap {
      if case .setting(let s, _) = $0 { s } else { nil }
    }
  }

  /// The remark with each setting spelled by `spell` (the setting and the proposed value).
  public func rendered(_ spell: (Setting, String?) -> String) -> String {
    var out = ""
    for part in parts {
      switch part {
      case .text(let t): out += t
      case .setting(let s, let value): out += spell(s, value)
      }
    }
    return out
  }

  /// The remark with settings named neutrally: `dateFormat "%d/%m/%Y"`, or `the dateFormat
  /// setting` without a value.
  public var description: String { rendered(Remark.neutral) }

  /// The neutral spelling of a setting: `dateFormat "%d/%m/%Y"`, `the dateFormat setting`.
  public static func neutral(_ setting: Setting, _ value: String?) -> String {
    value.map { "\(setting.name) \($0)" } ?? "the \(setting.name) setting"
  }

  /// Whether the neutral text contains `text`.
  public func contains(_ text: String) -> Bool { description.contains(text) }

  /// The remark followed by `other`.
  public static func + (lhs: Remark, rhs: Remark) -> Remark {
    var r = lhs
    r.parts = merged(lhs.parts + rhs.parts)
    return r
  }

  /// Builds a ``Remark`` from string interpolation.
  public struct Interpolation: StringInterpolationProtocol {
    var parts: [Part] = []

    public init(literalCapacity: Int, interpolationCount: Int) {}

    public mutating func appendLiteral(_ literal: String) {
      if !literal.isEmpty { parts.append(.text(literal)) }
    }

    /// Plain text of any value.
    public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
      appendLiteral(value.description)
    }

    /// A setting, with the value the remark proposes for it.
    public mutating func appendInterpolation(setting: Setting, _ value: String? = nil) {
      parts.append(.setting(setting, value: value))
    }

    /// The parts of another remark.
    public mutating func appendInterpolation(_ remark: Remark) {
      parts += remark.parts
    }
  }
}
