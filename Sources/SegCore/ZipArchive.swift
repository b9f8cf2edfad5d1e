internal import CZlib

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Bytes that can be read at any offset: a file (with `pread`) or a buffer.
protocol RandomAccessBytes: AnyObject {
  /// The total size in bytes.
  var size: Int { get }
  /// Reads up to `buffer.count` bytes at `offset`; returns how many (0 at the end).
  func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int
}

/// A file read at offsets with `pread(2)`; never mapped or held whole.
final class FileBytes: RandomAccessBytes {
  private let descriptor: Int32
  private let path: String
  let size: Int

  init(path: String) throws(LoadError) {
    self.path = path
    // Opened once as a plain file for its checks (missing file, directory) and messages.
    _ = try FileByteSource(path: path)
    let fd = open(path, O_RDONLY)
    var info = stat()
    guard fd >= 0, fstat(fd, &info) == 0 else {
      if fd >= 0 { close(fd) }
      throw LoadError(
        code: .unreadableFile, file: path,
        message: "cannot open '\(path)': \(String(cString: strerror(errno)))",
        hint: "check the file's permissions")
    }
    descriptor = fd
    size = Int(info.st_size)
  }

  deinit { close(descriptor) }

  func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0, offset < size else { return 0 }
    while true {
      let n = pread(descriptor, base, buffer.count, off_t(offset))
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw LoadError(
        code: .unreadableFile, file: path,
        message: "cannot read '\(path)': \(String(cString: strerror(errno)))",
        hint: "check that the file is readable")
    }
  }
}

/// Bytes held in memory (a script host's file, tests, the fuzzer).
final class MemoryBytes: RandomAccessBytes {
  let bytes: [UInt8]
  var size: Int { bytes.count }

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard offset >= 0, offset < bytes.count, let to = buffer.baseAddress else { return 0 }
    let n = min(buffer.count, bytes.count - offset)
    bytes.withUnsafeBytes { src in
      guard let from = src.baseAddress else { return }
      to.copyMemory(from: from + offset, byteCount: n)
    }
    return n
  }
}

/// The entries of a ZIP archive, read from its central directory, and a streaming reader for
/// each (stored, or deflated and inflated by zlib as it is read).
///
/// Only what workbooks use: no encryption, no multi-disk archives, no ZIP64 (a workbook's parts
/// are far below 4 GiB). Every offset and size read from the file is checked against the file's
/// size before use, so a corrupt archive gives an error, never a crash.
struct ZipArchive {
  struct Entry: Sendable, Equatable {
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
  }

  let data: any RandomAccessBytes
  /// The file as named in errors.
  let file: String
  let entries: [Entry]

