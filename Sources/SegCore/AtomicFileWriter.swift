#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Writes a file atomically: to a temporary file in the same directory, flushed, then renamed
/// over the target, so readers see either the old file or the complete new one.
///
/// This is for the command-line host and the benchmarks; scripts reach files through the
/// language host.
public enum AtomicFileWriter {
  /// Why a write failed.
  public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target path.
    public var path: String
    /// What the system said.
    public var message: String
    /// `cannot write 'path': message`.
    public var description: String { "cannot write '\(path)': \(message)" }
  }

  /// Writes `bytes` to `path`, replacing any existing file atomically.
  public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    func failure(_ what: String) -> WriteError {
      WriteError(path: path, message: what + ": " + String(cString: strerror(errno)))
    }
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure("cannot create a temporary file") }
    var written = 0
    let ok = bytes.withUnsafeBytes { raw -> Bool in
      guard let base = raw.baseAddress else { return true }
      while written < raw.count {
        #if canImport(Glibc)
          let n = Glibc.write(fd, base + written, raw.count - written)
        #else
          let n = Darwin.write(fd, base + written, raw.count - written)
        #endif
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        written += n
      }
      return true
    }
    guard ok, fsync(fd) == 0 else {
      let error = failure("write failed")
      close(fd)
      unlink(temporary)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else {
      let error = failure("cannot rename the temporary file")
      unlink(temporary)
      throw error
    }
  }

  /// Writes text as UTF-8.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }
}
