/// An expression: the argument of `filter`, `assert` and `set`, a function argument, or (in
/// restricted form) a command's positional or option value.
///
/// Each case carries a payload struct with its own ``SourceRange``, so runtime errors can point
/// at the exact token: the unknown column inside a `filter`, the `/` that divided by zero.
public indirect enum Expression: Sendable, Equatable {
  /// `42`, `2.5`, `5%`.
  case number(NumberLiteral)
  /// `"text"`.
  case string(StringLiteral)
  /// `2011-12-09`.
  case date(DateLiteral)
  /// `true`, `false`.
  case bool(BoolLiteral)
  /// `recency`, `` `Customer ID` ``: a column, a built-in value, or a plain name where a
  /// command takes one.
  case name(NameReference)
  /// `$seed`: a session variable, parameter or built-in value.
  case variable(VariableReference)
  /// `[a, b, c]`.
  case list(ListExpression)
  /// `2..10` (inclusive).
  case range(RangeExpression)
  /// `-x`, `not x`.
  case unary(UnaryExpression)
  /// `a + b`, `a < b`, `a and b`, `a in [..]`, ...
  case binary(BinaryExpression)
  /// `mean(monetary)`.
  case call(CallExpression)

  /// The source range of the whole expression.
  public var range: SourceRange {
    switch self {
    case .number(let e): e.range
    case .string(let e): e.range
    case .date(let e): e.range
    case .bool(let e): e.range
    case .name(let e): e.range
    case .variable(let e): e.range
    case .list(let e): e.range
    case .range(let e): e.range
    case .unary(let e): e.range
    case .binary(let e): e.range
    case .call(let e): e.range
    }
  }

  /// The same expression with every source range set to ``SourceRange/none``, for comparing
  /// ASTs by structure.
  public func erasingRanges() -> Expression {
    let z = SourceRange.none
    switch self {
    case .number(var e): e.range = z; return .number(e)
    case .string(var e): e.range = z; return .string(e)
    case .date(var e): e.range = z; return .date(e)
    case .bool(var e): e.range = z; return .bool(e)
    case .name(var e): e.range = z; return .name(e)
    case .variable(var e): e.range = z; return .variable(e)
    case .list(var e):
      e.range = z
      e.elements = e.elements.map { $0.erasingRanges() }
      return .list(e)
    case .range(var e):
      e.range = z
      e.lower = e.lower.erasingRanges()
      e.upper = e.upper.erasingRanges()
      return .range(e)
    case .unary(var e):
      e.range = z
      e.operatorRange = z
      e.operand = e.operand.erasingRanges()
      return .unary(e)
    case .binary(var e):
      e.range = z
      e.operatorRange = z
      e.left = e.left.erasingRanges()
      e.right = e.right.erasingRanges()
      return .binary(e)
    case .call(var e):
      e.range = z
      e.nameRange = z
      e.arguments = e.arguments.map { $0.erasingRanges() }
      return .call(e)
    }
  }
}

/// A number literal. ``value`` is the number as written; ``numericValue`` divides a percentage
/// by 100.
public struct NumberLiteral: Sendable, Equatable {
  /// The number as written (`5` for `5%`).
  public var value: Double
  /// Whether it was written with `%`.
  public var isPercent: Bool
  /// Where it is.
  public var range: SourceRange

  /// Creates a literal.
  public init(value: Double, isPercent: Bool = false, range: SourceRange = .none) {
    self.value = value
    self.isPercent = isPercent
    self.range = range
  }

  /// The value it stands for: `5%` is 0.05.
  public var numericValue: Double { isPercent ? value / 100 : value }
}

/// A string literal, escapes decoded.
public struct StringLiteral: Sendable, Equatable {
  /// The decoded text.
  public var value: String
  /// Where it is, quotes included.
  public var range: SourceRange

  /// Creates a literal.
  public init(value: String, range: SourceRange = .none) {
    self.value = value
    self.range = range
  }
}

/// A date literal.
public struct DateLiteral: Sendable, Equatable {
  /// The date.
  public var value: DateValue
  /// Where it is.
  public var range: SourceRange

  /// Creates a literal.
  public init(value: DateValue, range: SourceRange = .none) {
    self.value = value
    self.range = range
  }
}

/// `true` or `false`.
public struct BoolLiteral: Sendable, Equatable {
  /// The value.
  public var value: Bool
  /// Where it is.
  public var range: SourceRange

