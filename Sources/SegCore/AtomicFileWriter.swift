#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Writes a file safely: a regular file is replaced atomically, anything else is written in
/// place.
///
/// The rules, in order:
/// - a symbolic link is followed (up to 32 links) and its target is written; the link stays;
/// - a directory is refused (`EISDIR`);
/// - a target that exists and is not a regular file (a device such as `/dev/null` or
///   `/dev/full`, a FIFO, `/dev/stdout`) is opened and written in place, never replaced; a FIFO
///   nobody reads is refused instead of blocking;
/// - a regular file is written to a temporary sibling (`.NAME.seg-tmp-PID-N`, created `0600`),
///   flushed, given the old file's mode and owner, and renamed over the target, so a reader sees
///   the old file or the complete new one. When the owner cannot be kept (another user's file,
///   not running as root) the write is refused, since the replacement would change who can read
///   the data;
/// - a new file is created with mode `0666` less the umask, as `>` in a shell would;
/// - missing parent folders are created, as `mkdir -p` would;
/// - temporary files of earlier writes to the same path whose process has died (a `kill -9`
///   mid-write) are removed first.
///
/// Every failure carries the system's reason and its name (`ENOSPC`, `EACCES`, `EISDIR`) and says
/// what to do. This is for the command-line host and the benchmarks; scripts reach files through
/// the language host.
public enum AtomicFileWriter {
  /// Why a write failed.
  public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target path, as given.
    public var path: String
    /// What went wrong, with the system's reason: `no space left on device (ENOSPC)`.
    public var message: String
    /// The `errno` value, when the system reported one.
    public var code: Int32?
    /// What to do about it.
    public var help: String

    /// Creates an error.
    public init(path: String, message: String, code: Int32? = nil, help: String) {
      self.path = path
      self.message = message
      self.code = code
      self.help = help
    }

