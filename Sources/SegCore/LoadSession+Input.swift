internal import Foundation

// Stage 1 of a load: the bytes. See ``LoadSession``.

extension LoadSession {
  /// Opens `raw`: gunzips it and reads UTF-16 as UTF-8 when its first bytes say so, skips a
  /// UTF-8 byte order mark, refuses binary and empty files, and sniffs the delimiter (unless
  /// given) from the first 64 KiB.
  mutating func open(_ raw: any ByteSource) throws(LoadFailure) -> BlockInput {
    var input = BlockInput(buffer: [UInt8](repeating: 0, count: blockSize), source: raw)
    try input.readMore()
    if input.filled >= 2 && input.buffer[0] == 0x1F && input.buffer[1] == 0x8B {
      isCompressed = true
      let prefix = Array(input.buffer[0..<input.filled])
      do {
        input.source = try GzipByteSource(
          source: PrefixByteSource(prefix: prefix, rest: raw), path: name)
      } catch {
        throw .failed(error)
      }
      input.filled = 0
      try input.readMore()
    }
    sizeHint = isCompressed ? nil : raw.sizeHint
    if input.filled >= 2
      && ((input.buffer[0] == 0xFF && input.buffer[1] == 0xFE)
        || (input.buffer[0] == 0xFE && input.buffer[1] == 0xFF))
    {
      // UTF-16 with its byte order mark (Excel's "Unicode Text"): read as UTF-8 from here on.
      isUTF16 = true
      let bigEndian = input.buffer[0] == 0xFE
      input.source = UTF16ByteSource(
        source: PrefixByteSource(prefix: Array(input.buffer[2..<input.filled]), rest: input.source),
        bigEndian: bigEndian)
      sizeHint = nil
      input.filled = 0
      try input.readMore()
    }

    // BOM, binary and empty checks, and the delimiter, on the same window whatever the block
    // size (a 64-byte block held only a title line, which sniffed as space-separated).
    try input.readAtLeast(LoadSession.sniffWindow + 3, after: 0)
    let buffer = input.buffer
    let filled = input.filled
    var start = 0
    if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    input.start = start
    let probeEnd = min(filled, start + LoadSession.sniffWindow)
    if let nul = buffer[start..<probeEnd].firstIndex(of: 0) {
      if let (what, hint) = LoadSession.binaryFormat(buffer[start..<probeEnd]) {
        throw error(.binaryFile, "'\(name)' is \(what), not a text file", hint: hint)
      }
      let line = lineOf(nul, in: buffer, from: start, base: 1)
      throw error(
        .binaryFile,
        line: line,
        "'\(name)' is not a text file (it holds NUL bytes)",
        hint: "load a CSV file or an .xlsx workbook; other formats must be saved as one of these first"
      )
    }
    if input.eof
      && buffer[start..<filled].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    {
      throw error(
        .emptyFile,
        "'\(name)' is empty",
        hint: "check that the file was written completely"
      )
    }
    if let (separator, next) = LoadSession.separatorLine(buffer, from: start, to: filled) {
      // Excel's `sep=;` line names the delimiter; it is no header.
      delimiter = options.delimiter ?? .character(separator)
      preamble = Preamble(lines: 1, first: "sep=" + String(UnicodeScalar(separator)))
      input.start = next
      return input
    }
    delimiter =
      options.delimiter
      ?? buffer.withUnsafeBufferPointer { b in
        Delimiter.sniff(UnsafeBufferPointer(rebasing: b[start..<probeEnd]))
      }
    if options.columnNames == nil, case .character(let d) = delimiter {
      // The same window as the delimiter's, whatever the block size.
      if let found = LoadSession.preambleLines(buffer, from: start, to: probeEnd, delimiter: d) {
        preamble = Preamble(lines: found.lines, first: found.first, titles: found.titles)
        input.start = found.end
      }
    }
    return input
  }

