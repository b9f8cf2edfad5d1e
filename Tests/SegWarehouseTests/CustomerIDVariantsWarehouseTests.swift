import Foundation
import SegCore
import Testing

@testable import SegWarehouse

/// Customer ids written several ways in a PostgreSQL table: the load report warns as a file's
/// does, with the same count and the same pair (byte order, since a table has no row order).
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct CustomerIDVariantsWarehouseTests {
  static let csv = """
    Email,Created at,Name,Total
    bob@example.com,2021-01-05 10:00,#1002,12.00
    ann@example.com,2021-01-04 10:00,#1001,10.00
    C I D@example.com,2021-03-07 10:00,#1006,5.00
    Ann@Example.com,2021-02-04 10:00,#1003,8.00
    Bob@Example.com,2021-03-05 10:00,#1004,5.00
    cid@example.com,2021-03-06 10:00,#1005,5.00
    dan@example.com,2021-03-06 10:00,#1007,5.00

    """

  static func warnings(_ report: LoadReport) -> [String] {
    report.warnings.map(\.description).filter { $0.contains("in other case or spaces") }
  }

  @Test func theServerWarnsAsTheFileLoadDoes() throws {
    let local = try TableLoader.load(text: Self.csv, name: "orders.csv")
    let expected = Self.warnings(local.report)
    #expect(
      expected == [
        "3 Email values are spellings of another Email value in other case or spaces ('Ann@Example.com' and 'ann@example.com'): rfm counts each spelling as a customer of its own; write them alike if they are the same customer"
      ])
    try TestDatabase.withTable(
      "seg_id_variants",
      columns: """
        "Email" text, "Created at" timestamp, "Name" text, "Total" numeric
        """, csv: Self.csv
    ) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      #expect(log.roles[.customer] == "Email")
      #expect(Self.warnings(log.report) == expected)
    }
  }

  @Test func distinctOrNumericIdsSayNothing() throws {
    let csv = """
      customer,date,amount
      ann@example.com,2021-01-04,10
      bob@example.com,2021-01-05,12
      Ä@example.com,2021-01-05,12
      ä@example.com,2021-01-05,12

      """
    try TestDatabase.withTable(
      "seg_id_plain", columns: "customer text, date date, amount numeric", csv: csv
    ) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      #expect(Self.warnings(log.report).isEmpty)
    }
    try TestDatabase.withTable(
      "seg_id_ints", columns: "customer integer, date date, amount numeric",
      csv: "customer,date,amount\n1,2021-01-04,10\n2,2021-01-05,12\n"
    ) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      #expect(Self.warnings(log.report).isEmpty)
      #expect(!statements.contains { $0.contains("translate(") })
    }
  }
}
