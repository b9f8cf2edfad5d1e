internal import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history file on disk: where it lives, its format, and atomic replacement.
///
/// ## Format (version 1)
///
/// UTF-8 text. The first line is exactly `#seg-history v1`. Every following line is one entry,
/// oldest first, with three escapes so that an entry is always exactly one line: a backslash is
/// written `\\`, a line feed `\n`, a carriage return `\r`. A multi-line statement is therefore
/// one line in the file and one entry in the history. Empty lines are ignored. A line that is
/// not valid UTF-8 or holds any other backslash sequence is skipped, and loading reports one
/// warning for all such lines; the next save rewrites the file without them.
///
/// A non-empty file whose first line is not the header (or names a newer version) is left
/// alone: it is reported, and this session does not write to it.
///
/// ## Writing
///
/// ``write(_:)`` never modifies the file in place: it writes a temporary file beside it
/// (mode 0600), flushes it to disk and renames it over the old one, so a crash or a full disk
/// leaves either the old or the new history, never a mix. Symbolic links are followed, so a
/// history file kept in a dotfiles repository stays a link.
struct HistoryFile: Sendable, Equatable {
  /// The first line of every version-1 history file.
  static let header = "#seg-history v1"

  /// Where the file is (or will be).
  let url: URL

  /// The history file a session uses, or `nil` when history is not saved.
  ///
  /// `$SEG_HISTORY` names the file; set but empty, it turns saving off. Otherwise the file is
  /// `$XDG_STATE_HOME/seg/history` when that variable holds an absolute path (the XDG Base
  /// Directory rule), else `$HOME/.local/state/seg/history`; with no usable `HOME`, `nil`.
  /// A leading `~/` in `$SEG_HISTORY` means `$HOME/`.
  static func location(environment: [String: String]) -> HistoryFile? {
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
    if let explicit = environment["SEG_HISTORY"] {
      if explicit.isEmpty { return nil }
      if explicit.hasPrefix("~/"), let home {
        return HistoryFile(url: URL(fileURLWithPath: home + explicit.dropFirst()))
      }
      return HistoryFile(url: URL(fileURLWithPath: explicit))
    }
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return HistoryFile(url: URL(fileURLWithPath: state).appendingPathComponent("seg/history"))
    }
    guard let home else { return nil }
    return HistoryFile(
      url: URL(fileURLWithPath: home).appendingPathComponent(".local/state/seg/history"))
  }

  /// What ``load()`` found.
  struct Contents: Sendable, Equatable {
    /// The entries read, oldest first.
    var entries: [String]
    /// Problems to show the user, at most one of each kind.
    var warnings: [HistoryWarning]
    /// Whether this session may write the file: false when it exists but could not be read or
    /// is not a version-1 history file.
    var isWritable: Bool
  }

  /// Reads the file. Never throws: a missing file is an empty history; anything else that goes
  /// wrong is a warning.
  func load() -> Contents {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      if !FileManager.default.fileExists(atPath: url.path) {
        return Contents(entries: [], warnings: [], isWritable: true)
      }
      return Contents(
        entries: [],
        warnings: [HistoryWarning(.unreadable(path: url.path, reason: Self.reason(error)))],
        isWritable: false)
    }
    return Self.decode(data, path: url.path)
  }

  /// Parses the bytes of a history file (see the format above).
  static func decode(_ data: Data, path: String) -> Contents {
    var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if let last = lines.last, last.isEmpty { lines.removeLast() }
    guard let first = lines.first else {
      return Contents(entries: [], warnings: [], isWritable: true)
    }
    let headerLine = String(decoding: first.trimmingCarriageReturn(), as: UTF8.self)
    guard headerLine == header else {
      let prefix = "#seg-history v"
      if headerLine.hasPrefix(prefix), let version = Int(headerLine.dropFirst(prefix.count)),
        version > 1
      {
        return Contents(
          entries: [], warnings: [HistoryWarning(.newerVersion(path: path, version: version))],
          isWritable: false)
      }
      return Contents(
        entries: [], warnings: [HistoryWarning(.notAHistoryFile(path: path))], isWritable: false)
    }
    var entries: [String] = []
    var skipped = 0
    for line in lines.dropFirst() {
      let bytes = line.trimmingCarriageReturn()
      if bytes.isEmpty { continue }
      guard let text = String(validating: bytes, as: UTF8.self), let entry = unescape(text)
      else {
        skipped += 1
        continue
      }
      entries.append(entry)
    }
    let warnings =
      skipped > 0 ? [HistoryWarning(.skippedLines(path: path, count: skipped))] : []
    return Contents(entries: entries, warnings: warnings, isWritable: true)
  }

  /// The bytes of a history file holding `entries`.
  static func encode(_ entries: [String]) -> Data {
    var text = header + "\n"
    for entry in entries {
      text += escape(entry)
      text += "\n"
    }
    return Data(text.utf8)
  }

  /// An entry as one line of the file.
  static func escape(_ entry: String) -> String {
    var result = ""
    result.reserveCapacity(entry.utf8.count)
    for scalar in entry.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The entry a line of the file holds, or `nil` for an unknown or unfinished escape.
  static func unescape(_ line: String) -> String? {
    var result = ""
    var scalars = line.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "\\" else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalars.next() {
      case "\\": result += "\\"
      case "n": result += "\n"
      case "r": result += "\r"
      default: return nil
      }
    }
    return result
  }

  /// Replaces the file with one holding `entries`, atomically (see the type's discussion).
  /// Creates the directory (mode 0700) when missing.
  /// - Throws: ``HistoryWarning`` of kind `.unwritable` naming the path and the system's reason;
  ///   the old file is then untouched and no temporary file is left behind.
  func write(_ entries: [String]) throws(HistoryWarning) {
    let target = Self.followingLinks(url)
    let directory = target.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(
        at: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw HistoryWarning(.unwritable(path: url.path, reason: Self.reason(error)))
    }
    let temporary = Self.temporaryURL(for: target)
    let data = Self.encode(entries)
    if let failure = Self.writeNew(data, to: temporary.path) {
      _ = unlink(temporary.path)
      throw HistoryWarning(.unwritable(path: url.path, reason: failure))
    }
    if rename(temporary.path, target.path) != 0 {
      let failure = String(cString: strerror(errno))
      _ = unlink(temporary.path)
      throw HistoryWarning(.unwritable(path: url.path, reason: failure))
    }
  }

  /// The file `url` ends at after following symbolic links (up to 16), even when that file does
  /// not exist yet, which `URL.resolvingSymlinksInPath()` does not do.
  static func followingLinks(_ url: URL) -> URL {
    var current = url
    for _ in 0..<16 {
      guard
        let destination = try? FileManager.default.destinationOfSymbolicLink(
          atPath: current.path)
      else { break }
      current =
        destination.hasPrefix("/")
        ? URL(fileURLWithPath: destination)
        : current.deletingLastPathComponent().appendingPathComponent(destination)
    }
    return current
  }

  /// The temporary file ``write(_:)`` uses for `target`: hidden, in the same directory (so the
  /// rename is atomic), and distinct per process.
  static func temporaryURL(for target: URL) -> URL {
    target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).\(getpid()).tmp")
  }

  /// Creates `path` (which must not exist), writes `data` and flushes it to disk; the reason on
  /// failure.
  private static func writeNew(_ data: Data, to path: String) -> String? {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return String(cString: strerror(errno)) }
    var failure: String?
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count, let base = buffer.baseAddress {
        let written = posixWrite(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
    return failure
  }

  /// A short human reason for a Foundation file error.
  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(nsError.code)))
    }
    return nsError.localizedDescription
  }
}

