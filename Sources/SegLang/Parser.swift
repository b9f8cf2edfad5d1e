/// A hand-written recursive-descent parser for seg scripts.
///
/// The whole script is parsed before anything runs. On an error the parser records a
/// ``Diagnostic``, skips to the end of the statement and goes on, so every syntax error is
/// reported at once. Inside `(` and `[` line breaks do not end the statement.
///
/// Grammar (loosest first):
/// ```
/// script     := (statement? (NEWLINE | ';'))* EOF
/// statement  := 'set' NAME '=' expr | 'param' NAME ':' TYPE ('=' expr)? | command
/// command    := WORD value* [expr [','] ] (NAME '=' value)*
/// value      := unary ('..' unary)?
/// expr       := and ('or' and)*
/// and        := not ('and' not)*
/// not        := 'not' not | comparison
/// comparison := range ((== != < <= > >= | 'in' | 'not' 'in') range)?
/// range      := additive ('..' additive)?
/// additive   := term (('+' | '-') term)*
/// term       := unary (('*' | '/') unary)*
/// unary      := '-' unary | primary
/// primary    := NUMBER | PERCENT | STRING | DATE | 'true' | 'false' | NAME | `NAME`
///             | NAME '(' (expr (',' expr)*)? ')' | $NAME | '[' (expr (',' expr)* ','?)? ']'
///             | '(' expr ')'
/// ```
public struct Parser {
  let source: SourceFile
  let registry: CommandRegistry
  var tokens: [Token]
  var index = 0
  /// Open brackets; while positive, line breaks are skipped.
  var depth = 0
  var diagnostics: [Diagnostic]
  /// Whether a positional or option value is being parsed (for a better error message).
  var parsingValue = false
  /// How deeply the expression being parsed nests: parentheses, lists, calls, `-` and `not`.
  var nesting = 0
  /// The deepest nesting an expression may have. Parsing, checking and evaluating recurse once per
  /// level, so a bound keeps a crafted script (3,000 parentheses) from overflowing the stack;
  /// long chains such as `a or b or c ...` do not nest and are not limited by it.
  public static let maximumNesting = 256
  /// Chaining operators (`or`, `and`, `+`, `-`, `*`, `/`) in the statement being parsed.
  var operators = 0
  /// The most chaining operators one statement may have. A chain `a or b or c ...` is walked in
  /// loops, but releasing its tree recurses once per link; 16,384 keeps that well inside a
  /// thread's stack (a 10,000-term `or` of comparisons is fine; comparisons do not chain and are
  /// not counted; a long list of values is better written `in [...]`).
  public static let maximumOperators = 16_384

  init(source: SourceFile, registry: CommandRegistry) {
    self.source = source
    self.registry = registry
    let lexed = Lexer.tokenize(source)
    tokens = lexed.tokens
    diagnostics = lexed.diagnostics
  }

