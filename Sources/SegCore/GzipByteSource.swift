internal import CZlib

/// Inflates a gzip (or zlib) stream from another source as it is read, so a `.gz` file is never
/// held uncompressed in memory. Concatenated gzip members are read one after another, as `gzip -d`
/// does.
final class GzipByteSource: ByteSource {
  private let source: any ByteSource
  private let path: String
  private var stream: UnsafeMutablePointer<z_stream>
  private var input: UnsafeMutableRawBufferPointer
  private var inputEnded = false
  private var finished = false
  var sizeHint: Int? { nil }

  init(source: any ByteSource, path: String) throws(LoadError) {
    self.source = source
    self.path = path
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    input = .allocate(byteCount: 1 << 18, alignment: 16)
    // 15 + 32: maximum window, detect gzip or zlib headers automatically.
    let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deallocate()
      input.deallocate()
      throw LoadError(
        code: .invalidCompressedData,
        file: path,
        message: "cannot start gzip decompression",
        hint: "check that zlib is installed"
      )
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
    input.deallocate()
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    guard let out = buffer.baseAddress, buffer.count > 0, !finished else { return 0 }
    stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
    while stream.pointee.avail_out > 0 {
      try refillInput()
      let status = inflate(stream, Z_NO_FLUSH)
      if status == Z_STREAM_END {
        // Another gzip member may follow; skip trailing zero padding.
        try refillInput()
        if stream.pointee.avail_in == 0 || nextInputIsPadding() {
          finished = true
          break
        }
        inflateReset(stream)
        continue
      }
      if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 && inputEnded {
        throw LoadError(
          code: .invalidCompressedData,
          file: path,
          message: "'\(path)' ends in the middle of its gzip data (the file is truncated)",
          hint: "download or copy the file again"
        )
      }
      if status != Z_OK && status != Z_BUF_ERROR {
        throw LoadError(
          code: .invalidCompressedData,
          file: path,
          message: "'\(path)' is not valid gzip data (zlib error \(status))",
          hint: "check that the file is a complete .gz file, or decompress it first"
        )
      }
    }
    return buffer.count - Int(stream.pointee.avail_out)
  }

  /// Reads more compressed bytes when the input buffer is used up.
  private func refillInput() throws(LoadError) {
    guard stream.pointee.avail_in == 0 && !inputEnded else { return }
    let n = try source.read(into: input)
    if n == 0 {
      inputEnded = true
    } else {
      stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_in = UInt32(n)
    }
  }

  private func nextInputIsPadding() -> Bool {
    guard let p = stream.pointee.next_in else { return true }
    for i in 0..<Int(stream.pointee.avail_in) where p[i] != 0 { return false }
    return true
  }
}
