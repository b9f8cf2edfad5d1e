import Foundation
import Testing

@testable import SegCore

/// Report exports that end in a footer (eBay's orders report: a blank line, `315 record(s)
/// downloaded`, `Seller ID : ...`; a spreadsheet's `Total` line): the footer is left out of the
/// rows and named in a warning, at any block size, in memory and streamed. A short row among the
/// rows, or a last row cut short without a blank line or a label before it, stays an error.
@Suite struct ReportFooterTests {
  static let rows = (1...40).map { i in
    "\"\(i)\",\"0\(i % 9 + 1)-12345-\(10000 + i)\",\"buyer\(i % 7)@example.com\",\"Jan-\(String(format: "%02d", i % 28 + 1))-21\",\"$\(i).50\""
  }
  static let ebay =
    "\n\"Sales Record Number\",\"Order Number\",\"Buyer Email\",\"Sale Date\",\"Total Price\"\n"
    + rows.joined(separator: "\n")
    + "\n\n\"40\",\"record(s) downloaded\",\"from Jan-01-21 to Jan-31-21\"\n\"Seller ID : shop\"\n"

  @Test(arguments: [64, 256, 4096, 1 << 20])
  func aFooterAfterABlankLineIsLeftOutAndNamed(blockSize: Int) throws {
    let bytes = Array(Self.ebay.utf8)
    let loaded = try TableLoader.load(bytes: bytes, name: "orders.csv", blockSize: blockSize)
    #expect(loaded.table.rowCount == 40)
    #expect(loaded.report.rows == 40)
    #expect(
      loaded.report.warnings.map(\.description) == [
        "the last 2 lines, from line 44 (\"40\",\"record(s) downloaded\",\"from Jan-01-21 to Jan-31-21\"), have fewer fields than the header: read as a footer, not rows"
      ])
    #expect(loaded.table.ints("Sales Record Number").last == 40)
    let streamed = try TableLoader.stream(bytes: bytes, name: "orders.csv", blockSize: blockSize)
    switch streamed {
    case .streamed(let log): #expect(log.report.summaryText == loaded.report.summaryText)
    case .table(let table): #expect(table.report.summaryText == loaded.report.summaryText)
    }
  }

  @Test func aLabelledTotalLineUnderNumbersIsAFooter() throws {
    let loaded = try TableLoader.load(text: "id,amount,qty\n1,2.50,3\n4,5.00,6\nTotal,7.50\n")
    #expect(loaded.table.rowCount == 2)
    #expect(
      loaded.report.warnings.map(\.description) == [
        "line 4 (Total,7.50) has fewer fields than the header and ends the file: read as a footer, not a row"
      ])
  }

  @Test(arguments: [
    // A short row among the rows.
    "a,b,c\n1,2,3\n4,5\n6,7,8\n",
    // A last row cut short: no blank line before it, and no label.
    "a,b,c\n1,2,3\n4,5,6\n7,8\n",
    "a,b,c\nx1,2,3\nx4,5,6\nx7,8",
    // Eleven short lines are more than a footer.
    "a,b,c\n1,2,3\n\n" + String(repeating: "note,1\n", count: 11),
    // A long line at the end is no footer either.
    "a,b,c\n1,2,3\n\nx,y,z,w\n",
  ])
  func shortRowsThatAreNoFooterStayErrors(text: String) {
    #expect(throws: LoadError.self) { try TableLoader.load(text: text) }
    do {
      _ = try TableLoader.load(text: text)
    } catch {
      #expect(error.code == .raggedRow)
    }
  }

  /// A file longer than the first block (64 KiB): the footer falls in a later block, or is
  /// split between two, at every block size; a short row earlier in such a file is an error.
  @Test func aFooterInALaterBlockIsStillAFooter() throws {
    let rows = (1...6000).map { "\($0),\($0 % 97).25,\($0 % 5 + 1)" }.joined(separator: "\n")
    // Eight footer lines (~330 bytes), so that blocks of 100 to 333 bytes end inside them.
    let footer = (1...7).map { "\"Report line \($0) of the export, for the seller\"\n" }.joined()
    let text = "id,amount,qty\n" + rows + "\n\n\"6000\",\"record(s) downloaded\"\n" + footer
    let bytes = Array(text.utf8)
    #expect(bytes.count > 1 << 16)
    for blockSize in [100, 111, 123, 137, 150, 333, 1000, 4096, 1 << 16] {
      let loaded = try TableLoader.load(bytes: bytes, name: "report.csv", blockSize: blockSize)
      #expect(loaded.table.rowCount == 6000, "\(blockSize)")
      #expect(
        loaded.report.warnings.first?.description
          == "the last 8 lines, from line 6003 (\"6000\",\"record(s) downloaded\"), have fewer fields than the header: read as a footer, not rows",
        "\(blockSize)")
      let streamed = try TableLoader.stream(bytes: bytes, name: "report.csv", blockSize: blockSize)
      switch streamed {
      case .streamed(let log): #expect(log.report.summaryText == loaded.report.summaryText)
      case .table(let table): #expect(table.report.summaryText == loaded.report.summaryText)
      }
    }
    // The same short row with rows after it is an error, wherever the blocks end.
    let middle = "id,amount,qty\n" + rows + "\n\n\"6000\",\"record(s) downloaded\"\n" + rows + "\n"
    for blockSize in [333, 4096, 1 << 16] {
      #expect(throws: LoadError.self) {
        try TableLoader.load(bytes: Array(middle.utf8), name: "report.csv", blockSize: blockSize)
      }
    }
  }

  @Test func aFooterSplitAcrossPiecesIsStillOneFooter() throws {
    // Blocks of 64 bytes put piece boundaries inside the footer.
    let text =
      "id,amount,qty\n" + (1...200).map { "\($0),\($0).25,1" }.joined(separator: "\n")
      + "\n\nTotal,20100.00\nRows,200\nExported by,till 4\n"
    for blockSize in [64, 100, 1 << 16] {
      let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "till.csv", blockSize: blockSize)
      #expect(loaded.table.rowCount == 200, "\(blockSize)")
      #expect(loaded.report.warnings.first?.description.hasPrefix("the last 3 lines, from line 203 (Total,20100.00)") == true, "\(blockSize)")
    }
  }
}

