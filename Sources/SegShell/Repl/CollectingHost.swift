import SegLang
import Synchronization

/// A host that keeps what an entry writes to standard output, for the pager, and passes
/// everything else (diagnostics, files) to the host it wraps.
final class CollectingHost: ForwardingScriptHost {
  let base: any ScriptHost
  private let text = Mutex("")

  init(base: any ScriptHost) {
    self.base = base
  }

  /// Everything written to standard output so far.
  var collected: String { text.withLock { $0 } }

  func writeOutput(_ output: String) { text.withLock { $0 += output } }
}
