import Foundation
import Testing

@testable import SegCore

/// Ids written with leading zeros (issue 13): SAP writes customer numbers as `0000012345`,
/// CDNOW as `00004`, and postcodes start with zeros. Read as numbers, `00123` and `123` would
/// become one customer and a join back to the CRM would miss, so such columns are text, and the
/// load summary says why. Number columns (quantities, amounts) are not affected.
@Suite struct ZeroPaddedIdTests {
  /// 40 plain ids first, so that a small block reads them as integers before the first padded
  /// one arrives: the column widens to text.
  static let log: String = {
    var text = "Kunde,Beleg,Datum,Menge,Betrag\n"
    for i in 0..<40 { text += "\(100 + i),\(9000 + i),2023-05-\(String(format: "%02d", i % 28 + 1)),1,2.00\n" }
    text += "00123,9100,2023-06-01,007,5.00\n"
    text += "123,9101,2023-06-02,3,1.50\n"
    text += "0000012345,9102,2023-06-03,1,0.50\n"
    return text
  }()

  @Test(arguments: [64, 1 << 20])
  func paddedIdsAreTextAndStayApart(blockSize: Int) throws {
    let bytes = Array(ZeroPaddedIdTests.log.utf8)
    let loaded = try TableLoader.load(bytes: bytes, name: "sap.csv", blockSize: blockSize)
    #expect(loaded.table["Kunde"]?.type == .text)
    #expect(loaded.table.texts("Kunde").suffix(3) == ["00123", "123", "0000012345"])
    #expect(loaded.table["Menge"]?.type == .integer)
    #expect(loaded.table.ints("Menge").suffix(3) == [7, 3, 1])
    #expect(loaded.table["Beleg"]?.type == .integer)
    #expect(
      loaded.report.notes.contains(
        "Kunde: written with leading zeros (00123), so read as text: 00123 and 123 stay apart"),
      "\(loaded.report.notes)")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    let customers = result.table.texts("customer")
    // 100...139 (123 among them), 00123 and 0000012345.
    #expect(customers.count == 42)
    #expect(customers.contains("00123") && customers.contains("123"))
    #expect(customers.contains("0000012345"))
  }

  @Test func theStreamedLoadSaysTheSame() throws {
    let bytes = Array(ZeroPaddedIdTests.log.utf8)
    let loaded = try TableLoader.load(bytes: bytes, name: "sap.csv", blockSize: 64)
    let streamed = try TableLoader.stream(bytes: bytes, name: "sap.csv", blockSize: 64)
    switch streamed {
    case .streamed(let log): #expect(log.report.summaryText == loaded.report.summaryText)
    case .table(let t): #expect(t.report.summaryText == loaded.report.summaryText)
    }
  }

  @Test func aNamedCustomerColumnKeepsItsZerosToo() throws {
    let text = "client,when,total\n00042,2023-01-02,5.00\n42,2023-01-03,6.00\n17850.0,2023-01-04,1.00\n"
    var options = LoadOptions.default
    options.roles[.customer] = "client"
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "c.csv", options: options)
    #expect(loaded.table.texts("client") == ["00042", "42", "17850.0"])
  }

  @Test func plainIdsStayIntegers() throws {
    // `0` alone, `-0`-free decimals and plain ids are numbers as before.
    let text = "CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice\n0,1,2023-01-02,1,0.50\n17850,2,2023-01-03,2,0.05\n"
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "p.csv")
    #expect(loaded.table["CustomerID"]?.type == .integer)
    #expect(loaded.report.notes.isEmpty)
  }

  @Test(arguments: [
    ("00123", true), ("0", false), ("0.5", false), ("00.5", true), ("-007", true), (" 012 ", true),
    ("+0", false), ("10", false), ("0x1", false), ("", false),
  ])
  func whatCountsAsZeroPadded(text: String, padded: Bool) {
    // A terminating zero byte, so that even the empty text has an address.
    let bytes = Array(text.utf8) + [0]
    let result = bytes.withUnsafeBufferPointer { b in
      b.baseAddress.map { NumberParsing.isZeroPadded($0, bytes.count - 1) }
    }
    #expect(result == padded, "\(text)")
  }
}
