import SegCore

/// Evaluates expressions over the current table, a whole column at a time.
///
/// Name lookup for a bare name: a column of the current table, then a pseudo-column, then a
/// built-in value; a name that is both a column and a built-in value is an error (write
/// `` `name` `` for the column or `$name` for the value). A backticked name is always a column.
/// `$name` is a variable, a parameter, or a built-in value.
///
/// Comparisons with a missing value are unknown; `and`/`or`/`not` follow three-valued (Kleene)
/// logic. Division by a scalar zero is an error; division by a column yields missing values
/// where the divisor is zero.
struct Evaluator {
  let workspace: Workspace
  let registry: CommandRegistry

  var table: Table { workspace.table }
  var rowCount: Int { workspace.table.rowCount }

  // MARK: - Entry points

  /// Evaluates `e` to one value; a column is an error.
  func scalar(_ e: Expression) throws(RuntimeError) -> Value {
    let operand = try evaluate(e)
    guard case .scalar(let v) = operand else {
      throw RuntimeError(
        .notAScalar, "expected a single value, but this is \(operand.kindDescription)",
        at: e.range
      ).withHelp("use an aggregate such as mean(...), min(...), max(...) or count(...)")
    }
    return v
  }

  /// Evaluates a condition to one truth value per row of the current table.
  func mask(_ e: Expression) throws(RuntimeError) -> [Logic] {
    switch try evaluate(e) {
    case .logical(let v): return v
    case .scalar(.bool(let b)): return [Logic](repeating: Logic(b), count: rowCount)
    case .scalar(.missing): return [Logic](repeating: .unknown, count: rowCount)
    case let other:
      throw RuntimeError(
        .typeError, "expected a condition (true or false), but this is \(other.kindDescription)",
        at: e.range)
    }
  }

  // MARK: - Expressions

  func evaluate(_ e: Expression) throws(RuntimeError) -> Operand {
    switch e {
    case .number(let n): return .scalar(.number(n.numericValue))
    case .string(let s): return .scalar(.string(s.value))
    case .date(let d): return .scalar(.date(d.value))
    case .bool(let b): return .scalar(.bool(b.value))
    case .name(let n): return try resolve(n)
    case .variable(let v): return .scalar(try variable(v))
    case .list(let l):
      var items: [Value] = []
      for element in l.elements { items.append(try scalar(element)) }
      return .scalar(.list(items))
    case .range(let r):
      let lo = try scalar(r.lower)
      let hi = try scalar(r.upper)
      switch (lo, hi) {
      case (.number, .number), (.date, .date): return .scalar(.range(lower: lo, upper: hi))
      default:
        throw RuntimeError(
          .typeError, "a range needs two numbers or two dates, not a \(lo.typeName) and a \(hi.typeName)",
          at: r.range)
      }
    case .unary(let u):
      let operand = try evaluate(u.operand)
      switch u.op {
      case .negate:
        switch operand {
        case .scalar(.number(let v)): return .scalar(.number(-v))
        case .scalar(.missing): return .scalar(.missing)
        case .numbers(let v): return .numbers(v.map { -$0 })
        default:
          throw RuntimeError(
            .typeError, "cannot negate \(operand.kindDescription)", at: u.operatorRange)
        }
      case .not:
        switch operand {
        case .scalar(.bool(let b)): return .scalar(.bool(!b))
        case .scalar(.missing): return .scalar(.missing)
        case .logical(let v): return .logical(v.map(\.negated))
        default:
          throw RuntimeError(
            .typeError, "'not' needs a condition, but this is \(operand.kindDescription)",
            at: u.operatorRange)
        }
      }
    case .binary(let b):
      return try binary(b)
    case .call(let c):
      return try call(c)
    }
  }

  // MARK: - Names

