import Dispatch
import SegCore
import SegWarehouse
import SegHistory
import Synchronization

extension Commands {
  /// The role options of `load`, in role order.
  static let loadRoles: [ColumnRole] = [
    .customer, .invoice, .date, .quantity, .price, .amount, .product,
  ]

  /// `load`, `rfm`, `use`, `tables`.
  static let data: [CommandSpec] = [
    CommandSpec(
      name: "load", category: .data,
      summary:
        "Loads a CSV file (plain or gzip) or an Excel workbook: a transaction log or a customer-level table.",
      discussion: """
        Column types, the delimiter, the encoding (UTF-8, else Windows-1252; UTF-16 with a \
        byte order mark) and the date format are detected; the customer, invoice, date, quantity, price, amount and product \
        columns are found by their usual names unless given. A file with customer and date \
        columns and quantity and price (or amount) becomes the table `transactions`, ready for \
        `rfm`; any other file becomes the table `customers`, ready for clustering. Prints the \
        columns with their types, the date range, the number of customers and the rows worth \
        knowing about (no customer id, cancellations, duplicates). The rules are in docs/rfm.md. \
        A file without a header row takes header=false and its column names in columns=; \
        fields separated by runs of spaces are detected (or delimiter=whitespace). \
        An Excel workbook (.xlsx) is read from its first sheet, or the one named with sheet=; \
        its rows are typed and reported as a CSV file's would be (docs/rfm.md, "Excel workbooks"). \
        A transaction log of 256 MiB or more (64 MiB gzipped) is streamed: one pass computes \
        the summary and the sums `rfm` needs and keeps no rows; a command that needs the rows \
        reads the file again (docs/rfm.md, "Streaming large logs"). `load run=ID` instead \
        brings back a run saved with `save` (docs/refresh.md). A PostgreSQL connection string \
        (`postgresql://user@host/db` or `host=... dbname=...`) with table= or query= loads a \
        log that stays in the database: load reads its schema and counts, rfm runs in the \
        server, show sql prints the SQL (docs/warehouse.md). `load "FILE" as NAME` keeps the \
        file as table NAME beside the current table, which it leaves as it is, for `join` \
        (docs/tables.md).
        """,
      positionals: [
        ArgumentSpec(
          "file", .path, "the CSV file (plain or gzip-compressed) or .xlsx workbook", isRequired: false)
      ],
      options: loadRoles.map {
        OptionSpec($0.rawValue, .name, "the \($0.rawValue) column (found by name when left out)")
      } + [
        OptionSpec("table", .name, "a database log: the table (docs/warehouse.md)"),
        OptionSpec("query", .string, "a database log: a SELECT giving the lines"),
        OptionSpec("dateformat", .string, "the date format, e.g. \"%d/%m/%Y %H:%M\""),
        OptionSpec("delimiter", .string, "the field separator: \",\", \";\", \"\\t\", \"|\""),
        OptionSpec(
          "decimal", .choice(DecimalSeparator.allCases.map(\.rawValue)),
          "the decimal separator of the numbers (sniffed per column when left out)"),
        OptionSpec(
          "encoding", .choice(TextEncoding.allCases.map(\.rawValue)),
          "the text encoding (detected when left out)"),
        OptionSpec(
          "header", .bool, "whether the first line names the columns (false needs columns=)",
          default: .bool(true)),
        OptionSpec("columns", .names, "the column names of a file without a header (header=false)"),
        OptionSpec(
          "as", .name,
          "keep the file as a named table beside the current one, for join (written load \"FILE\" as NAME)"),
        OptionSpec(
          "cancelled", .name,
          "a status column marking cancelled lines (canceled, returned, refunded, void, true, 1), or none"),
        OptionSpec(
          "cancel_prefix", .string, "the invoice prefix of cancellations, e.g. \"C\" (decided from the data when left out)"),
        OptionSpec("sheet", .string, "the sheet of an Excel workbook (the first when left out), or the file of a ZIP archive"),
      ] + historyLoadOptions,
      examples: [
        "load \"transactions.csv\"",
        "load \"orders.csv.gz\" customer=client_id date=order_date dateformat=\"%d/%m/%Y %H:%M\"",
        "load \"Online Retail.xlsx\" sheet=\"Online Retail\"",
        "load \"cdnow.txt\" header=false columns=[id, customer, date, cds, dollars] dateformat=\"%Y%m%d\" amount=dollars",
        "load run=3 from=\"history.db\"",
        "load \"postgresql://seg@localhost/shop\" table=sales",
        "load \"olist_orders.csv\" as orders",
      ],
      transactionRows: .never,
      run: { context, arguments throws(RuntimeError) in try Commands.load(&context, arguments) }),
    CommandSpec(
      name: "rfm", category: .data,
      summary:
        "Builds the customer table: recency, frequency, monetary value, scores and segments.",
      discussion: """
        One row per customer who bought before asof: customer, recency (days), frequency \
        (invoices), monetary (net spend), tenure, engineered features, r_score, f_score, \
        m_score (quintiles, 5 is best), rfm_code and rfm_segment. asof defaults to $asof, else \
        the day after the last transaction. Rows set aside (no customer id, on or after asof, \
        missing values) are counted. The definitions are in docs/rfm.md. The customer table \
        becomes the current table `customers`. On a streamed log the load's sums answer at \
        once; an earlier asof, or top affinity groups the load did not track, take one more \
        pass over the file, and the result is the same. customer=, invoice=, date=, amount= \
        and the other role options name columns of the current table (a joined one, say) \
        that load did not find, and make it the transaction log. A log without money (no \
        price or amount) gives recency and frequency only: no monetary or spend columns, R and F \
        scores, segments from the R × F grid (docs/rfm.md, "Logs without money").
        """,
      options: loadRoles.map {
        OptionSpec(
          $0.rawValue, .name,
          "the \($0.rawValue) column, when load did not find it (after a join, say)")
      } + [
        OptionSpec("asof", .date, "the reference date for recency"),
        OptionSpec(
          "top", .int, "how many affinity groups (top categories or products)", default: .number(5)),
        OptionSpec(
          "map", .path, "a CSV with the header code,segment and 125 rows (codes 111 to 555) replacing the standard segment map"),
      ],
      examples: [
        "rfm", "rfm asof=2011-12-10", "rfm asof=2011-12-10 top=3 map=\"segments.csv\"",
        "rfm customer=customer_unique_id invoice=order_id date=order_purchase_timestamp amount=price",
      ],
      transactionRows: .never,
      needs: .table,
      run: { context, arguments throws(RuntimeError) in try Commands.rfm(&context, arguments) }),
    CommandSpec(
      name: "use", category: .data,
      summary: "Makes a named table current: transactions, customers, outliers.",
      positionals: [ArgumentSpec("table", .name, "the table to work on")],
      examples: ["use transactions", "use outliers"],
      transactionRows: .always,
      run: { context, arguments throws(RuntimeError) in
        let table = try Commands.table(for: arguments, name: "table", in: context)
        guard let name = arguments.string("table") else { return }
        if let current = context.workspace.tableName {
          context.workspace.tables[current] = context.workspace.table
        }
        context.workspace.setCurrentTable(table, name: name)
        context.write(
          "current table: \(name) (\(NumberFormatting.count(table.rowCount)) row\(table.rowCount == 1 ? "" : "s"), "
            + "\(table.columns.count) column\(table.columns.count == 1 ? "" : "s"))")
      }),
    CommandSpec(
      name: "tables", category: .data,
      summary: "Lists the named tables with their row and column counts, and the tables kept by load \"FILE\" as NAME.",
      examples: ["tables"],
      transactionRows: .always,
      run: { context, _ throws(RuntimeError) in Commands.listTables(context) }),
  ]

