/// Checks an `assert` condition and builds the failure diagnostic: the expression, the values in
/// it, and the message.
package enum Assertion {
  static func check(
    _ condition: Expression, message: String?, in context: ExecutionContext
  ) throws(RuntimeError) {
    let evaluator = Evaluator(workspace: context.workspace, registry: context.registry)
    let printed = Printer.print(condition)
    var verdict: String
    let value: Operand
    do throws(RuntimeError) {
      value = try evaluator.evaluate(condition)
    } catch {
      // A segment name the comparison does not have is a failed check, not a broken script:
      // `name auto` may have chosen other names this time (the error lists the names there are).
      guard error.diagnostic.id == .unknownSegment else { throw error }
      var failed = error
      failed.kind = .assertion
      failed.diagnostic.message = "assertion failed: " + error.diagnostic.message
      throw failed
    }
    switch value {
    case .scalar(.bool(true)):
      return
    case .scalar(.bool(false)):
      verdict = "\(printed) is false"
    case .scalar(.missing):
      verdict = "\(printed) is missing (a value in it is missing)"
    case .logical(let v):
      var no = 0
      var unknown = 0
      var first: Int?
      for (i, x) in v.enumerated() where x != .yes {
        if x == .no { no += 1 } else { unknown += 1 }
        if first == nil { first = i }
      }
      guard let first else { return }
      verdict = "\(printed) is false for \(NumberFormatting.count(no)) of \(NumberFormatting.count(v.count)) rows"
      if unknown > 0 { verdict += " and missing for \(NumberFormatting.count(unknown))" }
      verdict += " (first at row \(NumberFormatting.count(first + 1)))"
    case let other:
      throw RuntimeError(
        .typeError, "assert needs a condition, but this is \(other.kindDescription)",
        at: condition.range)
    }
    var error = RuntimeError(
      .assertionFailed, "assertion failed: " + (message ?? printed), at: condition.range,
      kind: .assertion)
    error = error.withNote(verdict)
    for (text, value) in values(in: condition, evaluator) {
      error = error.withNote("\(text) = \(value)")
    }
    throw error
  }

  /// The values of the names, variables and calls in `condition` that are single values, as
  /// `name = value` lines (what a failed assertion notes, and what `seg run --junit` records for
  /// every assertion).
  package static func values(
    in condition: Expression, workspace: Workspace, registry: CommandRegistry
  ) -> [String] {
    values(in: condition, Evaluator(workspace: workspace, registry: registry)).map {
      "\($0.0) = \($0.1)"
    }
  }

  /// The values of the names, variables and calls in `e` that are single values, each once, in
  /// source order.
  static func values(in e: Expression, _ evaluator: Evaluator) -> [(String, String)] {
    var out: [(String, String)] = []
    var seen: Set<String> = []
    // A work list instead of recursion: an assertion over a 10,000-term chain costs no stack.
    // Children are pushed in reverse, so they are visited in source order.
    var pending = [e]
    while let e = pending.popLast() {
      switch e {
      case .name, .variable, .call:
        let text = Printer.print(e)
        guard !seen.contains(text) else { continue }
        seen.insert(text)
        if case .scalar(let v)? = try? evaluator.evaluate(e) {
          out.append((text, v.literalDescription))
        }
        if case .call(let c) = e { pending += c.arguments.reversed() }
      case .list(let l): pending += l.elements.reversed()
      case .range(let r): pending += [r.upper, r.lower]
      case .unary(let u): pending.append(u.operand)
      case .binary(let b): pending += [b.right, b.left]
      case .number, .string, .date, .bool: break
      }
    }
    return out
  }
}