  func resolve(_ n: NameReference) throws(RuntimeError) -> Operand {
    let column = table.columnIndex(named: n.name).map { table.columns[$0] }
    if n.isQuoted {
      if let column { return Operand(column) }
      if let pseudo = registry.pseudoColumn(named: n.name) { return try pseudoOperand(pseudo, n) }
      throw unknownName(n)
    }
    let builtin = registry.scalar(named: n.name)
    if let column {
      if builtin != nil {
        throw RuntimeError(
          .ambiguousName, "'\(n.name)' is both a column and a built-in value", at: n.range
        ).withHelp("write `\(n.name)` for the column or $\(n.name) for the built-in value")
      }
      return Operand(column)
    }
    if let pseudo = registry.pseudoColumn(named: n.name) { return try pseudoOperand(pseudo, n) }
    if let builtin { return .scalar(try builtinValue(builtin, at: n.range)) }
    throw unknownName(n)
  }

  func pseudoOperand(_ spec: PseudoColumnSpec, _ n: NameReference) throws(RuntimeError) -> Operand {
    guard let column = spec.column(workspace), column.count == rowCount else {
      var error = RuntimeError(.unavailable, "'\(n.name)' is not available yet", at: n.range)
      if let help = spec.unavailableHelp { error = error.withHelp(help) }
      throw error
    }
    return Operand(column)
  }

  func builtinValue(_ spec: ScalarSpec, at range: SourceRange) throws(RuntimeError) -> Value {
    guard let v = spec.value(workspace) else {
      var error = RuntimeError(.unavailable, "'\(spec.name)' is not available yet", at: range)
      if let help = spec.unavailableHelp { error = error.withHelp(help) }
      throw error
    }
    return v
  }

  func unknownName(_ n: NameReference) -> RuntimeError {
    let columns = table.columnNames
    let candidates = columns + registry.pseudoColumns.map(\.name) + registry.scalars.map(\.name)
    if !workspace.hasTable {
      var error = RuntimeError(
        .noTable, "no column '\(n.name)': no table is loaded", at: n.range)
      if registry.command(named: "load") != nil { error = error.withHelp("load a table first") }
      return error
    }
    var error = RuntimeError(
      .unknownName,
      n.isQuoted ? "no column '\(n.name)'" : "no column or value named '\(n.name)'", at: n.range)
    if let s = EditDistance.suggestion(for: n.name, among: candidates) {
      error.diagnostic.fixIt = .didYouMean(Printer.printName(s, quoted: false), at: n.range)
    }
    if !columns.isEmpty, columns.count <= 20 {
      error = error.withNote(
        "the columns are " + columns.map { Printer.printName($0, quoted: false) }.joined(separator: ", "))
    }
    return error
  }

  func variable(_ v: VariableReference) throws(RuntimeError) -> Value {
    if let value = workspace.variables[v.name] { return value }
    if let value = registry.setting(named: v.name)?.defaultValue { return value }
    if let builtin = registry.scalar(named: v.name) { return try builtinValue(builtin, at: v.range) }
    var error = RuntimeError(.unknownVariable, "no variable '$\(v.name)'", at: v.range)
    let candidates = Array(workspace.variables.keys).sorted() + registry.scalars.map(\.name)
    if let s = EditDistance.suggestion(for: v.name, among: candidates) {
      error.diagnostic.fixIt = .didYouMean("$" + s, at: v.range)
    } else {
      error = error.withHelp("define it first with 'set \(v.name) = ...' or 'param \(v.name): TYPE'")
    }
    throw error
  }

  // MARK: - Binary operators

  /// Evaluates a binary expression. A left-deep chain (`a or b or c ...`, 10,000 terms long) is
  /// walked down its left side in a loop and folded back up, so its length costs no stack.
  func binary(_ top: BinaryExpression) throws(RuntimeError) -> Operand {
    var spine = [top]
    while case .binary(let inner) = spine[spine.count - 1].left { spine.append(inner) }
    var value = try evaluate(spine[spine.count - 1].left)
    for b in spine.reversed() { value = try binary(b, left: value) }
    return value
  }

