/// Prints ASTs back to seg source, so that `parse(print(ast))` gives `ast` again (ignoring source
/// ranges).
///
/// Output is canonical: one statement per line, single spaces around binary operators, options
/// after positionals, and parentheses only where precedence needs them.
public enum Printer {
  /// The source text of `script`, one statement per line.
  public static func print(_ script: Script) -> String {
    script.statements.map { print($0) + "\n" }.joined()
  }

  /// The source text of one statement.
  public static func print(_ statement: Statement) -> String {
    switch statement {
    case .set(let s):
      return "set \(s.name) = \(print(s.value))"
    case .param(let p):
      var text = "param \(p.name): \(p.type.rawValue)"
      if let d = p.defaultValue { text += " = \(print(d))" }
      return text
    case .command(let c):
      var parts = [c.name]
      parts += c.arguments.map(printValue)
      if let e = c.expression {
        // An expression ending in a name followed by an option would read as one token stream
        // either way; a comma keeps the boundary explicit.
        parts.append(print(e) + (c.options.isEmpty ? "" : ","))
      }
      parts += c.options.map(printOption)
      return parts.joined(separator: " ")
    }
  }

  /// An option as written: `key=value`, and `as NAME` for the option `as` with a bare name
  /// (`load "f.csv" as orders`), which is the only `as` without `=` the parser reads.
  static func printOption(_ o: CommandOption) -> String {
    if o.name == "as", case .name(let n) = o.value, !n.isQuoted {
      return "as " + printValue(o.value)
    }
    return "\(printName(o.name, quoted: false))=\(printValue(o.value))"
  }

  /// The source text of an expression in expression position.
  public static func print(_ expression: Expression) -> String {
    print(expression, context: 0)
  }

  /// The source text of an expression in value position (a positional or option value), where
  /// only unary expressions and ranges may appear unparenthesised.
  public static func printValue(_ expression: Expression) -> String {
    if case .range(let r) = expression {
      return print(r.lower, context: unaryLevel) + ".." + print(r.upper, context: unaryLevel)
    }
    return print(expression, context: unaryLevel)
  }

  /// Precedence levels: 1 or, 2 and, 3 not, 4 comparison, 5 range, 6 additive, 7 term, 8 unary.
  static let unaryLevel = 8

  static func print(_ e: Expression, context: Int) -> String {
    func wrap(_ level: Int, _ text: String) -> String { level < context ? "(\(text))" : text }
    switch e {
    case .number(let n):
      return formatLiteral(n.value) + (n.isPercent ? "%" : "")
    case .string(let s):
      return quote(s.value)
    case .date(let d):
      return d.value.description
    case .bool(let b):
      return b.value ? "true" : "false"
    case .name(let n):
      return printName(n.name, quoted: n.isQuoted)
    case .variable(let v):
      return "$" + v.name
    case .list(let l):
      return "[" + l.elements.map { print($0, context: 0) }.joined(separator: ", ") + "]"
    case .range(let r):
      return wrap(5, print(r.lower, context: 6) + ".." + print(r.upper, context: 6))
    case .unary(let u):
      switch u.op {
      case .negate:
        return wrap(8, "-" + print(u.operand, context: 8))
      case .not:
        return wrap(3, "not " + print(u.operand, context: 3))
      }
    case .binary(let top):
      // Left-associative operators: the right operand needs a tighter level. Comparisons do not
      // chain, so both sides need a tighter level. A left-deep chain (`a or b or c ...`) is
      // printed bottom-up in a loop, so its length costs no stack.
      func leftContext(_ b: BinaryExpression) -> Int {
        b.op.isComparison ? b.op.precedence + 1 : b.op.precedence
      }
      var spine = [top]
      while case .binary(let inner) = spine[spine.count - 1].left { spine.append(inner) }
      var text = print(spine[spine.count - 1].left, context: leftContext(spine[spine.count - 1]))
      for i in stride(from: spine.count - 1, through: 0, by: -1) {
        let b = spine[i]
        let outer = i == 0 ? context : leftContext(spine[i - 1])
        text += " " + b.op.rawValue + " " + print(b.right, context: b.op.precedence + 1)
        if b.op.precedence < outer { text = "(" + text + ")" }
      }
      return text
    case .call(let c):
      return c.name + "(" + c.arguments.map { print($0, context: 0) }.joined(separator: ", ") + ")"
    }
  }

  /// A name, in backticks when it must be (spaces, keywords) or was written so.
  public static func printName(_ name: String, quoted: Bool) -> String {
    quoted || !Lexer.isBareName(name) ? "`" + name + "`" : name
  }

  /// A number as a literal: whole numbers without `.0`, others in shortest round-trip form.
  static func formatLiteral(_ v: Double) -> String {
    if v.rounded() == v, abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
  }

  /// `text` as a seg string literal, with `"`, `\`, and control characters escaped.
  public static func quote(_ text: String) -> String {
    quoted(text) { $0 == "\0" ? "\\0" : "\\u{" + String($0.value, radix: 16) + "}" }
  }

  /// `text` in double quotes with `"`, `\`, line breaks and tabs escaped, and other control
  /// characters written by `control` (shared by seg and JSON string literals).
  static func quoted(_ text: String, control: (Unicode.Scalar) -> String) -> String {
    var out = "\""
    for s in text.unicodeScalars {
      switch s {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if s.value < 0x20 || s.value == 0x7F { out += control(s) } else { out.unicodeScalars.append(s) }
      }
    }
    return out + "\""
  }
}