/// `write(2)`, reachable from inside a type that has its own `write` method.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

extension Data.SubSequence {
  /// The line without one trailing carriage return (a file edited on Windows).
  fileprivate func trimmingCarriageReturn() -> Data.SubSequence {
    last == UInt8(ascii: "\r") ? dropLast() : self
  }
}

/// A problem with the history file, shown to the user as a warning; the REPL carries on.
struct HistoryWarning: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong.
  enum Kind: Sendable, Equatable {
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// Some lines were not valid entries and were skipped.
    case skippedLines(path: String, count: Int)
    /// The file does not start with the history header: left alone, not written.
    case notAHistoryFile(path: String)
    /// The file was written by a newer seg: left alone, not written.
    case newerVersion(path: String, version: Int)
    /// The file (or its directory) could not be written.
    case unwritable(path: String, reason: String)
  }

  /// What went wrong.
  var kind: Kind

  init(_ kind: Kind) { self.kind = kind }

  /// The message printed after `warning: `.
  var description: String {
    switch kind {
    case .unreadable(let path, let reason):
      "cannot read history file \(path): \(reason); history will not be saved"
    case .skippedLines(let path, let count):
      "skipped \(count) unreadable line\(count == 1 ? "" : "s") in history file \(path)"
    case .notAHistoryFile(let path):
      "\(path) is not a seg history file; history will not be saved (move it away or set "
        + "SEG_HISTORY)"
    case .newerVersion(let path, let version):
      "history file \(path) has format version \(version), newer than this seg understands; "
        + "history will not be saved"
    case .unwritable(let path, let reason):
      "cannot save history to \(path): \(reason)"
    }
  }
}