  /// The 4 bytes a ZIP file starts with (a local file header, or the end record of an empty
  /// archive).
  static func hasZipSignature<C: Collection>(_ prefix: C) -> Bool where C.Element == UInt8 {
    let b = Array(prefix.prefix(4))
    return b.count == 4 && b[0] == 0x50 && b[1] == 0x4B
      && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6))
  }

  init(data: any RandomAccessBytes, file: String) throws(LoadError) {
    self.data = data
    self.file = file
    let size = data.size
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
    let tailLength = min(size, 22 + 65_535)
    let tail = try ZipArchive.read(data, at: size - tailLength, count: tailLength, file: file)
    var end: Int? = nil
    var k = tail.count - 22
    while k >= 0 {
      if tail[k] == 0x50 && tail[k + 1] == 0x4B && tail[k + 2] == 5 && tail[k + 3] == 6 {
        end = k
        break
      }
      k -= 1
    }
    guard let end else {
      throw ZipArchive.corrupt(file, "it has no ZIP central directory (it is truncated, or not a ZIP file)")
    }
    let count = Int(ZipArchive.u16(tail, end + 10))
    let directorySize = Int(ZipArchive.u32(tail, end + 12))
    let directoryOffset = Int(ZipArchive.u32(tail, end + 16))
    if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
      throw ZipArchive.corrupt(file, "it is a ZIP64 archive, which seg does not read")
    }
    guard directoryOffset + directorySize <= size else {
      throw ZipArchive.corrupt(file, "its ZIP central directory lies past the end of the file")
    }
    let directory = try ZipArchive.read(data, at: directoryOffset, count: directorySize, file: file)
    var entries: [Entry] = []
    var p = 0
    for _ in 0..<count {
      guard p + 46 <= directory.count, ZipArchive.u32(directory, p) == 0x0201_4B50 else {
        throw ZipArchive.corrupt(file, "its ZIP central directory is damaged")
      }
      let nameLength = Int(ZipArchive.u16(directory, p + 28))
      let extraLength = Int(ZipArchive.u16(directory, p + 30))
      let commentLength = Int(ZipArchive.u16(directory, p + 32))
      guard p + 46 + nameLength <= directory.count else {
        throw ZipArchive.corrupt(file, "its ZIP central directory is damaged")
      }
      let entry = Entry(
        name: String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self),
        method: ZipArchive.u16(directory, p + 10),
        flags: ZipArchive.u16(directory, p + 8),
        crc32: ZipArchive.u32(directory, p + 16),
        compressedSize: Int(ZipArchive.u32(directory, p + 20)),
        uncompressedSize: Int(ZipArchive.u32(directory, p + 24)),
        localHeaderOffset: Int(ZipArchive.u32(directory, p + 42)))
      entries.append(entry)
      p += 46 + nameLength + extraLength + commentLength
    }
    self.entries = entries
  }

  /// The entry with this name (ZIP names use `/`; a leading `/` is ignored).
  func entry(_ name: String) -> Entry? {
    let wanted = name.hasPrefix("/") ? String(name.dropFirst()) : name
    return entries.first { $0.name == wanted }
      ?? entries.first { $0.name.lowercased() == wanted.lowercased() }
  }

  /// A reader that inflates the entry as it is read and checks its size and CRC-32 at the end.
  func open(_ entry: Entry) throws(LoadError) -> ZipEntrySource {
    let header = try ZipArchive.read(data, at: entry.localHeaderOffset, count: 30, file: file)
    guard header.count == 30, ZipArchive.u32(header, 0) == 0x0403_4B50 else {
      throw ZipArchive.corrupt(file, "the ZIP entry '\(entry.name)' has no local header")
    }
    let start =
      entry.localHeaderOffset + 30 + Int(ZipArchive.u16(header, 26))
      + Int(ZipArchive.u16(header, 28))
    guard start + entry.compressedSize <= data.size else {
      throw ZipArchive.corrupt(file, "the ZIP entry '\(entry.name)' runs past the end of the file")
    }
    guard entry.flags & 1 == 0 else {
      throw ZipArchive.corrupt(file, "the ZIP entry '\(entry.name)' is encrypted")
    }
    guard entry.method == 0 || entry.method == 8 else {
      throw ZipArchive.corrupt(
        file, "the ZIP entry '\(entry.name)' uses compression method \(entry.method), which seg does not read")
    }
    return try ZipEntrySource(archive: self, entry: entry, start: start)
  }

  /// The whole uncompressed entry, for the small parts of a workbook (at most `limit` bytes).
  func contents(of entry: Entry, limit: Int = 1 << 30) throws(LoadError) -> [UInt8] {
    let source = try open(entry)
    var out: [UInt8] = []
    out.reserveCapacity(min(entry.uncompressedSize, limit))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = try ZipArchive.fill(&chunk, from: 0) { raw throws(LoadError) in try source.read(into: raw) }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > limit {
        throw ZipArchive.corrupt(file, "the ZIP entry '\(entry.name)' is larger than \(limit >> 20) MiB")
      }
    }
    return out
  }

  static func read(_ data: any RandomAccessBytes, at offset: Int, count: Int, file: String)
    throws(LoadError) -> [UInt8]
  {
    guard offset >= 0, count >= 0 else { return [] }
    var out = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let n = try ZipArchive.fill(&out, from: filled) { raw throws(LoadError) in
        try data.read(at: offset + filled, into: raw)
      }
      if n == 0 { break }
      filled += n
    }
    return Array(out[0..<filled])
  }

  /// Calls `body` with `array[from...]` as raw bytes, passing its typed error through.
  static func fill(
    _ array: inout [UInt8], from: Int,
    _ body: (UnsafeMutableRawBufferPointer) throws(LoadError) -> Int
  ) throws(LoadError) -> Int {
    let result = array.withUnsafeMutableBytes { raw -> Result<Int, LoadError> in
      do throws(LoadError) {
        return .success(try body(UnsafeMutableRawBufferPointer(rebasing: raw[from...])))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
    i + 2 <= b.count ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : 0
  }

  static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
    i + 4 <= b.count
      ? UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24 : 0
  }

  static func corrupt(_ file: String, _ what: String) -> LoadError {
    LoadError(
      code: .invalidWorkbook, file: file, message: "'\(file)' cannot be read as a workbook: \(what)",
      hint: "open it in a spreadsheet program and save it again as .xlsx, or export it as CSV")
  }
}

