internal import Dispatch
internal import Foundation
import SegLang
import Synchronization

/// The statements of one entry running on their own thread, over a copy of the session's
/// workspace.
///
/// The REPL's main thread starts the job and then waits in short slices (``wait(timeout:)``),
/// drawing the progress line and watching for Ctrl-C between slices. The worker never touches
/// the session: after each statement that succeeds it publishes the statement and the
/// workspace it left (``Result``), and the main thread commits what was published. A job the
/// user cancelled is no longer waited for; its ``GuardedHost`` keeps it from printing, writing
/// files or publishing anything more, and the REPL lets at most one such job run at a time (it
/// waits for it before starting the next one).
final class StatementJob: Sendable {
  /// A statement that succeeded and the workspace before it.
  struct Step: Sendable {
    var statement: Statement
    var before: Workspace
  }

  /// What the job has published.
  struct Result: Sendable {
    /// The statements that succeeded, in order.
    var steps: [Step] = []
    /// The workspace after the last of ``steps``.
    var workspace: Workspace
    /// The error that stopped the job, if one did (syntax errors are reported, not kept).
    var failure: RuntimeError?
    /// Whether the worker has ended.
    var isFinished = false
  }

  /// Stack size of the worker thread (deeply nested expressions recurse).
  static let stackSize = 16 << 20

  private let done = DispatchSemaphore(value: 0)
  private let state: Mutex<Result>

  private init(workspace: Workspace) {
    state = Mutex(Result(workspace: workspace))
  }

  /// Starts compiling `source` on a new thread and, when it has no errors, running its
  /// statements.
  ///
  /// The first error stops them. Diagnostics go to `host`.
  /// Compiling happens on the worker too, so that a big script read with `.read` shows the
  /// progress line and can be left with Ctrl-C while it is parsed.
  /// - Parameters:
  ///   - source: The entry or script.
  ///   - workspace: The session as it is now; the worker changes a copy.
  ///   - registry: The language.
  ///   - host: The job's guarded host; it also answers `isCancelled` and shows progress.
  ///   - display: Table settings for the statements; the progress hook is added here.
  /// - Returns: The running job.
  static func start(
    _ source: SourceFile, workspace: Workspace, registry: CommandRegistry, host: GuardedHost,
    display: DisplayOptions
  ) -> StatementJob {
    let job = StatementJob(workspace: workspace)
    let thread = Thread {
      host.beginStatement(source.name)
      let compilation = Compilation(
        source, registry: registry, knownVariables: Set(workspace.variables.keys))
      DiagnosticFlood.report(compilation.diagnostics, in: source, to: host)
      if compilation.hasErrors {
        job.state.withLock { $0.isFinished = true }
        job.done.signal()
        return
      }
      job.work(
        compilation.script.statements, workspace: workspace, registry: registry, host: host,
        source: source, display: display)
    }
    thread.stackSize = stackSize
    thread.start()
    return job
  }

  private func work(
    _ statements: [Statement], workspace: Workspace, registry: CommandRegistry,
    host: GuardedHost, source: SourceFile, display: DisplayOptions
  ) {
    let interpreter = Interpreter(registry: registry, host: host, isCancelled: { host.isCancelled })
    var context = ExecutionContext(
      workspace: workspace, host: host, registry: registry, source: source,
      isCancelled: { host.isCancelled })
    context.display = display
    context.display.progress = { message, fraction in host.setProgress(message, fraction: fraction)
    }
    var failure: RuntimeError?
    for (index, statement) in statements.enumerated() {
      host.beginStatement(Self.label(statement, index: index, of: statements.count, in: source))
      let before = context.workspace
      do throws(RuntimeError) {
        try context.checkCancellation(at: statement.range)
        try interpreter.execute(statement, in: &context)
      } catch {
        failure = error
        break
      }
      let after = context.workspace
      host.ifLive {
        state.withLock {
          $0.steps.append(Step(statement: statement, before: before))
          $0.workspace = after
        }
      }
    }
    host.ifLive { state.withLock { $0.failure = failure } }
    state.withLock { $0.isFinished = true }
    done.signal()
  }

  /// What has been published so far.
  var result: Result { state.withLock { $0 } }

  /// Whether the worker has ended.
  var isFinished: Bool { state.withLock { $0.isFinished } }

  /// Waits up to `timeout` for the worker to end; whether it has.
  func wait(timeout: Duration) -> Bool {
    if isFinished { return true }
    let nanoseconds =
      Int(timeout.components.seconds) * 1_000_000_000
      + Int(timeout.components.attoseconds / 1_000_000_000)
    _ = done.wait(timeout: .now() + .nanoseconds(nanoseconds))
    return isFinished
  }

  /// What the progress line calls a statement: its first source line, with `[3/120]` in front
  /// when the job has several.
  static func label(_ statement: Statement, index: Int, of count: Int, in source: SourceFile)
    -> String
  {
    let text = source.text(in: statement.range)
    let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
    let shown = firstLine.count < text.count ? firstLine + " …" : firstLine
    return count > 1 ? "[\(index + 1)/\(count)] \(shown)" : String(shown)
  }
}
