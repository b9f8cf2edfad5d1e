/// The arguments of one command as it runs: positionals and options by name, evaluated,
/// type-checked and with defaults applied.
///
/// Accessors return `nil` when the argument was not given and has no default. Values were
/// checked against the spec's ``ValueType`` before the handler runs, so `arguments.int("k")` is
/// a whole number whenever it is not `nil`.
public struct CommandArguments: Sendable {
  /// The command as written.
  public let command: Command
  let values: [String: Value]
  let ranges: [String: SourceRange]
  let given: Set<String>

  init(command: Command, values: [String: Value], ranges: [String: SourceRange], given: Set<String>) {
    self.command = command
    self.values = values
    self.ranges = ranges
    self.given = given
  }

  /// The expression, for commands that take one.
  public var expression: Expression? { command.expression }

  /// Whether the argument or option `name` was written (not defaulted).
  public func isGiven(_ name: String) -> Bool { given.contains(name) }

  /// Where argument or option `name` was written (its value), else the command word.
  public func range(of name: String) -> SourceRange { ranges[name] ?? command.nameRange }

  /// The value of argument or option `name`, after defaults.
  public func value(_ name: String) -> Value? { values[name] }

  /// A whole number (``ValueType/int``).
  public func int(_ name: String) -> Int? { values[name]?.integer }

  /// A number (``ValueType/number``; percentages are fractions).
  public func number(_ name: String) -> Double? { values[name]?.number }

  /// A string, name or choice (``ValueType/string``, ``ValueType/path``, ``ValueType/name``,
  /// ``ValueType/choice(_:)``).
  public func string(_ name: String) -> String? {
    if case .string(let s) = values[name] { s } else { nil }
  }

  /// A date (``ValueType/date``).
  public func date(_ name: String) -> DateValue? {
    if case .date(let d) = values[name] { d } else { nil }
  }

  /// A truth value (``ValueType/bool``).
  public func bool(_ name: String) -> Bool? {
    if case .bool(let b) = values[name] { b } else { nil }
  }

  /// Names (``ValueType/names``): one name or a list, as a list.
  public func names(_ name: String) -> [String]? {
    guard case .list(let items) = values[name] else { return nil }
    return items.compactMap { if case .string(let s) = $0 { s } else { nil } }
  }

  /// An inclusive range of whole numbers (``ValueType/intRange``).
  public func intRange(_ name: String) -> ClosedRange<Int>? { values[name]?.intRange }

  /// The values of a variadic positional, in order (empty when none were given).
  public func list(_ name: String) -> [Value] {
    if case .list(let items) = values[name] { items } else { [] }
  }
}