  /// Creates a literal.
  public init(value: Bool, range: SourceRange = .none) {
    self.value = value
    self.range = range
  }
}

/// A bare or backtick-quoted name.
public struct NameReference: Sendable, Equatable {
  /// The name, without backticks.
  public var name: String
  /// Whether it was written in backticks, which always means a column.
  public var isQuoted: Bool
  /// Where it is, backticks included.
  public var range: SourceRange

  /// Creates a reference.
  public init(name: String, isQuoted: Bool = false, range: SourceRange = .none) {
    self.name = name
    self.isQuoted = isQuoted
    self.range = range
  }
}

/// `$name`.
public struct VariableReference: Sendable, Equatable {
  /// The name, without `$`.
  public var name: String
  /// Where it is, `$` included.
  public var range: SourceRange

  /// Creates a reference.
  public init(name: String, range: SourceRange = .none) {
    self.name = name
    self.range = range
  }
}

/// `[a, b, c]`.
public struct ListExpression: Sendable, Equatable {
  /// The elements in order.
  public var elements: [Expression]
  /// Where it is, brackets included.
  public var range: SourceRange

  /// Creates a list.
  public init(elements: [Expression], range: SourceRange = .none) {
    self.elements = elements
    self.range = range
  }
}

/// `lower..upper`, both ends included.
public struct RangeExpression: Sendable, Equatable {
  /// The first value.
  public var lower: Expression
  /// The last value.
  public var upper: Expression
  /// Where it is.
  public var range: SourceRange

  /// Creates a range.
  public init(lower: Expression, upper: Expression, range: SourceRange = .none) {
    self.lower = lower
    self.upper = upper
    self.range = range
  }
}

/// A prefix operator applied to an operand.
public struct UnaryExpression: Sendable, Equatable {
  /// The prefix operators.
  public enum Operator: String, Sendable, Equatable, CaseIterable {
    case negate = "-"
    case not = "not"
  }

  /// The operator.
  public var op: Operator
  /// The operand.
  public var operand: Expression
  /// Where the operator is.
  public var operatorRange: SourceRange
  /// Where the whole expression is.
  public var range: SourceRange

  /// Creates a unary expression.
  public init(
    op: Operator, operand: Expression, operatorRange: SourceRange = .none,
    range: SourceRange = .none
  ) {
    self.op = op
    self.operand = operand
    self.operatorRange = operatorRange
    self.range = range
  }
}

/// An infix operator applied to two operands.
public struct BinaryExpression: Sendable, Equatable {
  /// The infix operators, from loosest to tightest: `or`; `and`; comparisons and `in`;
  /// `+ -`; `* /`.
  public enum Operator: String, Sendable, Equatable, CaseIterable {
    case or = "or"
    case and = "and"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case `in` = "in"
    case notIn = "not in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"

    /// Binding strength; higher binds tighter.
    public var precedence: Int {
      switch self {
      case .or: 1
      case .and: 2
      case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: 4
      case .add, .subtract: 6
      case .multiply, .divide: 7
      }
    }

    /// Whether this is a comparison (including `in`), which cannot be chained.
    public var isComparison: Bool { precedence == 4 }
  }

  /// The operator.
  public var op: Operator
  /// The left operand.
  public var left: Expression
  /// The right operand.
  public var right: Expression
  /// Where the operator is (both words of `not in`).
  public var operatorRange: SourceRange
  /// Where the whole expression is.
  public var range: SourceRange

  /// Creates a binary expression.
  public init(
    op: Operator, left: Expression, right: Expression, operatorRange: SourceRange = .none,
    range: SourceRange = .none
  ) {
    self.op = op
    self.left = left
    self.right = right
    self.operatorRange = operatorRange
    self.range = range
  }
}

/// `name(arguments)`.
public struct CallExpression: Sendable, Equatable {
  /// The function name.
  public var name: String
  /// Where the function name is.
  public var nameRange: SourceRange
  /// The arguments in order.
  public var arguments: [Expression]
  /// Where the whole call is.
  public var range: SourceRange

  /// Creates a call.
  public init(
    name: String, nameRange: SourceRange = .none, arguments: [Expression],
    range: SourceRange = .none
  ) {
    self.name = name
    self.nameRange = nameRange
    self.arguments = arguments
    self.range = range
  }
}
