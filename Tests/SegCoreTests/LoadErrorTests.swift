import Foundation
import SegCore
import Testing

/// Every kind of bad input gives a typed error with its code, line and column, never a crash.
@Suite struct LoadErrorTests {
  func error(
    _ text: String,
    _ options: LoadOptions = .default,
    blockSize: Int = TableLoader.defaultBlockSize
  )
    -> LoadError?
  {
    error(Array(text.utf8), options, blockSize: blockSize)
  }

  func error(
    _ bytes: [UInt8],
    _ options: LoadOptions = .default,
    blockSize: Int = TableLoader.defaultBlockSize
  )
    -> LoadError?
  {
    do {
      _ = try TableLoader.load(
        bytes: bytes,
        name: "bad.csv",
        options: options,
        blockSize: blockSize
      )
      return nil
    } catch {
      return error
    }
  }

  func fileError(_ path: String) -> LoadError? {
    do {
      _ = try TableLoader.load(path: path)
      return nil
    } catch {
      return error
    }
  }

  @Test func missingFile() {
    let e = fileError("/nonexistent/x.csv")
    #expect(e?.code == .missingFile)
    #expect(
      e?.description
        == "/nonexistent/x.csv: no such file '/nonexistent/x.csv'; check the path"
    )
  }

  @Test func directory() {
    #expect(fileError("/tmp")?.code == .unreadableFile)
  }

  @Test(arguments: ["", "   \n\n", "\u{FEFF}"])
  func emptyFile(text: String) {
    #expect(error(text)?.code == .emptyFile)
  }

  @Test(arguments: ["a,b,c\n", "a,b,c", "a,b,c\n\n\n"])
  func headerOnly(text: String) {
    let e = error(text)
    #expect(e?.code == .headerOnly)
    #expect(e?.line == 1)
  }

  @Test func raggedRowWithTooManyFields() {
    let e = error("a,b\n1,2\n3,4,5\n6,7\n")
    #expect(e?.code == .raggedRow)
    #expect(e?.line == 3)
    #expect(e?.column == 3)
    #expect(
      e?.description
        == "bad.csv:3:3: row has 3 fields, the header has 2; quote fields that contain the delimiter (comma), or give the delimiter setting"
    )
  }

  @Test func raggedRowWithTooFewFieldsFarIntoTheFile() {
    var text = "a,b,c\n"
    for i in 0..<5000 { text += "\(i),x,y\n" }
    text += "1,2\n"
    for blockSize in [TableLoader.defaultBlockSize, 1000] {
      let e = error(text, blockSize: blockSize)
      #expect(e?.code == .raggedRow)
      #expect(e?.line == 5002)
      #expect(e?.column == 3)
    }
  }

  @Test func unterminatedQuote() {
    let e = error("a,b,c\n1,2,3\n4,\"open,6\n7,8,9\n")
    #expect(e?.code == .unterminatedQuote)
    #expect(e?.line == 3)
    #expect(e?.column == 2)
  }

  @Test func nonNumericQuantityNamesLineColumnAndKeepsTheValueOutOfTheDescription() {
    let text = "InvoiceNo,Quantity,UnitPrice\n1,6,2.5\n2,six,2.5\n"
    for blockSize in [TableLoader.defaultBlockSize, 64] {
      let e = error(text, blockSize: blockSize)
      #expect(e?.code == .nonNumericValue)
      #expect(e?.line == 3)
      #expect(e?.column == 2)
      #expect(e?.columnName == "Quantity")
      #expect(e?.value == "six")
      #expect(e?.description.contains("six") == false)
      #expect(e?.expandedDescription.contains("'six'") == true)
    }
  }

  @Test func dateThatFitsNoFormat() {
    let e = error("InvoiceDate,CustomerID\n2010-12-01 08:26:00,1\nyesterday,2\n")
    #expect(e?.code == .unparseableDate)
    #expect(e?.line == 3)
    #expect(e?.column == 1)
    #expect(e?.hint?.settings == [.dateFormat])
  }

  @Test func ambiguousDatesAskForADateFormat() {
    let e = error("date,customer\n01/02/2011,1\n03/04/2011,2\n")
    #expect(e?.code == .ambiguousDate)
    #expect(e?.column == 1)
    // The patterns follow the column's layout: these dates have no time.
    #expect(e?.hint?.parts.contains(.setting(.dateFormat, value: "\"%d/%m/%Y\"")) == true)
    #expect(e?.hint?.parts.contains(.setting(.dateFormat, value: "\"%m/%d/%Y\"")) == true)
  }

  @Test func datesMixingDayFirstAndMonthFirst() {
    let e = error("date,customer\n13/02/2011,1\n02/13/2011,2\n")
    #expect(e?.code == .unparseableDate)
    #expect(e?.line == 3)
  }

  @Test func dateNotMatchingTheGivenFormat() {
    let e = error("date,customer\n2011-02-13,1\n", LoadOptions(dateFormat: DateFormat("%d/%m/%Y")))
    #expect(e?.code == .unparseableDate)
    #expect(e?.line == 2)
  }

  @Test func missingRoleColumnSuggestsTheNearestName() {
    let e = error(
      "Invoice,Customer ID,Price\n1,2,3\n",
      LoadOptions(roles: [.customer: "Custmer ID"])
    )
    #expect(e?.code == .missingRoleColumn)
    #expect(e?.line == 1)
    #expect(
      e?.message == "no column 'Custmer ID' for the customer role; columns: Invoice, Customer ID, Price"
    )
    #expect(e?.hint == "did you mean 'Customer ID'?")
  }

  @Test func duplicateColumnNames() {
    let e = error("a,b,a\n1,2,3\n")
    #expect(e?.code == .duplicateColumnName)
    #expect(e?.line == 1)
    #expect(e?.column == 3)
    #expect(e?.columnName == "a")
  }

  @Test func binaryFile() {
    let e = error([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x0A, 0x01])
    #expect(e?.code == .binaryFile)
    #expect(e?.line == 1)
  }

  /// A file with the ZIP signature is read as a workbook; a broken one says so.
  @Test func aTruncatedZipIsAnInvalidWorkbook() {
    let e = error([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x0A, 0x01])
    #expect(e?.code == .invalidWorkbook)
    #expect(e?.message.contains("no ZIP central directory") == true)
  }

  /// UTF-16 with a byte order mark is read as text: a header alone is a header-only file, as in
  /// UTF-8, and a UTF-16 file without its mark holds NUL bytes, which is a binary file.
  @Test func utf16File() {
    #expect(error([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])?.code == .headerOnly)
    #expect(error([0x61, 0x00, 0x0A, 0x00, 0x62, 0x00])?.code == .binaryFile)
  }

  @Test func truncatedGzip() throws {
    let gz = try [UInt8](
      Data(contentsOf: URL(fileURLWithPath: Fixture.path("retail_sample.csv.gz")))
    )
    #expect(error(Array(gz.prefix(gz.count / 2)))?.code == .invalidCompressedData)
    var corrupt = gz
    for i in 20..<60 { corrupt[i] ^= 0x5A }
    #expect(error(corrupt)?.code == .invalidCompressedData)
  }

  @Test func rfmNamesAMissingRole() throws {
    let loaded = try TableLoader.load(text: "customer,amount\n1,5\n")
    #expect(throws: RFMError.self) { try RFM.compute(loaded.table, roles: loaded.roles) }
    do {
      _ = try RFM.compute(loaded.table, roles: loaded.roles)
    } catch {
      #expect(error.code == .missingRole)
      #expect(error.message.hasPrefix("no date column"))
    }
  }

  @Test func rfmRefusesATextDate() throws {
    let loaded = try TableLoader.load(text: "customer,amount,when\n1,5,soon\n")
    var roles = loaded.roles
    roles[.date] = "when"
    do {
      _ = try RFM.compute(loaded.table, roles: roles)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .wrongColumnType)
      #expect(error.column == "when")
    }
  }
}
