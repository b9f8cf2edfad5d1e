import Foundation
import SegTestSupport
import Testing

@testable import SegCore

/// Exports that write an order's fields on its first line only (issue 13): Shopify's orders
/// export leaves Email and Financial Status empty on an order's other line items, and names the
/// order `#1001` in a column called `Name`. Without filling them, most lines were "no customer
/// id" and a refunded order's other lines counted as purchases, silently.
@Suite struct FirstLineOrderFieldsTests {
  static let shopify = RepositoryPaths.root.appendingPathComponent(
    "Tests/SegEndToEndTests/Shapes/shopify/orders_export_1.csv")

  /// Fills `values` (nil: missing) by invoice and returns the filled values and the count.
  static func fill(_ values: [UInt32?], invoices: [UInt32?], state: inout [UInt32])
    -> ([UInt32?], Int)
  {
    var codes = values.map { $0 ?? Column.missingCode }
    let n = RFMInputs.fillDown(
      &codes, invoices: invoices.map { $0 ?? Column.missingCode }, state: &state)
    return (codes.map { $0 == Column.missingCode ? nil : $0 }, n)
  }

  @Test func aBlankTakesTheValueOfEarlierRowsOfItsInvoice() {
    var state: [UInt32] = []
    let (out, n) = FirstLineOrderFieldsTests.fill(
      [7, nil, nil, 3, nil, nil, 5, nil],
      invoices: [0, 0, 0, 1, 2, nil, 1, 1], state: &state)
    // Invoice 0: 7 fills both blanks. Invoice 2 has no earlier value: left blank. A row without
    // an invoice is left as is. Invoice 1 has two values (3, then 5): its blank stays blank.
    #expect(out == [7, 7, 7, 3, nil, nil, 5, nil])
    #expect(n == 2)
  }

  @Test func theStateCarriesFromBlockToBlock() {
    var state: [UInt32] = []
    _ = FirstLineOrderFieldsTests.fill([4], invoices: [9], state: &state)
    let (out, n) = FirstLineOrderFieldsTests.fill([nil, nil], invoices: [9, 2], state: &state)
    #expect(out == [4, nil])
    #expect(n == 1)
  }

  /// Property: filling a random log in one block or cut into random blocks fills the same rows
  /// with the same values.
  @Test func blocksFillWhatOneBlockFills() {
    var rng = SeededGenerator(seed: 1_313)
    for _ in 0..<200 {
      let rows = Int.random(in: 0...60, using: &rng)
      let invoices: [UInt32?] = (0..<rows).map { _ in
        Int.random(in: 0..<8, using: &rng) == 0 ? nil : UInt32.random(in: 0..<6, using: &rng)
      }
      let values: [UInt32?] = (0..<rows).map { _ in
        Int.random(in: 0..<2, using: &rng) == 0 ? nil : UInt32.random(in: 0..<3, using: &rng)
      }
      var whole: [UInt32] = []
      let (expected, total) = FirstLineOrderFieldsTests.fill(values, invoices: invoices, state: &whole)
      var state: [UInt32] = []
      var got: [UInt32?] = []
      var count = 0
      var start = 0
      while start < rows {
        let end = min(rows, start + Int.random(in: 1...7, using: &rng))
        let (part, n) = FirstLineOrderFieldsTests.fill(
          Array(values[start..<end]), invoices: Array(invoices[start..<end]), state: &state)
        got += part
        count += n
        start = end
      }
      #expect(got == expected)
      #expect(count == total)
    }
  }

  @Test func theShopifyExportIsReadAsOrders() throws {
    let bytes = [UInt8](try Data(contentsOf: FirstLineOrderFieldsTests.shopify))
    let loaded = try TableLoader.load(bytes: bytes, name: "orders_export_1.csv")
    #expect(loaded.roles[.invoice] == "Name")
    #expect(loaded.roles.choices[.invoice]?.words == ["values #1001"])
    #expect(loaded.roles[.customer] == "Email")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.report.rowsWithoutCustomer == 29)  // the lines of the guests' orders
    #expect(
      result.report.notes.map(\.description).contains {
        $0.hasPrefix("573 rows without a customer id took the customer and 589 rows without a Financial Status took the status")
      })
  }

  /// The export's orders oldest first (Shopify lists the newest first, and a log streams only in
  /// date order), each order's lines in their order.
  static func oldestFirst(_ bytes: [UInt8]) -> [UInt8] {
    var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    guard !lines.isEmpty else { return bytes }
    let header = lines.removeFirst()
    var orders: [[String]] = []
    func order(_ line: String) -> Substring { line.prefix { $0 != "," } }
    for line in lines {
      if let first = orders.last?.first, order(first) == order(line) {
        orders[orders.count - 1].append(line)
      } else {
        orders.append([line])
      }
    }
    return Array(([header] + orders.reversed().joined()).joined(separator: "\n").utf8) + [10]
  }

  @Test(arguments: [512, 4_096, 1 << 20])
  func streamedInBlocksItFillsTheSameRows(blockSize: Int) throws {
    let bytes = FirstLineOrderFieldsTests.oldestFirst(
      [UInt8](try Data(contentsOf: FirstLineOrderFieldsTests.shopify)))
    let table = try TableLoader.load(bytes: bytes, name: "orders", blockSize: blockSize)
    let expected = try RFM.compute(table.table, roles: table.roles)
    let streamed = try TableLoader.stream(bytes: bytes, name: "orders", blockSize: blockSize)
    guard case .streamed(let log) = streamed else {
      Issue.record("the export should stream")
      return
    }
    let (result, _) = try LogStreamTests.streamedRFM(bytes, log, RFMOptions(), blockSize: blockSize)
    #expect(result == expected)
  }

  @Test(arguments: [
    ("refunded", true), ("voided", true), ("partially_refunded", false), ("Partially refunded", false),
    ("paid", false), ("teilweise erstattet", false), ("erstattet", true), ("partiellement remboursée", false),
  ])
  func aPartialStatusDoesNotCancel(status: String, cancelled: Bool) {
    #expect(CancellationRule.isCancelledStatus(status) == cancelled, "\(status)")
  }

  @Test(arguments: [("#1001", true), ("#SH-1001", true), ("#", false), ("#abc", false), ("1001", false), ("# 12", false)])
  func orderNumbers(text: String, isOrderNumber: Bool) {
    #expect(SampledKind.isOrderNumber(text) == isOrderNumber, "\(text)")
  }
}