  /// Parses `source` into a script, with every lexical and syntax error found.
  ///
  /// The script holds the statements that parsed; statements with errors are left out.
  public static func parse(_ source: SourceFile, registry: CommandRegistry) -> (
    script: Script, diagnostics: [Diagnostic]
  ) {
    var parser = Parser(source: source, registry: registry)
    let script = parser.parseScript()
    let sorted = parser.diagnostics.enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }.map(\.element)
    return (script, sorted)
  }

  /// Parses a single expression (for tests and the REPL's `:type`-style helpers).
  public static func parseExpression(_ source: SourceFile, registry: CommandRegistry) -> (
    expression: Expression?, diagnostics: [Diagnostic]
  ) {
    var parser = Parser(source: source, registry: registry)
    do throws(ParseError) {
      let e = try parser.parseExpression()
      if parser.current().kind != .endOfFile {
        let t = parser.current()
        throw parser.unexpected(t, expecting: "end of input")
      }
      return (e, parser.diagnostics)
    } catch {
      if let d = error.diagnostic { parser.diagnostics.append(d) }
      return (nil, parser.diagnostics)
    }
  }

  // MARK: - Tokens

  mutating func current() -> Token {
    if depth > 0 {
      while tokens[index].kind == .newline { index += 1 }
    }
    return tokens[index]
  }

  mutating func peekKind(_ offset: Int) -> TokenKind { peekToken(offset).kind }

  /// The token `offset` places after the current one, skipping line breaks inside brackets.
  mutating func peekToken(_ offset: Int) -> Token {
    _ = current()
    var i = index
    var remaining = offset
    while remaining > 0, i < tokens.count - 1 {
      i += 1
      if depth > 0, tokens[i].kind == .newline { continue }
      remaining -= 1
    }
    return tokens[i]
  }

  @discardableResult
  mutating func advance() -> Token {
    let t = current()
    if t.kind != .endOfFile { index += 1 }
    return t
  }

  func text(_ t: Token) -> String { source.text(in: t.range) }

  mutating func isKeyword(_ word: String) -> Bool {
    let t = current()
    return t.kind == .identifier && text(t) == word
  }

  mutating func atEndOfStatement() -> Bool {
    switch current().kind {
    case .newline, .semicolon, .endOfFile: true
    default: false
    }
  }

  /// The error for token `t` when `expecting` was needed.
  mutating func unexpected(_ t: Token, expecting: String) -> ParseError {
    if t.kind == .invalid { return .alreadyReported }
    let found: String
    switch t.kind {
    case .identifier, .quotedIdentifier, .variable, .number, .percent, .string, .date:
      found = "'\(text(t))'"
    default:
      found = t.kind.displayName
    }
    return ParseError(
      Diagnostic(.unexpectedToken, "expected \(expecting), found \(found)", at: t.range))
  }

  mutating func expect(_ kind: TokenKind, opening: Token? = nil) throws(ParseError) -> Token {
    let t = current()
    guard t.kind == kind else {
      if t.kind == .invalid { throw .alreadyReported }
      if let opening, source.bytes[opening.range.end..<t.range.start].contains(UInt8(ascii: "\n")) {
        // The bracket ran on past the end of its line: the bracket is the mistake.
        throw ParseError(
          Diagnostic(.expectedToken, "unclosed \(opening.kind.displayName)", at: opening.range)
            .withHelp("close it with \(kind.displayName) before the statement ends"))
      }
      var error = unexpected(t, expecting: kind.displayName)
      if let opening, var d = error.diagnostic {
        d.id = .expectedToken
        d = d.withNote("to match this \(opening.kind.displayName)", at: opening.range)
        error = ParseError(d)
      } else if var d = error.diagnostic {
        d.id = .expectedToken
        error = ParseError(d)
      }
      throw error
    }
    return advance()
  }

  // MARK: - Statements

  mutating func parseScript() -> Script {
    var statements: [Statement] = []
    while true {
      depth = 0
      let t = current()
      if t.kind == .endOfFile { break }
      if t.kind == .newline || t.kind == .semicolon {
        advance()
        continue
      }
      do throws(ParseError) {
        let statement = try parseStatement()
        if !atEndOfStatement() {
          let t = current()
          var error = unexpected(t, expecting: "end of statement")
          let operators: [TokenKind] = [
            .plus, .minus, .star, .slash, .less, .lessEqual, .greater, .greaterEqual, .equalEqual,
            .notEqual,
          ]
          if var d = error.diagnostic, case .command = statement, operators.contains(t.kind) {
            d = d.withHelp("put an expression in parentheses to use it as a value: (a + b)")
            error = ParseError(d)
          }
          throw error
        }
        statements.append(statement)
      } catch {
        if let d = error.diagnostic { diagnostics.append(d) }
        if !resumesAtNewStatement() { recover() }
      }
    }
    return Script(statements: statements)
  }

  /// After an error inside brackets: whether the failing token starts a line with a command word,
  /// so the bracket was probably left unclosed and parsing should resume there rather than skip
  /// the line (`filter (a > 1` followed by `echo 2`).
  mutating func resumesAtNewStatement() -> Bool {
    guard depth > 0 else { return false }
    depth = 0
    let t = tokens[index]
    guard index > 0, tokens[index - 1].kind == .newline, t.kind == .identifier else { return false }
    let word = text(t)
    return word == "set" || word == "param" || registry.command(named: word) != nil
  }

  /// Skips to the end of the current statement.
  mutating func recover() {
    depth = 0
    while true {
      switch tokens[index].kind {
      case .newline, .semicolon, .endOfFile: return
      default: index += 1
      }
    }
  }

  mutating func parseStatement() throws(ParseError) -> Statement {
    operators = 0
    let t = current()
    guard t.kind == .identifier else {
      if t.kind == .invalid { throw .alreadyReported }
      if t.kind == .variable, peekKind(1) == .equal {
        let name = String(text(t).dropFirst())
        throw ParseError(
          Diagnostic(
            .expectedCommand, "expected a command, found '\(text(t))'", at: t.range,
            fixIt: FixIt(
              replacing: t.range, with: "set \(name)",
              message: "write 'set \(name) = ...' to set a variable")))
      }
      throw unexpected(t, expecting: "a command")
    }
    let word = text(t)
    switch word {
    case "set": return .set(try parseSet())
    case "param": return .param(try parseParam())
    default:
      guard let spec = registry.command(named: word) else {
        var d = Diagnostic(.unknownCommand, "unknown command '\(word)'", at: t.range)
        if let s = EditDistance.suggestion(for: word, among: registry.commands.map(\.name)) {
          d.fixIt = .didYouMean(s, at: t.range)
        } else {
          d = d.withHelp("'help' lists the commands")
        }
        throw ParseError(d)
      }
      return .command(try parseCommand(spec))
    }
  }

  mutating func parseSet() throws(ParseError) -> SetStatement {
    let keyword = advance()
    let name = try parseDeclaredName(after: "set")
    let eq = current()
    if eq.kind == .equalEqual {
      throw ParseError(
        Diagnostic(
          .unexpectedToken, "'set' takes a single '='", at: eq.range,
          fixIt: FixIt(replacing: eq.range, with: "=", message: "write 'set \(name.text) = ...'")))
    }
    _ = try expect(.equal)
    let value = try parseExpression()
    return SetStatement(
      name: name.text, nameRange: name.range, value: value,
      range: keyword.range.union(value.range))
  }

  mutating func parseParam() throws(ParseError) -> ParamStatement {
    let keyword = advance()
    let name = try parseDeclaredName(after: "param")
    _ = try expect(.colon)
    let typeToken = current()
    guard typeToken.kind == .identifier else {
      throw unexpected(typeToken, expecting: "a type (int, number, string, date or bool)")
    }
    advance()
    let typeName = text(typeToken)
    guard let type = ParameterType(rawValue: typeName) else {
      var d = Diagnostic(.unknownType, "unknown parameter type '\(typeName)'", at: typeToken.range)
      let all = ParameterType.allCases.map(\.rawValue)
      if let s = EditDistance.suggestion(for: typeName, among: all) {
        d.fixIt = .didYouMean(s, at: typeToken.range)
      } else {
        d = d.withHelp("parameter types are " + all.joined(separator: ", "))
      }
      throw ParseError(d)
    }
    var defaultValue: Expression?
    var end = typeToken.range
    if current().kind == .equal {
      advance()
      let value = try parseExpression()
      defaultValue = value
      end = value.range
    }
    return ParamStatement(
      name: name.text, nameRange: name.range, type: type, typeRange: typeToken.range,
      defaultValue: defaultValue, range: keyword.range.union(end))
  }

  mutating func parseDeclaredName(after keyword: String) throws(ParseError) -> (
    text: String, range: SourceRange
  ) {
    let t = current()
    if t.kind == .variable {
      let bare = String(text(t).dropFirst())
      throw ParseError(
        Diagnostic(
          .unexpectedToken, "'\(keyword)' takes the name without '$'", at: t.range,
          fixIt: FixIt(replacing: t.range, with: bare, message: "write '\(keyword) \(bare) ...'")))
    }
    guard t.kind == .identifier else { throw unexpected(t, expecting: "a name") }
    advance()
    return (text(t), t.range)
  }

  mutating func isOptionStart() -> Bool {
    let t = current()
    return (t.kind == .identifier || t.kind == .quotedIdentifier) && peekKind(1) == .equal
  }

  mutating func parseCommand(_ spec: CommandSpec) throws(ParseError) -> Command {
    let nameToken = advance()
    var command = Command(name: spec.name, nameRange: nameToken.range, range: nameToken.range)
    if let expressionSpec = spec.expression {
      for _ in spec.positionals where !atEndOfStatement() && !isOptionStart() {
        command.arguments.append(try parseValue())
      }
      if !atEndOfStatement() && current().kind != .comma {
        do {
          command.expression = try parseExpression()
        } catch {
          // `assert msg="..."`: an option where the expression belongs.
          if var d = error.diagnostic, d.id == .bareEquals,
            let option = command.arguments.isEmpty ? optionName(before: d.range) : nil,
            spec.option(named: option) != nil
          {
            d = Diagnostic(
              .missingExpression,
              "'\(spec.name)' needs \(expressionSpec.name == "condition" ? "a condition" : "an expression") before its options",
              at: d.range)
            throw ParseError(d)
          }
          throw error
        }
      }
      if current().kind == .comma { advance() }
      while !atEndOfStatement() {
        guard isOptionStart() else {
          let t = current()
          throw unexpected(t, expecting: "an option (key=value) or end of statement")
        }
        command.options.append(try parseOption())
      }
    } else {
      while !atEndOfStatement() {
        if isOptionStart() {
          command.options.append(try parseOption())
        } else if spec.option(named: "as") != nil, current().kind == .identifier,
          text(current()) == "as", peekKind(1) == .identifier
        {
          // `load "f.csv" as orders`: the option `as` written without '='.
          let key = advance()
          let value = try parseValue()
          command.options.append(
            CommandOption(
              name: "as", nameRange: key.range, value: value, range: key.range.union(value.range)))
        } else {
          command.arguments.append(try parseValue())
        }
      }
    }
    var end = nameToken.range
    for e in command.arguments { end = end.union(e.range) }
    if let e = command.expression { end = end.union(e.range) }
    for o in command.options { end = end.union(o.range) }
    command.range = end
    return command
  }

  /// The name written just before offset `range.start` (`msg` in `msg=`), if it is one token.
  func optionName(before range: SourceRange) -> String? {
    guard let i = tokens.firstIndex(where: { $0.range.start == range.start }), i > 0,
      tokens[i - 1].kind == .identifier
    else { return nil }
    return text(tokens[i - 1])
  }

  mutating func parseOption() throws(ParseError) -> CommandOption {
    let key = advance()
    let name = key.kind == .quotedIdentifier ? String(text(key).dropFirst().dropLast()) : text(key)
    _ = try expect(.equal)
    let value = try parseValue()
    return CommandOption(
      name: name, nameRange: key.range, value: value, range: key.range.union(value.range))
  }

  /// A positional or option value: a unary expression, or a range of two.
  mutating func parseValue() throws(ParseError) -> Expression {
    parsingValue = true
    defer { parsingValue = false }
    let lower = try parseUnary()
    if current().kind == .dotDot {
      advance()
      let upper = try parseUnary()
      return .range(
        RangeExpression(lower: lower, upper: upper, range: lower.range.union(upper.range)))
    }
    return lower
  }

  // MARK: - Expressions

  /// Enters one more level of nesting at `token`, or fails when that is too deep.
  mutating func enterNesting(at token: Token) throws(ParseError) {
    nesting += 1
    guard nesting <= Self.maximumNesting else {
      nesting -= 1
      throw ParseError(
        Diagnostic(
          .nestingTooDeep,
          "expression nested deeper than \(Self.maximumNesting) levels", at: token.range
        ).withHelp("split it into steps, or write a long list of values with 'in [...]'"))
    }
  }

  /// Counts one more binary operator at `range`, or fails when the statement has too many.
  mutating func countOperator(at range: SourceRange) throws(ParseError) {
    operators += 1
    guard operators <= Self.maximumOperators else {
      throw ParseError(
        Diagnostic(
          .nestingTooDeep,
          "expression has more than \(Self.maximumOperators) operators", at: range
        ).withHelp("test many values with 'in [...]', or split the work into steps"))
    }
  }

  mutating func parseExpression() throws(ParseError) -> Expression {
    try enterNesting(at: current())
    defer { nesting -= 1 }
    var left = try parseAnd()
    while isKeyword("or") {
      let op = advance()
      try countOperator(at: op.range)
      let right = try parseAnd()
      left = .binary(
        BinaryExpression(
          op: .or, left: left, right: right, operatorRange: op.range,
          range: left.range.union(right.range)))
    }
    return left
  }

  mutating func parseAnd() throws(ParseError) -> Expression {
    var left = try parseNot()
    while isKeyword("and") {
      let op = advance()
      try countOperator(at: op.range)
      let right = try parseNot()
      left = .binary(
        BinaryExpression(
          op: .and, left: left, right: right, operatorRange: op.range,
          range: left.range.union(right.range)))
    }
    return left
  }

  mutating func parseNot() throws(ParseError) -> Expression {
    if isKeyword("not") {
      let op = advance()
      try enterNesting(at: op)
      defer { nesting -= 1 }
      let operand = try parseNot()
      return .unary(
        UnaryExpression(
          op: .not, operand: operand, operatorRange: op.range,
          range: op.range.union(operand.range)))
    }
    return try parseComparison()
  }

  mutating func comparisonOperator() -> (BinaryExpression.Operator, SourceRange)? {
    let t = current()
    switch t.kind {
    case .equalEqual: return (.equal, t.range)
    case .notEqual: return (.notEqual, t.range)
    case .less: return (.less, t.range)
    case .lessEqual: return (.lessEqual, t.range)
    case .greater: return (.greater, t.range)
    case .greaterEqual: return (.greaterEqual, t.range)
    case .identifier:
      switch text(t) {
      case "in": return (.in, t.range)
      case "not":
        let next = peekToken(1)
        if next.kind == .identifier, source.text(in: next.range) == "in" {
          return (.notIn, t.range.union(next.range))
        }
        return nil
      default: return nil
      }
    default: return nil
    }
  }

  mutating func parseComparison() throws(ParseError) -> Expression {
    let left = try parseRange()
    let t = current()
    if t.kind == .equal {
      throw ParseError(
        Diagnostic(
          .bareEquals, "'=' is not a comparison", at: t.range,
          fixIt: FixIt(replacing: t.range, with: "==", message: "use '==' to compare values")))
    }
    guard let (op, opRange) = comparisonOperator() else { return left }
    advance()
    if op == .notIn { advance() }
    let right = try parseRange()
    let result = Expression.binary(
      BinaryExpression(
        op: op, left: left, right: right, operatorRange: opRange,
        range: left.range.union(right.range)))
    if let (_, again) = comparisonOperator() {
      throw ParseError(
        Diagnostic(.chainedComparison, "comparisons cannot be chained", at: again).withHelp(
          "combine two comparisons with 'and': a < b and b < c"))
    }
    if current().kind == .equal {
      let eq = current()
      throw ParseError(
        Diagnostic(
          .bareEquals, "'=' is not a comparison", at: eq.range,
          fixIt: FixIt(replacing: eq.range, with: "==", message: "use '==' to compare values")))
    }
    return result
  }

  mutating func parseRange() throws(ParseError) -> Expression {
    let lower = try parseAdditive()
    guard current().kind == .dotDot else { return lower }
    advance()
    let upper = try parseAdditive()
    return .range(RangeExpression(lower: lower, upper: upper, range: lower.range.union(upper.range)))
  }

  mutating func parseAdditive() throws(ParseError) -> Expression {
    var left = try parseTerm()
    while true {
      let t = current()
      let op: BinaryExpression.Operator
      switch t.kind {
      case .plus: op = .add
      case .minus: op = .subtract
      default: return left
      }
      advance()
      try countOperator(at: t.range)
      let right = try parseTerm()
      left = .binary(
        BinaryExpression(
          op: op, left: left, right: right, operatorRange: t.range,
          range: left.range.union(right.range)))
    }
  }

  mutating func parseTerm() throws(ParseError) -> Expression {
    var left = try parseUnary()
    while true {
      let t = current()
      let op: BinaryExpression.Operator
      switch t.kind {
      case .star: op = .multiply
      case .slash: op = .divide
      default: return left
      }
      advance()
      try countOperator(at: t.range)
      let right = try parseUnary()
      left = .binary(
        BinaryExpression(
          op: op, left: left, right: right, operatorRange: t.range,
          range: left.range.union(right.range)))
    }
  }

  mutating func parseUnary() throws(ParseError) -> Expression {
    let t = current()
    if t.kind == .minus {
      advance()
      try enterNesting(at: t)
      defer { nesting -= 1 }
      let operand = try parseUnary()
      return .unary(
        UnaryExpression(
          op: .negate, operand: operand, operatorRange: t.range,
          range: t.range.union(operand.range)))
    }
    return try parsePrimary()
  }

  mutating func parsePrimary() throws(ParseError) -> Expression {
    let t = current()
    switch t.kind {
    case .number:
      advance()
      return .number(NumberLiteral(value: Double(text(t)) ?? .nan, range: t.range))
    case .percent:
      advance()
      return .number(
        NumberLiteral(value: Double(String(text(t).dropLast())) ?? .nan, isPercent: true, range: t.range))
    case .string:
      advance()
      return .string(StringLiteral(value: Parser.decodeString(text(t)), range: t.range))
    case .date:
      advance()
      guard let d = DateValue(parsing: text(t)) else { throw .alreadyReported }
      return .date(DateLiteral(value: d, range: t.range))
    case .quotedIdentifier:
      advance()
      return .name(
        NameReference(name: String(text(t).dropFirst().dropLast()), isQuoted: true, range: t.range))
    case .variable:
      advance()
      return .variable(VariableReference(name: String(text(t).dropFirst()), range: t.range))
    case .identifier:
      let word = text(t)
      switch word {
      case "true", "false":
        advance()
        return .bool(BoolLiteral(value: word == "true", range: t.range))
      case "and", "or", "not", "in":
        throw ParseError(
          Diagnostic(.expectedExpression, "expected a value, found '\(word)'", at: t.range)
            .withHelp("write `\(word)` in backticks to use it as a column name"))
      default:
        break
      }
      advance()
      let next = current()
      if next.kind == .leftParen, next.range.start == t.range.end {
        return .call(try parseCall(name: word, nameToken: t))
      }
      return .name(NameReference(name: word, range: t.range))
    case .leftBracket:
      return .list(try parseList())
    case .leftParen:
      advance()
      depth += 1
      let wasValue = parsingValue
      parsingValue = false
      defer { parsingValue = wasValue }
      let inner = try parseExpression()
      _ = try expect(.rightParen, opening: t)
      depth -= 1
      return inner
    case .invalid:
      throw .alreadyReported
    default:
      var error = unexpected(t, expecting: "a value")
      if var d = error.diagnostic {
        d.id = .expectedExpression
        let operators: [TokenKind] = [
          .plus, .star, .slash, .less, .lessEqual, .greater, .greaterEqual, .equalEqual, .notEqual,
        ]
        if parsingValue, depth == 0, operators.contains(t.kind) {
          d = d.withHelp("put an expression in parentheses to use it as a value: (a + b)")
        }
        error = ParseError(d)
      }
      throw error
    }
  }

  mutating func parseCall(name: String, nameToken: Token) throws(ParseError) -> CallExpression {
    let open = advance()
    depth += 1
    var arguments: [Expression] = []
    if current().kind != .rightParen {
      while true {
        arguments.append(try parseExpression())
        if current().kind == .comma {
          advance()
          continue
        }
        break
      }
    }
    let close = try expect(.rightParen, opening: open)
    depth -= 1
    return CallExpression(
      name: name, nameRange: nameToken.range, arguments: arguments,
      range: nameToken.range.union(close.range))
  }

  mutating func parseList() throws(ParseError) -> ListExpression {
    let open = advance()
    depth += 1
    var elements: [Expression] = []
    while current().kind != .rightBracket {
      elements.append(try parseExpression())
      if current().kind == .comma {
        advance()
        continue
      }
      break
    }
    let close = try expect(.rightBracket, opening: open)
    depth -= 1
    return ListExpression(elements: elements, range: open.range.union(close.range))
  }

  /// Decodes the text of a string token (quotes included), whose escapes the lexer checked.
  static func decodeString(_ literal: String) -> String {
    var out = ""
    var scalars = literal.unicodeScalars.dropFirst().dropLast().makeIterator()
    while let c = scalars.next() {
      guard c == "\\", let e = scalars.next() else {
        out.unicodeScalars.append(c)
        continue
      }
      switch e {
      case "n": out.append("\n")
      case "t": out.append("\t")
      case "r": out.append("\r")
      case "0": out.append("\0")
      case "u":
        var hex = ""
        _ = scalars.next()  // {
        while let h = scalars.next(), h != "}" { hex.unicodeScalars.append(h) }
        if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { out.unicodeScalars.append(s) }
      default: out.unicodeScalars.append(e)
      }
    }
    return out
  }
}

