import Foundation
import GRDB
import SegCore
import SegTestSupport
import Testing

@testable import SegWarehouse

/// `export sql` ships a dialect only if its SQL, run on that engine over the UCI data, gives
/// seg's customer table: every customer, integers and texts equal, money within 1e-9.
/// PostgreSQL is the server of scripts/test; SQLite is the system library (through GRDB);
/// DuckDB and Spark SQL run in scripts/sql_engine.py with the Python of SEG_TEST_PYTHON (the
/// virtual environment scripts/test makes).
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct ExportSQLTests {
  /// seg's table on the CSV, default options (the SQL computes the default asof itself).
  static let reference: Result<(LoadedTable, RFMResult), any Error> = Result {
    let loaded = try TableLoader.load(path: RepositoryPaths.exampleData.path)
    return (loaded, try RFM.compute(loaded.table, roles: loaded.roles))
  }

  /// The four files `export sql` writes for the PostgreSQL table `sales`, by dialect.
  static let exported: Result<[String: String], any Error> = Result {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    var script = "load \"\(TestDatabase.connection ?? "")\" table=sales\n"
    for d in SQLDialect.allCases {
      script += "export sql \"\(dir.path("rfm-\(d.rawValue).sql"))\" dialect=\(d.rawValue)\n"
    }
    let r = try WarehouseScriptTests.run(script)
    guard r.status == 0 else { throw ExportFailure(output: r.all) }
    var files: [String: String] = [:]
    for d in SQLDialect.allCases {
      files[d.rawValue] = try String(contentsOfFile: dir.path("rfm-\(d.rawValue).sql"), encoding: .utf8)
    }
    return files
  }

  struct ExportFailure: Error { var output: String }

  static func sql(_ dialect: SQLDialect) throws -> String {
    let files = try exported.get()
    return try #require(files[dialect.rawValue])
  }

  /// Compares an engine's rows (as text, `nil` for NULL) with seg's table.
  static func expectSame(_ header: [String], _ rows: [[String?]], engine: String) throws {
    let table = try reference.get().1.table
    try #require(header == table.columnNames, "\(engine) columns: \(header.prefix(30))")
    #expect(rows.count == table.rowCount, "\(engine) rows")
    var mismatches = 0
    for (k, column) in table.columns.enumerated() {
      guard k < header.count else { break }
      for (i, row) in rows.prefix(table.rowCount).enumerated() where mismatches < 10 {
        let got = k < row.count ? row[k] : nil
        var same: Bool
        switch column.data {
        case .integer(let v):
          same = got.flatMap { Int64($0) ?? RFM.wholeID($0) } == v[i]
        case .decimal(let v):
          if v[i].isNaN {
            same = got == nil || got == "" || got == "nan" || got == "NaN"
          } else if let g = got.flatMap({ Double($0) }) {
            same = abs(g - v[i]) <= 1e-9 * max(1, abs(v[i]))
          } else {
            same = false
          }
        case .boolean(let v):
          same = engineBoolean(got) == v[i]
        default:
          same = got == column.text(at: i)
        }
        if !same {
          mismatches += 1
          Issue.record("\(engine): row \(i) \(column.name): seg \(column.text(at: i) ?? "nil"), engine \(got ?? "NULL")")
        }
      }
    }
  }

  @Test func postgreSQLGivesSegsTable() throws {
    let text = try #require(TestDatabase.connection)
    let db = try PostgresConnection(try #require(ConnectionString(text)))
    let result = try db.query(try Self.sql(.postgres))
    try Self.expectSame(result.columns, result.rows, engine: "postgres")
  }

  /// Creates the `sales` table in SQLite and inserts the UCI log's rows: the SQLite side of the
  /// export sql and export scoring agreement tests.
  static func writeSales(_ t: SegCore.Table, into db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE sales ("InvoiceNo" TEXT, "StockCode" TEXT, "Description" TEXT,
          "Quantity" INTEGER, "InvoiceDate" TEXT, "UnitPrice" REAL, "CustomerID" REAL,
          "Country" TEXT)
        """)
    let statement = try db.makeStatement(sql: "INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    for i in 0..<t.rowCount {
      var values: [(any DatabaseValueConvertible)?] = []
      for c in t.columns {
        switch c.data {
        case .integer(let v): values.append(v[i] == Column.missingInteger ? nil : v[i])
        case .decimal(let v): values.append(v[i].isNaN ? nil : v[i])
        case .datetime(let v):
          values.append(v[i] == Column.missingInteger ? nil : CivilCalendar.isoText(seconds: v[i]))
        default: values.append(c.text(at: i))
        }
      }
      try statement.execute(arguments: StatementArguments(values))
    }
  }

  @Test func sqliteGivesSegsTable() throws {
    let (loaded, _) = try Self.reference.get()
    let db = try DatabaseQueue()
    try db.write { db in
      try ExportSQLTests.writeSales(loaded.table, into: db)
    }
    let sql = try Self.sql(.sqlite)
    let (header, rows) = try db.read { db -> ([String], [[String?]]) in
      let cursor = try Row.fetchCursor(db, sql: sql)
      var header: [String] = []
      var rows: [[String?]] = []
      while let row = try cursor.next() {
        if header.isEmpty { header = Array(row.columnNames) }
        rows.append(row.databaseValues.map { v -> String? in
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
    try Self.expectSame(header, rows, engine: "sqlite")
  }

  static var python: String? {
    let p = ProcessInfo.processInfo.environment["SEG_TEST_PYTHON"] ?? ""
    return p.isEmpty ? nil : p
  }

  /// Runs scripts/sql_engine.py and reads the CSV it writes.
  static func runEngine(_ engine: String, _ dialect: SQLDialect) throws -> ([String], [[String?]]) {
    let python = try #require(python)
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let sqlPath = dir.path("rfm.sql")
    try Self.sql(dialect).write(toFile: sqlPath, atomically: true, encoding: .utf8)
    let out = dir.path("out.csv")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = [
      RepositoryPaths.root.appendingPathComponent("scripts/sql_engine.py").path, engine, sqlPath, out,
    ]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(engine): \(errText)")
    // Plain CSV: no field of this table holds a comma or a quote.
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(whereSeparator: \.isNewline)
    let header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
    let rows = lines.dropFirst().map { line in
      line.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
    }
    return (header, rows)
  }

  @Test(.enabled(if: python != nil, "set SEG_TEST_PYTHON (scripts/test makes a venv)"))
  func duckDBGivesSegsTable() throws {
    let (header, rows) = try Self.runEngine("duckdb", .duckdb)
    try Self.expectSame(header, rows, engine: "duckdb")
  }

  @Test(.enabled(if: python != nil, "set SEG_TEST_PYTHON (scripts/test makes a venv)"))
  func sparkSQLGivesSegsTable() throws {
    let (header, rows) = try Self.runEngine("spark", .spark)
    try Self.expectSame(header, rows, engine: "spark")
  }
}

/// A boolean cell as an engine prints it: PostgreSQL `t`/`f`, SQLite `1`/`0`, Python `True`/`False`.
func engineBoolean(_ cell: String?) -> Bool? {
  switch cell {
  case "t", "true", "True", "1": true
  case "f", "false", "False", "0": false
  default: nil
  }
}
