/// One attempt at loading a file, as one pipeline whose stages each live in a file of their own:
///
/// 1. **Input** (`LoadSession+Input.swift`): the bytes, gunzipped or read from UTF-16 when they
///    say so, checked for NUL bytes and for emptiness; the delimiter sniffed; blocks read ahead
///    on another thread.
/// 2. **Header** (`LoadSession+Header.swift`): the column names (or the names given for a
///    header-less file), the first rows sampled, the roles scored, and per column the policy
///    (number, identifier, date, inferred) and how its numbers are written.
/// 3. **Blocks** (`LoadSession+Blocks.swift`): each block of rows tokenized and parsed in
///    parallel pieces, then merged in order into one typed accumulator per column; short lines
///    at the end of the file are its footer (`LoadSession+Footer.swift`).
/// 4. **Destination** (``Destination``): the merged rows are kept and become the table
///    (`LoadSession+Table.swift`), or go block by block to a ``LogStreamSink`` for the report's
///    counts and RFM's sums (`LoadSession+Stream.swift`).
/// 5. **Report** (`LoadSession+Report.swift`): both destinations end in the same report, so every
///    way of loading says the same.
///
/// Every format reaches stage 1 as delimited text: workbooks through ``SheetCSVSource``.
///
/// An attempt ends early with a ``LoadFailure``: an error for the user, a restart with some
/// columns read as text, or (streaming) a fallback to a load into memory.
struct LoadSession {
  /// Where the merged rows go.
  enum Destination {
    /// Kept in memory: the accumulators grow into the table.
    case table
    /// Streamed: each block goes to a ``LogStreamSink``, which sums what the plan asks for.
    case stream(StreamPlan)
  }

  let name: String
  let options: LoadOptions
  let blockSize: Int
  /// Columns to read as text whatever they look like (set by an earlier attempt).
  let forcedText: Set<Int>
  let destination: Destination

  // MARK: Input
  var delimiter: Delimiter = .comma
  var isCompressed = false
  /// Whether the file is UTF-16 (read through ``UTF16ByteSource``); the report says so.
  var isUTF16 = false
  /// The file size when known (plain files), for reserving column capacity.
  var sizeHint: Int? = nil

  // MARK: Header
  var names: [String] = []
  var policies: [ColumnPolicy] = []
  /// How each column's numbers are written, decided from the first block (``NumberSniffer``).
  var numberStyles: [NumberStyle] = []
  /// Per column, what the sniff assumed for numbers that fit both decimal separators.
  var numberAssumptions: [Int: Remark] = [:]
  var roles = ColumnRoles()
  var headerIsUTF8 = true
  /// Whether the header row looks like a row of data (a file without a header).
  var firstRowLooksLikeData = false
  /// Header fields that were blank and got a `column_N` name, 0-based.
  var blankColumns: [Int] = []

  /// Lines at the end of a file with fewer fields than the header (a report's `3 record(s)
  /// downloaded`), left out of the rows: the 1-based line of the first, and the lines as written.
  struct Footer {
    var line: Int
    var lines: [String]
  }

  // MARK: Blocks
  var accumulators: [AccumulatorBox] = []
  /// Arrays lent from block to block, one box per piece slot.
  var scratch: [PieceScratchBox] = []
  /// Blocks to go, per column, before pieces look values up in its dictionary again.
  var dictionaryPause: [Int] = []
  /// Rows whose every field is empty (`,,,,`), skipped by the tokenizer as blank lines are.
  var emptyRows = 0
  /// The last (up to 3) bytes before where the current block's rows start, so that a blank line
  /// split between blocks is seen (the footer rule, ``FooterStep/deferred``).
  var bytesBeforeRegion: [UInt8] = []
  /// The file's footer, when it ends in one (``footerLines(_:from:to:delimiter:columns:)``).
  var footer: Footer? = nil
  /// Lines above the header (a report's title), skipped: how many, and the first as written.
  var preamble: Preamble? = nil

  /// Lines of a report above its header (`Sales by Customer Detail`, a date range, a blank line,
  /// Excel's `sep=,`), found by ``preambleLines(_:from:to:delimiter:)``.
  struct Preamble: Equatable {
    var lines: Int
    var first: String
    /// The lines that hold text, each its fields joined by spaces (`Sales by Customer Detail`).
    var titles: [String] = []

    /// Whether the line is Excel's `sep=;`.
    var isSeparatorLine: Bool { lines == 1 && first.hasPrefix("sep=") }
  }

  /// Whether the rows are a report grouped by their first column (``GroupedReport``), as the
  /// sampled rows show, and what filling the names down did.
  var isGroupedReport = false
  /// Whether the grouped report is a pivot table's (``GroupedReport/detectPivot(_:)``).
  var isPivotReport = false
  var groupedOutcome: GroupedReport.Outcome? = nil

