import Foundation
import Testing

@testable import SegCore

/// Reports grouped by their first column (``GroupedReport``), as QuickBooks' "Sales by Customer
/// Detail" saves them as CSV: the names are filled down, the name and total rows left out, and
/// every total checked against its rows.
@Suite struct GroupedReportTests {
  /// QuickBooks Online's layout: title lines, a blank first header field, a name row per
  /// customer, `Total for` rows, a grand `TOTAL`, blank lines and an `Accrual basis` footer. A
  /// customer whose name begins with `Total` is a group like any other.
  static let quickBooks = """
    Sales by Customer Detail
    Craig's Design and Landscaping Services
    "January 1 - December 31, 2021"

    ,Date,Transaction Type,Num,Product/Service,Qty,Sales Price,Amount,Balance
    Amy's Bird Sanctuary,,,,,,,,
    ,01/05/2021,Invoice,1001,Design,2,75.00,150.00,150.00
    ,02/10/2021,Invoice,1010,Lighting,1,45.00,45.00,195.00
    Total for Amy's Bird Sanctuary,,,,,,,"$195.00",
    Bill's Windsurf Shop,,,,,,,,
    ,03/15/2021,Invoice,1020,Gardening,3,30.00,90.00,90.00
    ,04/20/2021,Sales Receipt,1030,Rocks,1,"1,200.00","1,200.00","1,290.00"
    Total for Bill's Windsurf Shop,,,,,,,"$1,290.00",
    Total Wine & More,,,,,,,,
    ,04/21/2021,Invoice,1031,Rocks,1,10.00,10.00,10.00
    Total for Total Wine & More,,,,,,,$10.00,
    TOTAL,,,,,,,"$1,495.00",
    ,,,,,,,,


    "Accrual basis Tuesday, January 4, 2022 10:12 AM GMT-08:00"

    """