/// Rows whose every field is empty (`,,,,`, what a spreadsheet saved as CSV writes for formatted
/// rows below its table) are skipped like blank lines, at any block size, and the load summary
/// says how many.
@Suite struct EmptyRowTests {
  @Test func rowsOfEmptyFieldsAreSkippedAndNoted() throws {
    let rows = (1...60).map { "O\($0),c\($0 % 7),2021-01-\(String(format: "%02d", $0 % 28 + 1)),\($0).25,," }
    let text =
      "Order,Customer,Date,Amount,,\n" + rows.prefix(30).joined(separator: "\n") + "\n,,,,,\n"
      + rows.dropFirst(30).joined(separator: "\n") + "\n,,,,,\r\n,,,,,\n"
    for blockSize in [64, 200, 1 << 16] {
      let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "sheet.csv", blockSize: blockSize)
      #expect(loaded.table.rowCount == 60, "\(blockSize)")
      #expect(loaded.report.rowsWithoutCustomer == 0, "\(blockSize)")
      #expect(loaded.report.duplicateRows == 0, "\(blockSize)")
      #expect(loaded.report.notes.contains("3 rows with every field empty skipped, as blank lines are"), "\(blockSize)")
      let streamed = try TableLoader.stream(bytes: Array(text.utf8), name: "sheet.csv", blockSize: blockSize)
      switch streamed {
      case .streamed(let log): #expect(log.report.summaryText == loaded.report.summaryText)
      case .table(let table): #expect(table.report.summaryText == loaded.report.summaryText)
      }
    }
  }
}
