internal import Dispatch
internal import Foundation

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// One attempt at loading a file: header, then blocks of rows parsed in parallel pieces and
/// merged in order, then the finished columns and the report.
struct LoadSession {
  let name: String
  let options: LoadOptions
  let blockSize: Int
  /// Columns to read as text whatever they look like (set by an earlier attempt).
  let forcedText: Set<Int>

  private var names: [String] = []
  private var policies: [ColumnPolicy] = []
  /// How each column's numbers are written, decided from the first block (``NumberSniffer``).
  private var numberStyles: [NumberStyle] = []
  /// Per column, what the sniff assumed for numbers that fit both decimal separators.
  private var numberAssumptions: [Int: Remark] = [:]
  private var roles = ColumnRoles()
  private var delimiter: Delimiter = .comma
  private var isCompressed = false
  /// Whether the file is UTF-16 (read through ``UTF16ByteSource``); the report says so.
  private var isUTF16 = false
  private var headerIsUTF8 = true
  /// Whether the header row looks like a row of data (a file without a header).
  private var firstRowLooksLikeData = false
  /// Header fields that were blank and got a `column_N` name, 0-based.
  private var blankColumns: [Int] = []
  private var accumulators: [AccumulatorBox] = []
  /// Arrays lent from block to block, one box per piece slot.
  private var scratch: [PieceScratchBox] = []
  /// The file size when known (plain files), for reserving column capacity.
  private var sizeHint: Int? = nil
  /// Whether to stream: rows go to ``sink`` block by block instead of being kept.
  var streaming = false
  /// Set for a streaming load: takes each settled stretch of rows instead of keeping them.
  var sink: LogStreamSink? = nil
  /// What the sink sums for RFM.
  var streamPlan = StreamPlan()
  /// The block the sink is consuming on another thread while the next block is parsed.
  private var pendingSink: BackgroundJob<StreamFallback>? = nil
  /// The text columns' dictionaries decoded so far (streaming loads).
  private var decoded: [[String]] = []
  /// The invoice column's cancellation flags so far (streaming loads): its dictionary, as large
  /// as the number of invoices, is not decoded, since only the flags are needed.
  private var invoiceFlags: [Bool] = []
  /// Per column, whether the blocks sent so far held text (`nil`: only empty blocks).
  private var textSeen: [Bool?] = []
  /// What the invoice values read so far say about the `C` prefix (streaming loads).
  private var cancelEvidence = CancellationEvidence()
  /// The cancellation rule a streaming load decided on its first block; the whole log must
  /// agree at the end, or the load falls back to memory.
  private var streamCancellation: CancellationDecision? = nil

  init(name: String, options: LoadOptions, blockSize: Int, forcedText: Set<Int>) {
    self.name = name
    self.options = options
    self.blockSize = blockSize
    self.forcedText = forcedText
  }

  /// Smallest piece worth a task of its own.
  static let minimumPieceSize = 1 << 20

  // MARK: - Reading

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

  private func fill(_ source: any ByteSource, _ buffer: inout [UInt8], from start: Int)
    throws(LoadFailure) -> (filled: Int, eof: Bool)
  {
    do {
      return try LoadSession.fill(source, &buffer, from: start)
    } catch {
      throw .failed(error)
    }
  }

  private func error(
    _ code: LoadError.Code,
    line: Int? = nil,
    column: Int? = nil,
    _ message: String,
    hint: Remark? = nil,
    value: [UInt8]? = nil
  ) -> LoadFailure {
    .failed(
      LoadError(
        code: code,
        file: name,
        line: line,
        column: column,
        columnName: column.flatMap { $0 >= 1 && $0 <= names.count ? names[$0 - 1] : nil },
        message: message,
        hint: hint,
        value: value.map {
          TextEncoding.isValidUTF8($0)
            ? String(decoding: $0, as: UTF8.self) : TextEncoding.windows1252.decode($0)
        }
      )
    )
  }

  // MARK: - The load