  /// Applies `b` to its already evaluated left operand `l`.
  func binary(_ b: BinaryExpression, left l: Operand) throws(RuntimeError) -> Operand {
    switch b.op {
    case .and, .or:
      // A single truth value on the left that decides the result skips the right side, so
      // `firstrun or moved("A", "B") < 5%` does not evaluate `moved` on a first run.
      if case .scalar(.bool(let x)) = l, x == (b.op == .or) { return .scalar(.bool(x)) }
      let r = try evaluate(b.right)
      return try logical(b, l, r)
    case .add, .subtract, .multiply, .divide:
      let r = try evaluate(b.right)
      return try arithmetic(b, l, r)
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      let r = try evaluate(b.right)
      return try compare(b, l, r)
    case .in, .notIn:
      let r = try evaluate(b.right)
      let result = try membership(b, l, r)
      guard b.op == .notIn else { return result }
      switch result {
      case .logical(let v): return .logical(v.map(\.negated))
      case .scalar(.bool(let x)): return .scalar(.bool(!x))
      default: return result
      }
    }
  }

  func typeError(_ b: BinaryExpression, _ l: Operand, _ r: Operand) -> RuntimeError {
    RuntimeError(
      .typeError,
      "'\(b.op.rawValue)' cannot combine \(l.kindDescription) and \(r.kindDescription)",
      at: b.operatorRange)
  }

  func logical(_ b: BinaryExpression, _ l: Operand, _ r: Operand) throws(RuntimeError) -> Operand {
    func logicOf(_ o: Operand, _ e: Expression) throws(RuntimeError) -> (Logic?, [Logic]?) {
      switch o {
      case .scalar(.bool(let x)): return (Logic(x), nil)
      case .scalar(.missing): return (.unknown, nil)
      case .logical(let v): return (nil, v)
      default:
        throw RuntimeError(
          .typeError, "'\(b.op.rawValue)' needs conditions on both sides, but this is \(o.kindDescription)",
          at: e.range)
      }
    }
    let (ls, lv) = try logicOf(l, b.left)
    let (rs, rv) = try logicOf(r, b.right)
    let isAnd = b.op == .and
    let f: (Logic, Logic) -> Logic = { isAnd ? Logic.and($0, $1) : Logic.or($0, $1) }
    switch (ls, lv, rs, rv) {
    case (let x?, _, let y?, _):
      let v = f(x, y)
      return v == .unknown ? .scalar(.missing) : .scalar(.bool(v == .yes))
    case (let x?, _, _, let ys?): return .logical(ys.map { f(x, $0) })
    case (_, let xs?, let y?, _): return .logical(xs.map { f($0, y) })
    case (_, let xs?, _, let ys?): return .logical(zip(xs, ys).map { f($0, $1) })
    default: return .scalar(.missing)
    }
  }

  /// A numeric operand: one number or a column of numbers.
  enum Numeric {
    case one(Double)
    case many([Double])
  }

  func numeric(_ o: Operand) -> Numeric? {
    switch o {
    case .scalar(.number(let v)): .one(v)
    case .scalar(.missing): .one(.nan)
    case .numbers(let v): .many(v)
    default: nil
    }
  }

  func arithmetic(_ b: BinaryExpression, _ l: Operand, _ r: Operand) throws(RuntimeError) -> Operand {
    if b.op == .add, case .scalar(.string(let x)) = l, case .scalar(.string(let y)) = r {
      return .scalar(.string(x + y))
    }
    guard let x = numeric(l), let y = numeric(r) else { throw typeError(b, l, r) }
    let f: (Double, Double) -> Double
    switch b.op {
    case .add: f = (+)
    case .subtract: f = (-)
    case .multiply: f = (*)
    default:
      if case .one(let d) = y, d == 0 {
        throw RuntimeError(.divisionByZero, "division by zero", at: b.operatorRange)
          .withNote("the divisor is \(Printer.print(b.right))", at: b.right.range)
      }
      f = { $1 == 0 ? .nan : $0 / $1 }
    }
    switch (x, y) {
    case (.one(let a), .one(let c)):
      let v = f(a, c)
      // `1e308 * 10`: a literal that large is refused, so a result that large is too.
      if v.isInfinite, a.isFinite, c.isFinite {
        throw RuntimeError(
          .numberOutOfRange, "the result of '\(b.op.rawValue)' is too large for a number",
          at: b.operatorRange
        ).withNote("numbers go up to about 1.8e308")
      }
      return .scalar(v.isNaN ? .missing : .number(v))
    case (.one(let a), .many(let cs)): return .numbers(cs.map { f(a, $0) })
    case (.many(let as_), .one(let c)): return .numbers(as_.map { f($0, c) })
    case (.many(let as_), .many(let cs)): return .numbers(zip(as_, cs).map { f($0, $1) })
    }
  }

