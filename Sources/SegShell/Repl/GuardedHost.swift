import Foundation
import SegHistory
import SegLang
import Synchronization

/// The host one REPL statement runs against: it forwards to the session's host until the
/// statement is cancelled, and refuses everything after.
///
/// A statement runs on a worker thread (``StatementJob``) while the main thread waits and
/// watches for Ctrl-C. When the user cancels, the REPL calls ``cancel()`` and goes back to the
/// prompt at once, but the worker may still be computing (core algorithms need not poll for
/// cancellation). This host makes that late worker harmless: once ``cancel()`` has returned,
/// nothing it does reaches the terminal or the disk — output and diagnostics are dropped, reads
/// and writes fail. One lock orders ``cancel()`` against each write: a file write already
/// under way finishes (atomically) before ``cancel()`` returns, so no file appears after
/// `cancelled` is printed.
///
/// It also owns the progress line on standard error: it clears the line before any output so
/// the two never mix, and draws it (``drawProgress(elapsed:width:)``) only while the
/// statement is live.
final class GuardedHost: ScriptHost {
  private struct State {
    var isCancelled = false
    var isProgressVisible = false
    var label = ""
    var message: String?
    var fraction: Double?
  }

  private let base: any ScriptHost
  private let console: any ReplConsole
  private let state = Mutex(State())

  init(base: any ScriptHost, console: any ReplConsole) {
    self.base = base
    self.console = console
  }

  /// Whether ``cancel()`` was called; the statement's `isCancelled` reads it.
  var isCancelled: Bool { state.withLock { $0.isCancelled } }

  /// Stops everything from here on; returns once no write is under way.
  func cancel() {
    state.withLock { state in
      state.isCancelled = true
      clearProgress(&state)
    }
  }

  /// Clears the progress line (the statement is done).
  func finish() {
    state.withLock { clearProgress(&$0) }
  }

  /// Runs `body` under the host's lock unless the job was cancelled.
  ///
  /// ``cancel()`` waits for a running `body`. The job publishes its results this way, so nothing is published after `cancelled`.
  func ifLive(_ body: () -> Void) {
    state.withLock { state in
      if !state.isCancelled { body() }
    }
  }

  /// A new statement of the job starts: its label replaces the last one, and its own progress
  /// reports start afresh.
  func beginStatement(_ label: String) {
    state.withLock {
      $0.label = label
      $0.message = nil
      $0.fraction = nil
    }
  }

  /// Records what the statement reported about its progress.
  func setProgress(_ message: String, fraction: Double?) {
    state.withLock {
      $0.message = message
      $0.fraction = fraction
    }
  }

  /// Draws (or redraws) the progress line, unless the statement was cancelled.
  func drawProgress(elapsed: Duration, width: Int) {
    state.withLock { state in
      guard !state.isCancelled else { return }
      let line = ProgressLine.text(
        label: state.label, message: state.message, fraction: state.fraction, elapsed: elapsed,
        width: width)
      console.writeStatus("\r" + line + ProgressLine.clearToEnd)
      state.isProgressVisible = true
    }
  }

  private func clearProgress(_ state: inout State) {
    if state.isProgressVisible {
      console.writeStatus(ProgressLine.clear)
      state.isProgressVisible = false
    }
  }

  // MARK: ScriptHost

  var isOutputTerminal: Bool { base.isOutputTerminal }

  func writeOutput(_ text: String) {
    state.withLock { state in
      guard !state.isCancelled else { return }
      clearProgress(&state)
      base.writeOutput(text)
    }
  }

  func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    state.withLock { state in
      guard !state.isCancelled else { return }
      clearProgress(&state)
      base.report(diagnostic, in: source)
    }
  }

  func writeError(_ text: String) {
    state.withLock { state in
      guard !state.isCancelled else { return }
      clearProgress(&state)
      base.writeError(text)
    }
  }

  func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    if isCancelled { throw Self.cancelledError }
    return try base.readFile(atPath: path)
  }

  func openInput(atPath path: String) throws(HostError) -> FileInput {
    if isCancelled { throw Self.cancelledError }
    return try base.openInput(atPath: path)
  }

  func digest(of input: FileInput) throws(HostError) -> FileDigest {
    if isCancelled { throw Self.cancelledError }
    return try base.digest(of: input)
  }

  func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    let failure: HostError? = state.withLock { state in
      guard !state.isCancelled else { return Self.cancelledError }
      do throws(HostError) {
        try base.writeFileAtomically(bytes, toPath: path)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  func fileExists(atPath path: String) -> Bool { base.fileExists(atPath: path) }

  func environment(_ name: String) -> String? { base.environment(name) }

  var terminalColumns: Int? { base.terminalColumns }

  func now() -> Date { base.now() }

  func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    if isCancelled { throw HistoryError(.cannotOpen, "the statement was cancelled") }
    return try base.openHistory(atPath: path, createIfMissing: createIfMissing)
  }

  /// Checks for cancellation inside the save transaction, so a save that a Ctrl-C overtook rolls
  /// back instead of committing after `cancelled` was printed.
  var historySaveHook: (@Sendable (SaveProgress) throws -> Void)? {
    let baseHook = base.historySaveHook
    return { [self] progress in
      if isCancelled { throw HistoryError(.cannotOpen, "the statement was cancelled") }
      try baseHook?(progress)
    }
  }

  private static let cancelledError = HostError("the statement was cancelled")
}
