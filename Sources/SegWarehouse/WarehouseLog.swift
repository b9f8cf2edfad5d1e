package import SegCore

/// A transaction log that lives in a PostgreSQL database: where it is, its columns with their
/// server types, the roles found among them, and the counts `load` reads. No rows are held.
package struct WarehouseLog: Sendable, Equatable {
  /// One column of the table or query, with its server type.
  package struct ServerColumn: Sendable, Equatable {
    /// The column name.
    package var name: String
    /// The server's type name (`integer`, `numeric`, `text`, `timestamp without time zone`).
    package var serverType: String
    /// The seg type it reads as.
    package var type: ColumnType
  }

  /// The connection, password included (never printed: use ``ConnectionString/redacted``).
  package var connection: ConnectionString
  /// The table name or the query.
  package var source: RFMQuery.Source
  /// The columns in server order.
  package var columns: [ServerColumn]
  /// Which columns play which role.
  package var roles: ColumnRoles
  /// The counts read at load.
  package var report: LoadReport
  /// The server's version (`15.18`).
  package var serverVersion: String

  /// How the log is named for people: the connection string without password, then the table
  /// or `query`.
  package var displayName: String {
    switch source {
    case .table(let name): connection.redacted + " table=" + name
    case .query: connection.redacted + " query"
    }
  }

  /// The RFM query for this log's columns.
  package func query(source override: RFMQuery.Source? = nil) throws(WarehouseError) -> RFMQuery {
    func type(_ role: ColumnRole) -> ColumnType? {
      roles[role].flatMap { name in columns.first { $0.name == name }?.type }
    }
    guard let customer = roles[.customer], let date = roles[.date] else {
      throw WarehouseError(
        .missingColumn, "the log has no customer or date column",
        hint: "name them when loading: customer=COLUMN date=COLUMN")
    }
    let usesPrice = roles[.quantity] != nil && roles[.price] != nil
    var query = RFMQuery(
      source: override ?? source, customer: customer, date: date, invoice: roles[.invoice],
      invoiceIsText: type(.invoice) == .text, quantity: roles[.quantity],
      quantityIsInteger: type(.quantity) == .integer, price: usesPrice ? roles[.price] : nil,
      amount: usesPrice ? nil : roles[.amount], product: roles[.product],
      group: roles[.category] ?? roles[.product], customerIsInteger: type(.customer) != .text)
    query.cancellation = roles.cancellation
    return query
  }

  /// The SQL statements the last pushed-down command ran, in order.
  package static func describe(_ statements: [String]) -> String {
    statements.map { $0 + ";" }.joined(separator: "\n\n")
  }
}