/// The opposite shape (issue 13): an export that writes the order's fields on every line
/// (WooCommerce's `Order Total Amount`), which summing per line counts once per line. rfm cannot
/// tell an order total from equal line values for sure, so it says what it sees and how to name
/// the line's own value.
@Suite struct OrderTotalsOnEveryLineTests {
  static let woo = """
    "Order Number","Order Status","Order Date","Customer Note","Email (Billing)","Order Subtotal Amount","Order Total Amount","SKU","Item Name","Quantity (- Refund)","Item Cost"
    "10231","wc-completed","2022-03-01 10:12","","ann@example.com","45.00","50.00","MUG-1","Mug","1","20.00"
    "10231","wc-completed","2022-03-01 10:12","","ann@example.com","45.00","50.00","BOWL-2","Bowl","1","25.00"
    "10232","wc-refunded","2022-03-02 11:00","","bo@example.com","20.00","25.00","MUG-1","Mug","1","20.00"
    "10233","wc-processing","2022-03-05 09:30","","ann@example.com","40.00","40.00","MUG-1","Mug","2","20.00"
    "10235","wc-completed","2022-03-07 10:00","","bo@example.com","60.00","65.00","MUG-1","Mug","1","20.00"
    "10235","wc-completed","2022-03-07 10:00","","bo@example.com","60.00","65.00","BOWL-2","Bowl","1","40.00"
    "10236","wc-completed","2022-03-08 10:00","","cy@example.com","45.00","45.00","MUG-1","Mug","1","20.00"
    "10236","wc-completed","2022-03-08 10:00","","cy@example.com","45.00","45.00","BOWL-2","Bowl","1","25.00"

    """

  @Test func anOrderTotalOnEveryLineIsNamed() throws {
    let loaded = try TableLoader.load(text: OrderTotalsOnEveryLineTests.woo)
    // The empty Customer Note is no customer; the billing e-mail is.
    #expect(loaded.roles[.customer] == "Email (Billing)")
    #expect(loaded.roles[.amount] == "Order Total Amount")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(
      result.report.notes.map(\.description).contains {
        $0.hasPrefix("Order Total Amount is the same on every line of 3 of the 3 invoices with several lines")
      })
    // Named, the line's own value gives each order once.
    var options = LoadOptions.default
    options.roles[.price] = "Item Cost"
    let named = try TableLoader.load(text: OrderTotalsOnEveryLineTests.woo, options: options)
    let fixed = try RFM.compute(named.table, roles: named.roles)
    #expect(fixed.table.doubles("monetary") == [85, 60, 45])
    #expect(!fixed.report.notes.map(\.description).contains { $0.contains("same on every line") })
  }

  /// Property: counting in random blocks counts what one block counts.
  @Test func blocksCountWhatOneBlockCounts() {
    var rng = SeededGenerator(seed: 99)
    for _ in 0..<200 {
      let rows = Int.random(in: 0...50, using: &rng)
      let invoices: [UInt32] = (0..<rows).map { _ in
        Int.random(in: 0..<10, using: &rng) == 0 ? Column.missingCode : UInt32.random(in: 0..<8, using: &rng)
      }
      let amounts: [Double] = (0..<rows).map { _ in Double(Int.random(in: 1...3, using: &rng)) }
      var whole = RepeatedAmounts()
      whole.add(amounts, invoices: invoices)
      var parts = RepeatedAmounts()
      var start = 0
      while start < rows {
        let end = min(rows, start + Int.random(in: 1...6, using: &rng))
        parts.add(Array(amounts[start..<end]), invoices: Array(invoices[start..<end]))
        start = end
      }
      #expect(parts == whole)
      // The counts against a direct count of the invoices.
      var lines: [UInt32: [Double]] = [:]
      for (i, a) in zip(invoices, amounts) where i != Column.missingCode { lines[i, default: []].append(a) }
      let multi = lines.values.filter { $0.count > 1 }
      #expect(whole.multiLine == multi.count)
      #expect(whole.repeating == multi.filter { Set($0).count == 1 }.count)
    }
  }

  @Test func anEmptyColumnIsAPoorCandidate() throws {
    let roles = try ColumnRoles.detect(
      in: ["Customer Ref", "Client", "Order Date", "Total"], kinds: [.empty, .text, .date, .number])
    #expect(roles[.customer] == "Client")
  }
}
