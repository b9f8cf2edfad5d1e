public import Foundation
public import SegHistory
public import SegLang
import SegCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host for the real process: standard streams, the file system and the environment.
///
/// Diagnostics are coloured only when standard error is a terminal and `NO_COLOR` is unset.
public struct RealHost: ScriptHost {
  /// Whether diagnostics use ANSI colours.
  public let colorsDiagnostics: Bool
  /// Whether standard output is a terminal.
  public let isOutputTerminal: Bool
  /// Kills the process in the middle of a `save` when `SEG_TEST_ABORT_IN_SAVE=1` (a test hook:
  /// the end-to-end tests use it to check that an interrupted save leaves the history intact).
  public let historySaveHook: (@Sendable (SaveProgress) throws -> Void)?

  /// Creates the host, deciding colour from the process's standard error and environment.
  public init() {
    let environment = ProcessInfo.processInfo.environment
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    colorsDiagnostics = isatty(2) == 1 && !noColor
    isOutputTerminal = isatty(1) == 1
    if environment["SEG_TEST_ABORT_IN_SAVE"] == "1" {
      historySaveHook = { @Sendable _ in abort() }
    } else {
      historySaveHook = nil
    }
  }

  public func writeOutput(_ text: String) {
    // Text from data and scripts may hold escape sequences; only seg's own colours pass.
    FileHandle.standardOutput.write(Data(ControlCharacters.terminalSafe(text).utf8))
  }

  public func report(_ diagnostic: Diagnostic, in source: SourceFile?) {
    let renderer = DiagnosticRenderer(style: colorsDiagnostics ? .ansi : .plain)
    let text = renderer.render(diagnostic, in: source)
    FileHandle.standardError.write(Data(ControlCharacters.terminalSafe(text).utf8))
  }

  public func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  public func readFile(atPath path: String) throws(HostError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw HostError("no such file '\(path)'")
    }
    guard !isDirectory.boolValue else { throw HostError("'\(path)' is a directory") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HostError("cannot read '\(path)'")
    }
    return [UInt8](data)
  }

  public func openInput(atPath path: String) throws(HostError) -> FileInput {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw HostError("no such file '\(path)'")
    }
    guard !isDirectory.boolValue else { throw HostError("'\(path)' is a directory") }
    // The size of the file itself, not of a symbolic link to it.
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    // A FIFO with no writer would block `load` forever, and a device never ends: only regular
    // files are loaded (standard input is `-`).
    if let type = (try? FileManager.default.attributesOfItem(atPath: target))?[.type]
      as? FileAttributeType, type != .typeRegular
    {
      let kind =
        switch type {
        case .typeCharacterSpecial, .typeBlockSpecial: "a device"
        case .typeSocket: "a socket"
        default: "a FIFO"
        }
      throw HostError(
        "'\(path)' is \(kind), not a regular file",
        help: "load reads regular files; save the data to a file first")
    }
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: target),
      let size = (attributes[.size] as? NSNumber)?.intValue,
      FileManager.default.isReadableFile(atPath: path)
    else {
      throw HostError("cannot read '\(path)'")
    }
    return .file(path: path, byteCount: size)
  }

  public func digest(of input: FileInput) throws(HostError) -> FileDigest {
    let path: String
    switch input {
    case .bytes(let bytes): return FileDigest(bytes: bytes)
    case .file(let file, _): path = file
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw HostError("cannot read '\(path)'")
    }
    defer { try? handle.close() }
    var hash = SHA256()
    var count = 0
    while true {
      let chunk: Data
      do {
        chunk = try handle.read(upToCount: 1 << 22) ?? Data()
      } catch {
        throw HostError("cannot read '\(path)'")
      }
      if chunk.isEmpty { break }
      count += chunk.count
      hash.update([UInt8](chunk))
    }
    return FileDigest(sha256: hash.finalize(), byteCount: count)
  }

  public func writeFileAtomically(_ bytes: [UInt8], toPath path: String) throws(HostError) {
    do {
      try AtomicFileWriter.write(bytes, to: path)
    } catch {
      throw HostError(error.description, help: error.help)
    }
  }

  public func fileExists(atPath path: String) -> Bool {
    FileManager.default.fileExists(atPath: path)
  }

  public func environment(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name]
  }

  public func now() -> Date { Date() }

  public func openHistory(atPath path: String, createIfMissing: Bool) throws(HistoryError)
    -> HistoryStore
  {
    try HistoryStore(path: path, createIfMissing: createIfMissing)
  }
}
