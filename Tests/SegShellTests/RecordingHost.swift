import Foundation
import SegHistory
import SegLang
import SegShell
import Synchronization

/// The real host for files, histories and the environment, recording standard output and
/// diagnostics instead of printing them: the bad-input catalogue runs scripts against real files,
/// FIFOs, folders and devices, and asserts what was reported.
final class RecordingHost: ScriptHost {
  /// One diagnostic as reported, with the source it points into.
  struct Report: Sendable {
    var diagnostic: Diagnostic
    var source: SourceFile?

    /// `name:line:column` with the source's file name only, or `seg` when it has no source.
    var location: String {
      guard let source, diagnostic.range != .none else { return "seg" }
      let (line, column) = LineTable(source).location(of: diagnostic.range.start)
      let name = source.name.split(separator: "/").last.map(String.init) ?? source.name
      return "\(name):\(line):\(column)"
    }
  }

  private struct State {
    var output = ""
    var errors = ""
    var reports: [Report] = []
  }

  private let state = Mutex(State())
  private let real = RealHost()

  var output: String { state.withLock { $0.output } }
  var reports: [Report] { state.withLock { $0.reports } }
  /// What was written to standard error as it is (machine-readable diagnostic formats).
  var errors: String { state.withLock { $0.errors } }

  var isOutputTerminal: Bool { false }

  func writeOutput(_ text: String) { state.withLock { $0.output += text } }

  func writeError(_ text: String) { state.withLock { $0.errors += text } }

  func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    state.withLock { $0.reports.append(Report(diagnostic: diagnostic, source: source)) }
  }

  func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    try real.readFile(atPath: path)
  }

  func openInput(atPath path: String) throws(HostError) -> FileInput {
    try real.openInput(atPath: path)
  }

  func digest(of input: FileInput) throws(HostError) -> FileDigest {
    try real.digest(of: input)
  }

  func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    try real.writeFileAtomically(bytes, toPath: path)
  }

  func fileExists(atPath path: String) -> Bool { real.fileExists(atPath: path) }

  func environment(_ name: String) -> String? { nil }

  func now() -> Date { Date(timeIntervalSince1970: 1_323_496_800) }

  func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    try real.openHistory(atPath: path, createIfMissing: createIfMissing)
  }
}
