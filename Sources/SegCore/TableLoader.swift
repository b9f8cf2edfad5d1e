/// A loaded file: the table, the roles found in it, and the load report.
public struct LoadedTable: Sendable, Equatable {
  /// The typed table, one column per header field, in file order.
  public var table: Table
  /// Which columns play which role (customer, invoice, date …).
  public var roles: ColumnRoles
  /// What was read and what was found.
  public var report: LoadReport

  public init(table: Table, roles: ColumnRoles, report: LoadReport) {
    self.table = table
    self.roles = roles
    self.report = report
  }
}

/// Reads CSV files (plain or gzip) into typed tables.
///
/// ```
/// let loaded = try TableLoader.load(path: "online_retail.csv.gz")
/// loaded.table.rowCount             // 541909
/// loaded.roles[.customer]           // "CustomerID"
/// print(loaded.report.summaryText)
/// ```
///
/// The file is read in blocks (16 MiB of text at a time, decompressed on the fly for gzip), each
/// block is split at row boundaries and its pieces are parsed on all cores; results are combined
/// in file order, so the table is the same whatever the number of cores. See `docs/rfm.md` for
/// the rules on delimiters, quoting, types, dates and encodings.
public enum TableLoader {
  /// Bytes of text parsed per block.
  public static let defaultBlockSize = 16 << 20
  /// A streamed load's blocks are smaller: its memory is the per-customer sums plus a few blocks
  /// in flight (about nine times the block size). At 50M rows, 8 MiB blocks take 0.3 s less than
  /// 4 MiB blocks for 35 MiB more, and 16 MiB blocks another 0.15 s for 140 MiB more.
  public static let streamBlockSize = 8 << 20

  /// Loads a file.
  ///
  /// - Parameters:
  ///   - path: A plain or gzip-compressed (detected from its first bytes) CSV file.
  ///   - options: Roles, date format, delimiter and encoding; all detected when not given.
  /// - Returns: The table, its roles and the load report.
  /// - Throws: ``LoadError`` naming the file, line, column and what to do.
  /// - Complexity: O(bytes), in parallel; memory is the table plus a few blocks.
  public static func load(path: String, options: LoadOptions = .default) throws(LoadError)
    -> LoadedTable
  {
    try load(path: path, name: path, options: options)
  }

  /// Loads a file, naming it `name` in the report and in errors (the path as a script wrote it,
  /// say, or just its last component).
  public static func load(path: String, name: String, options: LoadOptions = .default)
    throws(LoadError) -> LoadedTable
  {
    if try isWorkbook(path: path) {
      return try loadWorkbook(
        try FileBytes(path: path), name: name, options: options, blockSize: defaultBlockSize)
    }
    return try load(name: name, options: options, blockSize: defaultBlockSize) {
      () throws(LoadError) in
      try FileByteSource(path: path)
    }
  }

  /// Whether the file starts like a ZIP archive (an `.xlsx` workbook is one).
  static func isWorkbook(path: String) throws(LoadError) -> Bool {
    let source = try FileByteSource(path: path)
    var prefix = [UInt8](repeating: 0, count: 4)
    let n = try ZipArchive.fill(&prefix, from: 0) { raw throws(LoadError) in
      try source.read(into: raw)
    }
    return ZipArchive.hasZipSignature(prefix[0..<n])
  }

