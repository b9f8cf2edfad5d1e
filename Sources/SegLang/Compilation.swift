/// A parsed and validated script, with every syntax and validation error found.
///
/// `seg check` stops here; `seg run` runs ``script`` only when ``hasErrors`` is false.
public struct Compilation: Sendable {
  /// The source.
  public let source: SourceFile
  /// The statements that parsed.
  public let script: Script
  /// Every error and warning, in source order.
  public let diagnostics: [Diagnostic]

  /// Parses and validates `source`. `knownVariables` are variables defined before it (earlier
  /// REPL entries).
  public init(
    _ source: SourceFile, registry: CommandRegistry = .standard,
    knownVariables: Set<String> = []
  ) {
    self.source = source
    let parsed = Parser.parse(source, registry: registry)
    script = parsed.script
    var validator = Validator(registry: registry, knownVariables: knownVariables)
    validator.validate(parsed.script)
    diagnostics = (parsed.diagnostics + validator.diagnostics).enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }.map(\.element)
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reports diagnostics through a host, at most ``limit`` of them: a file that is not a script
/// (`seg run /bin/ls`) or a badly broken one would otherwise print thousands of errors. The rest
/// are counted in one closing note, `and 1,234 more errors`.
package enum DiagnosticFlood {
  /// The most diagnostics reported for one script or entry.
  package static let limit = 50

  /// Reports the first ``limit`` diagnostics and a note counting the others.
  package static func report(
    _ diagnostics: [Diagnostic], in source: SourceFile?, to host: any ScriptHost,
    limit: Int = DiagnosticFlood.limit
  ) {
    for d in diagnostics.prefix(limit) { host.report(d, in: source) }
    let rest = diagnostics.dropFirst(limit)
    guard !rest.isEmpty else { return }
    let errors = rest.filter { $0.severity == .error }.count
    let what =
      errors == rest.count
      ? "error\(errors == 1 ? "" : "s")" : "diagnostic\(rest.count == 1 ? "" : "s")"
    host.report(
      Diagnostic(
        .tooManyErrors, severity: .note,
        "and \(NumberFormatting.count(rest.count)) more \(what), not shown", at: .none
      ).withHelp("fix the ones above first; 'seg check' lists them again"),
      in: nil)
  }
}