  @Test func namesAreFilledDownAndTotalsLeftOut() throws {
    let loaded = try TableLoader.load(bytes: Array(Self.quickBooks.utf8), name: "qb.csv")
    let table = loaded.table
    // The blank header is named after what the title says the report is grouped by.
    #expect(table.columnNames.first == "Customer")
    #expect(loaded.roles[.customer] == "Customer")
    #expect(table.rowCount == 5)
    #expect(
      (0..<5).map { table["Customer"]?.text(at: $0) } == [
        "Amy's Bird Sanctuary", "Amy's Bird Sanctuary", "Bill's Windsurf Shop",
        "Bill's Windsurf Shop", "Total Wine & More",
      ])
    #expect(table["Amount"]?.doubles == [150, 45, 90, 1200, 10])
    // `Transaction Type` (Invoice, Sales Receipt) is a kind, not an order number.
    #expect(loaded.roles[.invoice] == nil)
    #expect(
      loaded.report.notes.contains(
        "a report grouped by Customer: 3 names filled down into their rows and left out as rows, with 4 total rows"
      ))
    #expect(
      loaded.report.notes.contains(
        "4 totals of the report checked: each matches the sum of its rows"))
    #expect(!loaded.report.summaryText.contains("column_1"))
    // RFM as the rows say: a purchase is a customer's day.
    let rfm = try RFM.compute(table, roles: loaded.roles)
    let customers = rfm.table
    let monetary = customers["monetary"]?.doubles ?? []
    let names = (0..<customers.rowCount).compactMap { customers["customer"]?.text(at: $0) }
    #expect(
      Dictionary(uniqueKeysWithValues: zip(names, monetary)) == [
        "Amy's Bird Sanctuary": 195, "Bill's Windsurf Shop": 1290, "Total Wine & More": 10,
      ])
  }

  /// The same rows in 64-byte blocks, and asked to stream: the same table (a grouped report is
  /// read into memory).
  @Test func theResultDoesNotDependOnTheBlockSizeOrStreaming() throws {
    let bytes = Array(Self.quickBooks.utf8)
    let whole = try TableLoader.load(bytes: bytes, name: "qb.csv")
    let small = try TableLoader.load(bytes: bytes, name: "qb.csv", blockSize: 64)
    #expect(small.table == whole.table)
    #expect(small.report.summaryText == whole.report.summaryText)
    guard case .table(let streamed) = try TableLoader.stream(bytes: bytes, name: "qb.csv", blockSize: 64)
    else {
      Issue.record("a grouped report should be loaded into memory")
      return
    }
    #expect(streamed.table == whole.table)
  }

  /// The same report exported to Excel: its title rows are rows of one cell, which the sheet
  /// reader writes as they are for the loader to skip (scripts/make_xlsx_fixtures.py).
  @Test func theReportExportedToExcelLoadsAlike() throws {
    let loaded = try TableLoader.load(path: WorkbookTests.path("grouped_report.xlsx"), name: "qb.xlsx")
    #expect(loaded.table.columnNames.first == "Customer")
    #expect(loaded.roles[.customer] == "Customer")
    #expect(
      (0..<loaded.table.rowCount).map { loaded.table["Customer"]?.text(at: $0) } == [
        "Amy's Bird Sanctuary", "Amy's Bird Sanctuary", "Bill's Windsurf Shop",
        "Bill's Windsurf Shop",
      ])
    #expect(loaded.table["Amount"]?.doubles == [150, 45, 90, 1200])
    #expect(loaded.report.notes.contains("3 totals of the report checked: each matches the sum of its rows"))
    #expect(
      loaded.report.warnings.map { "\($0)" }.contains {
        $0.hasPrefix("lines 1–4, from Craig's Design and Landscaping Services, are above the header")
      })
  }

  /// A total that is not the sum of its rows (a filtered or cut report) is a warning that names it.
  @Test func aTotalThatDoesNotMatchIsAWarning() throws {
    let text = Self.quickBooks.replacingOccurrences(of: "\"$195.00\"", with: "\"$205.00\"")
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "qb.csv")
    let warnings = loaded.report.warnings.map { "\($0)" }
    #expect(
      warnings.contains {
        $0.hasPrefix("1 of 4 totals of the report does not match the sum of its rows (Total for Amy's Bird Sanctuary: Amount 205.00, the rows sum to 195.00)")
      }, "\(warnings)")
  }

  /// A header that names the first column keeps its name; a title without `by` gives `group`.
  @Test func theGroupingColumnsName() throws {
    let named = "Customer,Date,Amount\nA1,,\n,2021-01-05,3.50\n,2021-01-06,4.00\nTotal for A1,,7.50\nB2,,\n,2021-01-07,1.00\nTotal B2,,1.00\n"
    let loaded = try TableLoader.load(bytes: Array(named.utf8), name: "g.csv")
    #expect(loaded.table.columnNames == ["Customer", "Date", "Amount"])
    #expect((0..<3).map { loaded.table["Customer"]?.text(at: $0) } == ["A1", "A1", "B2"])
    let untitled = "Sales 2021\n\n,Date,Amount\nA1,,\n,2021-01-05,3.50\nTotal for A1,,3.50\n"
    let group = try TableLoader.load(bytes: Array(untitled.utf8), name: "g.csv")
    #expect(group.table.columnNames == ["group", "Date", "Amount"])
    #expect(GroupedReport.columnName(fromTitles: ["Sales by Product/Service Summary"]) == "Product/Service")
    #expect(GroupedReport.columnName(fromTitles: ["Umsatz nach Kunde"]) == nil)
  }

  /// A pivot table exported in tabular form (Excel, LibreOffice, a BI tool): each customer on
  /// the first row of its group only, sorted, with `NAME Total` rows and a `Grand Total`.
  static let pivot = """
    Customer,Invoice Date,Invoice,Amount
    Ann Lee,2021-01-04,1001,10.00
    ,2021-02-01,1005,20.00
    ,2021-03-11,1011,5.50
    Ann Lee Total,,,35.50
    Bob Roe,2021-01-05,1002,12.00
    ,2021-03-02,1007,8.00
    Bob Roe Total,,,20.00
    Cid Poe,2021-02-05,1003,7.00
    Cid Poe Total,,,7.00
    Grand Total,,,62.50

    """

  @Test func aPivotTablesLabelsAreFilledDown() throws {
    let loaded = try TableLoader.load(bytes: Array(Self.pivot.utf8), name: "pivot.csv")
    let table = loaded.table
    #expect(loaded.roles[.customer] == "Customer")
    #expect(
      (0..<table.rowCount).map { table["Customer"]?.text(at: $0) } == [
        "Ann Lee", "Ann Lee", "Ann Lee", "Bob Roe", "Bob Roe", "Cid Poe",
      ])
    #expect(table["Amount"]?.doubles == [10, 20, 5.5, 12, 8, 7])
    #expect(
      loaded.report.notes.contains(
        "Customer is written on each group's first row only (a pivot table's layout): 3 blank rows took the Customer above them, and 4 total rows were left out"
      ), "\(loaded.report.notes)")
    #expect(loaded.report.notes.contains("4 totals of the report checked: each matches the sum of its rows"))
    // In small blocks and when asked to stream, the same table.
    #expect(try TableLoader.load(bytes: Array(Self.pivot.utf8), name: "pivot.csv", blockSize: 64).table == table)
    guard case .table(let streamed) = try TableLoader.stream(bytes: Array(Self.pivot.utf8), name: "pivot.csv", blockSize: 64)
    else {
      Issue.record("a pivot table's export should be loaded into memory")
      return
    }
    #expect(streamed.table == table)
    let result = try RFM.compute(table, roles: loaded.roles)
    #expect(result.table.rowCount == 3)
  }

  /// Logs that only look alike are read as they are: guests with no customer id (whole invoices
  /// with a blank first column), a `Total` product, a name row without totals; and, for a pivot
  /// table, guests below a customer in a log whose customers come back or are not sorted, or
  /// below an invoice.
  @Test(arguments: [
    "CustomerID,InvoiceDate,Amount\n17850,2010-12-01,3.5\n,2010-12-01,2\n,2010-12-02,1\n13047,2010-12-02,4\nTotal,2010-12-03,5\n",
    "Customer,Date,Amount\nA1,,\n,2021-01-05,3.50\nB2,,\n,2021-01-06,1.00\n",
    "Product,Date,Amount\nTotal,2021-01-05,3.50\nBox,2021-01-06,1.00\n",
    "Customer,Date,Amount\nAnn,2021-01-04,10\n,2021-01-05,2\n,2021-01-06,1\nBob,2021-01-07,4\n,2021-01-08,3\nAnn,2021-01-09,5\n",
    "Customer,Date,Amount\nBob,2021-01-04,10\n,2021-01-05,2\n,2021-01-06,1\nAnn,2021-01-07,4\n,2021-01-08,3\n",
    "Customer,Date,Amount\nAnn,2021-01-04,10\n,2021-01-05,2\nBob,2021-01-07,4\nCid,2021-01-08,3\nDan,2021-01-09,3\nEve,2021-01-10,3\n",
    "Invoice,Date,Amount\n1001,2021-01-04,10\n,2021-01-05,2\n,2021-01-06,1\n1002,2021-01-07,4\n,2021-01-08,3\n",
  ])
  func logsThatOnlyLookAlikeAreReadAsTheyAre(text: String) throws {
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "l.csv")
    #expect(
      !loaded.report.notes.contains { $0.hasPrefix("a report grouped by") || $0.contains("pivot table") })
    #expect(loaded.table.rowCount == text.split(separator: "\n").count - 1)
  }
}