  /// Loads a sheet of an Excel workbook: its rows are read as CSV text as the sheet's XML is
  /// inflated (``SheetCSVSource``), so typing, roles and the report are those of a CSV file with
  /// the same values. Errors at a line and field also name the cell (`Sheet1!C7`).
  static func loadWorkbook(
    _ data: any RandomAccessBytes, name: String, options: LoadOptions, blockSize: Int
  ) throws(LoadError) -> LoadedTable {
    let archive = try ZipArchive(data: data, file: name)
    if !Workbook.mayBeWorkbook(archive) {
      return try loadArchivedText(archive, name: name, options: options, blockSize: blockSize)
    }
    let workbook = try Workbook(archive: archive)
    let sheet = try workbook.sheet(named: options.sheet)
    var csv = options
    csv.delimiter = .comma
    csv.encoding = .utf8
    // Without `sheet=`, later sheets with the first sheet's header are the same log, split
    // (Online Retail II: `Year 2009-2010`, `Year 2010-2011`): they are read after it.
    var joined = [sheet]
    var unread: [String] = []
    var shared: SheetCSVSource.Shared? = nil
    if options.sheet == nil && options.columnNames == nil && workbook.sheets.count > 1 {
      let parts = try SheetCSVSource.Shared(workbook)
      shared = parts
      let header = try SheetCSVSource.header(workbook: workbook, sheet: sheet, shared: parts)
      for other in workbook.sheets.dropFirst() {
        // An empty sheet (Excel's old default `Sheet2`, `Sheet3`) says nothing.
        guard
          let otherHeader = try SheetCSVSource.header(workbook: workbook, sheet: other, shared: parts)
        else { continue }
        if otherHeader == header { joined.append(other) } else { unread.append(other.name) }
      }
    }
    var source: SheetsCSVSource? = nil
    do {
      var loaded = try load(name: name, options: csv, blockSize: blockSize) {
        () throws(LoadError) -> any ByteSource in
        guard joined.count > 1, let shared else {
          return try SheetCSVSource(
            workbook: workbook, sheet: sheet, headerless: options.columnNames != nil,
            shared: shared)
        }
        let sheets = try SheetsCSVSource(workbook: workbook, sheets: joined, shared: shared)
        source = sheets
        return sheets
      }
      loaded.report.sheet = sheet.name
      loaded.report.joinedSheets = joined.dropFirst().map(\.name)
      loaded.report.unreadSheets = unread
      return loaded
    } catch {
      var located = error
      if let line = error.line, let column = error.column, error.code != .invalidWorkbook {
        let (sheetName, row) = source?.cell(line: line) ?? (sheet.name, line)
        located.message += " (cell \(sheetName)!\(SheetCSVSource.columnLetters(column - 1))\(row))"
      }
      throw located
    }
  }

