import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegWarehouse

/// `rfm` pushed down into PostgreSQL gives the customer table `rfm` gives on the CSV: integers
/// and texts equal, money within 1e-9 (sums run in another order in the server).
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct PostgresAgreementTests {
  /// The CSV, loaded once for the suite.
  static let csv: Result<LoadedTable, LoadError> = Result {
    () throws(LoadError) -> LoadedTable in try TableLoader.load(path: RepositoryPaths.exampleData.path)
  }

  static func local(_ options: RFMOptions) throws -> RFMResult {
    let loaded = try csv.get()
    return try RFM.compute(loaded.table, roles: loaded.roles, options: options)
  }

  static func pushedDown(_ options: RFMOptions, table: String = "sales") throws -> (RFMResult, [String]) {
    let text = try #require(TestDatabase.connection)
    let connection = try #require(ConnectionString(text))
    var statements: [String] = []
    let log = try WarehouseLog.open(
      connection, source: .table(table), explicitRoles: [:], statements: &statements)
    statements = []
    let result = try log.rfm(options, statements: &statements)
    return (result, statements)
  }

  /// Compares two customer tables cell by cell; returns the largest money difference.
  static func compare(_ a: Table, _ b: Table) -> Double {
    #expect(a.columnNames == b.columnNames)
    #expect(a.rowCount == b.rowCount)
    var worst = 0.0
    for (ca, cb) in zip(a.columns, b.columns) {
      switch (ca.data, cb.data) {
      case (.integer(let x), .integer(let y)):
        #expect(x == y, "column \(ca.name)")
      case (.decimal(let x), .decimal(let y)):
        for (u, v) in zip(x, y) {
          if u.isNaN || v.isNaN {
            #expect(u.isNaN && v.isNaN, "column \(ca.name)")
          } else {
            let d = abs(u - v) / max(1, abs(u))
            worst = max(worst, d)
            #expect(d <= 1e-9, "column \(ca.name): \(u) vs \(v)")
          }
        }
      case (.boolean(let x), .boolean(let y)):
        #expect(x == y, "column \(ca.name)")
      case (.category, .category):
        #expect((0..<a.rowCount).map { ca.text(at: $0) } == (0..<b.rowCount).map { cb.text(at: $0) }, "column \(ca.name)")
      default:
        Issue.record("column \(ca.name) has types \(ca.type) and \(cb.type)")
      }
    }
    return worst
  }

  @Test func theUCIDataInPostgreSQLGivesTheCSVsCustomerTable() throws {
    let options = RFMOptions(asOf: CivilCalendar.parseISO("2011-12-10"))
    let local = try Self.local(options)
    let (remote, statements) = try Self.pushedDown(options)
    #expect(remote.table.rowCount == 4338)
    _ = Self.compare(local.table, remote.table)
    #expect(remote.report == local.report)
    #expect(statements.last?.hasPrefix("COPY (") == true)
  }

  /// The C-prefix rule is decided from the invoice values' shapes, counted in the server: the
  /// same rule, reason and counts as the CSV's load, with one query that returns a few rows.
  @Test func theCancellationRuleIsDecidedAsForTheFile() throws {
    let text = try #require(TestDatabase.connection)
    let connection = try #require(ConnectionString(text))
    var statements: [String] = []
    let log = try WarehouseLog.open(
      connection, source: .table("sales"), explicitRoles: [:], statements: &statements)
    let local = try Self.csv.get()
    #expect(log.report.cancellationRule == local.report.cancellationRule)
    #expect(log.report.cancellationRule?.description.hasPrefix("invoices starting with C (C") == true)
    #expect(log.report.cancellations == local.report.cancellations)
    #expect(!statements.contains { $0.contains("ORDER BY 1 LIMIT 200000") })
  }

  @Test func theDefaultAsOfAndAPastAsOfAgreeToo() throws {
    for options in [
      RFMOptions(), RFMOptions(asOf: CivilCalendar.parseISO("2011-06-01"), affinityGroups: 2),
    ] {
      let local = try Self.local(options)
      let (remote, _) = try Self.pushedDown(options)
      _ = Self.compare(local.table, remote.table)
      #expect(remote.report == local.report)
    }
  }
}
