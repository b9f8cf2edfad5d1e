package import Foundation
package import SegHistory
package import SegLang
import Synchronization

/// An in-memory ``ScriptHost`` for tests: captures output and diagnostics, serves files from a
/// dictionary, and never touches the real terminal, file system or environment.
package final class MemoryHost: ScriptHost {
  struct State {
    var output = ""
    var errors = ""
    var diagnostics: [Diagnostic] = []
    var files: [String: [UInt8]]
    var histories: [String: HistoryStore] = [:]
  }

  let state: Mutex<State>
  let variables: [String: String]
  /// Whether standard output claims to be a terminal.
  package let isOutputTerminal: Bool
  /// The time ``now()`` returns, fixed so that output is reproducible.
  package let time: Date
  /// The hook `save` runs halfway through writing a run (see ``ScriptHost/historySaveHook``).
  package let historySaveHook: (@Sendable (SaveProgress) throws -> Void)?

  /// The time test hosts report by default: 2011-12-10 06:00:00 UTC.
  package static let defaultTime = Date(timeIntervalSince1970: 1_323_496_800)

  /// Creates a host with the given files (path to UTF-8 text) and environment.
  ///
  /// History files (`save`, `runs`, `compare`) live in memory too, one database per path; a path
  /// given in `files` is not a history file.
  package init(
    files: [String: String] = [:], environment: [String: String] = [:],
    isOutputTerminal: Bool = false, time: Date = MemoryHost.defaultTime,
    historySaveHook: (@Sendable (SaveProgress) throws -> Void)? = nil
  ) {
    state = Mutex(State(files: files.mapValues { Array($0.utf8) }))
    variables = environment
    self.isOutputTerminal = isOutputTerminal
    self.time = time
    self.historySaveHook = historySaveHook
  }

  /// Everything written to standard output.
  package var output: String { state.withLock { $0.output } }
  /// Every diagnostic, rendered plainly, as it would appear on standard error.
  package var errors: String { state.withLock { $0.errors } }
  /// Every diagnostic reported, in order.
  package var diagnostics: [Diagnostic] { state.withLock { $0.diagnostics } }

  /// The bytes of a file the script wrote (or that was given), if any.
  package func file(atPath path: String) -> [UInt8]? { state.withLock { $0.files[path] } }

  package func writeOutput(_ text: String) {
    state.withLock { $0.output += text }
  }

  package func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    let text = DiagnosticRenderer(style: .plain).render(diagnostic, in: source)
    state.withLock {
      $0.errors += text
      $0.diagnostics.append(diagnostic)
    }
  }

  package func writeError(_ text: String) {
    state.withLock { $0.errors += text }
  }

  package func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    guard let bytes = file(atPath: path) else { throw HostError("no such file '\(path)'") }
    return bytes
  }

  package func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    state.withLock { $0.files[path] = bytes }
  }

  package func fileExists(atPath path: String) -> Bool { file(atPath: path) != nil }

  package func environment(_ name: String) -> String? { variables[name] }

  package func now() -> Date { time }

  package func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    if let store = state.withLock({ $0.histories[path] }) { return store }
    if fileExists(atPath: path) {
      throw HistoryError(
        .notAHistory, "'\(path)' is not a seg history file: file is not a database")
    }
    guard createIfMissing else { throw HistoryError(.fileNotFound, "no history file '\(path)'") }
    let store = try HistoryStore(inMemoryNamed: path)
    state.withLock { $0.histories[path] = store }
    return store
  }
}
