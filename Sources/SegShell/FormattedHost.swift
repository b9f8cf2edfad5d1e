import SegLang

/// A host that renders diagnostics in a chosen ``DiagnosticFormat`` (GitHub annotations, JSON
/// Lines) and forwards everything else to the host it wraps. Text diagnostics go to the wrapped
/// host unchanged, so its decorator (colour or plain) applies.
struct FormattedHost: ForwardingScriptHost {
  let base: any ScriptHost
  let format: DiagnosticFormat

  func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    switch format {
    case .text: base.report(diagnostic, in: source)
    case .github: base.writeError(GitHubAnnotation.render(diagnostic, in: source))
    case .json: base.writeError(DiagnosticJSON.render(diagnostic, in: source))
    }
  }
}