  mutating func run(source raw: any ByteSource) throws(LoadFailure) -> LoadedTable {
    // A failed load does not return while the sink still works on a block.
    defer { try? pendingSink?.wait() }
    var buffer = [UInt8](repeating: 0, count: blockSize)
    var source = raw
    var (filled, eof) = try fill(source, &buffer, from: 0)
    if filled >= 2 && buffer[0] == 0x1F && buffer[1] == 0x8B {
      isCompressed = true
      let prefix = Array(buffer[0..<filled])
      do {
        source = try GzipByteSource(source: PrefixByteSource(prefix: prefix, rest: raw), path: name)
      } catch {
        throw .failed(error)
      }
      (filled, eof) = try fill(source, &buffer, from: 0)
    }
    sizeHint = isCompressed ? nil : raw.sizeHint
    if filled >= 2
      && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))
    {
      // UTF-16 with its byte order mark (Excel's "Unicode Text"): read as UTF-8 from here on.
      isUTF16 = true
      let bigEndian = buffer[0] == 0xFE
      source = UTF16ByteSource(
        source: PrefixByteSource(prefix: Array(buffer[2..<filled]), rest: source),
        bigEndian: bigEndian)
      sizeHint = nil
      (filled, eof) = try fill(source, &buffer, from: 0)
    }

    // BOM, binary and empty checks.
    var start = 0
    if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    let probeEnd = min(filled, start + 65_536)
    if let nul = buffer[start..<probeEnd].firstIndex(of: 0) {
      let line = lineOf(nul, in: buffer, from: start, base: 1)
      throw error(
        .binaryFile,
        line: line,
        "'\(name)' is not a text file (it holds NUL bytes)",
        hint: "load a CSV file; spreadsheets must be saved as CSV first"
      )
    }
    if eof
      && buffer[start..<filled].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    {
      throw error(
        .emptyFile,
        "'\(name)' is empty",
        hint: "check that the file was written completely"
      )
    }
    delimiter =
      options.delimiter
      ?? buffer.withUnsafeBufferPointer { b in
        Delimiter.sniff(UnsafeBufferPointer(rebasing: b[start..<probeEnd]))
      }

    // The header row.
    var header = CSVTokenizer.FieldBounds()
    while true {
      header = CSVTokenizer.FieldBounds()
      let stop = buffer.withUnsafeBufferPointer { b in
        CSVTokenizer(delimiter: delimiter, columnCount: 0).tokenize(
          b,
          from: start,
          to: filled,
          isFinal: eof,
          maxRows: 1,
          into: &header
        )
      }
      if case .unterminatedQuote(let offset) = stop {
        throw error(
          .unterminatedQuote,
          line: lineOf(offset, in: buffer, from: 0, base: 1),
          column: 1,
          "a quoted header field is never closed",
          hint: "add the closing quote (\")"
        )
      }
      if header.fields > LoadOptions.maximumColumns {
        throw error(
          .tooManyColumns,
          line: lineOf(start, in: buffer, from: 0, base: 1),
          column: LoadOptions.maximumColumns + 1,
          "the header has more than 16,384 columns",
          hint: "at most 16,384 columns can be read; check the delimiter (\(setting: .delimiter)) or keep fewer columns"
        )
      }
      if header.rows == 1 { break }
      if eof {
        throw error(
          .emptyFile,
          "'\(name)' is empty",
          hint: "check that the file was written completely"
        )
      }
      if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
      (filled, eof) = try fill(source, &buffer, from: filled)
    }
    // Without a header row the first line is data: the rows start where the "header" did.
    let headerless = options.columnNames != nil
    // Roles and number styles are decided from the rows at the start: read at least
    // ``sniffWindow`` bytes of them whatever the block size, so that a small block decides as a
    // large one does.
    let rowsStart = headerless ? start : header.consumed
    if !eof && filled - rowsStart < LoadSession.sniffWindow {
      if buffer.count < rowsStart + LoadSession.sniffWindow {
        buffer.append(
          contentsOf: repeatElement(0, count: rowsStart + LoadSession.sniffWindow - buffer.count))
      }
      while !eof && filled < buffer.count {
        (filled, eof) = try fill(source, &buffer, from: filled)
      }
    }
    let sample = buffer.withUnsafeBufferPointer { b in
      LoadSession.sampleRows(
        b, from: headerless ? start : header.consumed, to: filled, isFinal: eof,
        delimiter: delimiter, columns: header.fields)
    }
    try readHeader(header, buffer, sample: sample)
    if streaming {
      guard roles.isTransactionLog else { throw .fallBack }
      sink = LogStreamSink(roles: roles, plan: streamPlan)
    }

    // How numbers are written, per column, from the first block (at least ``sniffWindow``).
    let sniffed = buffer.withUnsafeBufferPointer { b in
      NumberSniffer.decide(
        b, from: headerless ? start : header.consumed, to: filled, isFinal: eof,
        delimiter: delimiter, policies: policies, forced: options.decimal)
    }
    if let conflict = sniffed.conflict {
      let commaLine = lineOf(conflict.comma, in: buffer, from: 0, base: 1)
      let pointLine = lineOf(conflict.point, in: buffer, from: 0, base: 1)
      throw error(
        .ambiguousDecimal,
        line: max(commaLine, pointLine),
        column: conflict.column + 1,
        "'\(names[conflict.column])' has numbers with a decimal comma (line \(commaLine)) and numbers with a decimal point (line \(pointLine))",
        hint: "say which separator is decimal with \(setting: .decimal, "\",\"") or \(setting: .decimal, "\".\"")"
      )
    }
    numberStyles = sniffed.styles
    numberAssumptions = sniffed.assumptions

    // The rows.
    let columnCount = names.count
    accumulators = (0..<columnCount).map { _ in AccumulatorBox() }
    var regionStart = headerless ? start : header.consumed
    var lineBreaksBefore = headerless ? 0 : header.lineBreaks
    var rows = 0
    var spare: [UInt8] = []
    let blockSize = self.blockSize
    // Room in front of the next block for the row this one leaves unfinished: rows are short, so
    // a sixteenth of a block is plenty; a longer row takes a buffer of its own.
    let gap = max(blockSize / 16, 16)
    while true {
      if options.cancellation.isCancelled { throw error(.cancelled, "the load was cancelled") }
      if regionStart < filled || eof {
        // The next block is read on another thread while this one is parsed, into a buffer that
        // keeps `gap` bytes free in front for the row this block leaves unfinished.
        var ahead: ReadAhead? = nil
        if !eof {
          var next = spare
          spare = []
          if next.count < gap + blockSize { next = [UInt8](repeating: 0, count: gap + blockSize) }
          let task = ReadAhead(buffer: next, filled: gap, source: source)
          task.start()
          ahead = task
        }
        let region: (rows: Int, lineBreaks: Int, consumed: Int)
        do {
          region = try parseRegion(
            buffer,
            from: regionStart,
            to: filled,
            isFinal: eof,
            lineBreaksBefore: lineBreaksBefore
          )
          rows += region.rows
          lineBreaksBefore += region.lineBreaks
          if sink != nil { try drain(isFinal: eof) }
        } catch {
          ahead?.wait()
          throw error
        }
        if eof { break }
        guard let ahead else { break }
        ahead.wait()
        if let failure = ahead.failure { throw .failed(failure) }
        let leftover = filled - region.consumed
        // Field offsets are 31-bit; a row this long is a quote that never closes.
        guard leftover < 1 << 30 else {
          throw error(
            .unterminatedQuote,
            line: lineBreaksBefore + 1,
            "a row runs on for more than 1 GiB, so a quoted field is probably never closed",
            hint: "add the closing quote (\"), or double quotes inside quoted fields (\"\")"
          )
        }
        var next = ahead.takeBuffer()
        let read = ahead.filled - gap
        if leftover <= gap {
          LoadSession.copy(buffer, from: region.consumed, count: leftover, into: &next, at: gap - leftover)
          regionStart = gap - leftover
          filled = ahead.filled
        } else {
          // A row longer than the gap: the row so far and the new bytes, in a buffer of their own.
          var joined = [UInt8](repeating: 0, count: leftover + read + gap)
          LoadSession.copy(buffer, from: region.consumed, count: leftover, into: &joined, at: 0)
          LoadSession.copy(next, from: gap, count: read, into: &joined, at: leftover)
          next = joined
          regionStart = 0
          filled = leftover + read
        }
        // Only a block-sized buffer is reused: the first one may be larger (the sniff window), and
        // the blocks after it keep their size.
        spare = buffer.count == gap + blockSize ? buffer : []
        buffer = next
        eof = ahead.eof
        continue
      }
      if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
      (filled, eof) = try fill(source, &buffer, from: filled)
    }
    if rows == 0 {
      throw error(
        .headerOnly,
        line: 1,
        "'\(name)' has a header but no data rows",
        hint: "check that the file was exported completely"
      )
    }
    if sink != nil { return try finishStream(rows: rows) }
    return try finish(rows: rows)
  }

  /// Copies `count` bytes of `from` at `offset` into `to` at `at`.
  private static func copy(
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

  private func lineOf(_ offset: Int, in buffer: [UInt8], from start: Int, base: Int) -> Int {
    buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return base }
      return base + CSVTokenizer.lineBreaks(p, from: start, to: offset)
    }
  }

  /// Decodes the header into names, checks them and assigns roles and policies.
  private mutating func readHeader(
    _ header: CSVTokenizer.FieldBounds, _ buffer: [UInt8], sample: [[String]]
  ) throws(LoadFailure) {
    var raw: [[UInt8]] = []
    buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      var scratch: [UInt8] = []
      for k in 0..<header.fields {
        let s = Int(header.starts[k])
        let e = header.ends[k]
        if e & CSVTokenizer.escapedFlag == 0 {
          raw.append(Array(b[s..<Int(e)]))
        } else {
          CSVTokenizer.unescape(p, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
          raw.append(scratch)
        }
      }
    }
    let headerLine = lineOf(
      header.fields > 0 ? Int(header.starts[0]) : 0, in: buffer, from: 0, base: 1)
    if let given = options.columnNames {
      // No header row: the names come from the options and must cover the first row's fields.
      guard given.count == header.fields else {
        throw error(
          .raggedRow,
          line: headerLine,
          "the first row has \(header.fields) field\(header.fields == 1 ? "" : "s") but \(given.count) column name\(given.count == 1 ? " was" : "s were") given",
          hint: "give one name per field: \(setting: .columns, "[...]") with \(header.fields) names"
        )
      }
      names = given
    } else {
      blankColumns = []
      headerIsUTF8 = raw.allSatisfy { TextEncoding.isValidUTF8($0) }
      let encoding = options.encoding ?? (headerIsUTF8 ? .utf8 : .windows1252)
      names = raw.enumerated().map { (j, bytes) in
        let text = encoding.decode(bytes).trimmingSpaces
        if text.isEmpty { blankColumns.append(j) }
        return text.isEmpty ? "column_\(j + 1)" : text
      }
    }
    var seen: [String: Int] = [:]
    for (j, n) in names.enumerated() {
      if let first = seen[n] {
        throw error(
          .duplicateColumnName,
          line: headerLine,
          column: j + 1,
          "columns \(first + 1) and \(j + 1) are both named '\(n)'",
          hint: "rename one of them in the header"
        )
      }
      seen[n] = j
    }
    do {
      let values = names.indices.map { j in sample.map { j < $0.count ? $0[j] : "" } }
      let kinds = values.map(SampledKind.of)
      roles = try ColumnRoles.detect(
        in: names, explicit: options.roles, kinds: kinds,
        repeating: values.map(ColumnRoles.valuesRepeat))
      if options.columnNames == nil {
        firstRowLooksLikeData = LoadSession.looksLikeData(names, kinds: kinds)
      }
    } catch {
      throw .failed(
        LoadError(
          code: .missingRoleColumn,
          file: name,
          line: headerLine,
          message: error.message,
          hint: error.hint
        )
      )
    }
    if case .status(let column)? = options.cancellationRule, !names.contains(column) {
      let suggestions = NameSuggestions.nearest(to: column, among: names)
      throw error(
        .missingRoleColumn, line: headerLine,
        "no column '\(column)' for the cancellation status; columns: \(names.joined(separator: ", "))",
        hint: suggestions.first.map { "did you mean '\($0)'?" }
          ?? "name the status column, or give \(setting: .cancelled, "none")")
    }
    policies = names.enumerated().map { (j, n) in
      if forcedText.contains(j) { return .text }
      guard let role = roles.columns.first(where: { $0.value == n })?.key else { return .infer }
      if role.isNumeric { return .number }
      if role == .customer { return .identifier }
      if role == .date {
        return .date(options.dateFormat, epoch: DateParsing.nameSaysDateOrTime(n))
      }
      return .infer
    }
  }

  /// The first rows after the header as text, one array of fields per row (at most
  /// ``sampleSize`` rows; for weighing role names with what the columns hold).
  static func sampleRows(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isFinal: Bool,
    delimiter: Delimiter, columns: Int
  ) -> [[String]] {
    guard let p = b.baseAddress else { return [] }
    var rows: [[String]] = []
    var position = start
    var scratch: [UInt8] = []
    // One set of bounds for every row: the tokenizer makes room for a field every 8 bytes of its
    // range, so arrays made afresh per row cost 200 × 8K zeroed fields.
    var bounds = CSVTokenizer.FieldBounds()
    while rows.count < sampleSize && position < end {
      bounds.fields = 0
      bounds.rows = 0
      bounds.lineBreaks = 0
      bounds.consumed = 0
      // A window of 64 KiB, not the rest of the block (a 16 MiB block would make room for 2M
      // fields). A sampled row longer than the window ends the sample.
      let window = min(end, position + 1 << 16)
      let stop = CSVTokenizer(delimiter: delimiter, columnCount: 0).tokenize(
        b, from: position, to: window, isFinal: isFinal && window == end, maxRows: 1,
        into: &bounds)
      guard bounds.rows == 1, bounds.consumed > position else { break }
      if case .unterminatedQuote = stop { break }
      var row: [String] = []
      for k in 0..<bounds.fields {
        let s = Int(bounds.starts[k])
        let e = bounds.ends[k]
        if e & CSVTokenizer.escapedFlag == 0 {
          row.append(String(decoding: UnsafeBufferPointer(start: p + s, count: Int(e) - s), as: UTF8.self))
        } else {
          CSVTokenizer.unescape(p, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
          row.append(String(decoding: scratch, as: UTF8.self))
        }
      }
      rows.append(row)
      position = bounds.consumed
    }
    return rows
  }

  /// How many rows ``sampleRows(_:from:to:isFinal:delimiter:columns:)`` reads.
  static let sampleSize = 200

  /// How many bytes of rows, at least, roles and number styles are decided from (all of them in
  /// a shorter file).
  static let sniffWindow = 1 << 16

  /// Whether header names look like a row of data: every name is a number, or at least two
  /// names are numbers or dates in columns whose values below are of that kind.
  static func looksLikeData(_ names: [String], kinds: [SampledKind]) -> Bool {
    guard !names.isEmpty else { return false }
    let numeric: Set<SampledKind> = [.number, .compactDate, .epoch]
    if names.allSatisfy({ numeric.contains(SampledKind.of([$0])) }) {
      return true
    }
    var hits = 0
    for (j, name) in names.enumerated() where j < kinds.count {
      let kind = SampledKind.of([name])
      if kind == .unknown || kind == .empty || kind == .text { continue }
      let below = kinds[j]
      if kind == below || (numeric.contains(kind) && numeric.contains(below)) {
        hits += 1
      }
    }
    return hits >= 2
  }

  // MARK: - Regions and pieces

  /// What one piece of a region produced.
  struct PieceOutcome: Sendable {
    var bounds: CSVTokenizer.FieldBounds
    var stop: CSVTokenizer.Stop
    var columns: [PieceColumn]
    var failure: FieldFailure?
  }

  static func parsePiece(
    _ buffer: [UInt8],
    from start: Int,
    to end: Int,
    isFinal: Bool,
    delimiter: Delimiter,
    policies: [ColumnPolicy],
    numberStyles: [NumberStyle] = [],
    dictionaries: [ByteStringPool?],
    scratch: PieceScratchBox? = nil
  ) -> PieceOutcome {
    var spare = scratch?.take() ?? PieceScratch()
    return buffer.withUnsafeBufferPointer { b in
      var bounds = CSVTokenizer.FieldBounds()
      swap(&bounds.starts, &spare.starts)
      swap(&bounds.ends, &spare.ends)
      bounds.fields = 0
      let stop = CSVTokenizer(delimiter: delimiter, columnCount: policies.count).tokenize(
        b,
        from: start,
        to: end,
        isFinal: isFinal,
        into: &bounds
      )
      guard let base = b.baseAddress, bounds.rows > 0 else {
        return PieceOutcome(bounds: bounds, stop: stop, columns: [], failure: nil)
      }
      let parser = PieceParser(
        base: base, bounds: bounds, columnCount: policies.count, numberStyles: numberStyles)
      var columns: [PieceColumn] = []
      var failure: FieldFailure? = nil
      for (c, policy) in policies.enumerated() {
        var reuse = PieceColumn()
        if c < spare.columns.count { swap(&reuse, &spare.columns[c]) }
        do throws(FieldFailure) {
          let neighbor = c > 0 && columns[c - 1].kind == .text ? columns[c - 1].codes : nil
          columns.append(
            try parser.parseColumn(
              c, policy: policy, reuse: reuse, neighbor: neighbor,
              dictionary: c < dictionaries.count ? dictionaries[c] : nil)
          )
        } catch {
          if failure == nil || error.offset < failure?.offset ?? .max { failure = error }
          columns.append(PieceColumn())
        }
      }
      return PieceOutcome(bounds: bounds, stop: stop, columns: columns, failure: failure)
    }
  }

  /// Gives a merged piece's arrays back to its slot for the next block.
  static func recycle(_ outcome: inout PieceOutcome, into box: PieceScratchBox) {
    var scratch = PieceScratch()
    swap(&scratch.starts, &outcome.bounds.starts)
    swap(&scratch.ends, &outcome.bounds.ends)
    swap(&scratch.columns, &outcome.columns)
    box.store(&scratch)
  }

  /// Finds piece boundaries: line starts after about equal shares of the region, outside quotes
  /// (by quote parity, which well-formed CSV keeps; a wrong guess is caught when merging).
  private func boundaries(_ buffer: [UInt8], from start: Int, to end: Int) -> [Int] {
    let length = end - start
    let minimum = max(
      256,
      min(LoadSession.minimumPieceSize, blockSize / (2 * Parallel.activeCores))
    )
    // Two pieces a core: a core that finishes early takes another piece instead of waiting for
    // the slowest (the sink's work on the last block shares the cores).
    let pieces = min(Parallel.activeCores * 2, max(1, length / minimum))
    var result = [start]
    guard pieces > 1 else { return result + [end] }
    buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      var quotes = 0
      var counted = start
      for k in 1..<pieces {
        let target = start + length / pieces * k
        guard target > (result.last ?? start), target > counted else { continue }
        // Count quotes up to the target quickly with memchr.
        var i = counted
        while i < target {
          guard let hit = memchr(p + i, 0x22, target - i) else { break }
          quotes += 1
          i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p + 1
        }
        counted = target
        var j = target
        var found: Int? = nil
        while j < end {
          let c = p[j]
          if c == 0x22 {
            quotes += 1
          } else if c == 0x0A && quotes & 1 == 0 {
            found = j + 1
            break
          }
          j += 1
        }
        counted = j
        guard let found, found < end else { break }
        result.append(found)
        counted = found
      }
    }
    return result + [end]
  }

  /// The text columns' dictionaries so far, for the pieces to look values up in; not for a
  /// column whose values were mostly new in a recent block (see ``dictionaryPause``).
  private var textDictionaries: [ByteStringPool?] {
    accumulators.indices.map { c in
      let a = accumulators[c].value
      return a.kind == .text && (c >= dictionaryPause.count || dictionaryPause[c] == 0)
        ? a.pool : nil
    }
  }

  /// Blocks to go, per column, before pieces look values up in its dictionary again.
  private var dictionaryPause: [Int] = []

  /// Pauses the dictionary of columns whose values were mostly new in this block.
  private mutating func notePieceLookups(_ outcomes: [PieceOutcome]) {
    if dictionaryPause.count < names.count {
      dictionaryPause = Array(repeating: 0, count: names.count)
    }
    for c in 0..<names.count {
      if dictionaryPause[c] > 0 {
        dictionaryPause[c] -= 1
      } else if outcomes.contains(where: {
        c < $0.columns.count && $0.columns[c].dictionaryMissed
      }) {
        dictionaryPause[c] = 63
      }
    }
  }

  /// Parses `start..<end` in parallel pieces and merges them into the accumulators in order.
  private mutating func parseRegion(
    _ buffer: [UInt8],
    from start: Int,
    to end: Int,
    isFinal: Bool,
    lineBreaksBefore: Int
  ) throws(LoadFailure) -> (rows: Int, lineBreaks: Int, consumed: Int) {
    let cuts = boundaries(buffer, from: start, to: end)
    let delimiter = self.delimiter
    let policies = self.policies
    let numberStyles = self.numberStyles
    while scratch.count < cuts.count - 1 { scratch.append(PieceScratchBox()) }
    let boxes = scratch
    // The pieces read the text columns' dictionaries; the references must be gone before the
    // merge extends them (or extending them would copy them), so they live in this call only.
    func parsePieces(_ dictionaries: [ByteStringPool?]) -> [PieceOutcome] {
      Parallel.map(cuts.count - 1) { k in
        LoadSession.parsePiece(
          buffer,
          from: cuts[k],
          to: cuts[k + 1],
          isFinal: isFinal && k == cuts.count - 2,
          delimiter: delimiter,
          policies: policies,
          numberStyles: numberStyles,
          dictionaries: dictionaries,
          scratch: boxes[k]
        )
      }
    }
    var outcomes = parsePieces(textDictionaries)
    notePieceLookups(outcomes)
    var rows = 0
    var lineBreaks = 0
    var position = start
    var pieces: [(outcome: PieceOutcome, start: Int, firstLine: Int)] = []
    for k in 0..<outcomes.count {
      try check(outcomes[k], from: cuts[k], buffer, firstLine: lineBreaksBefore + lineBreaks + 1)
      pieces.append((outcomes[k], cuts[k], lineBreaksBefore + lineBreaks + 1))
      rows += outcomes[k].bounds.rows
      lineBreaks += outcomes[k].bounds.lineBreaks
      position = outcomes[k].bounds.consumed
      if k + 1 < outcomes.count && position != cuts[k + 1] {
        // The split guessed wrong (a stray quote): read the rest of the region in one piece.
        let rest = LoadSession.parsePiece(
          buffer,
          from: position,
          to: end,
          isFinal: isFinal,
          delimiter: delimiter,
          policies: policies,
          numberStyles: numberStyles,
          dictionaries: textDictionaries
        )
        try check(rest, from: position, buffer, firstLine: lineBreaksBefore + lineBreaks + 1)
        pieces.append((rest, position, lineBreaksBefore + lineBreaks + 1))
        rows += rest.bounds.rows
        lineBreaks += rest.bounds.lineBreaks
        position = rest.bounds.consumed
        break
      }
    }
    if sink == nil, let sizeHint, accumulators.first?.value.expectedRows == 0, rows > 0, position > start {
      // Reserve every column once, from the first block's bytes per row, so that appending never
      // reallocates (and re-faults) the large arrays.
      // A row of n columns takes at least n bytes (delimiters and line break), which bounds the
      // reservation by the input's size however wide the header is.
      let estimate = min(
        Int(Double(sizeHint) / (Double(position - start) / Double(rows)) * 1.02) + 64,
        sizeHint / max(1, accumulators.count) + 64)
      for box in accumulators { box.value.expectedRows = estimate }
    }
    let failure = mergeAll(pieces, buffer)
    pieces = []
    if let failure { throw failure }
    for k in outcomes.indices { LoadSession.recycle(&outcomes[k], into: boxes[k]) }
    return (rows, lineBreaks, position)
  }

  /// Merges the pieces' columns; columns are independent, so they are merged in parallel, each
  /// in piece order.
  private func mergeAll(
    _ pieces: [(outcome: PieceOutcome, start: Int, firstLine: Int)],
    _ buffer: [UInt8]
  ) -> LoadFailure? {
    let session = self
    let failures = Parallel.map(names.count) { c in
      session.mergeColumn(c, pieces: pieces, buffer)
    }
    return failures.compactMap { $0 }.first
  }

  /// Reports a piece's first error, if any.
  private func check(
    _ outcome: PieceOutcome,
    from start: Int,
    _ buffer: [UInt8],
    firstLine: Int
  ) throws(LoadFailure) {
    func line(_ offset: Int) -> Int { lineOf(offset, in: buffer, from: start, base: firstLine) }
    var stopOffset = Int.max
    switch outcome.stop {
    case .complete: break
    case .ragged(let offset, _), .unterminatedQuote(let offset): stopOffset = offset
    }
    if let failure = outcome.failure, failure.offset < stopOffset {
      let column = failure.column + 1
      let what = names[failure.column]
      switch failure.reason {
      case .nonNumeric:
        let role = roles.columns.first { $0.value == what }?.key.rawValue ?? "numeric"
        // A number with the other decimal separator than the one the first rows showed.
        let style = failure.column < numberStyles.count ? numberStyles[failure.column] : .plain
        let other: WrittenNumber.Evidence = style.decimal == .point ? .comma : .point
        let evidence = failure.value.withUnsafeBufferPointer { b in
          b.baseAddress.map { WrittenNumber.evidence($0, b.count) } ?? WrittenNumber.Evidence.none
        }
        let hint: Remark =
          evidence == other
          ? "the column's first rows have a decimal \(style.decimal == .point ? "point" : "comma"), this value a decimal \(style.decimal == .point ? "comma" : "point"); say which with \(setting: .decimal, "\",\"") or \(setting: .decimal, "\".\"")"
          : "fix or remove the value; numbers are written like 12, -3, 2.55, 1,234.50, 261,96 or $12.00"
        throw error(
          .nonNumericValue,
          line: line(failure.offset),
          column: column,
          "'\(what)' (the \(role) column) holds a value that is not a number",
          hint: hint,
          value: failure.value
        )
      case .mixedCurrency:
        throw LoadSession.mixedCurrency(
          self, column: failure.column, line: line(failure.offset), value: failure.value)
      case .unparseableDate:
        throw error(
          .unparseableDate,
          line: line(failure.offset),
          column: column,
          "'\(what)' (the date column) holds a value that fits no date format",
          hint:
            "dates look like 2010-12-01 08:26:00, 12/1/2010 8:26 or 20101201; give \(setting: .dateFormat, "\"%d/%m/%Y %H:%M\"") for other layouts",
          value: failure.value
        )
      case .mixedDateStyles:
        throw error(
          .unparseableDate,
          line: line(failure.offset),
          column: column,
          "'\(what)' (the date column) mixes date styles (ISO, day/month/year, compact)",
          hint: "write every date the same way, or give \(setting: .dateFormat)",
          value: failure.value
        )
      }
    }
    switch outcome.stop {
    case .complete: break
    case .ragged(let offset, let found):
      throw error(
        .raggedRow,
        line: line(offset),
        column: min(found, names.count) + 1,
        "row has \(found) field\(found == 1 ? "" : "s"), the header has \(names.count)",
        hint: found > names.count
          ? "quote fields that contain the delimiter (\(delimiter)), or give \(setting: .delimiter)"
          : "every row needs a value (possibly empty) for each column"
      )
    case .unterminatedQuote(let offset):
      let column = buffer.withUnsafeBufferPointer { b -> Int in
        // The field index of the quote: count delimiters since the row's start.
        var i = offset
        while i > start && b[i - 1] != 0x0A && b[i - 1] != 0x0D { i -= 1 }
        var n = 1
        var inQuote = false
        while i < offset {
          if b[i] == 0x22 {
            inQuote.toggle()
          } else if !inQuote, case .character(let d) = delimiter, b[i] == d {
            n += 1
          }
          i += 1
        }
        return n
      }
      throw error(
        .unterminatedQuote,
        line: line(offset),
        column: column,
        "a quoted field starts here and is never closed",
        hint: "add the closing quote (\"), or double quotes inside quoted fields (\"\")"
      )
    }
  }

  /// Appends column `c` of each piece, in order, to its accumulator; returns the failure, if any.
  private func mergeColumn(
    _ c: Int,
    pieces: [(outcome: PieceOutcome, start: Int, firstLine: Int)],
    _ buffer: [UInt8]
  ) -> LoadFailure? {
    let accumulator = accumulators[c]
    for (outcome, start, firstLine) in pieces where outcome.bounds.rows > 0 {
      func line(_ offset: Int) -> Int { lineOf(offset, in: buffer, from: start, base: firstLine) }
      /// A date column whose piece is read in another style than the rows before it.
      func dateStyleChange() -> LoadFailure {
        error(
          .unparseableDate,
          line: line(Int(outcome.bounds.starts[c])),
          column: c + 1,
          "'\(names[c])' (the date column) changes date style here",
          hint: "write every date the same way, or give \(setting: .dateFormat)"
        )
      }
      var piece = outcome.columns[c]
      if piece.kind == .slashDate {
        if piece.twoDigitYears { accumulator.value.twoDigitYears = true }
        if accumulator.value.monthFirstInvalidLine == nil, let o = piece.monthFirstInvalidOffset {
          accumulator.value.monthFirstInvalidLine = line(o)
        }
        if accumulator.value.dayFirstInvalidLine == nil, let o = piece.dayFirstInvalidOffset {
          accumulator.value.dayFirstInvalidLine = line(o)
        }
      }
      if piece.currency != 0 && accumulator.value.currency != 0
        && piece.currency != accumulator.value.currency && piece.kind != .text
      {
        // Amounts in two currencies cannot be summed.
        guard policies[c] == .number else { return .restart([c]) }
        return LoadSession.mixedCurrency(
          self, column: c, line: line(piece.currencyOffset), value: nil)
      }
      if case .date = policies[c], piece.kind != .empty {
        if accumulator.value.dateReading == nil {
          accumulator.value.dateReading = piece.dateReading
        } else if accumulator.value.dateReading != piece.dateReading {
          return dateStyleChange()
        }
      }
      let kind = accumulator.value.kind
      let target = ColumnAccumulator.join(kind, piece.kind)
      if target == .text && (piece.kind != .text || kind != .text) {
        if case .date = policies[c] {
          return dateStyleChange()
        }
        guard accumulator.value.canBecomeText else { return .restart([c]) }
        accumulator.value.convertToText()
        if piece.kind != .text {
          piece = buffer.withUnsafeBufferPointer { b in
            // A piece with rows comes from a non-empty buffer, which has a base address.
            guard let base = b.baseAddress else { return PieceColumn() }
            return PieceParser(base: base, bounds: outcome.bounds, columnCount: names.count)
              .parseText(c)
          }
        }
      }
      accumulator.value.append(piece)
    }
    return nil
  }

  /// The error for a number column with two currencies.
  private static func mixedCurrency(
    _ session: LoadSession, column c: Int, line: Int, value: [UInt8]?
  ) -> LoadFailure {
    session.error(
      .mixedCurrency,
      line: line,
      column: c + 1,
      "'\(session.names[c])' holds amounts in more than one currency, so their sums would mean nothing",
      hint: "convert them to one currency first, or load each currency's rows separately",
      value: value
    )
  }

  /// How the number columns were read, for the report: one line per column that was not plain.
  private var numberNotes: [Remark] {
    var out: [Remark] = []
    for c in 0..<names.count {
      let acc = accumulators[c].value
      guard acc.kind == .integer || acc.kind == .decimal || acc.kind == .empty else { continue }
      var parts: [Remark] = []
      if c < numberStyles.count && numberStyles[c].decimal == .comma {
        parts.append("decimal comma")
      }
      if acc.spelling.contains(.thousands) { parts.append("thousands separators") }
      if acc.currency != 0 {
        parts.append("currency \(WrittenNumber.currencyName(acc.currency)) stripped")
      }
      if acc.spelling.contains(.parentheses) { parts.append("(12.00) read as -12.00") }
      if acc.spelling.contains(.trailingMinus) { parts.append("12.00- read as -12.00") }
      if let assumed = numberAssumptions[c], acc.kind != .empty { parts.append(assumed) }
      if let first = parts.first {
        out.append(parts.dropFirst().reduce("\(names[c]): \(first)") { $0 + ", " + $1 })
      }
    }
    return out
  }

  // MARK: - Streaming

  /// Hands the rows merged so far to the sink as a table and empties the columns (keeping their
  /// types and dictionaries). Waits while slash dates could still be day-first or month-first.
  private mutating func drain(isFinal: Bool) throws(LoadFailure) {
    guard let sink else { return }
    // The sink holds the last block's dictionaries until it is done; extending them before
    // would copy them.
    try awaitSink()
    if !headerIsUTF8 && options.encoding == nil { throw .fallBack }
    let count = accumulators.first?.value.rows ?? 0
    guard count > 0 else { return }
    for c in 0..<names.count where accumulators[c].value.kind == .slashDate {
      let a = accumulators[c].value
      if (a.monthFirstInvalidLine == nil) == (a.dayFirstInvalidLine == nil) {
        if isFinal || a.monthFirstInvalidLine != nil { throw .fallBack }
        return
      }
    }
    if decoded.count < names.count { decoded = Array(repeating: [], count: names.count) }
    if textSeen.count < names.count {
      textSeen = Array(repeating: nil, count: names.count)
    }
    // A column that turned from numbers to text (`536365`, then `C536379`) after earlier blocks
    // went out as numbers cannot be joined to them: the load goes to memory.
    for c in 0..<names.count where accumulators[c].value.kind != .empty {
      let isText = accumulators[c].value.kind == .text
      if let seen = textSeen[c], seen != isText { throw .fallBack }
      textSeen[c] = isText
    }
    var invoicePool: ByteStringPool? = nil
    var columns: [Column] = []
    for c in 0..<names.count {
      let acc = accumulators[c].value
      let data: ColumnData
      switch acc.kind {
      case .empty:
        if policies[c] == .number {
          data = .decimal(Array(repeating: .nan, count: count))
        } else if case .date = policies[c] {
          data = .datetime(Array(repeating: Column.missingInteger, count: count))
        } else {
          data = .category(codes: Array(repeating: Column.missingCode, count: count), dictionary: [])
        }
      case .integer:
        data = .integer(acc.ints)
      case .decimal:
        if roles[.customer] == names[c] {
          guard RFMInputs.areWholeIDs(acc.doubles) else { throw .fallBack }
          data = .integer(RFMInputs.wholeIDs(acc.doubles))
        } else {
          data = .decimal(acc.doubles)
        }
      case .datetime:
        data = .datetime(acc.ints)
      case .slashDate:
        var dates = acc.ints
        SlashDate.convert(&dates, monthFirst: acc.monthFirstInvalidLine == nil)
        data = .datetime(dates)
      case .text where roles[.invoice] == names[c]:
        let pool = acc.pool
        for k in invoiceFlags.count..<pool.count {
          let bytes = pool.bytes(of: k)
          if options.encoding == nil && !TextEncoding.isValidUTF8(bytes) { throw .fallBack }
          cancelEvidence.add(bytes)
        }
        invoicePool = pool
        data = .category(codes: acc.codes, dictionary: [])
      case .text:
        let pool = acc.pool
        if decoded[c].count < pool.count {
          let encoding = options.encoding ?? .utf8
          for k in decoded[c].count..<pool.count {
            let bytes = pool.bytes(of: k)
            if options.encoding == nil && !TextEncoding.isValidUTF8(bytes) { throw .fallBack }
            decoded[c].append(encoding.decode(bytes))
          }
        }
        data = .category(codes: acc.codes, dictionary: decoded[c])
      }
      columns.append(Column(name: names[c], data: data))
    }
    for box in accumulators {
      box.value.ints.removeAll(keepingCapacity: true)
      box.value.doubles.removeAll(keepingCapacity: true)
      box.value.codes.removeAll(keepingCapacity: true)
      box.value.rows = 0
    }
    let table = Table(columns: columns)
    if streamCancellation == nil {
      var isInteger = false
      if let name = roles[.invoice], case .integer? = table[name]?.data { isInteger = true }
      let decision = cancellationDecision(invoiceIsInteger: isInteger)
      streamCancellation = decision
      roles.cancellation = decision
      sink.cancellation = decision
    }
    if let pool = invoicePool, let rule = streamCancellation?.rule {
      let prefix: [UInt8]
      if case .prefix(let p) = rule { prefix = Array(p.utf8) } else { prefix = [] }
      for k in invoiceFlags.count..<pool.count {
        invoiceFlags.append(CancellationRule.hasPrefix(pool.bytes(of: k), prefix))
      }
    }
    let flags = invoiceFlags
    pendingSink = BackgroundJob { () throws(StreamFallback) in
      try sink.consume(table, invoiceFlags: flags, isLast: isFinal)
    }
    if isFinal { try awaitSink() }
  }

  /// The cancellation rule from the rows read so far: the text columns' values, the invoice
  /// values seen.
  private func cancellationDecision(invoiceIsInteger: Bool) -> CancellationDecision {
    CancellationDecision.decide(
      explicit: options.cancellationRule, names: names, roles: roles,
      statusValues: { name in
        guard let c = names.firstIndex(of: name), c < decoded.count, !decoded[c].isEmpty else {
          return nil
        }
        return decoded[c]
      },
      invoice: cancelEvidence, invoiceIsInteger: invoiceIsInteger)
  }

  /// Waits for the sink's block, if any; a block the sink could not take means a fallback.
  private mutating func awaitSink() throws(LoadFailure) {
    guard let task = pendingSink else { return }
    pendingSink = nil
    do {
      try task.wait()
    } catch {
      throw .fallBack
    }
  }

  /// The report of a streamed load (the table itself is empty: its rows went to the sink).
  private mutating func finishStream(rows: Int) throws(LoadFailure) -> LoadedTable {
    try awaitSink()
    guard let sink, sink.rows == rows else { throw .fallBack }
    // The rule decided on the first block must be the whole log's (a status column's first
    // cancellation, or C-prefixed invoices, may come later); if not, load into memory.
    let invoiceIsInteger =
      roles[.invoice].flatMap { names.firstIndex(of: $0) }.map { $0 < sink.types.count && sink.types[$0] == .integer }
      ?? false
    if let decided = streamCancellation {
      let whole = cancellationDecision(invoiceIsInteger: invoiceIsInteger)
      guard whole.rule == decided.rule else { throw .fallBack }
      // The same rule; the whole log's reason and status values, as a load into memory gives.
      roles.cancellation = whole
    }
    sink.finishDuplicates()
    let roleByName = Dictionary(
      roles.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    /// A column empty in every block has the type its policy gives it, as in `finish`.
    func emptyType(_ c: Int) -> ColumnType {
      if policies[c] == .number { return .decimal }
      if case .date = policies[c] { return .datetime }
      return .text
    }
    var report = LoadReport(
      file: name, rows: rows,
      columns: names.enumerated().map { (c, n) in
        LoadReport.ColumnSummary(
          name: n, type: sink.types[c] ?? emptyType(c), missing: sink.missing[c],
          role: roleByName[n])
      },
      encoding: options.encoding ?? .utf8, encodingFallback: false, delimiter: delimiter,
      isCompressed: isCompressed, firstDate: sink.firstDate, lastDate: sink.lastDate,
      distinctCustomers: sink.distinctCustomers, rowsWithoutCustomer: sink.rowsWithoutCustomer,
      cancellations: sink.cancellations, negativeQuantities: sink.negativeQuantities,
      zeroPrices: sink.zeroPrices, negativePrices: sink.negativePrices,
      duplicateRows: sink.duplicates, warnings: warnings, numbers: numberNotes,
      notes: dateNotes + zeroPaddedNotes)
    report.isUTF16 = isUTF16
    report.explainRoles(roles)
    report.cancellationRule = roles.cancellation?.reason
    report.cancelledOrReturned = sink.cancelledOrReturned
    report.addCancellationWarning()
    report.refundColumn = sink.refundColumn
    report.refundedRows = sink.refundedRows
    report.addRefundWarning()
    return LoadedTable(table: .empty, roles: roles, report: report)
  }

  // MARK: - Finishing

  /// The report's notes on how date columns were read (UTC offsets, epoch times).
  private var dateNotes: [String] {
    names.indices.flatMap { c -> [String] in
      guard case .date = policies[c] else { return [] }
      let acc = accumulators[c].value
      var notes = acc.dateReading?.note(column: names[c]).map { [$0] } ?? []
      if acc.twoDigitYears {
        notes.append(
          "\(names[c]): two-digit years read as 1969–1999 (69–99) and 2000–2068 (00–68)")
      }
      return notes
    }
  }

  /// The report's notes on text columns of digits written with leading zeros (`00123`): they
  /// were read as codes, not numbers, so that `00123` and `123` stay apart.
  private var zeroPaddedNotes: [String] {
    names.indices.compactMap { c in
      let acc = accumulators[c].value
      switch policies[c] {
      case .infer, .identifier: break
      default: return nil
      }
      guard acc.kind == .text, acc.pool.count > 0 else { return nil }
      var example: ArraySlice<UInt8>?
      for k in 0..<acc.pool.count {
        let bytes = acc.pool.bytes(of: k)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        if example == nil && bytes.count > 1 && bytes.first == UInt8(ascii: "0") {
          example = bytes
        }
      }
      guard let example else { return nil }
      let shown = String(decoding: example, as: UTF8.self)
      let stripped = shown.drop { $0 == "0" }
      let plain = stripped.isEmpty ? "0" : String(stripped)
      return "\(names[c]): written with leading zeros (\(shown)), so read as text: "
        + "\(shown) and \(plain) stay apart"
    }
  }

  /// The report's warnings about the options.
  private var warnings: [Remark] {
    var out: [Remark] = []
    if firstRowLooksLikeData {
      let shown = names.prefix(5).joined(separator: " ") + (names.count > 5 ? " …" : "")
      out.append(
        "the first row (\(shown)) looks like data, not column names; if the file has no header, load it with \(setting: .header, "false") \(setting: .columns, "[\(names.indices.map { "c\($0 + 1)" }.joined(separator: ", "))]") and name the columns"
      )
    }
    if options.dateFormat != nil && roles[.date] == nil {
      out.append("\(setting: .dateFormat) was given but there is no date column; name it with \(setting: .role(.date), "COLUMN")")
    }
    if !blankColumns.isEmpty {
      let shown = blankColumns.prefix(5).map { "column_\($0 + 1)" }.joined(separator: ", ")
      let more = blankColumns.count > 5 ? ", …" : ""
      out.append(
        blankColumns.count == 1
          ? "header field \(blankColumns[0] + 1) is blank: it is named \(shown)"
          : "\(blankColumns.count) header fields are blank: they are named \(shown)\(more)")
    }
    return out
  }

  private mutating func finish(rows: Int) throws(LoadFailure) -> LoadedTable {
    var kinds: [ColumnData?] = Array(repeating: nil, count: names.count)
    var restart = Set<Int>()
    for c in 0..<names.count {
      var acc = accumulators[c].value
      let isDate: Bool
      if case .date = policies[c] { isDate = true } else { isDate = false }
      switch acc.kind {
      case .empty:
        if policies[c] == .number {
          kinds[c] = .decimal(Array(repeating: .nan, count: rows))
        } else if isDate {
          kinds[c] = .datetime(Array(repeating: Column.missingInteger, count: rows))
        }
      case .integer:
        kinds[c] = .integer(acc.ints)
      case .decimal:
        if roles[.customer] == names[c] {
          if RFMInputs.areWholeIDs(acc.doubles) {
            kinds[c] = .integer(RFMInputs.wholeIDs(acc.doubles))
          } else {
            restart.insert(c)
          }
        } else {
          kinds[c] = .decimal(acc.doubles)
        }
      case .datetime:
        kinds[c] = .datetime(acc.ints)
      case .slashDate:
        let monthFirst = acc.monthFirstInvalidLine == nil
        let dayFirst = acc.dayFirstInvalidLine == nil
        if monthFirst && dayFirst {
          guard isDate else {
            restart.insert(c)
            continue
          }
          throw error(
            .ambiguousDate,
            column: c + 1,
            "every date in '\(names[c])' has day and month ≤ 12, so day-first and month-first both fit",
            hint:
              "say which with \(setting: .dateFormat, "\"%d/%m/%Y %H:%M\"") (day first) or \(setting: .dateFormat, "\"%m/%d/%Y %H:%M\"") (month first)"
          )
        }
        if !monthFirst && !dayFirst {
          guard isDate else {
            restart.insert(c)
            continue
          }
          throw error(
            .unparseableDate,
            line: max(acc.monthFirstInvalidLine ?? 0, acc.dayFirstInvalidLine ?? 0),
            column: c + 1,
            "'\(names[c])' mixes month-first dates (line \(acc.dayFirstInvalidLine ?? 0)) and day-first dates (line \(acc.monthFirstInvalidLine ?? 0))",
            hint: "write every date the same way, or give \(setting: .dateFormat)"
          )
        }
        SlashDate.convert(&acc.ints, monthFirst: monthFirst)
        kinds[c] = .datetime(acc.ints)
        accumulators[c].value.ints = []
      case .text:
        break
      }
    }
    if !restart.isEmpty { throw .restart(restart) }

    // Text: one encoding for the whole file.
    var isUTF8 = headerIsUTF8
    if options.encoding == nil && isUTF8 {
      for c in 0..<names.count
      where accumulators[c].value.kind == .text || accumulators[c].value.kind == .empty {
        let pool = accumulators[c].value.pool
        if pool.isASCII { continue }
        if !TextEncoding.isValidUTF8(pool.storage) {
          isUTF8 = false
          break
        }
      }
    }
    let encoding = options.encoding ?? (isUTF8 ? .utf8 : .windows1252)
    let textColumns = (0..<names.count).filter { kinds[$0] == nil }
    let pools = textColumns.map { accumulators[$0].value.pool }
    let dictionaries = Parallel.map(pools.count) { k in
      let pool = pools[k]
      return (0..<pool.count).map { encoding.decode(pool.bytes(of: $0)) }
    }
    let notes = dateNotes + zeroPaddedNotes
    var columns: [Column] = []
    columns.reserveCapacity(names.count)
    // Before the accumulators are released below.
    let numbers = numberNotes
    for c in 0..<names.count {
      if let data = kinds[c] {
        columns.append(Column(name: names[c], data: data))
      } else {
        let k = textColumns.firstIndex(of: c) ?? 0
        let codes =
          accumulators[c].value.kind == .empty
          ? Array(repeating: Column.missingCode, count: rows) : accumulators[c].value.codes
        columns.append(
          Column(name: names[c], data: .category(codes: codes, dictionary: dictionaries[k]))
        )
      }
      accumulators[c].value = ColumnAccumulator()
    }
    let table = Table(columns: columns)
    if roles[.invoice] != nil || roles.isTransactionLog {
      roles.cancellation = CancellationDecision.decide(
        table: table, roles: roles, explicit: options.cancellationRule)
    }
    var report = LoadReport.make(
      file: name,
      table: table,
      roles: roles,
      encoding: encoding,
      encodingFallback: options.encoding == nil && !isUTF8,
      delimiter: delimiter,
      isCompressed: isCompressed,
      warnings: warnings,
      notes: notes
    )
    report.numbers = numbers
    report.isUTF16 = isUTF16
    return LoadedTable(table: table, roles: roles, report: report)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}

/// Reads the next block on another thread while the current one is parsed.
///
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
