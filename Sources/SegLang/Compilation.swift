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