  // MARK: Destination
  /// A streaming load's state once the header is read (``Destination/stream(_:)``); `nil` for a
  /// load into memory.
  var stream: StreamedLoad? = nil

  init(
    name: String, options: LoadOptions, blockSize: Int, forcedText: Set<Int>,
    destination: Destination = .table
  ) {
    self.name = name
    self.options = options
    self.blockSize = blockSize
    self.forcedText = forcedText
    self.destination = destination
  }

  /// Smallest piece worth a task of its own.
  static let minimumPieceSize = 1 << 20

  // MARK: - The load

  /// Runs the stages in order and returns the table (empty when streamed) and its report.
  mutating func run(source raw: any ByteSource) throws(LoadFailure) -> LoadedTable {
    // A failed load does not return while the sink still works on a block.
    defer { stream?.waitQuietly() }
    var input = try open(raw)
    let header = try headerRow(&input)
    // Without a header row the first line is data: the rows start where the "header" did.
    let rowsStart = options.columnNames != nil ? input.start : header.consumed
    let skipped = preamble?.lines ?? 0
    try input.readAtLeast(LoadSession.sniffWindow, after: rowsStart)
    var sample = input.buffer.withUnsafeBufferPointer { b in
      LoadSession.sampleRows(
        b, from: rowsStart, to: input.filled, isFinal: input.eof, delimiter: delimiter,
        columns: header.fields)
    }
    if options.columnNames == nil && GroupedReport.detect(sample) {
      // The roles are scored on the rows as they will be read.
      isGroupedReport = true
      sample = GroupedReport.filledDown(sample)
    }
    try readHeader(header, input.buffer, sample: sample)
    if case .stream(let plan) = destination {
      // A grouped report's rows change once read whole: it is loaded into memory.
      guard roles.isTransactionLog, !isGroupedReport else { throw .fallBack }
      stream = StreamedLoad(sink: LogStreamSink(roles: roles, plan: plan))
    }
    try sniffNumbers(input, from: rowsStart)
    let rows = try readRows(
      &input, from: rowsStart,
      lineBreaksBefore: skipped + (options.columnNames != nil ? 0 : header.lineBreaks))
    if rows == 0 {
      throw error(
        .headerOnly,
        line: 1,
        "'\(name)' has a header but no data rows",
        hint: "check that the file was exported completely"
      )
    }
    return stream != nil ? try finishStream(rows: rows) : try finishTable(rows: rows)
  }

  /// Reads, parses and merges the blocks of rows from `start` on, handing each to the stream when
  /// there is one; returns the number of rows.
  private mutating func readRows(
    _ input: inout BlockInput, from start: Int, lineBreaksBefore: Int
  ) throws(LoadFailure) -> Int {
    accumulators = (0..<names.count).map { _ in AccumulatorBox() }
    var regionStart = start
    var lineBreaksBefore = lineBreaksBefore
    var rows = 0
    while true {
      if options.cancellation.isCancelled { throw error(.cancelled, "the load was cancelled") }
      guard regionStart < input.filled || input.eof else {
        try input.readMore()
        continue
      }
      // The next block is read on another thread while this one is parsed.
      let ahead = input.startReadingAhead(blockSize: blockSize)
      let region: (rows: Int, lineBreaks: Int, consumed: Int)
      do {
        region = try parseRegion(
          input.buffer, from: regionStart, to: input.filled, isFinal: input.eof,
          lineBreaksBefore: lineBreaksBefore)
        rows += region.rows
        lineBreaksBefore += region.lineBreaks
        if stream != nil { try drain(isFinal: input.eof) }
      } catch {
        ahead?.wait()
        throw error
      }
      guard let ahead else { return rows }
      let leftover = input.filled - region.consumed
      // Field offsets are 31-bit; a row this long is a quote that never closes.
      guard leftover < 1 << 30 else {
        ahead.wait()
        throw error(
          .unterminatedQuote,
          line: lineBreaksBefore + 1,
          "a row runs on for more than 1 GiB, so a quoted field is probably never closed",
          hint: "add the closing quote (\"), or double quotes inside quoted fields (\"\")"
        )
      }
      regionStart = try input.continue(with: ahead, keeping: region.consumed, blockSize: blockSize)
    }
  }

  /// The error `code` for this file, at `line` and 1-based `column` when known, with the value
  /// that caused it.
  func error(
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

  /// The 1-based line of `offset` in `buffer`, counting line breaks from `start`, which is on
  /// line `base`.
  func lineOf(_ offset: Int, in buffer: [UInt8], from start: Int, base: Int) -> Int {
    buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return base }
      return base + CSVTokenizer.lineBreaks(p, from: start, to: offset)
    }
  }
}

/// How a load attempt ended early.
enum LoadFailure: Error {
  case failed(LoadError)
  /// A streaming load cannot go on; load the table into memory instead.
  case fallBack
  /// Start again with these columns read as text.
  case restart(Set<Int>)
}
