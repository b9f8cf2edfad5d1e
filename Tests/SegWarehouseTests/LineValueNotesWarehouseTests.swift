import Foundation
import SegCore
import Testing

@testable import SegWarehouse

/// The notes a local log's rfm writes about its line values (an order's total written on each
/// line, an amount that counts items beside a price, an amount beside quantity × price, money
/// that may be in cents) come from a PostgreSQL log too, counted in the server, with the same
/// words and figures.
@Suite(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
struct LineValueNotesWarehouseTests {
  /// Ta Feng's layout: AMOUNT counts the items, SALES_PRICE is the line's money.
  static let taFengLines = [
    "2000-11-01,1104905,1,35,39", "2000-11-01,1104905,2,94,118", "2000-11-13,418683,1,12,15",
    "2000-11-13,418683,3,210,267", "2000-12-02,1057331,1,80,99", "2000-12-02,1057331,4,240,316",
  ]
  static let taFeng =
    "TRANSACTION_DT,CUSTOMER_ID,AMOUNT,ASSET,SALES_PRICE\n"
    + Array(repeating: taFengLines, count: 5).joined().joined(separator: "\n") + "\n"

  /// A shop export that writes the order's total on each of its lines.
  static let orderTotals = """
    Name,Email,Created at,Total,Lineitem name
    #1001,ann@example.com,2021-01-04 10:00:00,30.00,Mug
    #1001,ann@example.com,2021-01-04 10:00:00,30.00,Tea
    #1002,bob@example.com,2021-01-05 10:00:00,12.50,Mug
    #1002,bob@example.com,2021-01-05 10:00:00,12.50,Pot
    #1002,bob@example.com,2021-01-05 10:00:00,12.50,Tea
    #1003,ann@example.com,2021-02-04 10:00:00,8.00,Mug
    #1003,ann@example.com,2021-02-04 10:00:00,8.00,Cup
    #1004,cid@example.com,2021-03-05 10:00:00,5.00,Tea

    """

  static func lineNotes(_ report: RFMReport) -> [String] {
    report.notes.map(\.description).filter {
      $0.contains("looks like a count of items") || $0.contains("looks like the order's total")
        || $0.contains("lines with all three") || $0.contains("if they are cents")
    }
  }

  func check(_ csv: String, columns: String, prefix: String, expect: String) throws {
    let local = try TableLoader.load(text: csv, name: "\(prefix).csv")
    let options = RFMOptions(asOf: CivilCalendar.parseISO("2022-01-01"))
    let expected = try RFM.compute(local.table, roles: local.roles, options: options)
    let notes = Self.lineNotes(expected.report)
    #expect(notes.count == 1 && notes.first?.hasPrefix(expect) == true, "\(notes)")
    try TestDatabase.withTable(prefix, columns: columns, csv: csv) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      #expect(log.roles.columns == local.roles.columns)
      let remote = try log.rfm(options, statements: &statements)
      #expect(Self.lineNotes(remote.report) == notes)
      #expect(PostgresAgreementTests.compare(expected.table, remote.table) == 0)
    }
  }

  @Test func anAmountThatCountsItems() throws {
    try check(
      Self.taFeng,
      columns: """
        "TRANSACTION_DT" date, "CUSTOMER_ID" bigint, "AMOUNT" numeric, "ASSET" numeric,
        "SALES_PRICE" numeric
        """, prefix: "seg_ta_feng",
      expect: "AMOUNT is a whole number below SALES_PRICE on 30 of the 30 lines with both")
  }

  @Test func anOrderTotalOnEachLine() throws {
    try check(
      Self.orderTotals,
      columns: """
        "Name" text, "Email" text, "Created at" timestamp, "Total" numeric, "Lineitem name" text
        """, prefix: "seg_order_totals",
      expect: "Total is the same on every line of 3 of the 3 invoices with several lines")
  }

  @Test func anAmountBesideQuantityTimesPrice() throws {
    // sales_data_sample's layout: PRICEEACH is capped at 100, SALES is the line's money.
    // Uncapped lines differ by 0.50 in 1,200 or more: rounding (0.05%), not a difference.
    var csv = "ORDERNUMBER,QUANTITYORDERED,PRICEEACH,SALES,ORDERDATE,CUSTOMER_ID\n"
    for k in 0..<24 {
      let quantity = 20 + k
      let unit = k % 3 == 0 ? 130 + k : 60 + k
      csv += "\(10100 + k / 2),\(quantity),\(min(unit, 100)),\(quantity * unit).50,2004-0\(1 + k % 9)-1\(k % 10),\(k % 5)\n"
    }
    try check(
      csv,
      columns: """
        "ORDERNUMBER" integer, "QUANTITYORDERED" integer, "PRICEEACH" numeric, "SALES" numeric,
        "ORDERDATE" date, "CUSTOMER_ID" integer
        """, prefix: "seg_unread_amounts",
      expect: "SALES differs from QUANTITYORDERED × PRICEEACH on 8 of the 24 lines with all three (widest gap: ")
  }

  @Test func moneyThatMayBeCents() throws {
    // Stripe's charges: amounts in cents beside a currency.
    let amounts = [1299, 4500, 999, 2000, 15000]
    var csv = "id,amount,created,currency,customer\n"
    for k in 0..<40 {
      csv += "ch_\(k),\(amounts[k % 5]),2021-0\(1 + k % 9)-1\(k % 10) 10:00:00,usd,cus_\(k % 8)\n"
    }
    try check(
      csv,
      columns: """
        "id" text, "amount" integer, "created" timestamp, "currency" text, "customer" text
        """, prefix: "seg_cents",
      expect: "amount holds whole numbers only, half of them or more 100 or more, beside currency (USD)")
  }

  @Test func noNoteWhereTheChecksDoNotApply() throws {
    // Quantity × price: no amount column, no check, no statement.
    let csv = "customer,date,invoice,quantity,price\n1,2021-01-04,A1,2,3.50\n1,2021-01-04,A1,1,3.50\n"
    try TestDatabase.withTable(
      "seg_no_checks", columns: "customer bigint, date date, invoice text, quantity integer, price numeric",
      csv: csv
    ) { name, _, connection in
      var statements: [String] = []
      let log = try WarehouseLog.open(
        connection, source: .table(name), explicitRoles: [:], statements: &statements)
      statements = []
      let remote = try log.rfm(
        RFMOptions(asOf: CivilCalendar.parseISO("2022-01-01")), statements: &statements)
      #expect(Self.lineNotes(remote.report).isEmpty)
      #expect(!statements.contains { $0.contains("count_like") })
    }
  }
}
