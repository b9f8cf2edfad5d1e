/// Runs parsed statements against a ``Workspace``, one at a time; the first error stops.
///
/// ```swift
/// let compilation = Compilation(source, registry: .standard)
/// guard !compilation.hasErrors else { ... }          // nothing runs
/// var workspace = Workspace()
/// let outcome = Interpreter(host: host).run(
///   compilation.script, source: source, workspace: &workspace)
/// ```
public struct Interpreter: Sendable {
  /// The language.
  public let registry: CommandRegistry
  /// Output, diagnostics and files.
  public let host: any ScriptHost
  /// Polled by long steps; true once the user asked to stop.
  public let isCancelled: @Sendable () -> Bool

  /// Creates an interpreter.
  public init(
    registry: CommandRegistry = .standard, host: any ScriptHost,
    isCancelled: @escaping @Sendable () -> Bool = { false }
  ) {
    self.registry = registry
    self.host = host
    self.isCancelled = isCancelled
  }

  /// Runs `script`. `parameters` override the script's `param` defaults (already checked by
  /// ``ParameterBinding``). The workspace keeps every change made before an error.
  ///
  /// `observe`, when given, hears of each statement before and after it runs (`seg run --junit`
  /// builds its report from these events).
  public func run(
    _ script: Script, source: SourceFile?, workspace: inout Workspace,
    parameters: [String: Value] = [:], observe: ((StatementEvent) -> Void)? = nil
  ) -> RunOutcome {
    var context = ExecutionContext(
      workspace: workspace, host: host, registry: registry, source: source,
      isCancelled: isCancelled)
    defer { workspace = context.workspace }
    for statement in script.statements {
      observe?(.willRun(statement))
      do {
        try context.checkCancellation(at: statement.range)
        try execute(statement, in: &context, parameters: parameters)
      } catch {
        observe?(.didRun(statement, context.workspace, error))
        return .stopped(error)
      }
      observe?(.didRun(statement, context.workspace, nil))
    }
    return .completed
  }

  /// Runs one statement.
  public func execute(
    _ statement: Statement, in context: inout ExecutionContext, parameters: [String: Value] = [:]
  ) throws(RuntimeError) {
    if context.workspace.streamed != nil {
      // A streamed log's rows are read only when a statement may need them.
      var need = TransactionRowsNeed.whenCurrent
      if case .command(let c) = statement, let spec = registry.command(named: c.name) {
        need = spec.transactionRows
      }
      let isCurrent = context.workspace.tableName == Workspace.transactionsTable
      if need == .always || (need == .whenCurrent && isCurrent) {
        try context.materializeStreamedLog(at: statement.range)
      }
    }
    if context.workspace.warehouse != nil,
      context.workspace.tableName == Workspace.transactionsTable,
      case .command(let c) = statement, let spec = registry.command(named: c.name),
      spec.transactionRows == .whenCurrent, !Interpreter.isExportSQL(c)
    {
      throw RuntimeError(
        "db-rows-not-pulled", "the transaction log is in the database, and seg does not pull its rows",
        at: statement.range
      ).withHelp("run rfm (it runs in the server), or load a query=\"select ...\" that filters the rows")
    }
    switch statement {
    case .set(let s):
      if registry.scalar(named: s.name) != nil {
        throw RuntimeError(
          .readOnlyVariable, "'\(s.name)' is a built-in value and cannot be set", at: s.nameRange)
      }
      var value = try context.evaluate(s.value)
      if let setting = registry.setting(named: s.name) {
        guard let v = ArgumentBinding.coerce(value, to: setting.type) else {
          throw RuntimeError(
            ArgumentBinding.mismatch(
              value, expected: setting.type, label: "'\(s.name)'", at: s.value.range))
        }
        if let problem = setting.validate(v) {
          throw RuntimeError(.invalidValue, problem, at: s.value.range)
        }
        value = v
      }
      context.workspace.variables[s.name] = value
    case .param(let p):
      let type = p.type.valueType
      let value: Value
      if let given = parameters[p.name] {
        value = given
      } else if let d = p.defaultValue {
        let v = try context.evaluate(d)
        guard let c = ArgumentBinding.coerce(v, to: type) else {
          throw RuntimeError(
            ArgumentBinding.mismatch(v, expected: type, label: "parameter '\(p.name)'", at: d.range))
        }
        value = c
      } else {
        throw RuntimeError(.missingParameter, "no value for parameter '\(p.name)'", at: p.nameRange)
          .withHelp("give one on the command line: \(p.name)=VALUE")
      }
      context.workspace.variables[p.name] = value
      if !context.workspace.parameterNames.contains(p.name) {
        context.workspace.parameterNames.append(p.name)
      }
    case .command(let c):
      guard let spec = registry.command(named: c.name), let run = spec.run else {
        throw RuntimeError(.unknownCommand, "unknown command '\(c.name)'", at: c.nameRange)
      }
      let evaluator = Evaluator(workspace: context.workspace, registry: registry)
      let arguments = try ArgumentBinding.bind(c, spec: spec, evaluator: evaluator)
      if let stage = spec.needs { try context.require(stage, at: c.nameRange) }
      try run(&context, arguments)
    }
  }
}

/// What ``Interpreter/run(_:source:workspace:parameters:observe:)`` tells its observer.
public enum StatementEvent {
  /// The statement is about to run.
  case willRun(Statement)
  /// The statement ran, leaving the workspace as given; the error, if any, stopped the script.
  case didRun(Statement, Workspace, RuntimeError?)
}

/// How a run ended.
public enum RunOutcome: Sendable, Equatable {
  /// Every statement ran.
  case completed
  /// A statement failed; the error says why and whether it was an assertion.
  case stopped(RuntimeError)
}

extension ParameterType {
  /// The argument type a parameter of this type accepts.
  public var valueType: ValueType {
    switch self {
    case .int: .int
    case .number: .number
    case .string: .string
    case .date: .date
    case .bool: .bool
    }
  }
}

extension Interpreter {
  /// `export sql ...`: writes SQL for the log where it lives; it needs no rows.
  static func isExportSQL(_ command: Command) -> Bool {
    guard command.name == "export", case .name(let n)? = command.arguments.first else {
      return false
    }
    return n.name == "sql"
  }
}