  func compare(_ b: BinaryExpression, _ l: Operand, _ r: Operand) throws(RuntimeError) -> Operand {
    let op = b.op
    func test<T: Comparable>(_ a: T, _ c: T) -> Bool {
      switch op {
      case .equal: a == c
      case .notEqual: a != c
      case .less: a < c
      case .lessEqual: a <= c
      case .greater: a > c
      default: a >= c
      }
    }
    // Scalars.
    if case .scalar(let a) = l, case .scalar(let c) = r {
      switch (a, c) {
      case (.missing, _), (_, .missing): return .scalar(.missing)
      case (.number(let x), .number(let y)): return .scalar(.bool(test(x, y)))
      case (.string(let x), .string(let y)): return .scalar(.bool(test(x, y)))
      case (.date(let x), .date(let y)): return .scalar(.bool(test(x, y)))
      case (.bool(let x), .bool(let y)) where op == .equal || op == .notEqual:
        return .scalar(.bool(op == .equal ? x == y : x != y))
      default: throw comparisonError(b, l, r)
      }
    }
    // Numbers.
    if let x = numeric(l), let y = numeric(r) {
      switch (x, y) {
      case (.one(let a), .many(let cs)):
        return .logical(cs.map { a.isNaN || $0.isNaN ? .unknown : Logic(test(a, $0)) })
      case (.many(let as_), .one(let c)):
        if c.isNaN { return .logical([Logic](repeating: .unknown, count: as_.count)) }
        return .logical(as_.map { $0.isNaN ? .unknown : Logic(test($0, c)) })
      case (.many(let as_), .many(let cs)):
        return .logical(zip(as_, cs).map { $0.isNaN || $1.isNaN ? .unknown : Logic(test($0, $1)) })
      case (.one, .one): break
      }
    }
    // Dates.
    func dates(_ o: Operand) -> Either<Int64, [Int64]>? {
      switch o {
      case .scalar(.date(let d)): .one(d.secondsSinceEpoch)
      case .dates(let v): .many(v)
      default: nil
      }
    }
    if let x = dates(l), let y = dates(r) {
      let missing = Column.missingInteger
      switch (x, y) {
      case (.one(let a), .many(let cs)):
        return .logical(cs.map { $0 == missing ? .unknown : Logic(test(a, $0)) })
      case (.many(let as_), .one(let c)):
        return .logical(as_.map { $0 == missing ? .unknown : Logic(test($0, c)) })
      case (.many(let as_), .many(let cs)):
        return .logical(zip(as_, cs).map { $0 == missing || $1 == missing ? .unknown : Logic(test($0, $1)) })
      case (.one, .one): break
      }
    }
    // Text.
    switch (l, r) {
    case (.texts(let t), .scalar(.string(let s))): return .logical(t.map { Logic(test($0, s)) })
    case (.scalar(.string(let s)), .texts(let t)): return .logical(t.map { Logic(test(s, $0)) })
    case (.texts(let a), .texts(let c)):
      return .logical(
        zip(a.codes, c.codes).map { x, y in
          x == Column.missingCode || y == Column.missingCode
            ? .unknown : Logic(test(a.dictionary[Int(x)], c.dictionary[Int(y)]))
        })
    case (.logical(let v), .scalar(.bool(let s))) where op == .equal || op == .notEqual:
      let target = Logic(op == .equal ? s : !s)
      return .logical(v.map { $0 == .unknown ? .unknown : Logic($0 == target) })
    case (.scalar(.missing), _), (_, .scalar(.missing)):
      let n = rowCount
      return .logical([Logic](repeating: .unknown, count: n))
    default:
      throw comparisonError(b, l, r)
    }
  }

