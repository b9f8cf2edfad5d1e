import SegCore
import SegWarehouse

extension Commands {
  /// `load "postgresql://..." table=NAME | query="SELECT ..."`: reads the schema and the counts
  /// of a log in PostgreSQL; no rows come back. `rfm` then runs in the server.
  static func loadWarehouse(
    _ context: inout ExecutionContext, _ arguments: CommandArguments, _ connection: ConnectionString
  ) throws(RuntimeError) {
    let fileRange = arguments.range(of: "file")
    let source: RFMQuery.Source
    switch (arguments.string("table"), arguments.string("query")) {
    case (let table?, nil): source = .table(table)
    case (nil, let query?): source = .query(query)
    case (.some, .some):
      throw RuntimeError(.invalidValue, "load takes table= or query=, not both", at: arguments.range(of: "query"))
        .withHelp("keep one: table=sales, or query=\"select * from sales where ...\"")
    case (nil, nil):
      throw RuntimeError(
        .missingArgument, "a database log needs table= or query=", at: fileRange
      ).withHelp("load \"\(connection.redacted)\" table=sales")
    }
    for option in ["dateformat", "delimiter", "encoding"] where arguments.isGiven(option) {
      throw RuntimeError(
        .invalidValue, "\(option)= applies to files; the server gives typed columns",
        at: arguments.range(of: option)
      ).withHelp("convert the column in query=\"select ...\" instead")
    }
    var explicit: [ColumnRole: String] = [:]
    for role in loadRoles {
      if let column = arguments.string(role.rawValue) { explicit[role] = column }
    }
    var cancellation: CancellationRule? = nil
    if let prefix = arguments.string("cancel_prefix"), !prefix.isEmpty {
      cancellation = .prefix(prefix)
    } else if let column = arguments.string("cancelled") {
      cancellation = column.lowercased() == "none" ? CancellationRule.none : .status(column)
    }
    try context.checkCancellation(at: fileRange)
    var statements: [String] = []
    let log: WarehouseLog
    do {
      log = try WarehouseLog.open(
        connection, source: source, explicitRoles: explicit, cancellation: cancellation,
        statements: &statements)
    } catch {
      var range = fileRange
      if error.code == .missingColumn {
        for role in loadRoles where arguments.isGiven(role.rawValue) {
          if let column = explicit[role], error.message.contains("'\(column)'") {
            range = arguments.range(of: role.rawValue)
          }
        }
      }
      if arguments.isGiven("query"), error.code == .missingColumn || error.code == .queryFailed
        || error.code == .emptyResult
      {
        range = arguments.range(of: "query")
      }
      if arguments.isGiven("table"), error.code == .missingTable || error.code == .emptyResult
        || error.code == .permissionDenied
      {
        range = arguments.range(of: "table")
      }
      throw warehouseError(error, at: range)
    }
    let roles = log.roles
    let isTransactionLog = roles.isTransactionLog && roles.hasMoney
    guard isTransactionLog else {
      throw RuntimeError(
        .rfmError,
        roles.isTransactionLog
          ? "\(log.displayName) has no money column: RFM in the database needs quantity with price or an amount (a log without money runs in memory: export it to CSV and load the file)"
          : "\(log.displayName) is not a transaction log: it needs customer and date columns, and quantity with price or an amount",
        at: fileRange
      ).withHelp("name the columns: customer=COLUMN date=COLUMN quantity=COLUMN price=COLUMN")
    }
    var ws = Workspace()
    ws.variables = context.workspace.variables
    ws.parameterNames = context.workspace.parameterNames
    ws.tableFormat = context.workspace.tableFormat
    ws.keepHistory(of: context.workspace)
    ws.provenance = DataProvenance(
      path: log.displayName, fileName: log.displayName, sha256: "", byteCount: 0,
      report: log.report, roles: roles)
    ws.setCurrentTable(.empty, name: Workspace.transactionsTable)
    ws.warehouse = log
    ws.lastSQL = statements
    ws.account("load", rowsIn: log.report.rows, rowsOut: log.report.rows, note: log.displayName)
    context.workspace = ws
    // The first line names the server instead of an encoding and a delimiter.
    var lines = log.report.segSummary.split(separator: "\n", omittingEmptySubsequences: false)
    if let first = lines.first, let open = first.lastIndex(of: "(") {
      lines[0] = first[..<open] + "(PostgreSQL \(log.serverVersion))"
    }
    context.write(lines.joined(separator: "\n"))
    context.write(
      "current table: transactions, in the database (run rfm: it runs in the server; show sql prints the SQL)")
  }

  /// `rfm` on a log in PostgreSQL: the aggregation runs in the server.
  static func warehouseRFM(
    _ context: inout ExecutionContext, _ log: WarehouseLog, _ options: RFMOptions,
    at range: SourceRange
  ) throws(RuntimeError) -> RFMResult {
    try context.checkCancellation(at: range)
    var statements: [String] = []
    defer { context.workspace.lastSQL = statements }
    do {
      return try log.rfm(options, statements: &statements)
    } catch {
      switch error {
      case .warehouse(let e): throw warehouseError(e, at: range)
      case .rfm(let e): throw SegmentationErrors.rfm(e, at: range)
      }
    }
  }

  /// The diagnostic for a database failure: its id is the failure's code (`db-unreachable`).
  static func warehouseError(_ error: WarehouseError, at range: SourceRange) -> RuntimeError {
    RuntimeError(DiagnosticID(rawValue: error.code.rawValue), error.message, at: range)
      .withHelp(error.hint.seg)
  }

