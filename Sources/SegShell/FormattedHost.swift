import Foundation
import SegHistory
import SegLang

/// A host that renders diagnostics in a chosen ``DiagnosticFormat`` (GitHub annotations, JSON
/// Lines) and forwards everything else to the host it wraps. Text diagnostics go to the wrapped
/// host unchanged, so its decorator (colour or plain) applies.
struct FormattedHost: ScriptHost {
  let base: any ScriptHost
  let format: DiagnosticFormat

  func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    switch format {
    case .text: base.report(diagnostic, in: source)
    case .github: base.writeError(GitHubAnnotation.render(diagnostic, in: source))
    case .json: base.writeError(DiagnosticJSON.render(diagnostic, in: source))
    }
  }

  func writeOutput(_ text: String) { base.writeOutput(text) }
  func writeError(_ text: String) { base.writeError(text) }
  var terminalColumns: Int? { base.terminalColumns }
  var isOutputTerminal: Bool { base.isOutputTerminal }
  func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    try base.readFile(atPath: path)
  }
  func openInput(atPath path: String) throws(HostError) -> FileInput {
    try base.openInput(atPath: path)
  }
  func digest(of input: FileInput) throws(HostError) -> FileDigest { try base.digest(of: input) }
  func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    try base.writeFileAtomically(bytes, toPath: path)
  }
  func fileExists(atPath path: String) -> Bool { base.fileExists(atPath: path) }
  func environment(_ name: String) -> String? { base.environment(name) }
  func now() -> Date { base.now() }
  func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    try base.openHistory(atPath: path, createIfMissing: createIfMissing)
  }
  var historySaveHook: (@Sendable (SaveProgress) throws -> Void)? { base.historySaveHook }
}
