/// One statement of a script.
///
/// `set` and `param` have syntax of their own and so their own cases; every other statement is
/// a ``Command`` validated against the ``CommandRegistry``, so adding a command needs no change to
/// the parser or to this enum.
public enum Statement: Sendable, Equatable {
  /// `set name = expr`.
  case set(SetStatement)
  /// `param name: type = default`.
  case param(ParamStatement)
  /// `word arguments... options...`, e.g. `cluster k=4`, `filter recency > 90`.
  case command(Command)

  /// Where the whole statement is.
  public var range: SourceRange {
    switch self {
    case .set(let s): s.range
    case .param(let s): s.range
    case .command(let s): s.range
    }
  }

  /// The same statement with every source range set to ``SourceRange/none``.
  public func erasingRanges() -> Statement {
    let z = SourceRange.none
    switch self {
    case .set(var s):
      s.range = z
      s.nameRange = z
      s.value = s.value.erasingRanges()
      return .set(s)
    case .param(var s):
      s.range = z
      s.nameRange = z
      s.typeRange = z
      s.defaultValue = s.defaultValue?.erasingRanges()
      return .param(s)
    case .command(var c):
      c.range = z
      c.nameRange = z
      c.arguments = c.arguments.map { $0.erasingRanges() }
      c.expression = c.expression?.erasingRanges()
      c.options = c.options.map {
        CommandOption(name: $0.name, value: $0.value.erasingRanges())
      }
      return .command(c)
    }
  }
}

/// A parsed script: its statements in order.
public struct Script: Sendable, Equatable {
  /// The statements in order.
  public var statements: [Statement]

  /// Creates a script.
  public init(statements: [Statement]) {
    self.statements = statements
  }

  /// The `param` declarations, in order.
  public var parameters: [ParamStatement] {
    statements.compactMap { if case .param(let p) = $0 { p } else { nil } }
  }

  /// The same script with every source range set to ``SourceRange/none``.
  public func erasingRanges() -> Script {
    Script(statements: statements.map { $0.erasingRanges() })
  }
}

/// `set name = expr`: evaluates `expr` to a single value and stores it as `$name`.
public struct SetStatement: Sendable, Equatable {
  /// The variable name.
  public var name: String
  /// Where the name is.
  public var nameRange: SourceRange
  /// The value.
  public var value: Expression
  /// Where the whole statement is.
  public var range: SourceRange

  /// Creates a `set` statement.
  public init(name: String, nameRange: SourceRange = .none, value: Expression, range: SourceRange = .none) {
    self.name = name
    self.nameRange = nameRange
    self.value = value
    self.range = range
  }
}

/// `param name: type = default`: a script parameter, overridable from the command line.
public struct ParamStatement: Sendable, Equatable {
  /// The parameter (and variable) name.
  public var name: String
  /// Where the name is.
  public var nameRange: SourceRange
  /// The declared type.
  public var type: ParameterType
  /// Where the type is.
  public var typeRange: SourceRange
  /// The default, or `nil` when the parameter must be given.
  public var defaultValue: Expression?
  /// Where the whole statement is.
  public var range: SourceRange

  /// Creates a `param` statement.
  public init(
    name: String, nameRange: SourceRange = .none, type: ParameterType,
    typeRange: SourceRange = .none, defaultValue: Expression?, range: SourceRange = .none
  ) {
    self.name = name
    self.nameRange = nameRange
    self.type = type
    self.typeRange = typeRange
    self.defaultValue = defaultValue
    self.range = range
  }
}

/// The types a `param` can declare.
public enum ParameterType: String, Sendable, Equatable, CaseIterable {
  case int, number, string, date, bool
}

/// A command statement: a registered command word, positional arguments, an optional expression
/// and `key=value` options.
///
/// The parser reads positionals and options as values (literals, names, `$variables`, lists,
/// ranges, a leading `-`, or a parenthesised expression); a command whose spec declares an
/// expression (``CommandSpec/expression``) reads one full expression after its positionals,
/// then options, optionally after a comma (`assert x > 0, msg="..."`).
public struct Command: Sendable, Equatable {
  /// The command word.
  public var name: String
  /// Where the command word is.
  public var nameRange: SourceRange
  /// Positional arguments in order.
  public var arguments: [Expression]
  /// The expression, for commands that take one.
  public var expression: Expression?
  /// `key=value` options in source order.
  public var options: [CommandOption]
  /// Where the whole statement is.
  public var range: SourceRange

  /// Creates a command.
  public init(
    name: String, nameRange: SourceRange = .none, arguments: [Expression] = [],
    expression: Expression? = nil, options: [CommandOption] = [], range: SourceRange = .none
  ) {
    self.name = name
    self.nameRange = nameRange
    self.arguments = arguments
    self.expression = expression
    self.options = options
    self.range = range
  }

  /// The option called `name`, if given.
  public func option(_ name: String) -> CommandOption? {
    options.first { $0.name == name }
  }
}

/// `key=value`.
public struct CommandOption: Sendable, Equatable {
  /// The option name.
  public var name: String
  /// Where the option name is.
  public var nameRange: SourceRange
  /// The value.
  public var value: Expression
  /// Where `key=value` is.
  public var range: SourceRange

  /// Creates an option.
  public init(name: String, nameRange: SourceRange = .none, value: Expression, range: SourceRange = .none) {
    self.name = name
    self.nameRange = nameRange
    self.value = value
    self.range = range
  }
}