/// One ZIP entry's bytes, inflated while they are read (raw deflate, `inflateInit2(-15)`), with
/// the size and CRC-32 checked at the end so a corrupt entry is an error, not wrong data.
final class ZipEntrySource: ByteSource {
  private let data: any RandomAccessBytes
  private let file: String
  private let entry: ZipArchive.Entry
  private var position: Int
  private let end: Int
  private var stream: UnsafeMutablePointer<z_stream>
  private var input: UnsafeMutableRawBufferPointer
  private var produced = 0
  private var crc: UInt = 0
  private var finished = false
  var sizeHint: Int? { nil }

  init(archive: ZipArchive, entry: ZipArchive.Entry, start: Int) throws(LoadError) {
    data = archive.data
    file = archive.file
    self.entry = entry
    position = start
    end = start + entry.compressedSize
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    input = .allocate(byteCount: 1 << 18, alignment: 16)
    crc = crc32(0, nil, 0)
    if entry.method == 8 {
      let status = inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      guard status == Z_OK else {
        stream.deallocate()
        input.deallocate()
        throw ZipArchive.corrupt(file, "zlib could not start inflating '\(entry.name)'")
      }
    }
  }

  deinit {
    if entry.method == 8 { inflateEnd(stream) }
    stream.deallocate()
    input.deallocate()
  }

  private func damaged(_ what: String) -> LoadError {
    ZipArchive.corrupt(file, "the ZIP entry '\(entry.name)' is damaged (\(what))")
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard let out = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
    var n = 0
    if entry.method == 0 {
      let want = min(buffer.count, end - position)
      if want > 0 {
        n = try data.read(at: position, into: UnsafeMutableRawBufferPointer(start: out, count: want))
        if n == 0 { throw damaged("it is truncated") }
        position += n
      }
      if position == end { finished = true }
    } else {
      stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
      while stream.pointee.avail_out > 0 {
        if stream.pointee.avail_in == 0 && position < end {
          let want = min(input.count, end - position)
          let got = try data.read(
            at: position, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]))
          if got == 0 { throw damaged("it is truncated") }
          position += got
          stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
          stream.pointee.avail_in = UInt32(got)
        }
        let status = inflate(stream, Z_NO_FLUSH)
        if status == Z_STREAM_END {
          finished = true
          break
        }
        if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 && position >= end {
          throw damaged("its compressed data ends early")
        }
        if status != Z_OK && status != Z_BUF_ERROR {
          throw damaged("zlib error \(status)")
        }
      }
      n = buffer.count - Int(stream.pointee.avail_out)
    }
    if n > 0 {
      crc = crc32(crc, out.assumingMemoryBound(to: Bytef.self), UInt32(n))
      produced += n
      if produced > entry.uncompressedSize { throw damaged("it is longer than its directory says") }
    }
    if finished {
      guard produced == entry.uncompressedSize else { throw damaged("its size does not match") }
      guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else { throw damaged("its CRC-32 does not match") }
    }
    return n
  }
}
