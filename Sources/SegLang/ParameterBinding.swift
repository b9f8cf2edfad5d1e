/// Turns `name=value` overrides from the command line into parameter values, checked against the
/// script's `param` declarations.
///
/// Values are parsed by the declared type: `int` (`5`), `number` (`2.5`, `5%`), `string` (taken
/// as written; surrounding double quotes are removed), `date` (`2011-12-09`), `bool` (`true`,
/// `false`, `yes`, `no`, `1`, `0`).
public enum ParameterBinding {
  /// The parameter values and any problems (unknown names, bad values, missing required
  /// parameters). Diagnostics have no source range: they are about the command line.
  public static func resolve(
    _ overrides: [(name: String, value: String)], for script: Script
  ) -> (values: [String: Value], diagnostics: [Diagnostic]) {
    let declared = script.parameters
    var values: [String: Value] = [:]
    var diagnostics: [Diagnostic] = []
    for (name, text) in overrides {
      guard let p = declared.first(where: { $0.name == name }) else {
        var d = Diagnostic(.unknownParameter, "unknown parameter '\(name)'", at: .none)
        d = d.withNote(
          declared.isEmpty
            ? "the script declares no parameters"
            : "known parameters: "
              + declared.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", "))
        if let s = EditDistance.suggestion(for: name, among: declared.map(\.name)) {
          d = d.withHelp("did you mean '\(s)'?")
        }
        diagnostics.append(d)
        continue
      }
      guard let v = parse(text, as: p.type) else {
        diagnostics.append(
          Diagnostic(
            .invalidParameterValue,
            "parameter '\(name)' expects \(p.type.valueType.description), got '\(text)'", at: .none))
        continue
      }
      values[name] = v
    }
    for p in declared where p.defaultValue == nil && values[p.name] == nil {
      diagnostics.append(
        Diagnostic(.missingParameter, "parameter '\(p.name)' has no default and was not given", at: .none)
          .withHelp("give it on the command line: \(p.name)=VALUE"))
    }
    return (values, diagnostics)
  }

  /// Parses a command-line value as `type`, or `nil` when it does not fit.
  public static func parse(_ text: String, as type: ParameterType) -> Value? {
    switch type {
    case .int:
      return Int(text).map { .number(Double($0)) }
    case .number:
      if text.hasSuffix("%"), let v = Double(text.dropLast()), v.isFinite { return .number(v / 100) }
      guard let v = Double(text), v.isFinite, text.first != "+" || text.count > 1 else { return nil }
      return .number(v)
    case .string:
      if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
        return .string(String(text.dropFirst().dropLast()))
      }
      return .string(text)
    case .date:
      return DateValue(parsing: text).map(Value.date)
    case .bool:
      switch text.lowercased() {
      case "true", "yes", "1": return .bool(true)
      case "false", "no", "0": return .bool(false)
      default: return nil
      }
    }
  }
}
