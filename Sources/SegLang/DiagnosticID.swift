/// The stable identifier of a kind of ``Diagnostic``, such as `unknown-command`.
///
/// Identifiers never change once released: tests and CI jobs match on them. Targets that add
/// commands add their identifiers as static members in an extension.
public struct DiagnosticID: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  /// The kebab-case identifier.
  public var rawValue: String

  /// Creates an identifier.
  public init(rawValue: String) { self.rawValue = rawValue }
  /// Creates an identifier from a literal.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// The identifier itself.
  public var description: String { rawValue }

  // MARK: Lexical
  public static let invalidCharacter: DiagnosticID = "invalid-character"
  public static let unterminatedString: DiagnosticID = "unterminated-string"
  public static let invalidEscape: DiagnosticID = "invalid-escape"
  public static let unterminatedName: DiagnosticID = "unterminated-name"
  public static let invalidNumber: DiagnosticID = "invalid-number"
  public static let invalidDate: DiagnosticID = "invalid-date"
  public static let strayBackslash: DiagnosticID = "stray-backslash"
  public static let notText: DiagnosticID = "not-text"
  public static let tooManyErrors: DiagnosticID = "too-many-errors"
  public static let nestingTooDeep: DiagnosticID = "nesting-too-deep"

  // MARK: Syntax
  public static let expectedCommand: DiagnosticID = "expected-command"
  public static let unknownCommand: DiagnosticID = "unknown-command"
  public static let expectedExpression: DiagnosticID = "expected-expression"
  public static let expectedToken: DiagnosticID = "expected-token"
  public static let unexpectedToken: DiagnosticID = "unexpected-token"
  public static let bareEquals: DiagnosticID = "bare-equals"
  public static let chainedComparison: DiagnosticID = "chained-comparison"
  public static let unknownType: DiagnosticID = "unknown-type"

  // MARK: Validation
  public static let unknownOption: DiagnosticID = "unknown-option"
  public static let duplicateOption: DiagnosticID = "duplicate-option"
  public static let missingOption: DiagnosticID = "missing-option"
  public static let missingArgument: DiagnosticID = "missing-argument"
  public static let extraArgument: DiagnosticID = "extra-argument"
  public static let missingExpression: DiagnosticID = "missing-expression"
  public static let typeMismatch: DiagnosticID = "type-mismatch"
  public static let invalidChoice: DiagnosticID = "invalid-choice"
  public static let unknownFunction: DiagnosticID = "unknown-function"
  public static let argumentCount: DiagnosticID = "argument-count"
  public static let unknownVariable: DiagnosticID = "unknown-variable"
  public static let duplicateParameter: DiagnosticID = "duplicate-parameter"
  public static let readOnlyVariable: DiagnosticID = "read-only-variable"
  public static let valueOutOfRange: DiagnosticID = "value-out-of-range"

  // MARK: Parameters and usage
  public static let unknownParameter: DiagnosticID = "unknown-parameter"
  public static let invalidParameterValue: DiagnosticID = "invalid-parameter-value"
  public static let missingParameter: DiagnosticID = "missing-parameter"
  public static let usage: DiagnosticID = "usage"

  // MARK: Runtime
  public static let unknownName: DiagnosticID = "unknown-name"
  public static let ambiguousName: DiagnosticID = "ambiguous-name"
  public static let typeError: DiagnosticID = "type-error"
  public static let divisionByZero: DiagnosticID = "division-by-zero"
  public static let numberOutOfRange: DiagnosticID = "number-out-of-range"
  public static let emptyClusters: DiagnosticID = "empty-clusters"
  public static let noTable: DiagnosticID = "no-table"
  public static let unknownTable: DiagnosticID = "unknown-table"
  public static let notAScalar: DiagnosticID = "not-a-scalar"
  public static let invalidValue: DiagnosticID = "invalid-value"
  public static let assertionFailed: DiagnosticID = "assertion-failed"
  public static let cancelled: DiagnosticID = "cancelled"
  public static let fileError: DiagnosticID = "file-error"
  public static let unavailable: DiagnosticID = "unavailable"
}