  /// `tables` (and `show tables`): the named tables, the current one marked `*`, kept ones `+`.
  static func listTables(_ context: ExecutionContext) {
    let ws = context.workspace
    var names = ws.tables.keys.sorted()
    if let current = ws.tableName, !names.contains(current) { names.append(current) }
    let kept = ws.keptTables.keys.sorted()
    guard !names.isEmpty || !kept.isEmpty else {
      context.write("no tables yet")
      return
    }
    let rows = names.map { name -> [String] in
      let t = name == ws.tableName ? ws.table : ws.tables[name] ?? .empty
      return [
        name + (name == ws.tableName ? " *" : ""), NumberFormatting.count(t.rowCount),
        String(t.columns.count),
      ]
    }
    let keptRows = kept.compactMap { name -> [String]? in
      guard let t = ws.keptTables[name] else { return nil }
      return [
        name + " +", NumberFormatting.count(t.table.rowCount), String(t.table.columns.count),
      ]
    }
    context.write(
      TextTable.render(
        header: ["table", "rows", "columns"], rows: rows + keptRows, rightAligned: [1, 2]))
    context.write(
      names.isEmpty ? "no current table yet" : "* current table")
    if !kept.isEmpty {
      context.write("+ kept by load \"FILE\" as NAME, for join NAME on=KEY")
    }
  }

