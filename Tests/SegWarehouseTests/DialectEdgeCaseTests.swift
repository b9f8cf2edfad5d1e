import Foundation
import GRDB
import SegCore
import Testing

@testable import SegWarehouse

/// The rules SQL engines are most likely to get wrong, on a small log built for them, compared
/// with seg's own RFM: a lowercase `c` invoice is no cancellation (SQLite's LIKE would say it
/// is), purchase lines without an invoice number count as one visit, a return by negative
/// quantity without a `C`, a customer with only returns and a zero-price line, rows without a
/// customer, a date or a quantity, a spend tie between groups broken by name, text customer ids
/// sorted by code point, a purchase at 23:59:59 and the default asof.
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct DialectEdgeCaseTests {
  static let csv = """
    InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
    c100,A,2,2011-01-03 10:00:00,1.5,a-01
    c100,B,1,2011-01-03 10:00:00,3.0,a-01
    ,A,1,2011-01-05 09:00:00,1.5,a-01
    ,B,1,2011-01-06 09:00:00,3.0,a-01
    C200,A,-1,2011-01-07 09:00:00,1.5,a-01
    300,B,-2,2011-02-01 12:00:00,3.0,B-10
    301,A,4,2011-02-02 12:00:00,0,B-10
    302,A,3,2011-02-03 23:59:59,1.5,C-02
    303,B,1,2011-02-04 00:00:00,3.0,C-02
    304,A,1,2011-02-05 08:00:00,2.0,
    305,A,1,,2.0,C-02
    306,A,1,2011-03-01 00:00:00,2.0,d-03
    307,A,,2011-02-10 00:00:00,2.0,d-03
    308,B,2,2011-02-11 07:00:00,1.0,d-03

    """

  static var rows: [[String?]] {
    csv.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
    }
  }

  static func local(_ options: RFMOptions) throws -> RFMResult {
    let loaded = try TableLoader.load(bytes: Array(csv.utf8), name: "edge.csv")
    return try RFM.compute(loaded.table, roles: loaded.roles, options: options)
  }

  /// Creates the log as a PostgreSQL table, runs `body`, drops the table.
  static func withTable(_ body: (String, PostgresConnection, ConnectionString) throws -> Void) throws {
    let text = try #require(TestDatabase.connection)
    let connection = try #require(ConnectionString(text))
    let db = try PostgresConnection(connection)
    let name = "seg_edge_\(UInt32.random(in: 0...UInt32.max))"
    _ = try db.query(
      """
      CREATE TABLE \(name) ("InvoiceNo" text, "StockCode" text, "Quantity" integer,
        "InvoiceDate" timestamp, "UnitPrice" numeric, "CustomerID" text)
      """)
    defer { _ = try? db.query("DROP TABLE \(name)") }
    let values = rows.map { r in
      "(" + r.map { $0.map { "'\($0)'" } ?? "NULL" }.joined(separator: ", ") + ")"
    }
    _ = try db.query("INSERT INTO \(name) VALUES " + values.joined(separator: ", "))
    try body(name, db, connection)
  }

  static func expectSame(_ header: [String], _ got: [[String?]], _ table: SegCore.Table, _ engine: String) {
    #expect(header == table.columnNames, "\(engine)")
    #expect(got.count == table.rowCount, "\(engine)")
    for (k, column) in table.columns.enumerated() {
      for i in 0..<min(got.count, table.rowCount) {
        let cell = k < got[i].count ? got[i][k] : nil
        switch column.data {
        case .integer(let v):
          #expect(cell.flatMap { Int64($0) } == v[i], "\(engine) \(column.name) row \(i)")
        case .decimal(let v):
          if v[i].isNaN {
            #expect(cell == nil, "\(engine) \(column.name) row \(i)")
          } else {
            let g = cell.flatMap { Double($0) } ?? .nan
            #expect(abs(g - v[i]) <= 1e-12, "\(engine) \(column.name) row \(i): \(g) vs \(v[i])")
          }
        case .boolean(let v):
          #expect(engineBoolean(cell) == v[i], "\(engine) \(column.name) row \(i)")
        default:
          #expect(cell == column.text(at: i), "\(engine) \(column.name) row \(i)")
        }
      }
    }
  }

  @Test func pushedDownRFMAgreesOnTheEdgeCases() throws {
    let options = RFMOptions(affinityGroups: 2)
    let local = try Self.local(options)
    #expect(local.table.rowCount == 3)
    #expect(local.report.customersWithOnlyReturns == 1)
    try Self.withTable { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      let remote = try log.rfm(options, statements: &statements)
      #expect(remote.table == local.table)
      #expect(remote.report == local.report)
    }
  }

  @Test func exportedSQLAgreesOnTheEdgeCasesInPostgreSQLAndSQLite() throws {
    let local = try Self.local(RFMOptions(affinityGroups: 2))
    try Self.withTable { name, db, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      let query = try log.query()
      let segments = SegmentMap.allCodes.map { SegmentMap.standard.segment(code: $0) ?? "" }
      let pg = try db.query(query.exportSelect(.postgres, asOf: nil, affinity: 2, segments: segments))
      Self.expectSame(pg.columns, pg.rows, local.table, "postgres")

      let sqlite = try DatabaseQueue()
      let sql = query.exportSelect(.sqlite, asOf: nil, affinity: 2, segments: segments)
        .replacing(name, with: "sales")
      let (header, rows) = try sqlite.write { db -> ([String], [[String?]]) in
        try db.execute(
          sql: """
            CREATE TABLE sales ("InvoiceNo" TEXT, "StockCode" TEXT, "Quantity" INTEGER,
              "InvoiceDate" TEXT, "UnitPrice" REAL, "CustomerID" TEXT)
            """)
        for r in Self.rows {
          var values: [(any DatabaseValueConvertible)?] = r.map { $0 }
          values[2] = r[2].flatMap { Int64($0) }
          values[4] = r[4].flatMap { Double($0) }
          try db.execute(
            sql: "INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?)", arguments: StatementArguments(values))
        }
        var header: [String] = []
        var out: [[String?]] = []
        for row in try Row.fetchAll(db, sql: sql) {
          header = Array(row.columnNames)
          out.append(row.databaseValues.map { v -> String? in
            switch v.storage {
            case .null: nil
            case .int64(let n): String(n)
            case .double(let d): "\(d)"
            case .string(let s): s
            case .blob: "blob"
            }
          })
        }
        return (header, out)
      }
      Self.expectSame(header, rows, local.table, "sqlite")
    }
  }
}
