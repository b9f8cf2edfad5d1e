import Foundation
import GRDB
import SegCore
import SegTestSupport
import Testing

@testable import SegWarehouse

/// `export scoring` ships a dialect only if its SQL, run on that engine, gives every customer the
/// cluster and segment seg gives it. The session is a typical script on the real UCI data (a
/// transaction filter, rfm, filter z<3, transform signedlog, scale, k-means k=4, name auto: three
/// customers have a negative monetary, which `transform log` refuses); seg's
/// labels are those of its exported customer table. Each dialect's query runs twice: computing
/// RFM from the transactions (a view applying the script's StockCode filter, `table=`), and
/// scoring seg's own exported customer table loaded into the engine (`from=`). PostgreSQL is the
/// server of scripts/test, SQLite the system library (through GRDB), DuckDB and Spark SQL run in
/// scripts/sql_engine.py (one session each) with the Python of SEG_TEST_PYTHON.
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct ScoringTests {
  static let stockCodes = ["POST", "DOT", "M", "BANK CHARGES", "AMAZONFEE"]

  /// seg's run: its exported customer table and the scoring SQL per dialect and mode.
  /// seg's exported customer table as text: the cells as seg wrote them (numbers in shortest
  /// round-trip form). No cell of this table holds a comma or a quote.
  struct CSVText {
    var header: [String]
    var rows: [[String]]
    var rowCount: Int { rows.count }

    init(_ text: String) throws {
      try #require(!text.contains("\""), "a quoted cell")
      let lines = text.split(whereSeparator: \.isNewline)
      header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
      rows = lines.dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
    }

    subscript(_ name: String) -> [String]? {
      guard let j = header.firstIndex(of: name) else { return nil }
      return rows.map { j < $0.count ? $0[j] : "" }
    }
  }

  struct Session {
    var customers: CSVText
    /// `table=` (RFM in the query) and `from=` (seg's customer table), by dialect.
    var fromLog: [SQLDialect: String]
    var fromTable: [SQLDialect: String]
    var output: String
  }

  static let session: Result<Session, any Error> = Result {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let codes = stockCodes.map { "\"\($0)\"" }.joined(separator: ", ")
    var script = """
      load "\(RepositoryPaths.exampleData.path)"
      filter StockCode not in [\(codes)]
      rfm asof=2011-12-10
      filter z<3
      transform signedlog
      scale
      cluster k=4
      name auto
      export "\(dir.path("segments.csv"))"

      """
    for d in SQLDialect.allCases {
      script += """
        export scoring "\(dir.path("log-\(d.rawValue).sql"))" dialect=\(d.rawValue) table=sales_kept
        export scoring "\(dir.path("rfm-\(d.rawValue).sql"))" dialect=\(d.rawValue) from=seg_customers

        """
    }
    let r = try WarehouseScriptTests.run(script)
    guard r.status == 0 else { throw ExportSQLTests.ExportFailure(output: r.all) }
    let customers = try CSVText(String(contentsOfFile: dir.path("segments.csv"), encoding: .utf8))
    var fromLog: [SQLDialect: String] = [:]
    var fromTable: [SQLDialect: String] = [:]
    for d in SQLDialect.allCases {
      fromLog[d] = try String(contentsOfFile: dir.path("log-\(d.rawValue).sql"), encoding: .utf8)
      fromTable[d] = try String(contentsOfFile: dir.path("rfm-\(d.rawValue).sql"), encoding: .utf8)
    }
    return Session(customers: customers, fromLog: fromLog, fromTable: fromTable, output: r.all)
  }

  /// The view of the transactions that applies the script's filter, in dialect `d`.
  static func keptView(_ d: SQLDialect) -> String {
    let codes = stockCodes.map { d.literal($0) }.joined(separator: ", ")
    let view = d == .spark ? "TEMPORARY VIEW" : "VIEW"
    return "CREATE \(view) sales_kept AS SELECT * FROM sales WHERE \(d.quote("StockCode")) NOT IN (\(codes))"
  }

  /// The columns of seg's customer table that the `from=` queries read, with their SQL types.
  static let customerColumns = ["customer", "recency", "frequency", "monetary"]

  /// Checks an engine's `customer, cluster, segment` rows against seg's exported labels: every
  /// customer once, the same cluster and segment.
  static func expectSegsLabels(_ header: [String], _ rows: [[String?]], engine: String) throws {
    let table = try session.get().customers
    try #require(header == ["customer", "cluster", "segment"], "\(engine) columns: \(header)")
    let ids = try #require(table["customer"])
    let clusters = try #require(table["cluster"])
    let segments = try #require(table["segment"])
    var seg: [String: (String, String)] = [:]
    for i in 0..<table.rowCount { seg[ids[i]] = (clusters[i], segments[i]) }
    #expect(rows.count == table.rowCount, "\(engine): \(rows.count) rows, seg \(table.rowCount)")
    var seen = Set<String>()
    var mismatches = 0
    for row in rows {
      let cell = (row.first ?? nil) ?? ""
      let id = Int64(cell).map(String.init) ?? RFM.wholeID(cell).map(String.init) ?? cell
      seen.insert(id)
      let got = (row.count > 1 ? row[1] ?? "" : "", row.count > 2 ? row[2] ?? "" : "")
      guard let expected = seg[id] else {
        Issue.record("\(engine): customer \(id) is not in seg's table")
        continue
      }
      if got != expected {
        mismatches += 1
        if mismatches <= 10 {
          Issue.record("\(engine): customer \(id): seg \(expected), engine \(got)")
        }
      }
    }
    #expect(mismatches == 0, "\(engine): \(mismatches) customers labelled differently")
    #expect(seen.count == table.rowCount, "\(engine): \(seen.count) distinct customers")
  }

  /// seg's labels are not all the same: the test would pass vacuously otherwise.
  @Test func segsLabelsCoverEveryClusterAndTheOutliers() throws {
    let s = try Self.session.get()
    let clusters = try #require(s.customers["cluster"])
    var distinct = Set<String>()
    for c in clusters { distinct.insert(c) }
    #expect(distinct == ["0", "1", "2", "3", "-2"], "clusters: \(distinct)")
    // The session's transaction filter is not in the SQL: seg warns, and the test's view applies it.
    #expect(s.output.contains("warning: the session filtered the transactions"), "\(s.output)")
  }

  // MARK: - PostgreSQL

  @Test func postgreSQLGivesSegsLabels() throws {
    let text = try #require(TestDatabase.connection)
    let db = try PostgresConnection(try #require(ConnectionString(text)))
    let s = try Self.session.get()
    _ = try db.query("DROP VIEW IF EXISTS sales_kept")
    _ = try db.query(Self.keptView(.postgres))
    _ = try db.query("DROP TABLE IF EXISTS seg_customers")
    _ = try db.query(
      "CREATE TABLE seg_customers (customer bigint, recency bigint, frequency bigint, monetary double precision)"
    )
    try Self.insertCustomers(s.customers) { _ = try db.query($0) }
    let fromLog = try db.query(try #require(s.fromLog[.postgres]))
    try Self.expectSegsLabels(fromLog.columns, fromLog.rows, engine: "postgres table=")
    let fromTable = try db.query(try #require(s.fromTable[.postgres]))
    try Self.expectSegsLabels(fromTable.columns, fromTable.rows, engine: "postgres from=")
  }

  /// Inserts seg's customer table (the columns the queries read) in batches of INSERTs, the
  /// numbers in seg's own shortest round-trip text.
  static func insertCustomers(_ table: CSVText, _ execute: (String) throws -> Void) throws {
    let columns = try customerColumns.map { try #require(table[$0]) }
    var values: [String] = []
    func flush() throws {
      guard !values.isEmpty else { return }
      try execute("INSERT INTO seg_customers VALUES " + values.joined(separator: ", "))
      values = []
    }
    for i in 0..<table.rowCount {
      values.append("(" + columns.map { $0[i].isEmpty ? "NULL" : $0[i] }.joined(separator: ", ") + ")")
      if values.count == 500 { try flush() }
    }
    try flush()
  }

  // MARK: - SQLite

  @Test func sqliteGivesSegsLabels() throws {
    let s = try Self.session.get()
    let (loaded, _) = try ExportSQLTests.reference.get()
    let db = try DatabaseQueue()
    try db.write { db in
      try ExportSQLTests.writeSales(loaded.table, into: db)
      try db.execute(sql: Self.keptView(.sqlite))
      try db.execute(
        sql: "CREATE TABLE seg_customers (customer INTEGER, recency INTEGER, frequency INTEGER, monetary REAL)")
      try Self.insertCustomers(s.customers) { try db.execute(sql: $0) }
    }
    for (mode, sql) in [("table=", s.fromLog[.sqlite]), ("from=", s.fromTable[.sqlite])] {
      let (header, rows) = try db.read { db -> ([String], [[String?]]) in
        let cursor = try Row.fetchCursor(db, sql: try #require(sql))
        var header: [String] = []
        var rows: [[String?]] = []
        while let row = try cursor.next() {
          if header.isEmpty { header = Array(row.columnNames) }
          rows.append(
            row.databaseValues.map { v -> String? in
              switch v.storage {
              case .null: nil
              case .int64(let n): String(n)
              case .double(let d): "\(d)"
              case .string(let s): s
              case .blob: "blob"
              }
            })
        }
        return (header, rows)
      }
      try Self.expectSegsLabels(header, rows, engine: "sqlite \(mode)")
    }
  }

  // MARK: - DuckDB and Spark SQL

  /// Runs both queries of `dialect` in one session of scripts/sql_engine.py.
  static func runEngine(_ engine: String, _ dialect: SQLDialect) throws {
    let python = try #require(ExportSQLTests.python)
    let s = try session.get()
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    try keptView(dialect).write(toFile: dir.path("setup.sql"), atomically: true, encoding: .utf8)
    // seg's exported customer table, as written: the engine's CSV reader infers the types.
    var csv = customerColumns.joined(separator: ",") + "\n"
    let columns = try customerColumns.map { try #require(s.customers[$0]) }
    for i in 0..<s.customers.rowCount {
      csv += columns.map { $0[i] }.joined(separator: ",") + "\n"
    }
    try csv.write(toFile: dir.path("customers.csv"), atomically: true, encoding: .utf8)
    try #require(s.fromLog[dialect]).write(
      toFile: dir.path("log.sql"), atomically: true, encoding: .utf8)
    try #require(s.fromTable[dialect]).write(
      toFile: dir.path("rfm.sql"), atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = [
      RepositoryPaths.root.appendingPathComponent("scripts/sql_engine.py").path, engine,
      "--table", "seg_customers=\(dir.path("customers.csv"))", "--setup", dir.path("setup.sql"),
      "--run", "\(dir.path("log.sql"))=\(dir.path("log.csv"))",
      "--run", "\(dir.path("rfm.sql"))=\(dir.path("rfm.csv"))",
    ]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    try #require(p.terminationStatus == 0, "\(engine): \(errText)")
    for (mode, file) in [("table=", "log.csv"), ("from=", "rfm.csv")] {
      // customer, cluster, segment: the names hold no comma, and Python quotes none of them.
      let lines = try String(contentsOfFile: dir.path(file), encoding: .utf8)
        .split(whereSeparator: \.isNewline)
      let header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
      let rows = lines.dropFirst().map { line in
        line.split(separator: ",", omittingEmptySubsequences: false).map {
          $0.isEmpty ? nil : String($0)
        }
      }
      try expectSegsLabels(header, rows, engine: "\(engine) \(mode)")
    }
  }

  @Test(.enabled(if: ExportSQLTests.python != nil, "set SEG_TEST_PYTHON (scripts/test makes a venv)"))
  func duckDBGivesSegsLabels() throws {
    try Self.runEngine("duckdb", .duckdb)
  }

  @Test(.enabled(if: ExportSQLTests.python != nil, "set SEG_TEST_PYTHON (scripts/test makes a venv)"))
  func sparkSQLGivesSegsLabels() throws {
    try Self.runEngine("spark", .spark)
  }
}

/// What `export scoring` refuses, through the built binary (no database needed): each stops the
/// script at the command's line with exit 1 (a dialect it does not know: exit 2 before running).
@Suite(.enabled(if: RepositoryPaths.segBinary != nil, "build seg first"))
struct ScoringErrorTests {
  static let prefix = """
    load "\(RepositoryPaths.exampleData.path)"
    rfm asof=2011-12-10
    transform signedlog
    scale

    """

  @Test func beforeAnyClusteringThereIsNothingToScore() throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix + "export scoring \"score.sql\" dialect=postgres table=sales\n")
    WarehouseScriptTests.expectFailure(
      r, at: "5:1", saying: ["export scoring needs a fitted segmentation", "run cluster first"])
  }

  @Test(arguments: [
    ("cluster k=3 method=hierarchical", "Ward's clusters"),
    ("cluster method=dbscan", "DBSCAN"),
    ("cluster k=3 method=gmm", "Gaussian mixture"),
  ])
  func methodsWithoutCentroidsCannotBeExported(cluster: String, why: String) throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix + cluster + "\nexport scoring \"score.sql\" dialect=duckdb table=sales\n")
    WarehouseScriptTests.expectFailure(
      r, at: "6:1",
      saying: ["nearest-centroid rules", why, "cluster with k-means"])
    #expect(!FileManager.default.fileExists(atPath: "score.sql"))
  }

  @Test func anUnknownDialectStopsBeforeRunning() throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix + "cluster k=3\nexport scoring \"score.sql\" dialect=oracle table=sales\n")
    #expect(r.status == 2, "\(r.all)")
    #expect(r.stderr.contains("warehouse.seg:6:"), "\(r.stderr)")
    #expect(r.stderr.contains("oracle"), "\(r.stderr)")
    #expect(r.stderr.contains("postgres"), "\(r.stderr)")
  }

  @Test func tableAndFromTogetherAreRefused() throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix
        + "cluster k=3\nexport scoring \"score.sql\" dialect=sqlite table=sales from=customers\n")
    WarehouseScriptTests.expectFailure(r, at: "6:", saying: ["table= or from=, not both"])
  }

  @Test func aFilterOtherThanAnOutlierFilterIsRefused() throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix.replacingOccurrences(of: "transform signedlog\n", with: "filter frequency > 1\ntransform signedlog\n")
        + "cluster k=3\nexport scoring \"score.sql\" dialect=postgres table=sales\n")
    WarehouseScriptTests.expectFailure(
      r, at: "7:1", saying: ["filter frequency > 1"])
  }

  @Test func scalingAgainAfterClusterIsRefused() throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix
        + "cluster k=3\nscale method=robust\nexport scoring \"score.sql\" dialect=postgres table=sales\n")
    WarehouseScriptTests.expectFailure(
      r, at: "7:1", saying: ["run cluster again"])
  }

  /// Mini-batch k-means labels by the nearest centroid, so its model exports like k-means'; the
  /// query names the method and carries the model's centroids.
  @Test func aMiniBatchModelExportsItsNearestCentroidRule() throws {
    var sql = ""
    let r = try WarehouseScriptTests.run(
      Self.prefix
        + "cluster k=3 method=minibatch\ncentroids\nexport scoring \"score.sql\" dialect=duckdb table=sales\n",
      afterwards: { dir in sql = try String(contentsOfFile: dir + "/score.sql", encoding: .utf8) })
    #expect(r.status == 0, "\(r.all)")
    #expect(sql.hasPrefix("-- Segment scoring written by seg for duckdb: mini-batch k-means, 3 clusters"))
    #expect(r.stdout.contains("cluster: minibatch, k=3"), "\(r.stdout)")
  }

  @Test func aLogFromAFileNeedsTheTableName() throws {
    let r = try WarehouseScriptTests.run(
      Self.prefix + "cluster k=3\nexport scoring \"score.sql\" dialect=spark\n")
    WarehouseScriptTests.expectFailure(r, at: "6:1", saying: ["needs table="])
  }
}