  static func load(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    if arguments.isGiven("as"),
      arguments.isGiven("run") || arguments.isGiven("from")
        || arguments.string("file").flatMap(ConnectionString.init) != nil
    {
      throw RuntimeError(
        .invalidValue, "'as' keeps a CSV file as a table for join; a saved run or a database log cannot be kept",
        at: arguments.range(of: "as")
      ).withHelp("load \"FILE.csv\" as NAME")
    }
    if arguments.isGiven("run") || arguments.isGiven("from") { return try loadRun(&context, arguments) }
    guard let path = arguments.string("file") else { throw loadNeedsAFile(arguments) }
    if let connection = ConnectionString(path) {
      return try loadWarehouse(&context, arguments, connection)
    }
    for option in ["table", "query"] where arguments.isGiven(option) {
      throw RuntimeError(
        .invalidValue, "\(option)= applies to a database, and '\(path)' is a file",
        at: arguments.range(of: option)
      ).withHelp("load \"postgresql://user@host/db\" \(option)=..., or drop \(option)= for a file")
    }
    let fileRange = arguments.range(of: "file")
    let keepAs = arguments.string("as")
    var options = LoadOptions()
    options.cancellation = context.cancellationToken
    for role in loadRoles {
      if let column = arguments.string(role.rawValue) { options.roles[role] = column }
    }
    if let text = arguments.string("dateformat") {
      guard let format = DateFormat(text) else {
        throw RuntimeError(
          .invalidValue, "'\(text)' is not a date format", at: arguments.range(of: "dateformat")
        )
        .withHelp(
          "use strftime fields, e.g. dateformat=\"%d/%m/%Y %H:%M\" or \"%Y-%m-%d\"; or \"excel\" for Excel serial days, \"days since 2019-12-31\" for day numbers"
        )
      }
      options.dateFormat = format
    }
    if let text = arguments.string("delimiter") {
      guard let delimiter = Delimiter(option: text) else {
        throw RuntimeError(
          .invalidValue, "'\(text)' is not a delimiter", at: arguments.range(of: "delimiter")
        )
        .withHelp("use one character, e.g. delimiter=\";\" or delimiter=\"\\t\"")
      }
      options.delimiter = delimiter
    }
    if let text = arguments.string("encoding") { options.encoding = TextEncoding(option: text) }
    if let text = arguments.string("decimal") { options.decimal = DecimalSeparator(rawValue: text) }
    if let prefix = arguments.string("cancel_prefix") {
      guard !prefix.isEmpty, !arguments.isGiven("cancelled") else {
        throw RuntimeError(
          .invalidValue,
          prefix.isEmpty ? "cancel_prefix= is empty" : "cancel_prefix= and cancelled= both choose the cancellations",
          at: arguments.range(of: "cancel_prefix")
        ).withHelp("give one: cancel_prefix=\"C\", cancelled=STATUS_COLUMN or cancelled=none")
      }
      options.cancellationRule = .prefix(prefix)
    } else if let column = arguments.string("cancelled") {
      options.cancellationRule = column.lowercased() == "none" ? CancellationRule.none : .status(column)
    }
    options.sheet = arguments.string("sheet")
    if arguments.bool("header") == false {
      guard let names = arguments.names("columns"), !names.isEmpty else {
        throw RuntimeError(
          .missingOption, "header=false needs the column names", at: arguments.range(of: "header")
        )
        .withHelp("name every field: header=false columns=[customer, date, amount]")
      }
      var seen = Set<String>()
      for name in names where !seen.insert(name).inserted {
        throw RuntimeError(.invalidValue, "'\(name)' is listed twice", at: arguments.range(of: "columns"))
      }
      options.columnNames = names
    } else if arguments.isGiven("columns") {
      throw RuntimeError(
        .invalidValue, "columns= names the columns of a file without a header",
        at: arguments.range(of: "columns")
      )
      .withHelp("add header=false, or leave columns= out to use the file's header")
    }

    let input: FileInput
    do {
      input = try context.host.openInput(atPath: path)
    } catch {
      let missing = !context.host.fileExists(atPath: path)
      throw RuntimeError(
        missing ? DiagnosticID(rawValue: LoadError.Code.missingFile.rawValue) : .fileError,
        missing ? "no such file '\(path)'" : error.message, at: fileRange
      ).withHelp(
        missing
          ? "paths are relative to the directory seg runs in; check the name and the directory"
          : error.help ?? "check that it is a readable file")
    }
    try context.checkCancellation(at: fileRange)
    // Bytes in memory are hashed while they load; a file on disk is hashed only when a report or
    // a saved run needs its digest (``ExecutionContext/ensureInputDigest(at:)``).
    let digest = Mutex<String>("")
    let group = DispatchGroup()
    if case .bytes(let bytes) = input {
      DispatchQueue.global().async(group: group) {
        let hex = FileDigest(bytes: bytes).sha256
        digest.withLock { $0 = hex }
      }
    }
    // Files at or over the streaming threshold are read in one pass that keeps no rows
    // (docs/rfm.md, "Streaming large logs").
    let threshold =
      context.host.environment("SEG_STREAM_THRESHOLD").flatMap { Int($0) } ?? streamThreshold
    let loaded: LoadedTable
    var streamed: StreamedLog? = nil
    // A gzip file holds several times its size in text (about 6× for the Online Retail data);
    // it counts four times its size against the threshold.
    let textSize = path.lowercased().hasSuffix(".gz") ? input.byteCount * 4 : input.byteCount
    do {
      // A kept table is joined in memory, so it is never streamed.
      if textSize >= threshold && keepAs == nil {
        let result: TableLoader.StreamResult
        switch input {
        case .bytes(let bytes):
          result = try TableLoader.stream(bytes: bytes, name: fileName(path), options: options)
        case .file(let filePath, _):
          result = try TableLoader.stream(path: filePath, name: fileName(path), options: options)
        }
        switch result {
        case .table(let t): loaded = t
        case .streamed(let log):
          streamed = log
          loaded = LoadedTable(table: .empty, roles: log.roles, report: log.report)
        }
      } else {
        switch input {
        case .bytes(let bytes):
          loaded = try TableLoader.load(bytes: bytes, name: fileName(path), options: options)
        case .file(let filePath, _):
          loaded = try TableLoader.load(path: filePath, name: fileName(path), options: options)
        }
      }
    } catch {
      group.wait()
      var range = fileRange
      if error.code == .missingRoleColumn {
        for role in loadRoles where arguments.isGiven(role.rawValue) {
          if let column = options.roles[role], error.message.contains(column) {
            range = arguments.range(of: role.rawValue)
          }
        }
        if case .status(let column)? = options.cancellationRule, error.message.contains("'\(column)'") {
          range = arguments.range(of: "cancelled")
        }
      }
      throw SegmentationErrors.load(error, at: range, table: path)
    }
    group.wait()
    if let keepAs {
      return keep(&context, loaded, as: keepAs, fileName: fileName(path))
    }
    let roles = loaded.roles
    let isTransactionLog = roles.isTransactionLog
    // Beside kept tables, a table that is not a log is one of several: it is named after its
    // file, so that `tables` and the summaries tell it from the others (`customers` is what
    // rfm makes, and often a kept table's name).
    // A log whose customer column we could not tell (PayPal's `From Email Address` beside `To
    // Email Address`) is no customer table either: it is named after its file too.
    let lacksCustomer =
      !isTransactionLog && roles[.customer] == nil && roles[.date] != nil
      && [.amount, .price, .invoice, .quantity].contains(where: { roles[$0] != nil })
    let name =
      isTransactionLog
      ? Workspace.transactionsTable
      : context.workspace.keptTables.isEmpty && !lacksCustomer
        ? Workspace.customersTable : tableName(for: path)
    var ws = Workspace()
    ws.variables = context.workspace.variables
    ws.parameterNames = context.workspace.parameterNames
    ws.tableFormat = context.workspace.tableFormat
    ws.keepHistory(of: context.workspace)
    ws.keptTables = context.workspace.keptTables
    ws.provenance = DataProvenance(
      path: path, fileName: fileName(path), sha256: digest.withLock { $0 },
      byteCount: input.byteCount, report: loaded.report, roles: roles)
    if case .file = input { ws.provenance?.input = input }
    ws.setCurrentTable(loaded.table, name: name)
    if let streamed {
      ws.streamed = StreamedTransactions(
        log: streamed, input: input, name: fileName(path), options: options)
    }
    ws.account(
      "load", rowsIn: loaded.report.rows, rowsOut: loaded.report.rows, note: fileName(path))
    context.workspace = ws
    context.write(loaded.report.segSummary)
    if isTransactionLog && !roles.hasMoney {
      context.write(
        "current table: \(name) (no price or amount column: rfm gives recency and frequency, "
          + "without money; name one with amount=COLUMN if the log has it)")
    } else if isTransactionLog {
      context.write("current table: \(name) (run rfm to build the customer table)")
    } else if !ws.keptTables.isEmpty {
      let kept = ws.keptTables.keys.sorted()
      context.write(
        "current table: \(name) (not a transaction log by itself; add the columns of a kept "
          + "table with join NAME on=KEY; kept: \(kept.joined(separator: ", ")))")
    } else if lacksCustomer {
      // A log whose customer column has a name we do not score high enough (PayPal's `From
      // Email Address` beside `To Email Address`): say which columns could be it.
      // A customer's name may be all a log has to tell customers apart (Kaggle's
      // sales_data_sample: `CUSTOMERNAME`), but a kind of customer is no id (`Customer type`:
      // Member, Normal).
      let mentions = loaded.table.columnNames.filter { name in
        !roles.columns.values.contains(name) && ColumnRoles.mentions(.customer, in: name)
      }
      let candidates = mentions.filter { !ColumnRoles.namesAKind(of: .customer, in: $0) }
      if candidates.isEmpty && !mentions.isEmpty {
        context.write(
          "current table: \(name) (a log without customer ids: "
            + mentions.joined(separator: ", ")
            + (mentions.count == 1 ? " names a kind of customer" : " name kinds of customers")
            + ", not one; rfm needs a column that tells customers apart: name it with customer=COLUMN if the log has one)")
        return
      }
      let example = candidates.first.map { Lexer.isBareName($0) ? $0 : Printer.quote($0) }
      context.write(
        "current table: \(name) (a log without a customer column: name it to run rfm, e.g. "
          + "load \"\(fileName(path))\" customer=\(example ?? "COLUMN")"
          + (candidates.count > 1 ? "; candidates: \(candidates.joined(separator: ", ")))" : ")"))
    } else {
      let idColumns = Set(roles.columns.values)
      let numeric = loaded.table.columns.filter { $0.isNumeric && !idColumns.contains($0.name) }
        .map(\.name)
      context.write(
        "current table: \(name) (not a transaction log: clustering works on its numeric columns"
          + (numeric.isEmpty ? ")" : ", e.g. cols=[\(numeric.prefix(3).joined(separator: ", "))])"))
    }
  }

