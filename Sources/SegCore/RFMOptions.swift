/// Options of `rfm`.
public struct RFMOptions: Sendable, Equatable {
  /// The reference moment, seconds since 1970-01-01 (a date is midnight at its start). Rows at or
  /// after it are ignored and counted; recency and tenure count calendar days up to its day.
  /// `nil`: midnight after the last transaction's day.
  public var asOf: Int64?
  /// How many product groups get an affinity column (`affinity_1` …); 0 for none.
  public var affinityGroups: Int
  /// The segment of each of the 125 RFM codes.
  public var segmentMap: SegmentMap

  /// Creates options.
  public init(asOf: Int64? = nil, affinityGroups: Int = 5, segmentMap: SegmentMap = .standard) {
    self.asOf = asOf
    self.affinityGroups = affinityGroups
    self.segmentMap = segmentMap
  }

  /// Defaults: asof the day after the last transaction, 5 affinity groups, the standard map.
  public static let `default` = RFMOptions()
}

/// Why RFM could not be computed.
///
/// Match on ``code``; ``description`` names the column and what to do.
public struct RFMError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A stable identifier of the kind of failure.
  public enum Code: String, Sendable, Equatable, CaseIterable {
    /// A role RFM needs (customer, date, quantity and price or amount) has no column.
    case missingRole = "missing-role"
    /// A role column has a type RFM cannot use (a text date, a text quantity).
    case wrongColumnType = "wrong-column-type"
    /// No customer has a purchase line before asof.
    case noPurchases = "no-purchases"
    /// An option value cannot be used.
    case invalidOption = "invalid-option"
    /// A sum of quantities does not fit in 64 bits.
    case overflow = "integer-overflow"
    /// Money that is not finite: a line value or a total overflowed to infinity.
    case nonFiniteMoney = "non-finite-money"
  }

  /// What went wrong.
  public var code: Code
  /// The column concerned, if any.
  public var column: String?
  /// A one-line explanation.
  public var message: String
  /// What to do about it.
  public var hint: Remark?

  /// Creates an error.
  public init(code: Code, column: String? = nil, message: String, hint: Remark? = nil) {
    self.code = code
    self.column = column
    self.message = message
    self.hint = hint
  }

  /// `message; hint`.
  public var description: String { hint.map { message + "; " + $0.description } ?? message }
}
