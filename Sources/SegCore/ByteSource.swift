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

/// Reads UTF-16 text (the bytes after its byte order mark) as UTF-8: what Excel's "Unicode
/// Text" export and some Windows tools write. Surrogate pairs and code units may be split across
/// reads; a lone surrogate becomes U+FFFD, as does an odd last byte.
final class UTF16ByteSource: ByteSource {
  private let source: any ByteSource
  private let bigEndian: Bool
  /// Raw bytes read but not yet converted (an odd byte, or a high surrogate waiting for its pair).
  private var carry: [UInt8] = []
  /// Converted bytes not yet handed out.
  private var output: [UInt8] = []
  private var outputStart = 0
  private var ended = false
  var sizeHint: Int? { nil }

  init(source: any ByteSource, bigEndian: Bool) {
    self.source = source
    self.bigEndian = bigEndian
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
    while outputStart == output.count && !ended { try refill() }
    let n = min(buffer.count, output.count - outputStart)
    output.withUnsafeBytes { src in
      guard let from = src.baseAddress else { return }
      base.copyMemory(from: from + outputStart, byteCount: n)
    }
    outputStart += n
    return n
  }

  private func refill() throws(LoadError) {
    let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { raw.deallocate() }
    let n = try source.read(into: raw)
    output.removeAll(keepingCapacity: true)
    outputStart = 0
    var bytes = carry
    bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<n]))
    carry = []
    if n == 0 { ended = true }
    var i = 0
    func unit(_ k: Int) -> UInt32 {
      bigEndian
        ? UInt32(bytes[k]) << 8 | UInt32(bytes[k + 1]) : UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k])
    }
    while i + 1 < bytes.count {
      let u = unit(i)
      var scalar: UInt32
      if u >= 0xD800 && u <= 0xDBFF {
        if i + 3 < bytes.count {
          let low = unit(i + 2)
          if low >= 0xDC00 && low <= 0xDFFF {
            scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
            i += 4
          } else {
            scalar = 0xFFFD
            i += 2
          }
        } else if !ended {
          break  // the pair's second half comes with the next read
        } else {
          scalar = 0xFFFD
          i += 2
        }
      } else if u >= 0xDC00 && u <= 0xDFFF {
        scalar = 0xFFFD
        i += 2
      } else {
        scalar = u
        i += 2
      }
      TextEncoding.appendUTF8(scalar, to: &output)
    }
    if i < bytes.count {
      if ended {
        TextEncoding.appendUTF8(0xFFFD, to: &output)
      } else {
        carry = Array(bytes[i...])
      }
    }
  }
}
