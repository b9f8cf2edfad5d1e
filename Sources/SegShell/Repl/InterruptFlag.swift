import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set by the SIGINT handler, cleared by whoever acts on it. A global `let` (STYLE §5): the
/// handler is a C function pointer and cannot capture, and `Atomic` is lock-free, so storing to
/// it from a signal handler is async-signal-safe.
let interruptRequested = Atomic<Bool>(false)

/// The write end of the self-pipe the SIGINT handler writes a byte to, or -1 before ``InterruptFlag/arm()``.
let interruptWakeWriter = Atomic<Int32>(-1)

/// The read end of that pipe, or -1 before ``InterruptFlag/arm()``.
let interruptWakeReader = Atomic<Int32>(-1)

/// Ctrl-C as a value that long-running steps poll.
///
/// ``arm()`` installs a process-wide SIGINT handler that only sets a flag and writes one byte to
/// a pipe (the self-pipe trick); it never exits and never prints. A long step calls ``check()``
/// between chunks of work and stops early when it returns `true`; the REPL calls ``reset()``
/// before each statement. While the line editor waits for a key it also watches
/// ``wakeDescriptor``, so a Ctrl-C clears the line at once even when the kernel delivers the
/// signal to another thread than the one reading.
///
/// The handler is installed with `SA_RESTART`, so blocking reads and writes elsewhere in the
/// process are restarted rather than failing with `EINTR`.
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

  /// Installs the SIGINT handler (idempotent; the pipe is made once). Call once, from the REPL,
  /// before the first prompt; scripts run without it keep the default Ctrl-C (exit).
  func arm() {
    if interruptWakeReader.load(ordering: .acquiring) < 0 {
      var ends: [Int32] = [-1, -1]
      if pipe(&ends) == 0 {
        for end in ends {
          _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
          _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        interruptWakeWriter.store(ends[1], ordering: .releasing)
        interruptWakeReader.store(ends[0], ordering: .releasing)
      }
    }
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = { _ in handleInterrupt() }
    #else
    action.__sigaction_u.__sa_handler = { _ in handleInterrupt() }
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
    drainWake()
  }

  /// Clears the flag and returns whether it was set: for the one consumer that acts on a Ctrl-C
  /// exactly once (the line editor).
  func consume() -> Bool {
    drainWake()
    return interruptRequested.exchange(false, ordering: .relaxed)
  }

  /// Sets the flag as the signal handler would: for tests, and for a step that wants to stop
  /// the statement it belongs to.
  func raise() {
    handleInterrupt()
  }

  /// A descriptor that becomes readable when Ctrl-C is pressed (after ``arm()``), for `poll(2)`.
  var wakeDescriptor: Int32? {
    let reader = interruptWakeReader.load(ordering: .acquiring)
    return reader >= 0 ? reader : nil
  }

  /// Empties the self-pipe so that `poll` waits again.
  private func drainWake() {
    guard let reader = wakeDescriptor else { return }
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(reader, &buffer, buffer.count) > 0 {}
  }
}

/// The body of the SIGINT handler: async-signal-safe (an atomic store and `write(2)`), and it
/// leaves `errno` as it found it.
private func handleInterrupt() {
  let savedErrno = errno
  interruptRequested.store(true, ordering: .relaxed)
  let writer = interruptWakeWriter.load(ordering: .relaxed)
  if writer >= 0 {
    var byte: UInt8 = 1
    _ = write(writer, &byte, 1)
  }
  errno = savedErrno
}