    /// `cannot write 'path': message`.
    public var description: String { "cannot write '\(path)': \(message)" }
  }

  /// The marker in the names of temporary files: `.segments.csv.seg-tmp-1234-1`.
  public static let temporaryMarker = ".seg-tmp-"

  /// Writes `bytes` to `path` following the rules above.
  ///
  /// - Throws: ``WriteError`` naming the system's reason; the target is then unchanged (a
  ///   device or FIFO may have received part of the bytes).
  public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
    let target = try resolve(path)
    var info = stat()
    if lstat(target, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFREG:
        try replace(target, with: bytes, keeping: info, reportedAs: path)
      case S_IFDIR:
        throw failure(path, EISDIR, "")
      default:
        try writeInPlace(target, bytes, reportedAs: path, isFIFO: info.st_mode & S_IFMT == S_IFIFO)
      }
      return
    }
    guard errno == ENOENT else { throw failure(path, errno, "") }
    try createParentDirectories(of: target, reportedAs: path)
    try replace(target, with: bytes, keeping: nil, reportedAs: path)
  }

  /// Writes text as UTF-8.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }

  // MARK: - Steps

  /// Follows symbolic links to the path that is really written.
  static func resolve(_ path: String) throws(WriteError) -> String {
    var current = path
    for _ in 0..<32 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(current, &buffer, buffer.count - 1)
      guard n > 0 else { throw failure(path, errno, "cannot read the symbolic link: ") }
      let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
    }
    throw failure(path, ELOOP, "")
  }

  /// Writes into an existing device, FIFO or socket without replacing it.
  static func writeInPlace(
    _ target: String, _ bytes: [UInt8], reportedAs path: String, isFIFO: Bool
  )
    throws(WriteError)
  {
    // A FIFO opened without a reader would block forever: open it non-blocking (ENXIO then), and
    // go back to blocking writes once open.
    let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY | (isFIFO ? O_NONBLOCK : 0))
    guard fd >= 0 else {
      if errno == ENXIO {
        throw WriteError(
          path: path, message: "nothing is reading from it (ENXIO)", code: ENXIO,
          help: "start the program that reads the FIFO first, or write to a regular file")
      }
      throw failure(path, errno, "")
    }
    defer { close(fd) }
    if isFIFO { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
    if let code = writeAll(fd, bytes) { throw failure(path, code, "") }
  }

  /// Writes a temporary sibling and renames it over `target`.
  static func replace(
    _ target: String, with bytes: [UInt8], keeping old: stat?, reportedAs path: String
  ) throws(WriteError) {
    let folder = directory(of: target)
    let name = baseName(of: target)
    removeStaleTemporaries(in: folder, of: name)
    var temporary = ""
    var fd: Int32 = -1
    for attempt in 0..<100 {
      temporary = folder + "/." + name + temporaryMarker + "\(getpid())-\(attempt)"
      // A new file gets 0666 less the umask; a replacement starts private and takes the old
      // file's mode below, so the data is never readable by more people than before.
      fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, old == nil ? 0o666 : 0o600)
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else { throw failure(path, errno, "cannot create a file in its folder: ") }
    func abandon(_ error: WriteError) -> WriteError {
      close(fd)
      unlink(temporary)
      return error
    }
    if let old {
      if fchmod(fd, old.st_mode & 0o7777) != 0 { throw abandon(failure(path, errno, "")) }
      var mine = stat()
      if fstat(fd, &mine) == 0, mine.st_uid != old.st_uid || mine.st_gid != old.st_gid {
        if fchown(fd, old.st_uid, old.st_gid) != 0 {
          throw abandon(
            WriteError(
              path: path,
              message:
                "it belongs to another user, and a replacement could not keep its owner (EPERM)",
              code: EPERM,
              help: "run as the file's owner, or remove the file first if a new owner is intended"))
        }
        // Changing the owner clears set-id bits; put the mode back.
        _ = fchmod(fd, old.st_mode & 0o7777)
      }
    }
    if let code = writeAll(fd, bytes) { throw abandon(failure(path, code, "")) }
    if fsync(fd) != 0 { throw abandon(failure(path, errno, "")) }
    if close(fd) != 0 {
      let code = errno
      unlink(temporary)
      throw failure(path, code, "")
    }
    guard rename(temporary, target) == 0 else {
      let code = errno
      unlink(temporary)
      throw failure(path, code, "cannot replace it: ")
    }
  }

  /// Writes every byte, retrying on interrupts; returns the `errno` of a failure.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
    bytes.withUnsafeBytes { raw -> Int32? in
      guard let base = raw.baseAddress else { return nil }
      var written = 0
      while written < raw.count {
        #if canImport(Glibc)
        let n = Glibc.write(fd, base + written, min(raw.count - written, 1 << 30))
        #else
        let n = Darwin.write(fd, base + written, min(raw.count - written, 1 << 30))
        #endif
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        if n == 0 { return ENOSPC }
        written += n
      }
      return nil
    }
  }

  /// Removes `.NAME.seg-tmp-PID-N` files left by a process that no longer runs.
  static func removeStaleTemporaries(in folder: String, of name: String) {
    guard let dir = opendir(folder) else { return }
    defer { closedir(dir) }
    let prefix = "." + name + temporaryMarker
    var stale: [String] = []
    while let entry = readdir(dir) {
      let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard entryName.hasPrefix(prefix) else { continue }
      let rest = entryName.dropFirst(prefix.count)
      guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
      if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { stale.append(entryName) }
    }
    for entryName in stale { unlink(folder + "/" + entryName) }
  }

  /// `mkdir -p` of the folder holding `target`.
  static func createParentDirectories(of target: String, reportedAs path: String)
    throws(WriteError)
  {
    let folder = directory(of: target)
    var info = stat()
    if stat(folder, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else { throw failure(path, ENOTDIR, "") }
      return
    }
    var prefix = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      prefix += "/" + part
      if mkdir(prefix, 0o777) != 0, errno != EEXIST {
        throw failure(path, errno, "cannot create the folder '\(prefix)': ")
      }
    }
  }

  // MARK: - Paths and reasons

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let head = path[..<slash]
    return head.isEmpty ? "/" : String(head)
  }

  static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// An error for `errno` value `code`, with its name and advice.
  static func failure(_ path: String, _ code: Int32, _ context: String) -> WriteError {
    let (name, help) = reason(code)
    let text = String(cString: strerror(code)).lowercased()
    return WriteError(
      path: path, message: context + text + " (\(name))", code: code, help: help)
  }

  /// The symbolic name of an `errno` value and what a user can do about it.
  static func reason(_ code: Int32) -> (name: String, help: String) {
    switch code {
    case ENOSPC:
      return ("ENOSPC", "free some space on that disk, or write the file somewhere else")
    case EDQUOT:
      return ("EDQUOT", "your disk quota is used up: free some space, or write elsewhere")
    case EACCES:
      return ("EACCES", "check the permissions of the file and its folder, or write somewhere else")
    case EPERM:
      return ("EPERM", "the system does not allow this change; write somewhere else")
    case EISDIR:
      return ("EISDIR", "that is a folder: name a file inside it, such as 'out/segments.csv'")
    case ENOTDIR:
      return ("ENOTDIR", "a part of the path is a file, not a folder; check the path")
    case EROFS:
      return ("EROFS", "the file system is read-only; write somewhere else")
    case ENOENT:
      return ("ENOENT", "a folder on the path does not exist; check the path")
    case ELOOP:
      return ("ELOOP", "the path has a loop of symbolic links; check the links")
    case ENAMETOOLONG:
      return ("ENAMETOOLONG", "use a shorter path")
    case EIO:
      return ("EIO", "the device reported an input/output error; check the disk")
    case EFBIG:
      return ("EFBIG", "the file is larger than the file system allows; write elsewhere")
    case EBUSY, ETXTBSY:
      return (code == EBUSY ? "EBUSY" : "ETXTBSY", "the file is in use; try again later")
    case EXDEV:
      return ("EXDEV", "the folder is on another file system than the file; check the links")
    case EPIPE:
      return ("EPIPE", "the program reading it has stopped")
    default:
      return ("errno \(code)", "check the path and that the folder can be written")
    }
  }
}
