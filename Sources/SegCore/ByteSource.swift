#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// A sequential reader of raw bytes: a file, a gzip stream or an in-memory buffer.
protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int
  /// The total size in bytes when known cheaply (plain files), for capacity estimates.
  var sizeHint: Int? { get }
}

/// Reads a plain file with POSIX `read(2)` into caller-owned buffers (no mapping, so peak memory
/// stays at the buffer size however large the file is).
final class FileByteSource: ByteSource {
  private let descriptor: Int32
  private let path: String
  let sizeHint: Int?

  init(path: String) throws(LoadError) {
    self.path = path
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw LoadError.missingFile(path)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw LoadError(
        code: .unreadableFile,
        file: path,
        message: "'\(path)' is a directory, not a file",
        hint: "give the path of a CSV file"
      )
    }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw LoadError(
        code: .unreadableFile,
        file: path,
        message: "cannot open '\(path)': \(String(cString: strerror(errno)))",
        hint: "check the file's permissions"
      )
    }
    descriptor = fd
    sizeHint = Int(info.st_size)
  }

  deinit { close(descriptor) }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while true {
      #if canImport(Glibc)
        let n = Glibc.read(descriptor, base, buffer.count)
      #else
        let n = Darwin.read(descriptor, base, buffer.count)
      #endif
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw LoadError(
        code: .unreadableFile,
        file: path,
        message: "cannot read '\(path)': \(String(cString: strerror(errno)))",
        hint: "check that the file is readable"
      )
    }
  }
}

/// Serves bytes from memory (used for text given directly and in tests).
final class MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var position = 0
  var sizeHint: Int? { bytes.count }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    let n = min(buffer.count, bytes.count - position)
    if n > 0 {
      bytes.withUnsafeBytes { src in
        guard let from = src.baseAddress, let to = buffer.baseAddress else { return }
        to.copyMemory(from: from + position, byteCount: n)
      }
    }
    position += n
    return n
  }
}

/// Serves some bytes already read, then the rest of another source (for sniffing gzip magic
/// without rewinding).
final class PrefixByteSource: ByteSource {
  private let prefix: [UInt8]
  private var position = 0
  private let rest: any ByteSource
  var sizeHint: Int? { rest.sizeHint }

  init(prefix: [UInt8], rest: any ByteSource) {
    self.prefix = prefix
    self.rest = rest
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    if position < prefix.count {
      let n = min(buffer.count, prefix.count - position)
      prefix.withUnsafeBytes { src in
        guard let from = src.baseAddress, let to = buffer.baseAddress else { return }
        to.copyMemory(from: from + position, byteCount: n)
      }
      position += n
      return n
    }
    return try rest.read(into: buffer)
  }
}