  func comparisonError(_ b: BinaryExpression, _ l: Operand, _ r: Operand) -> RuntimeError {
    var error = RuntimeError(
      .typeError, "cannot compare \(l.kindDescription) with \(r.kindDescription)",
      at: b.operatorRange)
    let isDateSide: (Operand) -> Bool = {
      if case .dates = $0 { return true }
      if case .scalar(.date) = $0 { return true }
      return false
    }
    let isStringScalar: (Operand) -> Bool = {
      if case .scalar(.string) = $0 { return true }
      return false
    }
    if (isDateSide(l) && isStringScalar(r)) || (isDateSide(r) && isStringScalar(l)) {
      error = error.withHelp("write dates without quotes: 2011-12-09")
    }
    return error
  }

  func membership(_ b: BinaryExpression, _ l: Operand, _ r: Operand) throws(RuntimeError) -> Operand {
    guard case .scalar(let set) = r else {
      throw RuntimeError(
        .typeError, "'\(b.op.rawValue)' needs a list or a range on its right, but this is \(r.kindDescription)",
        at: b.right.range)
    }
    switch set {
    case .range(let lo, let hi):
      let ge = BinaryExpression(op: .greaterEqual, left: b.left, right: b.right, operatorRange: b.operatorRange)
      let le = BinaryExpression(op: .lessEqual, left: b.left, right: b.right, operatorRange: b.operatorRange)
      let a = try compare(ge, l, .scalar(lo))
      let c = try compare(le, l, .scalar(hi))
      let both = BinaryExpression(op: .and, left: b.left, right: b.right, operatorRange: b.operatorRange)
      return try logical(both, a, c)
    case .list(let items):
      if case .texts(let t) = l {
        var wanted = Set<String>()
        for item in items {
          guard case .string(let s) = item else {
            throw RuntimeError(
              .typeError, "cannot look for \(item.typeName)s in a text column", at: b.right.range)
          }
          wanted.insert(s)
        }
        return .logical(t.map { Logic(wanted.contains($0)) })
      }
      var result: Operand?
      for item in items {
        let eq = BinaryExpression(op: .equal, left: b.left, right: b.right, operatorRange: b.operatorRange)
        let one = try compare(eq, l, .scalar(item))
        if let acc = result {
          let or = BinaryExpression(op: .or, left: b.left, right: b.right, operatorRange: b.operatorRange)
          result = try logical(or, acc, one)
        } else {
          result = one
        }
      }
      if let result { return result }
      return l.isScalar ? .scalar(.bool(false)) : .logical([Logic](repeating: .no, count: rowCount))
    default:
      throw RuntimeError(
        .typeError, "'\(b.op.rawValue)' needs a list or a range on its right, but this is a \(set.typeName)",
        at: b.right.range)
    }
  }

  // MARK: - Calls

  func call(_ c: CallExpression) throws(RuntimeError) -> Operand {
    guard let spec = registry.function(named: c.name) else {
      var error = RuntimeError(.unknownFunction, "unknown function '\(c.name)'", at: c.nameRange)
      if let s = EditDistance.suggestion(for: c.name, among: registry.functions.map(\.name)) {
        error.diagnostic.fixIt = .didYouMean(s, at: c.nameRange)
      }
      throw error
    }
    guard spec.arity.contains(c.arguments.count) else {
      throw RuntimeError(
        .argumentCount,
        "'\(c.name)' takes \(Evaluator.describe(spec.arity)), not \(c.arguments.count)",
        at: c.range
      ).withHelp("write \(spec.signature)")
    }
    let site = FunctionCall(workspace: workspace, expression: c)
    switch spec.implementation {
    case .scalar(let f):
      var values: [Value] = []
      for a in c.arguments { values.append(try scalar(a)) }
      return .scalar(try f(values, site))
    case .vector(let f):
      var operands: [Operand] = []
      for a in c.arguments { operands.append(try evaluate(a)) }
      return try f(operands, site)
    }
  }

  static func describe(_ arity: ClosedRange<Int>) -> String {
    func args(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }
    if arity.lowerBound == arity.upperBound { return args(arity.lowerBound) }
    return "\(arity.lowerBound) to \(args(arity.upperBound))"
  }
}

/// One value or many, for operands that may be scalars or columns.
enum Either<One, Many> {
  case one(One)
  case many(Many)
}