  /// What a binary file is by its first bytes, when it is a format an export comes in, and how to
  /// get a file seg reads from it.
  static func binaryFormat(_ prefix: ArraySlice<UInt8>) -> (what: String, hint: Remark)? {
    func starts(_ signature: [UInt8]) -> Bool { prefix.starts(with: signature) }
    if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return (
        "an Excel 97–2003 workbook (.xls) or another old Office file",
        "save it as .xlsx (File › Save As › Excel Workbook) or as CSV, and load that")
    }
    if starts(Array("PAR1".utf8)) {
      return (
        "a Parquet file",
        "write it as CSV first, for example with DuckDB: COPY (SELECT * FROM 'FILE.parquet') TO 'FILE.csv'; or aggregate it where it lives (see docs/warehouse.md)")
    }
    if starts(Array("SQLite format 3".utf8)) {
      return (
        "an SQLite database",
        "export the table as CSV (sqlite3 -header -csv FILE.db 'SELECT * FROM orders' > orders.csv) and load that")
    }
    if starts([0x4F, 0x62, 0x6A, 0x01]) {
      return ("an Avro file", "write it as CSV first, and load that")
    }
    if starts(Array("ORC".utf8)) {
      return ("an ORC file", "write it as CSV first, and load that")
    }
    return nil
  }

  /// Excel's first line `sep=;` (any one ASCII delimiter but a quote): the delimiter and the
  /// offset of the next line.
  static func separatorLine(_ buffer: [UInt8], from start: Int, to end: Int) -> (UInt8, Int)? {
    let prefix = Array("sep=".utf8)
    guard end - start >= 6, Array(buffer[start..<start + 4]) == prefix else { return nil }
    let separator = buffer[start + 4]
    guard separator < 0x80, separator > 0x20 || separator == 0x09,
      separator != UInt8(ascii: "\"")
    else { return nil }
    var next = start + 5
    if next < end && buffer[next] == 0x0D { next += 1 }
    guard next < end, buffer[next] == 0x0A else { return nil }
    return (separator, next + 1)
  }

  /// The lines above a report's header: its title, subtitle, date range and blank lines. The
  /// header is the first line with at least two names that the next line matches field for
  /// field, and that looks like a header (at most a third of its names are numbers or dates);
  /// every line above it has at most two fields that are not empty, or a third as many as the
  /// header, and one line has one (Excel pads a title with delimiters: `Sales by Customer,,,,`).
  /// At most 32 lines; a line with an odd number of quotes ends the search (a quoted field that
  /// runs onto the next line).
  ///
  /// - Returns: how many lines to skip, the offset after them and the first one as written;
  ///   `nil` when the first line is the header.
  static func preambleLines(
    _ buffer: [UInt8], from start: Int, to end: Int, delimiter: UInt8
  ) -> (lines: Int, end: Int, first: String, titles: [String])? {
    struct Line {
      var start: Int
      var next: Int
      var fields: [ArraySlice<UInt8>]
      var nonEmpty: Int
    }
    var lines: [Line] = []
    var position = start
    while lines.count < 32 && position < end {
      guard let newline = buffer[position..<end].firstIndex(of: 0x0A) else { break }
      var stop = newline
      if stop > position && buffer[stop - 1] == 0x0D { stop -= 1 }
      let text = buffer[position..<stop]
      // A quoted field that runs onto the next line (an odd number of quotes) ends the search.
      guard let fields = LoadSession.lineFields(text, delimiter: delimiter) else { break }
      let nonEmpty = fields.filter { $0.contains { $0 != 0x20 && $0 != 0x09 } }.count
      lines.append(Line(start: position, next: newline + 1, fields: fields, nonEmpty: nonEmpty))
      position = newline + 1
    }
    // The header: the first line with two names or more that the next line matches field for
    // field, above which every line has at most a third as many (a title `Sales, January 2021`
    // has two).
    var found: Int? = nil
    for h in lines.indices.dropLast() where lines[h].nonEmpty >= 2 {
      // A line above with two fields or more and as many fields as this one is a header itself.
      let most = max(2, lines[h].nonEmpty / 3)
      let width = lines[h].fields.count
      let above = lines[..<h]
      guard
        above.allSatisfy({ $0.nonEmpty <= 1 || $0.nonEmpty <= most && $0.fields.count != width })
      else { break }
      if lines[h + 1].fields.count == lines[h].fields.count {
        found = h
        break
      }
    }
    guard let header = found, header > 0, lines[..<header].contains(where: { $0.nonEmpty >= 1 })
    else { return nil }
    let names = lines[header].fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces }
      .filter { !$0.isEmpty }
    let valueLike = names.filter {
      SampledKind.of([$0]) != .text && SampledKind.of([$0]) != .orderNumber
    }.count
    guard valueLike * 3 <= names.count else { return nil }
    let first = lines[..<header].first { $0.nonEmpty >= 1 }.map { line in
      String(decoding: buffer[line.start..<line.next], as: UTF8.self)
        .trimmingCharacters(in: [",", ";", "\t", "|", " ", "\r", "\n"])
    } ?? ""
    let titles = lines[..<header].filter { $0.nonEmpty >= 1 }.map { line in
      line.fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: ["\"", " "]) }
        .filter { !$0.isEmpty }.joined(separator: " ")
    }
    return (header, lines[header].start, first, titles)
  }

  /// The fields of one line, quotes and all, split at delimiters outside quotes; `nil` when a
  /// quote stays open (the field runs onto the next line).
  static func lineFields(_ text: ArraySlice<UInt8>, delimiter: UInt8) -> [ArraySlice<UInt8>]? {
    var fields: [ArraySlice<UInt8>] = []
    var start = text.startIndex
    var quoted = false
    for k in text.indices {
      if text[k] == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if text[k] == delimiter && !quoted {
        fields.append(text[start..<k])
        start = k + 1
      }
    }
    guard !quoted else { return nil }
    fields.append(text[start..<text.endIndex])
    return fields
  }

  /// Reads from `source` into `buffer[start...]` until it is full or the source ends.
  static func fill(_ source: any ByteSource, _ buffer: inout [UInt8], from start: Int)
    throws(LoadError) -> (filled: Int, eof: Bool)
  {
    var filled = start
    while filled < buffer.count {
      let n: Int
      let result = buffer.withUnsafeMutableBytes { raw -> Result<Int, LoadError> in
        do throws(LoadError) {
          return .success(
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
          )
        } catch {
          return .failure(error)
        }
      }
      switch result {
      case .success(let count): n = count
      case .failure(let e): throw e
      }
      if n == 0 { return (filled, true) }
      filled += n
    }
    return (filled, false)
  }

  /// Copies `count` bytes of `from` at `offset` into `to` at `at`.
  static func copy(
    _ from: [UInt8], from offset: Int, count: Int, into to: inout [UInt8], at: Int
  ) {
    guard count > 0 else { return }
    to.withUnsafeMutableBytes { t in
      from.withUnsafeBytes { f in
        guard let tb = t.baseAddress, let fb = f.baseAddress else { return }
        (tb + at).copyMemory(from: fb + offset, byteCount: count)
      }
    }
  }
}

