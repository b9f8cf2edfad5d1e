/// Checks a parsed script against the registry without running it: command arguments, option
/// names and literal types, required pieces, functions and their arities, variables used before
/// they are defined, and parameter declarations.
///
/// What cannot be known before running (column names, the values of `$variables`) is checked
/// when the script runs.
struct Validator {
  let registry: CommandRegistry
  var defined: Set<String>
  var parameters: [String: SourceRange] = [:]
  var diagnostics: [Diagnostic] = []

  init(registry: CommandRegistry, knownVariables: Set<String>) {
    self.registry = registry
    self.defined = knownVariables
  }

  mutating func validate(_ script: Script) {
    for statement in script.statements {
      switch statement {
      case .set(let s): validateSet(s)
      case .param(let p): validateParam(p)
      case .command(let c): validateCommand(c)
      }
    }
  }

  mutating func validateSet(_ s: SetStatement) {
    check(s.value)
    if registry.scalar(named: s.name) != nil {
      diagnostics.append(
        Diagnostic(
          .readOnlyVariable, "'\(s.name)' is a built-in value and cannot be set", at: s.nameRange))
    } else if let setting = registry.setting(named: s.name), let v = ArgumentBinding.literal(s.value) {
      if let c = ArgumentBinding.coerce(v, to: setting.type) {
        if let problem = setting.validate(c) {
          diagnostics.append(Diagnostic(.invalidValue, problem, at: s.value.range))
        }
      } else {
        diagnostics.append(
          ArgumentBinding.mismatch(v, expected: setting.type, label: "'\(s.name)'", at: s.value.range))
      }
    }
    defined.insert(s.name)
  }

  mutating func validateParam(_ p: ParamStatement) {
    if let previous = parameters[p.name] {
      diagnostics.append(
        Diagnostic(.duplicateParameter, "parameter '\(p.name)' is declared twice", at: p.nameRange)
          .withNote("first declared here", at: previous))
    } else {
      parameters[p.name] = p.nameRange
    }
    if registry.scalar(named: p.name) != nil {
      diagnostics.append(
        Diagnostic(
          .readOnlyVariable, "'\(p.name)' is a built-in value and cannot be a parameter",
          at: p.nameRange))
    }
    if let d = p.defaultValue {
      check(d)
      if let v = ArgumentBinding.literal(d), ArgumentBinding.coerce(v, to: p.type.valueType) == nil {
        diagnostics.append(
          ArgumentBinding.mismatch(
            v, expected: p.type.valueType, label: "parameter '\(p.name)'", at: d.range))
      }
    }
    defined.insert(p.name)
  }

  mutating func validateCommand(_ c: Command) {
    guard let spec = registry.command(named: c.name) else { return }
    let usage = "usage: \(spec.usage)"
    // Positionals.
    let positionals = spec.positionals
    for (i, argument) in c.arguments.enumerated() {
      let p: ArgumentSpec
      if i < positionals.count {
        p = positionals[i]
      } else if let last = positionals.last, last.isVariadic {
        p = last
      } else {
        let most = positionals.count
        diagnostics.append(
          Diagnostic(
            .extraArgument,
            most == 0
              ? "'\(spec.name)' takes no positional arguments"
              : "'\(spec.name)' takes at most \(most) positional argument\(most == 1 ? "" : "s")",
            at: argument.range
          ).withHelp(usage))
        break
      }
      checkValue(argument, p.type, label: "'\(spec.name)' \(p.name)")
    }
    for p in positionals.dropFirst(c.arguments.count) where p.isRequired {
      diagnostics.append(
        Diagnostic(.missingArgument, "'\(spec.name)' needs \(p.name)", at: c.nameRange)
          .withHelp(usage))
      break
    }
    // Expression.
    if let e = c.expression {
      check(e)
    } else if let e = spec.expression, e.isRequired {
      diagnostics.append(
        Diagnostic(.missingExpression, "'\(spec.name)' needs \(e.name == "condition" ? "a condition" : "an expression")", at: c.nameRange)
          .withHelp(usage))
    }
    // Options.
    var seen: [String: SourceRange] = [:]
    for o in c.options {
      guard let os = spec.option(named: o.name) else {
        var d = Diagnostic(
          .unknownOption, "'\(spec.name)' has no option '\(o.name)'", at: o.nameRange)
        if spec.options.isEmpty {
          d = d.withHelp("'\(spec.name)' takes no options")
        } else if let s = EditDistance.suggestion(for: o.name, among: spec.options.map(\.name)) {
          d.fixIt = .didYouMean(s, at: o.nameRange)
        } else {
          d = d.withHelp("options: " + spec.options.map(\.name).joined(separator: ", "))
        }
        diagnostics.append(d)
        check(o.value)
        continue
      }
      if let previous = seen[o.name] {
        diagnostics.append(
          Diagnostic(.duplicateOption, "option '\(o.name)' is given twice", at: o.nameRange)
            .withNote("first given here", at: previous))
      }
      seen[o.name] = o.nameRange
      checkValue(o.value, os.type, label: "option '\(o.name)'")
      if let minimum = os.minimum, let v = ArgumentBinding.constant(o.value, for: os.type),
        let number = v.number, number < minimum
      {
        diagnostics.append(
          Diagnostic(
            .valueOutOfRange,
            "option '\(o.name)' must be at least \(Printer.formatLiteral(minimum)), not \(Printer.formatLiteral(number))",
            at: o.value.range
          ).withHelp(usage))
      }
    }
    for os in spec.options where os.isRequired && seen[os.name] == nil {
      diagnostics.append(
        Diagnostic(.missingOption, "'\(spec.name)' needs option '\(os.name)=\(os.type.placeholder)'", at: c.nameRange)
          .withHelp(usage))
    }
  }