extension WarehouseLog {
  /// Reads the schema and the counts of a table or query: no rows come back.
  ///
  /// - Parameters:
  ///   - connection: where the server is.
  ///   - source: a table name or a SELECT.
  ///   - explicitRoles: columns named by the user (`customer=client_id`).
  ///   - statements: receives each statement as it runs (for `show sql`).
  package static func open(
    _ connection: ConnectionString, source: RFMQuery.Source, explicitRoles: [ColumnRole: String],
    cancellation explicitCancellation: CancellationRule? = nil, statements: inout [String]
  ) throws(WarehouseError) -> WarehouseLog {
    if case .query(let text) = source,
      text.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" })
    {
      throw WarehouseError(
        .emptyResult, "the query is empty", hint: "write query=\"select ... from ...\"")
    }
    let db = try PostgresConnection(connection)
    let d = SQLDialect.postgres
    let relation: String
    switch source {
    case .table(let name): relation = d.tableName(name)
    case .query(let text): relation = "(\(text)) AS seg_source"
    }
    let schemaSQL = "SELECT * FROM \(relation) LIMIT 0"
    statements.append(schemaSQL)
    let schema = try db.query(schemaSQL)
    var typeNames: [UInt32: String] = [:]
    let oids = Set(schema.typeOIDs).sorted()
    if !oids.isEmpty {
      let sql = "SELECT oid, format_type(oid, NULL) FROM pg_type WHERE oid IN ("
        + oids.map(String.init).joined(separator: ", ") + ")"
      for row in try db.query(sql).rows {
        if let o = row[0].flatMap({ UInt32($0) }), let name = row[1] { typeNames[o] = name }
      }
    }
    let columns = zip(schema.columns, schema.typeOIDs).map { name, oid in
      ServerColumn(
        name: name, serverType: typeNames[oid] ?? "oid \(oid)", type: seg(typeOID: oid))
    }
    // Text columns are sampled as a file's are, for values that say their role whatever the
    // header: Shopify's `Name` holds the order numbers (`#1001`).
    var orderNumbers = Set<String>()
    let textColumns = columns.filter { $0.type == .text }.map(\.name)
    if !textColumns.isEmpty {
      let sampleSQL =
        "SELECT " + textColumns.map { "CAST(\(d.quote($0)) AS text)" }.joined(separator: ", ")
        + " FROM \(relation) LIMIT \(SampledKind.sampleRows)"
      statements.append(sampleSQL)
      let sample = try db.query(sampleSQL).rows
      for (k, name) in textColumns.enumerated() {
        let values = sample.compactMap { k < $0.count ? $0[k] : nil }
        if SampledKind.of(values, name: name) == .orderNumber { orderNumbers.insert(name) }
      }
    }
    var roles: ColumnRoles
    do {
      roles = try ColumnRoles.detect(
        in: columns.map(\.name), explicit: explicitRoles,
        kinds: columns.map { c in
          switch c.type {
          case .integer, .decimal: SampledKind.number
          case .datetime: SampledKind.date
          default: orderNumbers.contains(c.name) ? SampledKind.orderNumber : SampledKind.text
          }
        })
    } catch {
      throw WarehouseError(.missingColumn, error.message, hint: error.hint)
    }
    try checkTypes(columns, roles)
    roles.cancellation = try decideCancellation(
      db, relation: relation, columns: columns, roles: roles, explicit: explicitCancellation,
      statements: &statements)
    // The counts, in one pass over the rows.
    let q = SQLDialect.postgres
    func col(_ role: ColumnRole) -> String? { roles[role].map { q.quote($0) } }
    var counts = ["COUNT(*)"]
    var labels = ["rows"]
    if let date = col(.date) {
      counts += [
        "CAST(FLOOR(EXTRACT(EPOCH FROM MIN(\(date)))) AS bigint)",
        "CAST(FLOOR(EXTRACT(EPOCH FROM MAX(\(date)))) AS bigint)",
      ]
      labels += ["first", "last"]
    }
    if let c = col(.customer) {
      counts += ["COUNT(DISTINCT \(c))", "COUNT(*) - COUNT(\(c))"]
      labels += ["customers", "without_customer"]
    }
    let typeOf = { (role: ColumnRole) in roles[role].flatMap { n in columns.first { $0.name == n } }?.type }
    // The cancellations under the rule decided above, written as the RFM query writes them.
    var probe = RFMQuery(
      source: source, customer: roles[.customer] ?? "", date: roles[.date] ?? "",
      invoice: roles[.invoice], invoiceIsText: typeOf(.invoice) == .text, quantity: nil,
      quantityIsInteger: false, price: nil, amount: nil, product: nil, group: nil,
      customerIsInteger: false)
    probe.cancellation = roles.cancellation
    let cancelled = probe.cancelledCondition(q)
    if roles[.invoice] != nil || roles.cancellation != nil {
      counts.append("SUM(CASE WHEN \(cancelled) THEN 1 ELSE 0 END)")
      labels.append("cancellations")
    }
    if let sign = col(.quantity) ?? col(.amount) {
      counts.append("SUM(CASE WHEN \(cancelled) OR \(sign) < 0 THEN 1 ELSE 0 END)")
      labels.append("cancelled_or_returned")
    }
    if let qty = col(.quantity) {
      counts.append("SUM(CASE WHEN \(qty) < 0 THEN 1 ELSE 0 END)")
      labels.append("negative_quantities")
    }
    if let price = col(.price) ?? col(.amount) {
      counts += [
        "SUM(CASE WHEN \(price) = 0 THEN 1 ELSE 0 END)", "SUM(CASE WHEN \(price) < 0 THEN 1 ELSE 0 END)",
      ]
      labels += ["zero_prices", "negative_prices"]
    }
    // A column of refunded money that no role reads, and its refunds on lines that are no
    // cancellation, found and counted as for a file.
    let refundColumn = TableStatistics.refundColumn(
      in: columns.map(\.name), roles: roles,
      isNumber: { n in columns.contains { $0.name == n && ($0.type == .integer || $0.type == .decimal) } })
    if let refundColumn {
      counts.append(
        "SUM(CASE WHEN \(q.quote(refundColumn)) > 0 AND NOT (\(cancelled)) THEN 1 ELSE 0 END)")
      labels.append("refunded")
    }
    for c in columns {
      counts.append("COUNT(*) - COUNT(\(q.quote(c.name)))")
      labels.append("missing")
    }
    let countSQL = "SELECT " + counts.joined(separator: ", ") + " FROM \(relation)"
    statements.append(countSQL)
    let row = try db.query(countSQL).rows.first ?? []
    var values: [String: Int64] = [:]
    var missing: [Int] = []
    for (label, text) in zip(labels, row) {
      let v = text.flatMap { Int64($0) }
      if label == "missing" { missing.append(Int(v ?? 0)) } else if let v { values[label] = v }
    }
    let rows = Int(values["rows"] ?? 0)
    guard rows > 0 else {
      throw WarehouseError(
        .emptyResult, "the \(source.kind) returns no rows",
        hint: "check the table or the query's WHERE clause; seg needs transactions to work on")
    }
    // Exact duplicates: rows equal in every column to an earlier row (NULL equals NULL).
    let all = columns.map { q.quote($0.name) }.joined(separator: ", ")
    let duplicateSQL =
      "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM \(relation) GROUP BY \(all)) AS seg_groups"
    statements.append(duplicateSQL)
    let duplicateCell = try db.query(duplicateSQL).rows.first.flatMap { $0.first } ?? nil
    let duplicates = duplicateCell.flatMap { Int($0) } ?? 0
    let roleByName = Dictionary(roles.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    var report = LoadReport(
      server: source.describe(connection),
      rows: rows,
      columns: zip(columns, missing + Array(repeating: 0, count: max(0, columns.count - missing.count))).map {
        c, m in (c.name, c.type, m, roleByName[c.name])
      })
    var stats = TableStatistics()
    stats.firstDate = values["first"]
    stats.lastDate = values["last"]
    stats.distinctCustomers = values["customers"].map(Int.init)
    stats.rowsWithoutCustomer = values["without_customer"].map(Int.init)
    stats.cancellations = values["cancellations"].map(Int.init)
    stats.cancelledOrReturned = Int(values["cancelled_or_returned"] ?? 0)
    stats.negativeQuantities = values["negative_quantities"].map(Int.init)
    stats.zeroPrices = values["zero_prices"].map(Int.init)
    stats.negativePrices = values["negative_prices"].map(Int.init)
    stats.refundColumn = refundColumn
    stats.refundedRows = Int(values["refunded"] ?? 0)
    if let customer = roles[.customer], typeOf(.customer) == .text {
      stats.customerVariants = try customerVariants(
        db, relation: relation, column: customer, statements: &statements)
    }
    report.record(stats, duplicates: duplicates, roles: roles)
    return WarehouseLog(
      connection: connection, source: source, columns: columns, roles: roles, report: report,
      serverVersion: db.serverVersion)
  }

  /// The cancellation rule of a log in the database, decided as for a file (docs/rfm.md,
  /// "Cancellations") from what the server returns: the distinct values of text columns whose
  /// name says status or event (the first 1,000 in sorted order), and the shapes of a text invoice
  /// column's distinct values, counted in the server (``invoiceShapes(_:relation:column:statements:)``).
  static func decideCancellation(
    _ db: PostgresConnection, relation: String, columns: [ServerColumn], roles: ColumnRoles,
    explicit: CancellationRule?, statements: inout [String]
  ) throws(WarehouseError) -> CancellationDecision? {
    let q = SQLDialect.postgres
    func type(_ name: String) -> ColumnType? { columns.first { $0.name == name }?.type }
    if case .status(let name)? = explicit, type(name) == nil {
      throw WarehouseError(
        .missingColumn, "no column '\(name)' for cancelled=; columns: "
          + columns.map(\.name).joined(separator: ", "),
        hint: "name the status column, or write cancelled=none")
    }
    func distinct(_ name: String, limit: Int) throws(WarehouseError) -> [String] {
      let c = q.quote(name)
      let sql =
        "SELECT DISTINCT CAST(\(c) AS text) AS v FROM \(relation) WHERE \(c) IS NOT NULL ORDER BY 1 LIMIT \(limit)"
      statements.append(sql)
      return try db.query(sql).rows.compactMap { $0.first ?? nil }
    }
    guard roles[.invoice] != nil || roles.isTransactionLog else { return nil }
    var values: [String: [String]] = [:]
    for c in columns where c.type == .text {
      let wanted: Bool
      if case .status(let name)? = explicit { wanted = name == c.name } else {
        wanted =
          explicit == nil
          && (CancellationRule.isStatusName(c.name) || CancellationRule.isEventName(c.name))
          && !roles.columns.values.contains(c.name)
      }
      if wanted { values[c.name] = try distinct(c.name, limit: 1_000) }
    }
    var evidence: CancellationEvidence? = nil
    if explicit == nil, let invoice = roles[.invoice], type(invoice) == .text {
      evidence = try invoiceShapes(db, relation: relation, column: invoice, statements: &statements)
    }
    return CancellationDecision.decide(
      explicit: explicit, names: columns.map(\.name), roles: roles,
      statusValues: { values[$0] }, invoice: evidence,
      invoiceIsInteger: roles[.invoice].flatMap(type) == .integer)
  }

  /// Text customer ids written several ways (``IDVariants``), found in the server: the distinct
  /// ids grouped by their spelling with ASCII letters in lower case and spaces left out, as a
  /// file's are. A table has no order, so the example is the least folded spelling written more
  /// than one way, with its two least spellings (byte order).
  static func customerVariants(
    _ db: PostgresConnection, relation: String, column: String, statements: inout [String]
  ) throws(WarehouseError) -> IDVariants? {
    let q = SQLDialect.postgres
    let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    // translate drops the space: it has no counterpart in the second list.
    func folded(_ value: String) -> String {
      "translate(\(value), '\(upper) ', '\(upper.lowercased())')"
    }
    let v = "CAST(\(q.quote(column)) AS text)"
    let sql = """
      SELECT COALESCE(SUM(n - 1), 0), MIN(f COLLATE "C") FILTER (WHERE n > 1) \
      FROM (SELECT f, COUNT(*) AS n FROM (SELECT DISTINCT \(folded(v)) AS f, \(v) AS v \
      FROM \(relation) WHERE \(q.quote(column)) IS NOT NULL) AS d GROUP BY 1) AS g
      """
    statements.append(sql)
    guard let row = try db.query(sql).rows.first, row.count == 2,
      let count = row[0].flatMap({ Int($0) }), count > 0, let key = row[1]
    else { return nil }
    let exampleSQL = """
      SELECT DISTINCT \(v) COLLATE "C" FROM \(relation) \
      WHERE \(folded(v)) = \(q.literal(key)) ORDER BY 1 LIMIT 2
      """
    statements.append(exampleSQL)
    let spellings = try db.query(exampleSQL).rows.compactMap { $0.first ?? nil }
    guard spellings.count == 2 else { return nil }
    return IDVariants(count: count, example: (spellings[0], spellings[1]))
  }

  /// The invoice values' evidence for the `C` prefix, grouped by shape in the server: one scan
  /// and two hash aggregates (the distinct values, then their shapes), a handful of rows back.
  /// Sorting the distinct values instead took minutes at 10M rows (a locale-aware sort on disk).
  static func invoiceShapes(
    _ db: PostgresConnection, relation: String, column: String, statements: inout [String]
  ) throws(WarehouseError) -> CancellationEvidence {
    let c = SQLDialect.postgres.quote(column)
    let digits = "0123456789"
    let letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    // As CancellationEvidence.shape: a run of digits as one 9, each letter as A.
    let shape =
      "regexp_replace(translate(CASE WHEN p THEN substr(v, 2) ELSE v END, '\(digits)\(letters)', '\(String(repeating: "9", count: 10))\(String(repeating: "A", count: 52))'), '9+', '9', 'g')"
    let sql = """
      SELECT p, \(shape) AS shape, count(*) AS n, min(v COLLATE "C") AS example \
      FROM (SELECT v, (v LIKE 'C_%') AS p FROM (SELECT CAST(\(c) AS text) AS v FROM \(relation) \
      WHERE \(c) IS NOT NULL GROUP BY 1) AS d) AS e GROUP BY 1, 2 ORDER BY 4
      """
    statements.append(sql)
    var shapes: [CancellationEvidence.ShapeCount] = []
    for row in try db.query(sql).rows {
      guard row.count == 4, let p = row[0], let s = row[1], let n = row[2].flatMap({ Int($0) }),
        let example = row[3]
      else { continue }
      shapes.append(
        CancellationEvidence.ShapeCount(
          isPrefixed: p == "t", shape: Array(s.utf8), count: n, example: example))
    }
    return CancellationEvidence(shapes: shapes)
  }

  /// Date columns must hold dates, money and quantity columns numbers: a text column would make
  /// every later number wrong, so it stops the load, as it does for a file.
  static func checkTypes(_ columns: [ServerColumn], _ roles: ColumnRoles) throws(WarehouseError) {
    func column(_ role: ColumnRole) -> ServerColumn? {
      roles[role].flatMap { n in columns.first { $0.name == n } }
    }
    if let c = column(.date), c.type != .datetime {
      throw WarehouseError(
        .wrongColumnType,
        "the date column '\(c.name)' is \(c.serverType), RFM needs a date or timestamp",
        hint: "convert it in a query: query=\"select *, cast(\(c.name) as timestamp) as order_time from ...\" date=order_time")
    }
    for role in [ColumnRole.quantity, .price, .amount] {
      if let c = column(role), c.type != .integer && c.type != .decimal {
        throw WarehouseError(
          .wrongColumnType,
          "the \(role.rawValue) column '\(c.name)' is \(c.serverType), RFM needs numbers",
          hint: "convert it in a query: query=\"select *, cast(\(c.name) as numeric) as \(role.rawValue)_n from ...\" \(role.rawValue)=\(role.rawValue)_n")
      }
    }
    if let c = column(.customer), c.type == .datetime || c.type == .boolean {
      throw WarehouseError(
        .wrongColumnType, "the customer column '\(c.name)' is \(c.serverType), RFM needs ids",
        hint: "name another column with customer=COLUMN")
    }
  }

  /// The seg type of a PostgreSQL type: integers, decimals, date-times, booleans, else text.
  static func seg(typeOID oid: UInt32) -> ColumnType {
    switch oid {
    case 20, 21, 23: .integer  // int8, int2, int4
    case 700, 701, 1700: .decimal  // float4, float8, numeric
    case 1082, 1114, 1184: .datetime  // date, timestamp, timestamptz
    case 16: .boolean
    default: .text
    }
  }
}

extension RFMQuery.Source {
  var kind: String {
    switch self {
    case .table: "table"
    case .query: "query"
    }
  }

  func describe(_ connection: ConnectionString) -> String {
    switch self {
    case .table(let name): "\(connection.redacted) table=\(name)"
    case .query: "\(connection.redacted) query"
    }
  }
}