  /// `export sql "FILE" dialect=...`: the RFM query as one SELECT for PostgreSQL, DuckDB, Spark
  /// SQL or SQLite.
  static func exportSQL(_ context: inout ExecutionContext, _ arguments: CommandArguments)
    throws(RuntimeError)
  {
    guard let path = arguments.string("file") else { return }
    let pathRange = arguments.range(of: "file")
    let dialect = try sqlDialect(arguments, command: "export sql")
    let rfm = try rfmExport(context, arguments, dialect: dialect, command: "export sql")
    let sql = rfm.query.exportSelect(
      dialect, asOf: rfm.asOf, affinity: rfm.affinity, segments: rfm.segments)
    let text = "-- RFM customer table written by seg for \(dialect.rawValue); docs/warehouse.md\n"
      + sql + "\n"
    do {
      try context.host.writeFileAtomically(Array(text.utf8), toPath: path)
    } catch {
      throw RuntimeError(.fileError, error.message, at: pathRange)
        .withHelp("check that the directory exists and can be written")
    }
    context.write(
      "export: the RFM query for \(dialect.rawValue) to \(path) (one SELECT, columns as the customer table)")
  }

  /// The `dialect=` of `export sql` and `export scoring`.
  static func sqlDialect(_ arguments: CommandArguments, command: String) throws(RuntimeError)
    -> SQLDialect
  {
    let path = arguments.string("file") ?? "out.sql"
    guard let dialectName = arguments.string("dialect") else {
      throw RuntimeError(.missingArgument, "\(command) needs a dialect", at: arguments.command.nameRange)
        .withHelp("\(command) \"\(path)\" dialect=postgres (or duckdb, spark, sqlite)")
    }
    guard let dialect = SQLDialect(rawValue: dialectName) else {
      throw RuntimeError(
        .invalidValue, "'\(dialectName)' is not a dialect", at: arguments.range(of: "dialect")
      ).withHelp("use postgres, duckdb, spark or sqlite")
    }
    return dialect
  }

  /// The RFM query of the session's log with its asof, affinity count and segment map, as
  /// `export sql` writes it and `export scoring` reuses it: `table=` names the table (required
  /// when the log came from a file); asof is `asof=`, `$asof`, the last `rfm asof=`, or computed
  /// in the query.
  static func rfmExport(
    _ context: ExecutionContext, _ arguments: CommandArguments, dialect: SQLDialect, command: String
  ) throws(RuntimeError) -> (query: RFMQuery, asOf: Int64?, affinity: Int, segments: [String]) {
    let at = arguments.command.nameRange
    let ws = context.workspace
    var query: RFMQuery
    if let log = ws.warehouse {
      do {
        query = try log.query()
      } catch {
        throw warehouseError(error, at: at)
      }
    } else if let provenance = ws.provenance, provenance.roles.isTransactionLog,
      !provenance.roles.hasMoney
    {
      throw RuntimeError(
        .rfmError, "export sql needs money: the log has no price or amount column", at: at
      ).withHelp("the SQL computes monetary; name the money column at load (amount=COLUMN), or run rfm in seg")
    } else if let provenance = ws.provenance, provenance.roles.isTransactionLog {
      let log = ws.tables[Workspace.transactionsTable] ?? ws.table
      query = try localQuery(provenance, log, streamed: ws.streamed, at: at)
    } else {
      throw RuntimeError(.rfmError, "\(command) needs a transaction log loaded first", at: at)
        .withHelp("load the log (a file or a database table), then \(command) \"\(command == "export sql" ? "rfm" : "score").sql\" dialect=\(dialect.rawValue) table=NAME")
    }
    if let table = arguments.string("table") {
      query.source = .table(table)
    } else if ws.warehouse == nil {
      throw RuntimeError(
        .missingArgument, "\(command) needs table= when the log was loaded from a file", at: at
      ).withHelp("name the table that holds the log in the warehouse: table=sales")
    }
    var asOf: Int64? = nil
    if let d = arguments.date("asof") {
      asOf = d.secondsSinceEpoch
    } else if case .date(let d)? = ws.variables["asof"] {
      asOf = d.secondsSinceEpoch
    } else if let report = ws.rfm, case .given = report.asOfSource {
      asOf = report.asOf
    }
    let affinity = ws.rfm?.affinityGroups.count ?? RFMOptions.default.affinityGroups
    let segments = SegmentMap.allCodes.map { ws.rfmSegmentMap.segment(code: $0) ?? "" }
    return (query, asOf, affinity, segments)
  }

  /// The RFM query for a log loaded from a file, from its roles and column types.
  static func localQuery(
    _ provenance: DataProvenance, _ table: Table, streamed: StreamedTransactions?,
    at range: SourceRange
  ) throws(RuntimeError) -> RFMQuery {
    let roles = provenance.roles
    func type(_ role: ColumnRole) -> ColumnType? {
      guard let name = roles[role] else { return nil }
      return provenance.report.columns.first { $0.name == name }?.type
    }
    guard let customer = roles[.customer], let date = roles[.date] else {
      throw RuntimeError(.rfmError, "the log has no customer or date column", at: range)
    }
    let usesPrice = roles[.quantity] != nil && roles[.price] != nil
    var query = RFMQuery(
      source: .table(""), customer: customer, date: date, invoice: roles[.invoice],
      invoiceIsText: type(.invoice) == .text, quantity: roles[.quantity],
      quantityIsInteger: type(.quantity) == .integer, price: usesPrice ? roles[.price] : nil,
      amount: usesPrice ? nil : roles[.amount], product: roles[.product],
      group: roles[.category] ?? roles[.product], customerIsInteger: type(.customer) != .text)
    query.cancellation = roles.cancellation
    return query
  }
}