  /// Loads the delimited text file a ZIP archive holds (a download zipped on the way:
  /// `orders.zip` holding `orders.csv`): its one file, or the one `sheet=` names. The file is
  /// inflated as it is read, so typing, roles and the report are those of the file itself.
  static func loadArchivedText(
    _ archive: ZipArchive, name: String, options: LoadOptions, blockSize: Int
  ) throws(LoadError) -> LoadedTable {
    let files = archive.entries.filter { entry in
      let last = entry.name.split(separator: "/").last.map(String.init) ?? ""
      return !entry.name.hasSuffix("/") && !entry.name.hasPrefix("__MACOSX/")
        && !last.hasPrefix(".")
    }
    let listing = files.prefix(5).map(\.name).joined(separator: ", ")
      + (files.count > 5 ? ", …" : "")
    if archive.entry("mimetype") != nil || archive.entry("content.xml") != nil {
      throw LoadError(
        code: .invalidWorkbook, file: name,
        message: "'\(name)' is an OpenDocument file (LibreOffice, Numbers), which seg does not read",
        hint: "save it as .xlsx or CSV (File › Save As) and load that")
    }
    let chosen: ZipArchive.Entry
    if let wanted = options.sheet {
      guard
        let entry = files.first(where: {
          $0.name == wanted || $0.name.split(separator: "/").last.map(String.init) == wanted
        })
      else {
        throw LoadError(
          code: .missingSheet, file: name,
          message: "'\(name)' holds no file named '\(wanted)'",
          hint: "it holds \(listing)")
      }
      chosen = entry
    } else if files.count == 1, let only = files.first {
      chosen = only
    } else {
      throw LoadError(
        code: .missingSheet, file: name,
        message: files.isEmpty
          ? "'\(name)' is a ZIP archive with no files in it"
          : "'\(name)' is a ZIP archive of \(files.count) files, so seg does not know which to read",
        hint: files.isEmpty
          ? "load the file itself"
          : "name one with \(setting: .sheet, "\"\(files[0].name)\""): it holds \(listing)")
    }
    let lower = chosen.name.lowercased()
    if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") || lower.hasSuffix(".zip") {
      throw LoadError(
        code: .invalidWorkbook, file: name,
        message: "'\(name)' holds '\(chosen.name)', an archive or workbook of its own",
        hint: "extract '\(chosen.name)' and load it")
    }
    do {
      var loaded = try load(name: name, options: options, blockSize: blockSize) {
        () throws(LoadError) in try archive.open(chosen)
      }
      loaded.report.notes.insert("read \(chosen.name) from the ZIP archive", at: 0)
      return loaded
    } catch {
      var located = error
      located.message += " (in \(chosen.name))"
      throw located
    }
  }

  /// How ``stream(path:name:options:)`` read a file.
  public enum StreamResult: Sendable {
    /// Streamed: the report and the RFM sums, no rows kept.
    case streamed(StreamedLog)
    /// Loaded into memory, because the file is not a transaction log in date order, or its
    /// text is not UTF-8, or its types change late in the file.
    case table(LoadedTable)
  }

  /// Reads a transaction log in one pass without keeping its rows: the load report, and the RFM
  /// sums that `plan` asks for (by default, for an asof after the last transaction). Files that
  /// cannot be streamed are loaded into memory instead (see ``StreamResult``); errors are those
  /// of ``load(path:options:)``.
  public static func stream(
    path: String, name: String, options: LoadOptions = .default, plan: StreamPlan = StreamPlan()
  ) throws(LoadError) -> StreamResult {
    // Workbooks are read into memory: a sheet is far smaller than a log worth streaming.
    if try isWorkbook(path: path) { return .table(try load(path: path, name: name, options: options)) }
    return try stream(name: name, options: options, plan: plan, blockSize: streamBlockSize) {
      () throws(LoadError) in
      try FileByteSource(path: path)
    } fallback: { () throws(LoadError) in
      try load(path: path, name: name, options: options)
    }
  }

  /// Streams CSV bytes held in memory (tests; small blocks exercise the seams between blocks).
  public static func stream(
    bytes: [UInt8], name: String, options: LoadOptions = .default, plan: StreamPlan = StreamPlan(),
    blockSize: Int = streamBlockSize
  ) throws(LoadError) -> StreamResult {
    if ZipArchive.hasZipSignature(bytes.prefix(4)) {
      return .table(try load(bytes: bytes, name: name, options: options, blockSize: blockSize))
    }
    return try stream(name: name, options: options, plan: plan, blockSize: blockSize) {
      MemoryByteSource(bytes)
    }
      fallback: { () throws(LoadError) in
        try load(bytes: bytes, name: name, options: options, blockSize: blockSize)
      }
  }

  static func stream(
    name: String,
    options: LoadOptions,
    plan: StreamPlan,
    blockSize: Int,
    open: () throws(LoadError) -> any ByteSource,
    fallback: () throws(LoadError) -> LoadedTable
  ) throws(LoadError) -> StreamResult {
    // JSON records are read into memory.
    if try holdsJSON(name: name, open: open) { return .table(try fallback()) }
    var forcedText = Set<Int>()
    while true {
      var session = LoadSession(
        name: name, options: options, blockSize: max(blockSize, 64), forcedText: forcedText,
        destination: .stream(plan))
      let source = try open()
      do throws(LoadFailure) {
        let loaded = try session.run(source: source)
        return .streamed(
          StreamedLog(
            report: loaded.report, roles: loaded.roles, sums: session.stream?.sink.finishRFM(),
            days: session.stream?.sink.finishCustomerDays()))
      } catch {
        switch error {
        case .failed(let e): throw e
        case .fallBack: return .table(try fallback())
        case .restart(let columns):
          guard !columns.isSubset(of: forcedText) else { return .table(try fallback()) }
          forcedText.formUnion(columns)
        }
      }
    }
  }

  /// Loads CSV bytes held in memory (as a script host reads them, or in tests).
  ///
  /// - Parameter blockSize: Bytes of text per block; small blocks exercise the seams between
  ///   blocks and pieces (the result never depends on it).
  public static func load(
    bytes: [UInt8],
    name: String,
    options: LoadOptions = .default,
    blockSize: Int = defaultBlockSize
  ) throws(LoadError) -> LoadedTable {
    if ZipArchive.hasZipSignature(bytes.prefix(4)) {
      return try loadWorkbook(MemoryBytes(bytes), name: name, options: options, blockSize: blockSize)
    }
    return try load(name: name, options: options, blockSize: blockSize) { MemoryByteSource(bytes) }
  }

  /// Loads CSV text.
  public static func load(text: String, name: String = "<text>", options: LoadOptions = .default)
    throws(LoadError) -> LoadedTable
  {
    try load(bytes: Array(text.utf8), name: name, options: options)
  }

  /// Loads with an explicit block size (small blocks exercise the block seams in tests). A file
  /// of JSON records is read as CSV text (``JSONCSVSource``).
  static func load(
    name: String,
    options: LoadOptions,
    blockSize: Int,
    open: () throws(LoadError) -> any ByteSource
  ) throws(LoadError) -> LoadedTable {
    guard try holdsJSON(name: name, open: open) else {
      return try loadText(name: name, options: options, blockSize: blockSize, open: open)
    }
    var csv = options
    csv.delimiter = .comma
    csv.encoding = .utf8
    var last: JSONCSVSource? = nil
    do {
      var loaded = try loadText(name: name, options: csv, blockSize: blockSize) {
        () throws(LoadError) in
        var compressed = false
        let source = try JSONCSVSource(file: name) { () throws(LoadError) in
          let raw = try decompressing(try open(), name: name)
          compressed = raw is GzipByteSource
          return raw
        }
        source.wasCompressed = compressed
        last = source
        return source
      }
      loaded.report.json = last?.isJSONArray == true ? "JSON array" : "JSON Lines"
      loaded.report.isCompressed = last?.wasCompressed ?? false
      loaded.report.notes.insert(
        "each JSON record is a row and each key a column: nested keys joined with a dot, arrays kept as JSON text",
        at: 0)
      return loaded
    } catch {
      // The CSV's line n is the JSON's line n − 1; the field position is no place in the JSON.
      guard error.code != .invalidJSON, let line = error.line else { throw error }
      var located = error
      located.line = max(1, line - 1)
      located.column = nil
      throw located
    }
  }

  /// Whether the file, gunzipped, starts with JSON records (`{"…`, or `[{`).
  static func holdsJSON(name: String, open: () throws(LoadError) -> any ByteSource)
    throws(LoadError) -> Bool
  {
    let source = try decompressing(try open(), name: name)
    var prefix = [UInt8](repeating: 0, count: 256)
    var n = 0
    // A source may return fewer bytes than asked (a gzip member, the prefix of a probe).
    while n < prefix.count {
      let got = try ZipArchive.fill(&prefix, from: n) { raw throws(LoadError) in
        try source.read(into: raw)
      }
      if got == 0 { break }
      n += got
    }
    return JSONCSVSource.looksLikeJSON(Array(prefix[0..<n]))
  }

  /// The source, gunzipped when it starts with gzip's signature.
  static func decompressing(_ raw: any ByteSource, name: String) throws(LoadError)
    -> any ByteSource
  {
    var prefix = [UInt8](repeating: 0, count: 2)
    let n = try ZipArchive.fill(&prefix, from: 0) { buffer throws(LoadError) in
      try raw.read(into: buffer)
    }
    let rest = PrefixByteSource(prefix: Array(prefix[0..<n]), rest: raw)
    if n == 2 && prefix == [0x1F, 0x8B] { return try GzipByteSource(source: rest, path: name) }
    return rest
  }

  /// Loads delimited text.
  private static func loadText(
    name: String,
    options: LoadOptions,
    blockSize: Int,
    open: () throws(LoadError) -> any ByteSource
  ) throws(LoadError) -> LoadedTable {
    var forcedText = Set<Int>()
    while true {
      var session = LoadSession(
        name: name,
        options: options,
        blockSize: max(blockSize, 64),
        forcedText: forcedText
      )
      let source = try open()
      do throws(LoadFailure) {
        return try session.run(source: source)
      } catch {
        switch error {
        case .failed(let loadError):
          throw loadError
        case .fallBack:
          throw LoadError(
            code: .unreadableFile, file: name,
            message: "internal error: a load into memory asked to stream")
        case .restart(let columns):
          // Each restart forces at least one more column to text, so this ends.
          guard !columns.isSubset(of: forcedText) else {
            throw LoadError(
              code: .unreadableFile,
              file: name,
              message: "internal error: the loader could not settle column types"
            )
          }
          forcedText.formUnion(columns)
        }
      }
    }
  }
}
