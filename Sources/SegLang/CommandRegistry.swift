public import SegCore

/// Every command, function, built-in value, pseudo-column, special filter form and typed setting
/// the language knows, each described once.
///
/// The parser reads command syntax from it, the validator checks scripts against it, the
/// interpreter dispatches through it, and `help` and `docs/commands.md` are generated from it.
/// ``standard`` is the registry `seg` uses; features add their pieces there.
public struct CommandRegistry: Sendable {
  /// Commands in registration order.
  public private(set) var commands: [CommandSpec] = []
  /// Functions callable in expressions (`mean(x)`).
  public private(set) var functions: [FunctionSpec] = []
  /// Built-in values readable by bare name or `$name` (`rows`).
  public private(set) var scalars: [ScalarSpec] = []
  /// Columns computed from the session, looked up after the current table's own columns.
  public private(set) var pseudoColumns: [PseudoColumnSpec] = []
  /// Forms of `filter` that a feature handles itself (`filter z<3`), tried before generic
  /// evaluation.
  public private(set) var filterForms: [FilterFormSpec] = []
  /// Variables with a fixed type and meaning for `set` (`seed`, `asof`).
  public private(set) var settings: [SettingSpec] = []

  /// An empty registry.
  public init() {}

  /// Adds commands. A name may be registered once.
  public mutating func register(_ specs: [CommandSpec]) {
    for s in specs {
      precondition(command(named: s.name) == nil, "command '\(s.name)' registered twice")
      commands.append(s)
    }
  }

  /// Adds functions. A name may be registered once.
  public mutating func register(functions specs: [FunctionSpec]) {
    for s in specs {
      precondition(function(named: s.name) == nil, "function '\(s.name)' registered twice")
      functions.append(s)
    }
  }

  /// Adds built-in values. A name may be registered once.
  public mutating func register(scalars specs: [ScalarSpec]) {
    for s in specs {
      precondition(scalar(named: s.name) == nil, "value '\(s.name)' registered twice")
      scalars.append(s)
    }
  }

  /// Adds pseudo-columns. A name may be registered once.
  public mutating func register(pseudoColumns specs: [PseudoColumnSpec]) {
    for s in specs {
      precondition(pseudoColumn(named: s.name) == nil, "column '\(s.name)' registered twice")
      pseudoColumns.append(s)
    }
  }

  /// Adds special filter forms; earlier forms are tried first.
  public mutating func register(filterForms specs: [FilterFormSpec]) {
    filterForms += specs
  }

  /// Adds typed settings. A name may be registered once.
  public mutating func register(settings specs: [SettingSpec]) {
    for s in specs {
      precondition(setting(named: s.name) == nil, "setting '\(s.name)' registered twice")
      settings.append(s)
    }
  }

  /// The command called `name`.
  public func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }
  /// The function called `name`.
  public func function(named name: String) -> FunctionSpec? { functions.first { $0.name == name } }
  /// The built-in value called `name`.
  public func scalar(named name: String) -> ScalarSpec? { scalars.first { $0.name == name } }
  /// The pseudo-column called `name`.
  public func pseudoColumn(named name: String) -> PseudoColumnSpec? {
    pseudoColumns.first { $0.name == name }
  }
  /// The setting called `name`.
  public func setting(named name: String) -> SettingSpec? { settings.first { $0.name == name } }
}

/// A function callable in expressions.
///
/// Features register scalar functions with ``init(name:signature:summary:arity:evaluate:)``:
/// arguments arrive evaluated to single values, and the result is one value.
///
/// ```swift
/// FunctionSpec(
///   name: "moved", signature: "moved(FROM, TO)",
///   summary: "Customers who moved from one segment to another.", arity: 2...2
/// ) { arguments, call throws(RuntimeError) in
///   guard case .string(let from) = arguments[0] else {
///     throw RuntimeError(.typeError, "expected a segment name", at: call.argumentRange(0))
///   }
///   ...
///   return .number(Double(n))
/// }
/// ```
public struct FunctionSpec: Sendable {
  /// Evaluates a scalar function.
  public typealias ScalarEvaluator =
    @Sendable (_ arguments: [Value], _ call: FunctionCall) throws(RuntimeError) -> Value

  /// The name.
  public var name: String
  /// How a call is written in docs: `mean(x)`.
  public var signature: String
  /// One sentence.
  public var summary: String
  /// How many arguments it takes.
  public var arity: ClosedRange<Int>
  let implementation: Implementation

  enum Implementation: Sendable {
    case scalar(ScalarEvaluator)
    /// Built-ins that see column vectors (aggregates).
    case vector(
      @Sendable (_ arguments: [Operand], _ call: FunctionCall) throws(RuntimeError) -> Operand)
  }