/// The bytes of a file, a block at a time: the current block's buffer, how much of it holds
/// bytes, and whether the source has ended.
///
/// The next block is read on another thread (``startReadingAhead(blockSize:)``) into a buffer
/// that keeps a gap in front for the row the current block leaves unfinished
/// (``continue(with:keeping:blockSize:)``).
struct BlockInput {
  var buffer: [UInt8]
  var filled = 0
  var eof = false
  /// Where the text starts in the first block (after a byte order mark).
  var start = 0
  var source: any ByteSource
  /// The buffer before last, reused for the next read ahead when it is block-sized.
  private var spare: [UInt8] = []

  init(buffer: [UInt8], source: any ByteSource) {
    self.buffer = buffer
    self.source = source
  }

  /// Reads more bytes after ``filled``, doubling the buffer first when it is full.
  mutating func readMore() throws(LoadFailure) {
    if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, 64))) }
    try fillBuffer()
  }

  /// Reads until at least `count` bytes follow `offset` or the source ends: roles and number
  /// styles are decided from that much, so that a small block decides as a large one does.
  mutating func readAtLeast(_ count: Int, after offset: Int) throws(LoadFailure) {
    guard !eof && filled - offset < count else { return }
    if buffer.count < offset + count {
      buffer.append(contentsOf: repeatElement(0, count: offset + count - buffer.count))
    }
    while !eof && filled < buffer.count { try fillBuffer() }
  }

  private mutating func fillBuffer() throws(LoadFailure) {
    do {
      (filled, eof) = try LoadSession.fill(source, &buffer, from: filled)
    } catch {
      throw .failed(error)
    }
  }

  /// Room in front of the next block for the row this one leaves unfinished: rows are short, so
  /// a sixteenth of a block is plenty; a longer row takes a buffer of its own.
  private static func gap(_ blockSize: Int) -> Int { max(blockSize / 16, 16) }

  /// Starts reading the next block on another thread, unless the source has ended.
  mutating func startReadingAhead(blockSize: Int) -> ReadAhead? {
    guard !eof else { return nil }
    let gap = BlockInput.gap(blockSize)
    var next = spare
    spare = []
    if next.count < gap + blockSize { next = [UInt8](repeating: 0, count: gap + blockSize) }
    let task = ReadAhead(buffer: next, filled: gap, source: source)
    task.start()
    return task
  }

  /// Makes the block `ahead` read the current one, with the bytes from `consumed` on (the
  /// unfinished row) in front; returns where its rows start.
  mutating func `continue`(with ahead: ReadAhead, keeping consumed: Int, blockSize: Int)
    throws(LoadFailure) -> Int
  {
    ahead.wait()
    if let failure = ahead.failure { throw .failed(failure) }
    let gap = BlockInput.gap(blockSize)
    let leftover = filled - consumed
    var next = ahead.takeBuffer()
    let read = ahead.filled - gap
    let rowsStart: Int
    if leftover <= gap {
      LoadSession.copy(buffer, from: consumed, count: leftover, into: &next, at: gap - leftover)
      rowsStart = gap - leftover
      filled = ahead.filled
    } else {
      // A row longer than the gap: the row so far and the new bytes, in a buffer of their own.
      var joined = [UInt8](repeating: 0, count: leftover + read + gap)
      LoadSession.copy(buffer, from: consumed, count: leftover, into: &joined, at: 0)
      LoadSession.copy(next, from: gap, count: read, into: &joined, at: leftover)
      next = joined
      rowsStart = 0
      filled = leftover + read
    }
    // Only a block-sized buffer is reused: the first one may be larger (the sniff window), and
    // the blocks after it keep their size.
    spare = buffer.count == gap + blockSize ? buffer : []
    buffer = next
    eof = ahead.eof
    return rowsStart
  }
}

/// `@unchecked Sendable` is safe because the object is handed over, not shared: after `start()`
/// only the background task touches it, and the loading thread reads it only after `wait()`
/// returns; the byte source is used by no one else in that window.
final class ReadAhead: @unchecked Sendable {
  private var buffer: [UInt8]
  private(set) var filled: Int
  private(set) var eof = false
  private(set) var failure: LoadError? = nil
  private let source: any ByteSource
  private let done = DispatchSemaphore(value: 0)

  init(buffer: [UInt8], filled: Int, source: any ByteSource) {
    self.buffer = buffer
    self.filled = filled
    self.source = source
  }

  func start() {
    // A thread of its own: the dispatch pool may be busy with the sink's work, and a read that
    // starts late stalls the parse.
    Thread.detachNewThread {
      do throws(LoadError) {
        (self.filled, self.eof) = try LoadSession.fill(self.source, &self.buffer, from: self.filled)
      } catch {
        self.failure = error
      }
      self.done.signal()
    }
  }

  func wait() { done.wait() }

  /// The filled buffer, moved out.
  func takeBuffer() -> [UInt8] {
    var out: [UInt8] = []
    swap(&out, &buffer)
    return out
  }
}
