/// A loaded file: the table, the roles found in it, and the load report.
public struct LoadedTable: Sendable, Equatable {
  /// The typed table, one column per header field, in file order.
  public var table: Table
  /// Which columns play which role (customer, invoice, date …).
  public var roles: ColumnRoles
  /// What was read and what was found.
  public var report: LoadReport
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
    try load(name: path, options: options, blockSize: defaultBlockSize) { () throws(LoadError) in
      try FileByteSource(path: path)
    }
  }

  /// Loads a file, naming it `name` in the report and in errors (the path as a script wrote it,
  /// say, or just its last component).
  public static func load(path: String, name: String, options: LoadOptions = .default)
    throws(LoadError) -> LoadedTable
  {
    try load(name: name, options: options, blockSize: defaultBlockSize) { () throws(LoadError) in
      try FileByteSource(path: path)
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
    try load(name: name, options: options, blockSize: blockSize) { MemoryByteSource(bytes) }
  }

  /// Loads CSV text.
  public static func load(text: String, name: String = "<text>", options: LoadOptions = .default)
    throws(LoadError) -> LoadedTable
  {
    try load(bytes: Array(text.utf8), name: name, options: options)
  }

  /// Loads with an explicit block size (small blocks exercise the block seams in tests).
  static func load(
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

/// How a load attempt ended early.
enum LoadFailure: Error {
  case failed(LoadError)
  /// Start again with these columns read as text.
  case restart(Set<Int>)
}
