import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals that arrived while the line editor was reading, one bit per signal number; a global
/// `let` for the same reason as ``interruptRequested``.
let pendingEditorSignals = Atomic<UInt64>(0)

/// The signals the line editor handles itself while it reads a line, and how.
///
/// libedit's own handling (`EL_SIGNAL`) assumes its built-in reader; with seg's reader it
/// forgets to redraw after `fg` and handles only the first Ctrl-Z of a line. So, only for the
/// duration of each `el_gets`, these handlers record the signal and wake the reader (through
/// ``InterruptFlag``'s pipe), and the reader acts outside signal context:
///
/// - `SIGTSTP` (Ctrl-Z): restore the terminal, stop, and on `fg` re-enter editing mode and
///   redraw;
/// - `SIGCONT` (continued after an external stop): re-enter editing mode and redraw;
/// - `SIGWINCH`: tell libedit the new size and redraw;
/// - `SIGTERM`, `SIGHUP`, `SIGQUIT`: restore the terminal, then die of the signal as usual.
///
/// Outside `el_gets` the previous handlers (normally the defaults) are in place.
enum EditorSignals {
  /// The signals handled while reading.
  static let handled: [Int32] = [SIGTSTP, SIGCONT, SIGWINCH, SIGTERM, SIGHUP, SIGQUIT]

  /// The handlers in place before ``install()``, to give back to ``restore(_:)``.
  struct Saved {
    fileprivate var actions: [(Int32, sigaction)]
  }

  /// Installs the recording handlers and returns what they replaced.
  static func install() -> Saved {
    var saved: [(Int32, sigaction)] = []
    for signal in handled {
      var action = sigaction()
      #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = { recordEditorSignal($0) }
      #else
      action.__sigaction_u.__sa_handler = { recordEditorSignal($0) }
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = Int32(SA_RESTART)
      var previous = sigaction()
      if sigaction(signal, &action, &previous) == 0 { saved.append((signal, previous)) }
    }
    return Saved(actions: saved)
  }

  /// Puts back the handlers ``install()`` replaced.
  static func restore(_ saved: Saved) {
    for (signal, action) in saved.actions {
      var action = action
      _ = sigaction(signal, &action, nil)
    }
  }

  /// Takes the signals recorded since the last call.
  static func takePending() -> [Int32] {
    let bits = pendingEditorSignals.exchange(0, ordering: .acquiringAndReleasing)
    return handled.filter { bits & (1 << UInt64($0)) != 0 }
  }

  /// Delivers `signal` to this thread with its default action, as if no handler were installed
  /// (used to stop on Ctrl-Z and to die of SIGTERM once the terminal is restored); the
  /// recording handler is put back afterwards when the process is still running.
  static func performDefaultAction(of signal: Int32) {
    var previous = sigaction()
    var defaultAction = sigaction()
    #if canImport(Glibc)
    defaultAction.__sigaction_handler.sa_handler = SIG_DFL
    #else
    defaultAction.__sigaction_u.__sa_handler = SIG_DFL
    #endif
    sigemptyset(&defaultAction.sa_mask)
    _ = sigaction(signal, &defaultAction, &previous)
    var unblock = sigset_t()
    var mask = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signal)
    _ = pthread_sigmask(SIG_UNBLOCK, &unblock, &mask)
    _ = pthread_kill(pthread_self(), signal)
    _ = pthread_sigmask(SIG_SETMASK, &mask, nil)
    _ = sigaction(signal, &previous, nil)
  }
}

/// The handler body: async-signal-safe (an atomic or and `write(2)`), `errno` preserved.
private func recordEditorSignal(_ signal: Int32) {
  let savedErrno = errno
  _ = pendingEditorSignals.bitwiseOr(1 << UInt64(signal), ordering: .relaxed)
  let writer = interruptWakeWriter.load(ordering: .relaxed)
  if writer >= 0 {
    var byte: UInt8 = 2
    _ = write(writer, &byte, 1)
  }
  errno = savedErrno
}
