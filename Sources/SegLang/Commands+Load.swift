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
        Column types, the delimiter, the encoding (UTF-8, else Windows-1252) and the date \
        format are detected; the customer, invoice, date, quantity, price, amount and product \
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
        server, show sql prints the SQL (docs/warehouse.md).
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
          "encoding", .choice(TextEncoding.allCases.map(\.rawValue)),
          "the text encoding (detected when left out)"),
        OptionSpec(
          "header", .bool, "whether the first line names the columns (false needs columns=)",
          default: .bool(true)),
        OptionSpec("columns", .names, "the column names of a file without a header (header=false)"),
        OptionSpec("sheet", .string, "the sheet of an Excel workbook (the first when left out)"),
      ] + historyLoadOptions,
      examples: [
        "load \"transactions.csv\"",
        "load \"orders.csv.gz\" customer=client_id date=order_date dateformat=\"%d/%m/%Y %H:%M\"",
        "load \"Online Retail.xlsx\" sheet=\"Online Retail\"",
        "load \"cdnow.txt\" header=false columns=[id, customer, date, cds, dollars] dateformat=\"%Y%m%d\" amount=dollars",
        "load run=3 from=\"history.db\"",
        "load \"postgresql://seg@localhost/shop\" table=sales",
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
        pass over the file, and the result is the same.
        """,
      options: [
        OptionSpec("asof", .date, "the reference date for recency"),
        OptionSpec(
          "top", .int, "how many affinity groups (top categories or products)", default: .number(5)),
        OptionSpec(
          "map", .path, "a CSV with the header code,segment and 125 rows (codes 111 to 555) replacing the standard segment map"),
      ],
      examples: ["rfm", "rfm asof=2011-12-10", "rfm asof=2011-12-10 top=3 map=\"segments.csv\""],
      transactionRows: .never,
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
      summary: "Lists the named tables with their row and column counts.",
      examples: ["tables"],
      transactionRows: .always,
      run: { context, _ throws(RuntimeError) in
        let ws = context.workspace
        var names = ws.tables.keys.sorted()
        if let current = ws.tableName, !names.contains(current) { names.append(current) }
        guard !names.isEmpty else {
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
        context.write(
          TextTable.render(header: ["table", "rows", "columns"], rows: rows, rightAligned: [1, 2]))
        context.write("* current table")
      }),
  ]

  static func load(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
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
        .withHelp("use strftime fields, e.g. dateformat=\"%d/%m/%Y %H:%M\" or \"%Y-%m-%d\"")
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
      if textSize >= threshold {
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
      }
      throw SegmentationErrors.load(error, at: range, table: path)
    }
    group.wait()
    let roles = loaded.roles
    let isTransactionLog = roles.isTransactionLog
    let name = isTransactionLog ? Workspace.transactionsTable : Workspace.customersTable
    var ws = Workspace()
    ws.variables = context.workspace.variables
    ws.parameterNames = context.workspace.parameterNames
    ws.tableFormat = context.workspace.tableFormat
    ws.keepHistory(of: context.workspace)
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
    context.write(loaded.report.summaryText)
    if isTransactionLog {
      context.write("current table: \(name) (run rfm to build the customer table)")
    } else {
      let idColumns = Set(roles.columns.values)
      let numeric = loaded.table.columns.filter { $0.isNumeric && !idColumns.contains($0.name) }
        .map(\.name)
      context.write(
        "current table: \(name) (not a transaction log: clustering works on its numeric columns"
          + (numeric.isEmpty ? ")" : ", e.g. cols=[\(numeric.prefix(3).joined(separator: ", "))])"))
    }
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
    let ws = context.workspace
    var source: Table
    let streamed =
      ws.tableName == Workspace.transactionsTable || ws.tables[Workspace.transactionsTable] == nil
      ? ws.streamed : nil
    let warehouse = ws.warehouse
    if streamed != nil || warehouse != nil {
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
    let roles =
      ws.provenance?.roles
      ?? ((try? ColumnRoles.detect(in: source.columnNames)) ?? ColumnRoles())
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
    if context.workspace.tableName == Workspace.transactionsTable {
      context.workspace.tables[Workspace.transactionsTable] = source
    }
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
    context.write(report.summaryText)
    context.write(
      "current table: customers (\(NumberFormatting.count(result.table.rowCount)) rows: "
        + result.table.columnNames.joined(separator: ", ") + ")")
  }
}