  /// `load "FILE" as NAME`: keeps the loaded table under `name`, leaving the session as it is.
  static func keep(
    _ context: inout ExecutionContext, _ loaded: LoadedTable, as name: String, fileName: String
  ) {
    let replaced = context.workspace.keptTables[name] != nil
    context.workspace.keptTables[name] = KeptTable(table: loaded.table, source: fileName)
    context.write(loaded.report.segSummary)
    let t = loaded.table
    var line =
      "kept as table \(name) (\(NumberFormatting.count(t.rowCount)) row\(t.rowCount == 1 ? "" : "s"), "
      + "\(t.columns.count) column\(t.columns.count == 1 ? "" : "s")\(replaced ? ", replacing the earlier \(name)" : "")); "
    if let current = context.workspace.tableName {
      line += "the current table is still \(current); join it with: join \(name) on=KEY"
    } else {
      line += "no current table yet: load the main table without 'as', then join \(name) on=KEY"
    }
    context.write(line)
  }

  /// The roles `rfm` uses when role options are given: those, then the load's roles whose
  /// columns exist and are not named, then the usual names.
  static func rfmRoles(
    _ arguments: CommandArguments, _ named: [ColumnRole], in table: Table, loaded: ColumnRoles
  ) throws(RuntimeError) -> ColumnRoles {
    var explicit: [ColumnRole: String] = [:]
    for role in named { explicit[role] = arguments.string(role.rawValue) }
    let taken = Set(explicit.values)
    for (role, column) in loaded.columns
    where explicit[role] == nil && table[column] != nil && !taken.contains(column) {
      explicit[role] = column
    }
    do {
      return try ColumnRoles.detect(in: table.columnNames, explicit: explicit)
    } catch {
      let range = arguments.range(of: error.role.rawValue)
      var e = RuntimeError(.unknownName, error.message, at: range)
      if let s = error.suggestions.first { e.diagnostic.fixIt = .didYouMean(s, at: range) }
      throw e.withHelp(error.hint.seg)
    }
  }

