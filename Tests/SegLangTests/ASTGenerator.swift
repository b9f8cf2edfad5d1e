import SegCore

@testable import SegLang

/// Builds random ASTs that the printer can write, for the round-trip property. All ranges are
/// ``SourceRange/none``.
struct ASTGenerator {
  var rng: SeededGenerator
  let registry = CommandRegistry.standard

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  static let bareNames = [
    "recency", "frequency", "monetary", "x", "_y", "café", "k2", "set", "param", "filter", "in_",
    "notable", "order", "z",
  ]

  mutating func bareName() -> String { pick(ASTGenerator.bareNames) }

  mutating func quotedName() -> String {
    let pieces = ["Customer ID", "a b", "and", "true", "2x", "é è", "#hash", "x\"y", "back\\slash"]
    return pick(pieces)
  }

  mutating func number() -> Double {
    switch int(0...4) {
    case 0: return Double(int(0...10))
    case 1: return Double(int(0...1_000_000))
    case 2: return Double(int(1...999)) / 8
    case 3: return Double(int(1...9)) * 1e-7
    default: return Double(int(0...99_999)) / 100
    }
  }

  mutating func string() -> String {
    let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "\0", "é", "😀", "\u{1B}", "$", "#", "`", "%"]
    return (0..<int(0...6)).map { _ in pick(alphabet) }.joined()
  }

  mutating func date() -> DateValue {
    let withTime = chance(0.3)
    let days = int(-1000...20_000)
    let seconds = Int64(days) * 86_400 + (withTime ? Int64(int(0...86_399)) : 0)
    return DateValue(secondsSinceEpoch: seconds, includesTime: withTime)
  }

  mutating func leaf() -> Expression {
    switch int(0...7) {
    case 0: return .number(NumberLiteral(value: number()))
    case 1: return .number(NumberLiteral(value: number(), isPercent: true))
    case 2: return .string(StringLiteral(value: string()))
    case 3: return .date(DateLiteral(value: date()))
    case 4: return .bool(BoolLiteral(value: chance(0.5)))
    case 5: return .name(NameReference(name: quotedName(), isQuoted: true))
    case 6: return .variable(VariableReference(name: bareName()))
    default: return .name(NameReference(name: bareName()))
    }
  }

  mutating func expression(depth: Int) -> Expression {
    if depth <= 0 || chance(0.3) { return leaf() }
    switch int(0...5) {
    case 0:
      return .list(ListExpression(elements: (0..<int(0...3)).map { _ in expression(depth: depth - 1) }))
    case 1:
      return .range(RangeExpression(lower: expression(depth: depth - 1), upper: expression(depth: depth - 1)))
    case 2:
      return .unary(UnaryExpression(op: pick(UnaryExpression.Operator.allCases), operand: expression(depth: depth - 1)))
    case 3:
      let name = pick(["mean", "count", "share", "f", "min"])
      return .call(CallExpression(name: name, arguments: (0..<int(0...3)).map { _ in expression(depth: depth - 1) }))
    default:
      return .binary(
        BinaryExpression(
          op: pick(BinaryExpression.Operator.allCases), left: expression(depth: depth - 1),
          right: expression(depth: depth - 1)))
    }
  }

  mutating func statement() -> Statement {
    switch int(0...5) {
    case 0:
      return .set(SetStatement(name: bareName(), value: expression(depth: 3)))
    case 1:
      return .param(
        ParamStatement(
          name: bareName(), type: pick(ParameterType.allCases),
          defaultValue: chance(0.5) ? expression(depth: 2) : nil))
    default:
      let specs = registry.commands.filter { $0.run != nil }
      let spec = pick(specs)
      var command = Command(name: spec.name)
      let optionNames = spec.options.map(\.name) + ["k", "method", "`odd key`"]
      for _ in 0..<int(0...2) {
        var name = pick(optionNames)
        if name == "`odd key`" { name = "odd key" }
        command.options.append(CommandOption(name: name, value: expression(depth: 2)))
      }
      if spec.expression != nil {
        command.arguments = spec.positionals.map { _ in expression(depth: 2) }
        command.expression = expression(depth: 4)
      } else {
        command.arguments = (0..<int(0...3)).map { _ in expression(depth: 2) }
      }
      return .command(command)
    }
  }

  mutating func script() -> Script {
    Script(statements: (0..<int(1...6)).map { _ in statement() })
  }
}
