internal import Foundation
import SegHistory
import SegLang
import Synchronization

/// A host that keeps what an entry writes to standard output, for the pager, and passes
/// everything else (diagnostics, files) to the host it wraps.
final class CollectingHost: ScriptHost {
  let base: any ScriptHost
  private let text = Mutex("")

  init(base: any ScriptHost) {
    self.base = base
  }

  /// Everything written to standard output so far.
  var collected: String { text.withLock { $0 } }

  func writeOutput(_ output: String) { text.withLock { $0 += output } }
  func report(_ diagnostic: Diagnostic, in source: SourceFile?) { base.report(diagnostic, in: source) }
  func writeError(_ output: String) { base.writeError(output) }
  var terminalColumns: Int? { base.terminalColumns }
  var isOutputTerminal: Bool { base.isOutputTerminal }
  func readFile(atPath path: String) throws(HostError) -> [UInt8] { try base.readFile(atPath: path) }
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