/// Containers and binary formats an export comes in.
@Suite struct ArchivesAndBinaryFormatsTests {
  /// A ZIP archive of files written in a temporary directory.
  func zip(_ files: [(String, String)]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-zip-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var archive: [UInt8] = []
    var central: [UInt8] = []
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * UInt32($0)) & 0xFF) } }
    for (name, text) in files {
      let data = Array(text.utf8)
      let crc = ZipArchiveTestsCRC.crc32(data)
      let offset = archive.count
      let nameBytes = Array(name.utf8)
      archive += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(crc)
        + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(nameBytes.count) + le16(0)
        + nameBytes + data
      central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
        + le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(nameBytes.count)
        + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + nameBytes
    }
    let centralOffset = archive.count
    archive += central
    archive += le32(0x0605_4B50) + le16(0) + le16(0) + le16(files.count) + le16(files.count)
      + le32(UInt32(central.count)) + le32(UInt32(centralOffset)) + le16(0)
    let path = dir.appendingPathComponent("orders.zip").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(archive))
    return path
  }

  static let csv = "customer,date,amount\na,2021-01-05,3.50\nb,2021-01-06,4.00\n"

  @Test func aZippedCSVLoadsAsTheCSVItHolds() throws {
    let path = try zip([("export/orders.csv", Self.csv)])
    let loaded = try TableLoader.load(path: path, name: "orders.zip")
    #expect(loaded.table["amount"]?.doubles == [3.5, 4.0])
    #expect(loaded.report.notes.first == "read export/orders.csv from the ZIP archive")
    let plain = try TableLoader.load(text: Self.csv)
    #expect(loaded.table == plain.table)
  }

  @Test func anArchiveOfSeveralFilesNeedsSheet() throws {
    let path = try zip([("orders.csv", Self.csv), ("__MACOSX/._orders.csv", "x"), ("items.csv", "a,b\n1,2\n")])
    let error = try #require(throws: LoadError.self) { try TableLoader.load(path: path, name: "o.zip") }
    #expect(error.code == .missingSheet)
    #expect(error.message == "'o.zip' is a ZIP archive of 2 files, so seg does not know which to read")
    var options = LoadOptions.default
    options.sheet = "items.csv"
    let items = try TableLoader.load(path: path, name: "o.zip", options: options)
    #expect(items.table.columnNames == ["a", "b"])
    options.sheet = "nope.csv"
    #expect(throws: LoadError.self) { try TableLoader.load(path: path, name: "o.zip", options: options) }
  }

  /// An error inside the zipped file names it, with its own line.
  @Test func errorsNameTheFileInTheArchive() throws {
    let path = try zip([("orders.csv", "customer,date,amount\na,2021-01-05,3.50,9\n")])
    let error = try #require(throws: LoadError.self) { try TableLoader.load(path: path, name: "o.zip") }
    #expect(error.code == .raggedRow && error.line == 2)
    #expect(error.message.hasSuffix("(in orders.csv)"))
  }

  @Test(arguments: [
    ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "an Excel 97–2003 workbook (.xls)"),
    (Array("PAR1".utf8) + [0x15, 0, 0x15], "a Parquet file"),
    (Array("SQLite format 3".utf8) + [0, 0x10], "an SQLite database"),
  ] as [([UInt8], String)])
  func binaryFormatsAreNamed(bytes: [UInt8], what: String) throws {
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(bytes: bytes, name: "f")
    }
    #expect(error.code == .binaryFile)
    #expect(error.message.hasPrefix("'f' is \(what)"), "\(error.message)")
  }
}

/// CRC-32 (IEEE), bit by bit, for the archives the tests write.
enum ZipArchiveTestsCRC {
  static func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in data {
      crc ^= UInt32(b)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
