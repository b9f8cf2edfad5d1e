/// Why a customer-lifetime-value step failed: bad dates, data that cannot support the models, a
/// fit that did not converge.
public struct CLVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A stable identifier of the kind of failure.
  public enum Code: String, Sendable, Equatable, CaseIterable {
    /// A role the summary needs (customer, date, value) has no column, or the wrong type.
    case missingRole = "missing-role"
    /// `end` or `holdout` is outside the data, or `holdout` is not after `end`.
    case invalidPeriod = "invalid-period"
    /// The calibration period is shorter than one time unit.
    case periodTooShort = "period-too-short"
    /// No customer has a purchase in the calibration period, or none has a repeat purchase.
    case noRepeatPurchases = "no-repeat-purchases"
    /// The optimiser did not reach a maximum of the likelihood.
    case notConverged = "not-converged"
    /// Gamma-Gamma's q is 1 or less: the mean spend is undefined.
    case undefinedMeanSpend = "undefined-mean-spend"
    /// An option value cannot be used.
    case invalidOption = "invalid-option"
    /// Money does not fit the exact 64-bit sums (a huge price, amount or line value).
    case moneyOverflow = "non-finite-money"
  }

  /// What went wrong.
  public var code: Code
  /// A one-line explanation.
  public var message: String
  /// What to do about it.
  public var hint: Remark?

  /// Creates an error.
  public init(code: Code, message: String, hint: Remark? = nil) {
    self.code = code
    self.message = message
    self.hint = hint
  }

  /// `message; hint`.
  public var description: String { hint.map { message + "; " + $0.description } ?? message }
}
