import Foundation
import SegCore
import Testing

@testable import SegWarehouse

/// A payment export in PostgreSQL (Stripe's charges, with `Amount Refunded`): the load report
/// finds the refund column and counts the refunds on lines that are no cancellation as the CSV's
/// load does, and warns the same way.
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct RefundColumnTests {
  static let csv = """
    id,Description,Created,Amount,Amount Refunded,Status,Customer ID
    ch_1,Order 1001,2023-05-02 10:14:22,49.00,0.00,Paid,cus_A1
    ch_2,Order 1002,2023-05-03 11:00:00,120.50,120.50,Refunded,cus_B2
    ch_3,Order 1003,2023-05-03 12:00:00,80.00,0.00,Failed,cus_A1
    ch_4,Order 1004,2023-06-01 09:30:00,1049.99,100.00,Paid,cus_A1
    ch_5,Order 1005,2023-06-02 09:30:00,15.00,,Paid,cus_C3
    ch_6,Order 1006,2023-06-03 09:30:00,15.00,5.00,,cus_C3

    """

  @Test func theServerCountsRefundsAsTheFileLoadDoes() throws {
    let local = try TableLoader.load(text: Self.csv, name: "charges.csv")
    #expect(local.report.refundColumn == "Amount Refunded")
    // ch_2 is refunded whole (set aside by its status); ch_4's and ch_6's refunds count as spent.
    #expect(local.report.refundedRows == 2)

    try TestDatabase.withTable(
      "seg_refunds",
      columns: """
        "id" text, "Description" text, "Created" timestamp, "Amount" numeric,
        "Amount Refunded" numeric, "Status" text, "Customer ID" text
        """, csv: Self.csv
    ) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      #expect(log.roles[.amount] == "Amount")
      #expect(log.report.cancellationRule == local.report.cancellationRule)
      #expect(log.report.refundColumn == "Amount Refunded")
      #expect(log.report.refundedRows == local.report.refundedRows)
      let warning = { (report: LoadReport) in
        report.warnings.map(\.description).filter { $0.contains("holds refunds") }
      }
      #expect(warning(log.report) == warning(local.report))
      #expect(warning(log.report).first?.hasPrefix("Amount Refunded holds refunds on 2 rows") == true)
    }
  }
}