  /// Creates a scalar function: arguments are single values, and so is the result.
  public init(
    name: String, signature: String, summary: String, arity: ClosedRange<Int>,
    evaluate: @escaping ScalarEvaluator
  ) {
    self.name = name
    self.signature = signature
    self.summary = summary
    self.arity = arity
    self.implementation = .scalar(evaluate)
  }

  init(
    vectorName name: String, signature: String, summary: String, arity: ClosedRange<Int>,
    vector: @escaping @Sendable ([Operand], FunctionCall) throws(RuntimeError) -> Operand
  ) {
    self.name = name
    self.signature = signature
    self.summary = summary
    self.arity = arity
    self.implementation = .vector(vector)
  }
}

/// What a function sees of the call: the session and where the call and its arguments are.
public struct FunctionCall: Sendable {
  /// The session, read-only.
  public let workspace: Workspace
  /// The call as written.
  public let expression: CallExpression

  /// Where argument `i` is (the call's name when there is no such argument).
  public func argumentRange(_ i: Int) -> SourceRange {
    i < expression.arguments.count ? expression.arguments[i].range : expression.nameRange
  }
}

/// A built-in value readable by bare name (after columns) or as `$name`.
public struct ScalarSpec: Sendable {
  /// The name.
  public var name: String
  /// One sentence.
  public var summary: String
  /// Why the value may be unavailable and what to run first (`run 'cluster' first`).
  public var unavailableHelp: String?
  /// The value, or `nil` when it is not available yet.
  public var value: @Sendable (_ workspace: Workspace) -> Value?

  /// Creates a built-in value.
  public init(
    name: String, summary: String, unavailableHelp: String? = nil,
    value: @escaping @Sendable (_ workspace: Workspace) -> Value?
  ) {
    self.name = name
    self.summary = summary
    self.unavailableHelp = unavailableHelp
    self.value = value
  }
}

/// A column computed from the session (`z`: each row's largest absolute z-score), readable in
/// expressions when the current table has no column of that name.
public struct PseudoColumnSpec: Sendable {
  /// The name.
  public var name: String
  /// One sentence.
  public var summary: String
  /// Why the column may be unavailable and what to run first.
  public var unavailableHelp: String?
  /// The column, as long as the current table, or `nil` when not available.
  public var column: @Sendable (_ workspace: Workspace) -> Column?

  /// Creates a pseudo-column.
  public init(
    name: String, summary: String, unavailableHelp: String? = nil,
    column: @escaping @Sendable (_ workspace: Workspace) -> Column?
  ) {
    self.name = name
    self.summary = summary
    self.unavailableHelp = unavailableHelp
    self.column = column
  }
}

/// A special form of `filter` that a feature handles itself, such as `filter z<3` or
/// `filter iqr<1.5`. Forms are tried in registration order before generic evaluation; the first
/// whose ``claims`` returns true runs.
public struct FilterFormSpec: Sendable {
  /// How the form is written in docs: `z<LIMIT`.
  public var syntax: String
  /// One sentence.
  public var summary: String
  /// Whether this form handles `condition` in this session (for example: it compares the name
  /// `z` with a number and the table has no column `z`).
  public var claims: @Sendable (_ condition: Expression, _ workspace: Workspace) -> Bool
  /// Filters the current table; usually ends with ``ExecutionContext/keepRows(_:unknown:condition:removedTableName:recordsFiltered:)``.
  public var run: @Sendable (_ context: inout ExecutionContext, _ condition: Expression) throws(
    RuntimeError
  ) -> Void

  /// Creates a filter form.
  public init(
    syntax: String, summary: String,
    claims: @escaping @Sendable (Expression, Workspace) -> Bool,
    run: @escaping @Sendable (inout ExecutionContext, Expression) throws(RuntimeError) -> Void
  ) {
    self.syntax = syntax
    self.summary = summary
    self.claims = claims
    self.run = run
  }
}

/// A variable with a fixed type and meaning, checked when `set` assigns it (`set seed = 42`).
public struct SettingSpec: Sendable {
  /// The variable name.
  public var name: String
  /// The accepted type.
  public var type: ValueType
  /// One sentence.
  public var summary: String
  /// The value `$name` has before any `set`, if any.
  public var defaultValue: Value?
  /// Extra validation; returns an error message, or `nil` when the value is acceptable.
  public var validate: @Sendable (_ value: Value) -> String?

  /// Creates a setting.
  public init(
    name: String, type: ValueType, summary: String, default defaultValue: Value? = nil,
    validate: @escaping @Sendable (_ value: Value) -> String? = { _ in nil }
  ) {
    self.name = name
    self.type = type
    self.summary = summary
    self.defaultValue = defaultValue
    self.validate = validate
  }
}
