package import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program on a real pseudo-terminal inside a private tmux server, for tests of the
/// interactive REPL: type keys, read the screen, wait for text, read the exit status.
///
/// Every session has its own server socket (`tmux -L`), no configuration file (`-f
/// /dev/null`) and the environment it is given and nothing else, so a test never touches the
/// user's tmux, terminal, home directory or history. The server is killed by ``kill()`` and in
/// `deinit`. Panes stay after the program exits (`remain-on-exit`), so the last screen and the
/// exit status can still be read.
///
/// Suites that use it should be enabled only when ``isAvailable`` (each test target defines an
/// `enabledTrait` for that), so that they are skipped, with the reason, where tmux is not
/// installed:
///
/// ```swift
/// @Suite(TmuxSession.enabledTrait) struct ReplTerminalTests {
///   @Test func ctrlDExits() throws {
///     let home = try TemporaryDirectory()
///     let session = try TmuxSession(
///       command: [segBinary.path], environment: TmuxSession.hermeticEnvironment(home: home.url))
///     try session.waitFor("seg> ")
///     try session.sendKeys("C-d")
///     #expect(try session.waitForExit() == 0)
///   }
/// }
/// ```
package final class TmuxSession {
  /// Why a tmux call failed.
  package enum Failure: Error, CustomStringConvertible {
    /// tmux is not on `PATH`.
    case notInstalled
    /// A tmux command exited unsuccessfully.
    case commandFailed(arguments: [String], status: Int32, standardError: String)
    /// The awaited text or condition did not appear in time; `screen` is the last capture.
    case timedOut(waitingFor: String, screen: String)

    package var description: String {
      switch self {
      case .notInstalled:
        "tmux is not installed"
      case .commandFailed(let arguments, let status, let standardError):
        "tmux \(arguments.joined(separator: " ")) exited with \(status): \(standardError)"
      case .timedOut(let waitingFor, let screen):
        "timed out waiting for \(waitingFor); the screen was:\n\(screen)"
      }
    }
  }

  /// The tmux executable found on `PATH`, if any.
  package static let tmuxPath: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/tmux" }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }()

  /// Whether tmux can be used here.
  package static var isAvailable: Bool { tmuxPath != nil }

  /// A minimal environment for a program under test: a known terminal type and UTF-8 locale,
  /// `PATH`, and `HOME` (plus `XDG_STATE_HOME`) inside `home`, so that history and `~/.editrc`
  /// are the test's own.
  package static func hermeticEnvironment(home: URL) -> [String: String] {
    [
      "TERM": "xterm-256color",
      "LANG": "C.UTF-8",
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": home.path,
      "XDG_STATE_HOME": home.appendingPathComponent("state").path,
    ]
  }

  /// The server socket name (`tmux -L`).
  package let socket: String
  /// The session (and target) name.
  package let name: String
  /// Holds the file the exit status is written to.
  private let scratch: URL
  private var statusFile: URL { scratch.appendingPathComponent("status") }
  private var isKilled = false

  /// Starts `command` (executed directly, no shell) in a detached session of the given size.
  /// - Parameters:
  ///   - command: The program and its arguments.
  ///   - width: Terminal columns.
  ///   - height: Terminal rows.
  ///   - environment: The program's entire environment (see ``hermeticEnvironment(home:)``).
  ///   - workingDirectory: Where it starts; the test process's directory when `nil`.
  /// - Throws: ``Failure/notInstalled`` or ``Failure/commandFailed(arguments:status:standardError:)``.
  package init(
    command: [String], width: Int = 120, height: Int = 40, environment: [String: String],
    workingDirectory: URL? = nil
  ) throws {
    guard Self.isAvailable else { throw Failure.notInstalled }
    let unique = UUID().uuidString.prefix(8)
    socket = "seg-test-\(getpid())-\(unique)"
    name = "seg\(unique)"
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    var arguments = [
      "set-option", "-g", "remain-on-exit", "on", ";",
      "set-option", "-g", "history-limit", "10000", ";",
      "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
    ]
    if let workingDirectory { arguments += ["-c", workingDirectory.path] }
    // tmux 3.3 sometimes marks a quickly exiting pane dead without its status, so a wrapping
    // shell records the status in a file. `trap :` keeps that shell alive through the Ctrl-C a
    // test sends (caught signals are reset to the default in the program it starts). The shell
    // then lingers a moment: tmux 3.3, busy, sometimes dropped the last output of a pane that
    // died at once (a CI run saw an empty screen after `echo last words; exit 3`).
    let wrapper =
      #"status=$1; shift; trap : INT QUIT; "$@"; printf '%s' "$?" > "$status"; sleep 0.3"#
    arguments += ["--", "/usr/bin/env", "-i"] + assignments
    arguments += ["/bin/sh", "-c", wrapper, "sh", statusFile.path] + command
    try run(arguments)
  }

  deinit {
    kill()
  }

  /// Sends keys by tmux name: `"Enter"`, `"Tab"`, `"C-c"`, `"C-d"`, `"Up"`, `"Escape"`, or
  /// plain words (which tmux types as text).
  package func sendKeys(_ keys: String...) throws {
    try run(["send-keys", "-t", name] + keys)
  }

  /// Types `text` literally (no key-name interpretation).
  package func type(_ text: String) throws {
    try run(["send-keys", "-t", name, "-l", "--", text])
  }

  /// The visible screen, trailing blank lines and trailing spaces removed (so a prompt `seg> `
  /// on an empty line reads `seg>`).
  package func screen() throws -> String {
    Self.trimmed(try run(["capture-pane", "-p", "-t", name]))
  }

  /// Everything the pane has shown, scrollback included, trimmed like ``screen()``.
  package func transcript() throws -> String {
    Self.trimmed(try run(["capture-pane", "-p", "-S", "-", "-t", name]))
  }

  /// Like ``transcript()``, with the colours and attributes the program set as ANSI escape
  /// sequences (`capture-pane -e`).
  package func transcriptWithEscapes() throws -> String {
    Self.trimmed(try run(["capture-pane", "-p", "-e", "-S", "-", "-t", name]))
  }

  /// Waits until the transcript contains `text` and returns it.
  /// - Throws: ``Failure/timedOut(waitingFor:screen:)`` with the last transcript.
  @discardableResult
  package func waitFor(_ text: String, timeout: Duration = .seconds(20)) throws -> String {
    try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
  }

  /// Waits until `condition` holds for the transcript and returns it.
  @discardableResult
  package func waitFor(
    _ description: String, timeout: Duration = .seconds(20), _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = ContinuousClock.now + timeout
    var last = ""
    repeat {
      last = try transcript()
      if condition(last) { return last }
      usleep(50_000)
    } while ContinuousClock.now < deadline
    throw Failure.timedOut(waitingFor: description, screen: last)
  }

  /// Waits for the program to exit and returns its exit status (128 + N after signal N, as a
  /// shell reports it).
  package func waitForExit(timeout: Duration = .seconds(20)) throws -> Int32 {
    let deadline = ContinuousClock.now + timeout
    repeat {
      if let text = try? String(contentsOf: statusFile, encoding: .utf8), let status = Int32(text) {
        return status
      }
      usleep(50_000)
    } while ContinuousClock.now < deadline
    throw Failure.timedOut(waitingFor: "the program to exit", screen: (try? transcript()) ?? "")
  }

  /// Stops the server and everything in it.
  ///
  /// Calling it again does nothing.
  package func kill() {
    guard !isKilled else { return }
    isKilled = true
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(at: scratch)
    // tmux 3.3 leaves the socket file behind after kill-server.
    let socketDirectory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
    unlink("\(socketDirectory)/tmux-\(getuid())/\(socket)")
  }

  // MARK: Implementation

  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    guard let tmuxPath = Self.tmuxPath else { throw Failure.notInstalled }
    // Output goes to files, not pipes: the tmux server started by the first call inherits
    // descriptors, and a pipe it held open would never reach end-of-file.
    let directory = FileManager.default.temporaryDirectory
    let outputPath = directory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
    let errorPath = directory.appendingPathComponent("\(socket)-\(UUID().uuidString).err").path
    defer {
      unlink(outputPath)
      unlink(errorPath)
    }
    let all = ["-L", socket, "-f", "/dev/null"] + arguments
    let status = try Self.spawnAndWait(tmuxPath, all, output: outputPath, error: errorPath)
    let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    guard status == 0 else {
      throw Failure.commandFailed(
        arguments: arguments, status: status,
        standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }
    return text
  }

  /// Runs `path` and waits for it; its exit status, or 128 + the signal that killed it.
  ///
  /// `posix_spawn` rather than Foundation's `Process`, for two reasons seen in practice: test
  /// threads block most signals and a child (here, the tmux server, which lives on) inherits
  /// that mask, so the child gets an empty mask and default handlers; and the child is reaped
  /// with `waitpid` directly.
  private static func spawnAndWait(
    _ path: String, _ arguments: [String], output: String, error: String
  ) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var everySignal = sigset_t()
    sigfillset(&everySignal)
    posix_spawnattr_setsigdefault(&attributes, &everySignal)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil  // a test run from inside tmux must not talk to that server
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
      throw Failure.commandFailed(
        arguments: arguments, status: -1, standardError: String(cString: strerror(spawned)))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else {
        throw Failure.commandFailed(
          arguments: arguments, status: -1, standardError: String(cString: strerror(errno)))
      }
    }
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }

  /// Lines without trailing spaces, trailing empty lines and tmux's "Pane is dead" notice.
  package static func trimmed(_ capture: String) -> String {
    var lines = capture.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop { $0 == " " }.reversed())
    }
    lines.removeAll { $0.hasPrefix("Pane is dead (") }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}