  /// Checks an argument value: its variables and calls, and its type when it is a literal.
  mutating func checkValue(_ e: Expression, _ type: ValueType, label: String) {
    switch (type, e) {
    case (.name, .name), (.choice, .name), (.names, .name):
      break
    case (.names, .list(let l)):
      for element in l.elements {
        switch element {
        case .name, .string: break
        default: check(element)
        }
      }
    case (.string, .name(let n)), (.path, .name(let n)):
      if registry.scalar(named: n.name) == nil, registry.pseudoColumn(named: n.name) == nil {
        diagnostics.append(ArgumentBinding.bareNameForString(n, label: label, expected: type))
        return
      }
    default:
      check(e)
    }
    if let v = ArgumentBinding.constant(e, for: type), ArgumentBinding.coerce(v, to: type) == nil {
      diagnostics.append(ArgumentBinding.mismatch(v, expected: type, label: label, at: e.range))
    }
  }

  /// Checks the variables and function calls inside an expression.
  mutating func check(_ e: Expression) {
    switch e {
    case .number, .string, .date, .bool, .name:
      break
    case .variable(let v):
      if !defined.contains(v.name), registry.scalar(named: v.name) == nil,
        registry.setting(named: v.name)?.defaultValue == nil
      {
        var d = Diagnostic(.unknownVariable, "no variable '$\(v.name)'", at: v.range)
        let candidates = defined.sorted() + registry.scalars.map(\.name)
        if let s = EditDistance.suggestion(for: v.name, among: candidates) {
          d.fixIt = .didYouMean("$" + s, at: v.range)
        } else {
          d = d.withHelp("define it first with 'set \(v.name) = ...' or 'param \(v.name): TYPE'")
        }
        diagnostics.append(d)
      }
    case .list(let l):
      for element in l.elements { check(element) }
    case .range(let r):
      check(r.lower)
      check(r.upper)
    case .unary(let u):
      check(u.operand)
    case .binary(var b):
      // Down the left side in a loop: a 10,000-term `or` chain must not recurse 10,000 deep.
      while true {
        check(b.right)
        guard case .binary(let inner) = b.left else {
          check(b.left)
          break
        }
        b = inner
      }
    case .call(let c):
      if let spec = registry.function(named: c.name) {
        if !spec.arity.contains(c.arguments.count) {
          diagnostics.append(
            Diagnostic(
              .argumentCount,
              "'\(c.name)' takes \(Evaluator.describe(spec.arity)), not \(c.arguments.count)",
              at: c.range
            ).withHelp("write \(spec.signature)"))
        }
      } else {
        var d = Diagnostic(.unknownFunction, "unknown function '\(c.name)'", at: c.nameRange)
        if let s = EditDistance.suggestion(for: c.name, among: registry.functions.map(\.name)) {
          d.fixIt = .didYouMean(s, at: c.nameRange)
        } else {
          d = d.withHelp("functions: " + registry.functions.map(\.name).joined(separator: ", "))
        }
        diagnostics.append(d)
      }
      for a in c.arguments { check(a) }
    }
  }
}
