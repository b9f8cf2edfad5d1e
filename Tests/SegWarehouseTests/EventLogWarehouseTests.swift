import Foundation
import SegCore
import Testing

@testable import SegWarehouse

/// An event log in PostgreSQL (Retail Rocket's layout): the server finds the event column from
/// its distinct values as the file's load does, and the pushed-down RFM keeps only the purchase
/// events, giving the file's customer table.
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct EventLogWarehouseTests {
  static let csv = """
    event_time,visitorid,event,itemid,transactionid,price
    2015-06-02 05:00:01,257597,view,355908,,10.50
    2015-06-02 06:00:00,111016,view,5206,,3.00
    2015-06-02 07:00:00,111016,addtocart,5206,,3.00
    2015-06-02 08:00:00,257597,transaction,355908,4000,10.50
    2015-06-03 09:00:00,992329,transaction,248676,4001,7.25
    2015-06-03 09:00:00,992329,transaction,5206,4001,3.00
    2015-06-04 10:00:00,992329,view,248676,,7.25
    2015-06-05 11:00:00,257597,transaction,5206,4002,3.00

    """

  @Test func theServerKeepsOnlyThePurchasesAsTheFileDoes() throws {
    let local = try TableLoader.load(text: Self.csv, name: "events.csv")
    #expect(local.roles.cancellation?.rule == .events("event"))
    let options = RFMOptions(asOf: CivilCalendar.parseISO("2015-06-06"))
    let expected = try RFM.compute(local.table, roles: local.roles, options: options)
    // Two customers bought: 257597 (10.50 + 3.00), 992329 (7.25 + 3.00).
    #expect(expected.table.rowCount == 2)

    try TestDatabase.withTable(
      "seg_events",
      columns: """
        "event_time" timestamp, "visitorid" bigint, "event" text, "itemid" bigint,
        "transactionid" bigint, "price" numeric
        """, csv: Self.csv
    ) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      #expect(log.roles.cancellation?.rule == .events("event"))
      #expect(log.report.cancellationRule == local.report.cancellationRule)
      #expect(log.report.cancellations == local.report.cancellations)
      statements = []
      let remote = try log.rfm(options, statements: &statements)
      #expect(PostgresAgreementTests.compare(expected.table, remote.table) == 0)
      #expect(remote.report.otherLinesText == expected.report.otherLinesText)
      #expect(remote.report.otherLines == expected.report.otherLines)
    }
  }
}
