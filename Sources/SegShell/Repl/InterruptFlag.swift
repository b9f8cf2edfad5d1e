#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Set by the SIGINT handler, cleared by whoever acts on it. A global `let` (STYLE §5): the
/// handler is a C function pointer and cannot capture, and `Atomic` is lock-free, so storing to
/// it from a signal handler is async-signal-safe.
let interruptRequested = Atomic<Bool>(false)

/// Ctrl-C as a value that long-running steps poll.
///
/// ``arm()`` installs a process-wide SIGINT handler that only sets a flag; it never exits and
/// never prints. A long step calls ``check()`` between chunks of work and stops early when it
/// returns `true`; the REPL calls ``reset()`` before each statement. While the line editor is
/// reading, a Ctrl-C is consumed by the editor itself and clears the line being typed.
///
/// The handler is installed with `SA_RESTART`, so blocking reads and writes elsewhere in the
/// process are restarted rather than failing with `EINTR`; the line editor waits in `poll(2)`,
/// which the kernel never restarts, and so still notices the signal at once.
///
/// ```swift
/// InterruptFlag.shared.arm()
/// for chunk in chunks {
///   if InterruptFlag.shared.check() { break }
///   process(chunk)
/// }
/// ```
struct InterruptFlag: Sendable {
  /// The one flag of the process.
  static let shared = InterruptFlag()

  private init() {}

  /// Installs the SIGINT handler (idempotent). Call once, from the REPL, before the first prompt.
  func arm() {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = { _ in
        interruptRequested.store(true, ordering: .relaxed)
      }
    #else
      action.__sigaction_u.__sa_handler = { _ in
        interruptRequested.store(true, ordering: .relaxed)
      }
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = Int32(SA_RESTART)
    _ = sigaction(SIGINT, &action, nil)
  }

  /// Whether Ctrl-C was pressed since the last ``reset()``; does not clear the flag.
  func check() -> Bool {
    interruptRequested.load(ordering: .relaxed)
  }

  /// Clears the flag.
  func reset() {
    interruptRequested.store(false, ordering: .relaxed)
  }

  /// Clears the flag and returns whether it was set: for the one consumer that acts on a Ctrl-C
  /// exactly once (the line editor).
  func consume() -> Bool {
    interruptRequested.exchange(false, ordering: .relaxed)
  }

  /// Sets the flag as the signal handler would: for tests and for a step that wants to stop the
  /// statement it belongs to.
  func raise() {
    interruptRequested.store(true, ordering: .relaxed)
  }
}
