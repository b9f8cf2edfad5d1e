public import Foundation
public import SegHistory

/// Everything SegLang needs from the outside world: output, diagnostics, files, environment.
///
/// The real host lives in SegShell; SegTestSupport has an in-memory one. Nothing in SegLang
/// touches files, standard streams or the environment except through a host, which is what lets
/// tests run scripts without a terminal or a file system.
public protocol ScriptHost: Sendable {
  /// Writes text to standard output (no newline added).
  func writeOutput(_ text: String)
  /// The width of the terminal standard output goes to, in columns, or `nil` when it is not a
  /// terminal (charts then use 80 columns). Defaults to `nil`.
  var terminalColumns: Int? { get }
  /// Reports a diagnostic on standard error, rendered with the host's decorator. `source` is the
  /// script it points into, if any.
  func report(_ diagnostic: Diagnostic, in source: SourceFile?)
  /// Writes text to standard error as it is: diagnostics already rendered in a machine-readable
  /// ``DiagnosticFormat`` (GitHub annotations), which the host's decorator must not touch.
  func writeError(_ text: String)
  /// The bytes of the file at `path` (relative paths resolve against the working directory).
  func readFile(atPath path: String) throws(HostError) -> [UInt8]
  /// The file at `path` as `load` reads it: a path the loader reads in blocks (so a file larger
  /// than memory can be loaded), or its bytes. Defaults to the bytes from ``readFile(atPath:)``.
  func openInput(atPath path: String) throws(HostError) -> FileInput
  /// The SHA-256 (lowercase hex) and size of an input, read in chunks. Defaults to hashing the
  /// bytes ``readFile(atPath:)`` returns.
  func digest(of input: FileInput) throws(HostError) -> FileDigest
  /// Writes `bytes` to `path` atomically: into a temporary file beside it, then renamed, so a
  /// reader never sees a partial file. Missing parent folders are created. The real host follows
  /// symbolic links, keeps the mode and owner of the file it replaces, writes devices and FIFOs
  /// (`/dev/stdout`) in place instead of replacing them, and fails with the system's reason
  /// (`ENOSPC`, `EACCES`, `EISDIR`) and a ``HostError/help`` (see `AtomicFileWriter`).
  func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError)
  /// Whether a file (or directory) exists at `path`.
  func fileExists(atPath path: String) -> Bool
  /// The environment variable called `name`.
  func environment(_ name: String) -> String?
  /// Whether standard output is a terminal (then long cells may be truncated).
  var isOutputTerminal: Bool { get }
  /// The current time, stored with each run `save` writes. SegLang reads no clock itself; test
  /// hosts return a fixed time so that output stays reproducible.
  func now() -> Date
  /// Opens the seg history file at `path` (relative paths resolve against the working
  /// directory), creating it when missing if `createIfMissing` (`save`), else failing with
  /// ``HistoryError/Code/fileNotFound`` (`runs`, `compare`, `load run=`).
  func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError) -> HistoryStore
  /// A test hook that `save` passes to ``HistoryStore/save(_:threshold:duringSave:)``: called
  /// inside the write transaction, halfway through the customer rows. `nil` (the default) in
  /// normal use; SegShell's host sets it to kill the process when `SEG_TEST_ABORT_IN_SAVE=1`,
  /// which is how the tests prove that an interrupted save leaves the earlier runs intact.
  var historySaveHook: (@Sendable (SaveProgress) throws -> Void)? { get }
}

extension ScriptHost {
  public func openInput(atPath path: String) throws(HostError) -> FileInput {
    .bytes(try readFile(atPath: path))
  }

  public func digest(of input: FileInput) throws(HostError) -> FileDigest {
    switch input {
    case .bytes(let bytes): return FileDigest(bytes: bytes)
    case .file(let path, _): return FileDigest(bytes: try readFile(atPath: path))
    }
  }

  /// No hook: saves run straight through.
  public var historySaveHook: (@Sendable (SaveProgress) throws -> Void)? { nil }
}

/// Why a host file operation failed. The message names the path and the reason, never file
/// contents.
public struct HostError: Error, Sendable, Equatable {
  /// A one-line reason: `no such file 'x.csv'`.
  public var message: String
  /// What to do about it, when the host knows better than the command: `free some space on that
  /// disk, or write the file somewhere else` for `ENOSPC`.
  public var help: String?

  /// Creates an error.
  public init(_ message: String, help: String? = nil) {
    self.message = message
    self.help = help
  }
}

/// A file as `load` reads it.
public enum FileInput: Sendable, Equatable {
  /// A file on disk, read in blocks; `byteCount` is its size when opened.
  case file(path: String, byteCount: Int)
  /// Bytes in memory (test hosts, standard input).
  case bytes([UInt8])

  /// The size in bytes as stored.
  public var byteCount: Int {
    switch self {
    case .file(_, let n): n
    case .bytes(let b): b.count
    }
  }
}

/// The SHA-256 and size of a file's bytes as stored.
public struct FileDigest: Sendable, Equatable {
  /// Lowercase hex.
  public var sha256: String
  public var byteCount: Int

  public init(sha256: String, byteCount: Int) {
    self.sha256 = sha256
    self.byteCount = byteCount
  }

  /// Hashes bytes in memory, fed in 1 MiB chunks.
  public init(bytes: [UInt8]) {
    var hash = SHA256()
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + (1 << 20))
      hash.update(Array(bytes[start..<end]))
      start = end
    }
    self.init(sha256: hash.finalize(), byteCount: bytes.count)
  }
}

/// A host that wraps another and passes every call to it, except those it implements itself:
/// the base for decorators such as SegShell's diagnostic-format and output-collecting hosts.
///
/// ```swift
/// struct QuietHost: ForwardingScriptHost {
///   let base: any ScriptHost
///   func writeOutput(_ text: String) {}  // everything else goes to `base`
/// }
/// ```
public protocol ForwardingScriptHost: ScriptHost {
  /// The host that receives every call this one does not implement.
  var base: any ScriptHost { get }
}

extension ForwardingScriptHost {
  public func writeOutput(_ text: String) { base.writeOutput(text) }
  public var terminalColumns: Int? { base.terminalColumns }
  public func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    base.report(diagnostic, in: source)
  }
  public func writeError(_ text: String) { base.writeError(text) }
  public func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    try base.readFile(atPath: path)
  }
  public func openInput(atPath path: String) throws(HostError) -> FileInput {
    try base.openInput(atPath: path)
  }
  public func digest(of input: FileInput) throws(HostError) -> FileDigest {
    try base.digest(of: input)
  }
  public func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    try base.writeFileAtomically(bytes, toPath: path)
  }
  public func fileExists(atPath path: String) -> Bool { base.fileExists(atPath: path) }
  public func environment(_ name: String) -> String? { base.environment(name) }
  public var isOutputTerminal: Bool { base.isOutputTerminal }
  public func now() -> Date { base.now() }
  public func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    try base.openHistory(atPath: path, createIfMissing: createIfMissing)
  }
  public var historySaveHook: (@Sendable (SaveProgress) throws -> Void)? { base.historySaveHook }
}
