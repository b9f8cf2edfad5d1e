import SegCore

/// Checks argument values against ``ValueType``s, both statically (literals, at `seg check`) and
/// at run time (`$variables`, parenthesised expressions).
enum ArgumentBinding {
  /// The value converted to what `type` expects, or `nil` when it does not fit.
  static func coerce(_ v: Value, to type: ValueType) -> Value? {
    switch (type, v) {
    case (.any, _): return v
    case (.int, .number): return v.integer != nil ? v : nil
    case (.number, .number): return v
    case (.string, .string), (.path, .string), (.name, .string): return v
    // A whole number is accepted as a name: segment ids (`name 0 "Champions"`).
    case (.name, .number): return v.integer.map { .string(String($0)) }
    case (.date, .date): return v
    case (.date, .string(let s)): return DateValue(parsing: s).map(Value.date)
    case (.bool, .bool): return v
    case (.names, .string): return .list([v])
    case (.names, .list(let items)):
      return items.allSatisfy({ if case .string = $0 { true } else { false } }) ? v : nil
    case (.intRange, .range): return v.intRange != nil ? v : nil
    case (.choice(let words), .string(let s)): return words.contains(s) ? v : nil
    default: return nil
    }
  }

  /// The value of `e` when it can be known without running anything: literals, lists and ranges
  /// of literals, negated numbers, and, for name-like types, bare names. `nil` otherwise.
  static func constant(_ e: Expression, for type: ValueType) -> Value? {
    switch (type, e) {
    case (.name, .name(let n)), (.choice, .name(let n)): return .string(n.name)
    case (.names, .name(let n)): return .list([.string(n.name)])
    case (.names, .list(let l)):
      var items: [Value] = []
      for element in l.elements {
        switch element {
        case .name(let n): items.append(.string(n.name))
        case .string(let s): items.append(.string(s.value))
        default: return nil
        }
      }
      return .list(items)
    default: return literal(e)
    }
  }

  /// The value of a literal expression, or `nil` when evaluation needs the session.
  static func literal(_ e: Expression) -> Value? {
    switch e {
    case .number(let n): return .number(n.numericValue)
    case .string(let s): return .string(s.value)
    case .date(let d): return .date(d.value)
    case .bool(let b): return .bool(b.value)
    case .unary(let u) where u.op == .negate:
      if case .number(let v)? = literal(u.operand) { return .number(-v) }
      return nil
    case .list(let l):
      var items: [Value] = []
      for element in l.elements {
        guard let v = literal(element) else { return nil }
        items.append(v)
      }
      return .list(items)
    case .range(let r):
      guard let lo = literal(r.lower), let hi = literal(r.upper) else { return nil }
      return .range(lower: lo, upper: hi)
    default: return nil
    }
  }

  /// The diagnostic for a value of the wrong type.
  static func mismatch(
    _ v: Value, expected type: ValueType, label: String, at range: SourceRange
  ) -> Diagnostic {
    if case .choice(let words) = type, case .string(let s) = v {
      var d = Diagnostic(
        .invalidChoice, "\(label) must be one of \(words.joined(separator: ", ")), not '\(s)'",
        at: range)
      if let suggestion = EditDistance.suggestion(for: s, among: words) {
        d.fixIt = .didYouMean(suggestion, at: range)
      }
      return d
    }
    if case .intRange = type, case .range = v {
      return Diagnostic(
        .typeMismatch, "\(label) expects a range of whole numbers from low to high, got \(v.literalDescription)",
        at: range)
    }
    return Diagnostic(
      .typeMismatch, "\(label) expects \(type.description), got \(v.literalDescription) (\(article(v.typeName)))",
      at: range)
  }

  static func article(_ word: String) -> String {
    (word.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + word
  }

  /// The diagnostic for a bare name where a string is expected (`load data.csv`).
  static func bareNameForString(_ n: NameReference, label: String, expected type: ValueType) -> Diagnostic {
    Diagnostic(
      .typeMismatch, "\(label) expects \(type.description), got the name '\(n.name)'",
      at: n.range,
      fixIt: FixIt(
        replacing: n.range, with: Printer.quote(n.name),
        message: "put text in double quotes: \(Printer.quote(n.name))"))
  }

  /// Evaluates and checks every argument of `command` against `spec` at run time.
  static func bind(
    _ command: Command, spec: CommandSpec, evaluator: Evaluator
  ) throws(RuntimeError) -> CommandArguments {
    var values: [String: Value] = [:]
    var ranges: [String: SourceRange] = [:]
    var given: Set<String> = []

    func evaluateArgument(_ e: Expression, _ type: ValueType, label: String) throws(RuntimeError) -> Value {
      switch (type, e) {
      case (.names, .list), (.name, .name), (.choice, .name), (.names, .name):
        if let c = constant(e, for: type) { return try check(c, type, label, e.range) }
      case (.string, .name(let n)), (.path, .name(let n)):
        if evaluatorHasNoMeaning(n, evaluator) {
          throw RuntimeError(bareNameForString(n, label: label, expected: type))
        }
      default: break
      }
      let v = try evaluator.scalar(e)
      return try check(v, type, label, e.range)
    }

    func check(_ v: Value, _ type: ValueType, _ label: String, _ range: SourceRange) throws(RuntimeError) -> Value {
      guard let c = coerce(v, to: type) else {
        throw RuntimeError(mismatch(v, expected: type, label: label, at: range))
      }
      return c
    }

    for (i, p) in spec.positionals.enumerated() {
      if p.isVariadic {
        var items: [Value] = []
        for e in command.arguments.dropFirst(i) {
          items.append(try evaluateArgument(e, p.type, label: "'\(spec.name)'"))
        }
        if i < command.arguments.count {
          given.insert(p.name)
          ranges[p.name] = command.arguments[i].range
        }
        values[p.name] = .list(items)
        break
      }
      guard i < command.arguments.count else { break }
      let e = command.arguments[i]
      values[p.name] = try evaluateArgument(e, p.type, label: "'\(spec.name)' \(p.name)")
      ranges[p.name] = e.range
      given.insert(p.name)
    }
    for o in command.options {
      guard let os = spec.option(named: o.name) else { continue }
      values[o.name] = try evaluateArgument(o.value, os.type, label: "option '\(o.name)'")
      ranges[o.name] = o.value.range
      given.insert(o.name)
    }
    for os in spec.options where values[os.name] == nil {
      if let d = os.defaultValue { values[os.name] = d }
    }
    return CommandArguments(command: command, values: values, ranges: ranges, given: given)
  }

  /// Whether a bare name means nothing as an expression (no column, value or pseudo-column), so a
  /// string was probably meant.
  static func evaluatorHasNoMeaning(_ n: NameReference, _ evaluator: Evaluator) -> Bool {
    evaluator.table.columnIndex(named: n.name) == nil
      && evaluator.registry.scalar(named: n.name) == nil
      && evaluator.registry.pseudoColumn(named: n.name) == nil
  }
}