  /// A table name from a file name: `olist_order_items.csv.gz` → `olist_order_items`; characters
  /// other than letters, digits and `_` become `_`.
  static func tableName(for path: String) -> String {
    var stem = Substring(fileName(path))
    for suffix in [".gz", ".csv", ".tsv", ".txt"] where stem.lowercased().hasSuffix(suffix) {
      stem = stem.dropLast(suffix.count)
    }
    var name = String(stem.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    if name.isEmpty || name.first?.isNumber == true { name = "table_" + name }
    return name
  }

  /// Files of this many bytes or more are streamed by `load` (`SEG_STREAM_THRESHOLD` sets it):
  /// below it, holding the rows costs little and saves reading the file again.
  static let streamThreshold = 256 << 20

  /// The last path component.
  static func fileName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
  }

  static func rfm(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    let at = arguments.command.nameRange
    let namedRoles = loadRoles.filter { arguments.isGiven($0.rawValue) }
    if !namedRoles.isEmpty {
      if context.workspace.warehouse != nil {
        throw RuntimeError(
          .invalidValue, "a database log takes its columns at load",
          at: arguments.range(of: namedRoles[0].rawValue)
        ).withHelp("load \"postgresql://...\" table=... \(namedRoles[0].rawValue)=COLUMN")
      }
      if context.workspace.streamed != nil
        && context.workspace.tableName == Workspace.transactionsTable
      {
        try context.materializeStreamedLog(at: at)
      }
    }
    let ws = context.workspace
    var source: Table
    let streamed =
      !namedRoles.isEmpty ? nil :
      ws.tableName == Workspace.transactionsTable || ws.tables[Workspace.transactionsTable] == nil
      ? ws.streamed : nil
    let warehouse = ws.warehouse
    if !namedRoles.isEmpty {
      source = try context.requireTable(at: at)
    } else if streamed != nil || warehouse != nil {
      source = .empty
    } else if ws.tableName == Workspace.transactionsTable {
      source = ws.table
    } else if let t = ws.tables[Workspace.transactionsTable] {
      source = t
    } else if ws.hasTable {
      throw RuntimeError(
        .rfmError, "rfm needs a transaction log, but '\(ws.tableName ?? "the table")' is not one",
        at: at
      )
      .withHelp(
        "load a file with customer, date, quantity and price (or amount) columns, naming them if needed: load \"orders.csv\" customer=client_id"
      )
    } else {
      _ = try context.requireTable(at: at)
      return
    }
    var options = RFMOptions()
    if let asof = arguments.date("asof") {
      options.asOf = asof.secondsSinceEpoch
    } else if case .date(let d)? = ws.variables["asof"] {
      options.asOf = d.secondsSinceEpoch
    }
    if let top = arguments.int("top") {
      guard top >= 0 else {
        throw RuntimeError(.invalidValue, "top must be 0 or more", at: arguments.range(of: "top"))
      }
      options.affinityGroups = top
    }
    if let mapPath = arguments.string("map") {
      let range = arguments.range(of: "map")
      let bytes: [UInt8]
      do {
        bytes = try context.host.readFile(atPath: mapPath)
      } catch {
        throw RuntimeError(.fileError, error.message, at: range)
          .withHelp("a segment map is a CSV with the header code,segment and one row per code 111 to 555")
      }
      do {
        options.segmentMap = try SegmentMap(
          csv: String(decoding: bytes, as: UTF8.self), name: fileName(mapPath))
      } catch {
        throw RuntimeError(.segmentMapError, error.message, at: range)
      }
    }
    var roles =
      ws.provenance?.roles
      ?? ((try? ColumnRoles.detect(in: source.columnNames)) ?? ColumnRoles())
    if !namedRoles.isEmpty {
      roles = try rfmRoles(arguments, namedRoles, in: source, loaded: roles)
    }
    let fromStream = streamed == nil ? nil : try context.streamedRFM(options, at: at)
    if fromStream == nil && streamed != nil {
      // The log has no streamed sums (or could not be streamed again): read the rows.
      try context.materializeStreamedLog(at: at)
      source =
        context.workspace.tableName == Workspace.transactionsTable
        ? context.workspace.table : context.workspace.tables[Workspace.transactionsTable] ?? .empty
    }
    let result: RFMResult
    if let fromStream {
      result = fromStream
    } else if let warehouse {
      result = try warehouseRFM(&context, warehouse, options, at: at)
    } else {
      do {
        result = try RFM.compute(source, roles: roles, options: options)
      } catch {
        throw SegmentationErrors.rfm(error, at: at)
      }
    }
    let report = result.report
    context.workspace.resetSegmentation()
    context.workspace.rfm = report
    context.workspace.rfmSegmentMap = options.segmentMap
    if !report.hasMoney {
      // Without money the default features are recency and frequency.
      context.workspace.features = FeatureState(
        columns: FeatureState.defaultColumns.filter { result.table[$0] != nil })
    }
    if context.workspace.tableName == Workspace.transactionsTable || !namedRoles.isEmpty {
      context.workspace.tables[Workspace.transactionsTable] = source
    }
    if !namedRoles.isEmpty { context.workspace.provenance?.roles = roles }
    context.workspace.setCurrentTable(result.table, name: Workspace.customersTable)
    var aside: [String] = []
    if report.rowsWithoutCustomer > 0 {
      aside.append("\(NumberFormatting.count(report.rowsWithoutCustomer)) without customer id")
    }
    if report.rowsAfterAsOf > 0 {
      aside.append("\(NumberFormatting.count(report.rowsAfterAsOf)) on or after asof")
    }
    if report.rowsWithoutDate > 0 {
      aside.append("\(NumberFormatting.count(report.rowsWithoutDate)) without date")
    }
    if report.rowsWithMissingValues > 0 {
      aside.append("\(NumberFormatting.count(report.rowsWithMissingValues)) with missing values")
    }
    if report.otherLines > 0 {
      aside.append("\(NumberFormatting.count(report.otherLines)) neither purchase nor return")
    }
    context.workspace.account(
      "rfm", rowsIn: report.rows, rowsOut: report.customers,
      note: "\(NumberFormatting.count(report.purchaseLines + report.returnLines)) lines used"
        + (aside.isEmpty ? "" : "; set aside: " + aside.joined(separator: ", "))
        + "; rows out are customers")
    context.write(report.summaryText(settings: Setting.spelled))
    context.write(
      "current table: customers (\(NumberFormatting.count(result.table.rowCount)) rows: "
        + result.table.columnNames.joined(separator: ", ") + ")")
  }
}
