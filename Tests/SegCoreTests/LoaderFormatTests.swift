import Foundation
import SegCore
import Testing

/// Formats the loader reads: both naming schemes, Latin-1 with US dates, whitespace-separated
/// order-level logs with compact dates, gzip, and block seams.
@Suite struct LoaderFormatTests {
  static let asOf = CivilCalendar.parseISO("2011-12-10")

  func load(_ name: String, _ options: LoadOptions = .default) throws -> LoadedTable {
    try TableLoader.load(path: Fixture.path(name), options: options)
  }

  func rfm(_ loaded: LoadedTable) throws -> Table {
    try RFM.compute(
      loaded.table,
      roles: loaded.roles,
      options: RFMOptions(asOf: LoaderFormatTests.asOf)
    ).table
  }

  @Test func theSampleMatchesTheOracle() throws {
    let seg = try rfm(load("retail_sample.csv"))
    let oracle = try load("rfm_retail_sample.csv").table
    try expectSameRFM(seg, oracle)
  }

  @Test func onlineRetailIINamesLoadWithoutOptions() throws {
    let ii = try load("retail_ii_sample.csv")
    #expect(ii.roles[.invoice] == "Invoice")
    #expect(ii.roles[.price] == "Price")
    #expect(ii.roles[.customer] == "Customer ID")
    #expect(ii.roles[.date] == "InvoiceDate")
    #expect(try rfm(ii) == rfm(load("retail_sample.csv")))
  }

  @Test func latin1CopyWithUSDatesLoadsTheSameValues() throws {
    let latin = try load("retail_latin1_us.csv")
    let utf8 = try load("retail_sample.csv")
    #expect(latin.report.encoding == .windows1252)
    #expect(latin.report.encodingFallback)
    #expect(latin.report.warnings.first?.contains("not valid UTF-8") == true)
    #expect(latin.report.summaryText.contains("Windows-1252 fallback"))
    #expect(latin.table["InvoiceDate"]?.type == .datetime)
    #expect(latin.table.ints("InvoiceDate") == utf8.table.ints("InvoiceDate"))
    #expect(latin.table.texts("Description") == utf8.table.texts("Description"))
    #expect(utf8.table.texts("Description").contains { $0?.contains("£") == true })
    #expect(try rfm(latin) == rfm(utf8))
  }

  @Test func forcedLatin1EncodingReadsTheSameText() throws {
    let latin = try load("retail_latin1_us.csv", LoadOptions(encoding: .latin1))
    #expect(latin.report.encoding == .latin1 && !latin.report.encodingFallback)
    #expect(
      latin.table.texts("Description") == (try load("retail_sample.csv")).table.texts("Description")
    )
  }

  @Test func whitespaceOrderLevelLogWithCompactDates() throws {
    let orders = try load("orders_whitespace.txt")
    #expect(orders.report.delimiter == .whitespace)
    #expect(orders.roles[.invoice] == "order_id" && orders.roles[.amount] == "amount")
    #expect(orders.table["order_date"]?.type == .datetime)
    let byOrder = try rfm(orders)
    let byLine = try rfm(load("retail_sample.csv"))
    #expect(byOrder.ints("customer") == byLine.ints("customer"))
    for name in ["recency", "frequency", "tenure"] {
      #expect(byOrder.ints(name) == byLine.ints(name), "\(name)")
    }
    let a = byOrder.doubles("monetary")
    let b = byLine.doubles("monetary")
    #expect(a.indices.allSatisfy { abs(a[$0] - b[$0]) < 1e-6 })
    #expect(byOrder["items"] == nil && byOrder["distinct_products"] == nil)
  }

  @Test func gzipAndPlainGiveTheSameTable() throws {
    let gz = try load("retail_sample.csv.gz")
    let plain = try load("retail_sample.csv")
    #expect(gz.report.isCompressed && !plain.report.isCompressed)
    #expect(gz.table == plain.table)
  }

  @Test(arguments: [97, 512, 4096, 65_536])
  func smallBlocksGiveTheSameTable(blockSize: Int) throws {
    let bytes = try [UInt8](
      Data(contentsOf: URL(fileURLWithPath: Fixture.path("retail_sample.csv")))
    )
    let whole = try TableLoader.load(bytes: bytes, name: "sample")
    let blocked = try TableLoader.load(bytes: bytes, name: "sample", blockSize: blockSize)
    #expect(blocked.table == whole.table)
    #expect(blocked.report == whole.report)
  }

  @Test func strayQuotesInUnquotedFieldsSurviveBlockSplits() throws {
    var text = "id,name,qty\n"
    for i in 0..<400 { text += "\(i),\(i % 7 == 0 ? "5\" NAIL" : "\"A, B\"\"C\"\"\""),\(i)\n" }
    let whole = try TableLoader.load(text: text)
    #expect(whole.table.rowCount == 400)
    #expect(whole.table.texts("name")[0] == "5\" NAIL")
    #expect(whole.table.texts("name")[1] == "A, B\"C\"")
    for size in [64, 300, 1000] {
      let blocked = try TableLoader.load(bytes: Array(text.utf8), name: "t", blockSize: size)
      #expect(blocked.table == whole.table, "block size \(size)")
    }
  }

  @Test func rfc4180QuotingLineBreaksAndCRLF() throws {
    let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"line\r\nbreak\"\r\n2,\"say \"\"hi\"\"\",\r\n\r\n3,,z"
    let t = try TableLoader.load(text: text).table
    #expect(t.columnNames == ["a", "b", "c"])
    #expect(t.ints("a") == [1, 2, 3])
    #expect(t.texts("b") == ["x, y", "say \"hi\"", nil])
    #expect(t.texts("c") == ["line\r\nbreak", nil, "z"])
  }

  @Test(arguments: [
    (";", Delimiter.semicolon), ("\t", Delimiter.tab),
    ("|", Delimiter.character(UInt8(ascii: "|"))),
  ])
  func otherDelimitersAreSniffed(separator: String, expected: Delimiter) throws {
    let text =
      ["id", "name", "price"].joined(separator: separator) + "\n"
      + ["1", "a,b", "2.5"].joined(separator: separator) + "\n"
      + ["2", "c", "3"].joined(separator: separator) + "\n"
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.report.delimiter == expected)
    #expect(loaded.table.texts("name") == ["a,b", "c"])
    #expect(loaded.table.doubles("price") == [2.5, 3])
  }

  @Test func delimiterOptionOverridesSniffing() throws {
    let loaded = try TableLoader.load(text: "a;b\n1;2\n", options: LoadOptions(delimiter: .comma))
    #expect(loaded.table.columnNames == ["a;b"])
  }

  @Test func typesAreInferred() throws {
    let text = """
      i,d,t,s,iso,us,dayfirst,empty,mixed
      1,1.5,2010-12-01 08:26:00,x,2010-12-01,12/13/2010 8:26,13/12/2010 08:26,,1
      -2,3,2011-01-02 10:00:00,y,2011-01-02,2/1/2011 10:00,01/02/2011 10:00,,a

      """
    let t = try TableLoader.load(text: text).table
    #expect(
      t.columns.map(\.type) == [
        .integer, .decimal, .datetime, .text, .datetime, .datetime, .datetime, .text, .text,
      ]
    )
    #expect(t.ints("us") == t.ints("dayfirst"))
    #expect(
      t.ints("us").first.map { $0.map { CivilCalendar.isoText(seconds: $0) } }
        == "2010-12-13 08:26:00"
    )
    #expect(t.texts("mixed") == ["1", "a"])
  }

  @Test func integersBecomeTextAcrossBlocksExactly() throws {
    var text = "invoice,x\n"
    for i in 0..<300 { text += "\(536_365 + i),\(i)\n" }
    text += "C536999,1\n"
    let t = try TableLoader.load(bytes: Array(text.utf8), name: "t", blockSize: 256).table
    #expect(t["invoice"]?.type == .text)
    #expect(t.texts("invoice").first == "536365")
    #expect(t.texts("invoice").last == "C536999")
  }

  @Test func nonCanonicalIntegersBecomingTextKeepTheirBytes() throws {
    var text = "code,x\n"
    for i in 0..<300 { text += "00\(i),\(i)\n" }
    text += "AB,1\n"
    let t = try TableLoader.load(bytes: Array(text.utf8), name: "t", blockSize: 256).table
    #expect(t.texts("code").first == "000")
    #expect(t.texts("code")[150] == "00150")
  }

  @Test func decimalsBecomingTextInALaterBlockKeepTheirBytes() throws {
    var text = "weight,x\n"
    for i in 0..<300 { text += "\(i).50,\(i)\n" }
    text += "heavy,1\n"
    let t = try TableLoader.load(bytes: Array(text.utf8), name: "t", blockSize: 256).table
    #expect(t["weight"]?.type == .text)
    #expect(t.texts("weight").first == "0.50")
    #expect(t.texts("weight").last == "heavy")
  }

  /// A null token in a later block leaves a number column a number column, with a gap.
  @Test func nullTokensInALaterBlockKeepANumberColumn() throws {
    var text = "weight,x\n"
    for i in 0..<300 { text += "\(i).50,\(i)\n" }
    text += "NULL,1\n#N/A,2\n"
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "t", blockSize: 256)
    #expect(loaded.table["weight"]?.type == .decimal)
    #expect(loaded.table["weight"]?.doubles?.suffix(2).allSatisfy(\.isNaN) == true)
    #expect(loaded.report.notes.contains("weight: 2 values written NULL or the like read as missing"))
  }

  /// A report's title above its header (QuickBooks, Xero, a saved Excel report) is skipped and
  /// named; errors still name the file's own lines.
  @Test func titleLinesAboveTheHeaderAreSkipped() throws {
    let report = """
      Acme Housewares Ltd,,,,
      Sales by Customer Detail,,,,
      "January - March 2021",,,,
      ,,,,
      Customer,Invoice,Date,Quantity,Price
      C1,I1,2021-01-05,2,15.00
      C2,I2,2021-01-07,1,20.00

      """
    let loaded = try TableLoader.load(bytes: Array(report.utf8), name: "r.csv")
    #expect(loaded.table.columnNames == ["Customer", "Invoice", "Date", "Quantity", "Price"])
    #expect(loaded.table.rowCount == 2)
    #expect(
      loaded.report.warnings.map(\.description) == [
        "lines 1–4, from Acme Housewares Ltd, are above the header: skipped, as a report's title"
      ])
    // A title with the delimiter in it, and a bad price two lines below the header: line 5.
    let titled = "Sales, January 2021\nCustomer,Invoice,Date,Quantity,Price\nC1,I1,2021-01-05,2,15.00\nC2,I2,2021-01-07,1,cheap\n"
    do {
      _ = try TableLoader.load(bytes: Array(titled.utf8), name: "t.csv")
      Issue.record("the bad price loaded")
    } catch {
      #expect(error.line == 4)
      #expect(error.column == 5)
    }
    // The first line is the header when it has names: a ragged first row is an error, not a
    // header to skip.
    #expect(throws: LoadError.self) {
      try TableLoader.load(bytes: Array("a,b,c,d,e\n1,2,3,4,5,6\n1,2,3,4,5,6\n".utf8), name: "x")
    }
    // Quoted fields with the delimiter in them count as one field: the header of two names
    // over rows of two fields is the header (CSVWriterTests found this).
    let quoted = "col 0_z,\"col 1 \"\"q\"\"\"\n-6.5,\" Q,Bç\"\n1.5,\"k,a\"\n2.5,w\n"
    let kept = try TableLoader.load(bytes: Array(quoted.utf8), name: "q")
    #expect(kept.table.columnNames == ["col 0_z", "col 1 \"q\""])
    #expect(kept.table.rowCount == 3)
    // A header with one name over padded fields is still the header: the line below is data.
    let padded = try TableLoader.load(
      bytes: Array("Customer,,,\n12345,2021-01-01,3,4.5\n12346,2021-01-02,3,4.5\n".utf8), name: "p")
    #expect(padded.table.rowCount == 2)
    #expect(padded.report.warnings.allSatisfy { !$0.description.contains("above the header") })
  }

  /// The lines looked at for a title are the same whatever the block size (the csv fuzz target
  /// found a file whose title was seen in one 16 MiB block but not in 64-byte blocks).
  @Test func titleLinesDoNotDependOnTheBlockSize() throws {
    let text =
      "Invoicce\neNo;Quantity;Invo1;2;01/12/2010 08:26;2,5iceDate;UnitPrice;CustomerID\n"
      + "1;2;01/12/2010 08:26;2,55;17850\n2@3;13/12/2010 09:00;1,5;178512"
    let small = try TableLoader.load(bytes: Array(text.utf8), name: "f", blockSize: 64)
    let large = try TableLoader.load(bytes: Array(text.utf8), name: "f")
    #expect(small.table == large.table)
    #expect(small.report.warnings == large.report.warnings)
  }

  /// Excel's `sep=;` first line names the delimiter and is no header.
  @Test func excelsSeparatorLineNamesTheDelimiter() throws {
    let text = "sep=;\r\nCustomer;Date;Amount\r\n1;2021-01-05;3,50\r\n2;2021-01-06;4,00\r\n"
    let loaded = try TableLoader.load(bytes: Array(text.utf8), name: "s.csv")
    #expect(loaded.report.delimiter == .semicolon)
    #expect(loaded.table.columnNames == ["Customer", "Date", "Amount"])
    #expect(loaded.table["Amount"]?.doubles == [3.5, 4.0])
    #expect(loaded.report.notes.contains("line 1 (sep=;) is Excel's line naming the delimiter: skipped"))
  }

  /// Amounts with the currency as shops write it locally: forint, złoty, koruna, krona, leu.
  @Test func localCurrencySymbolsAreStripped() throws {
    let forint = "customer;date;amount\nA;2021-01-05;1 234,56 Ft\nB;2021-01-06;12,50 Ft\n"
    let loaded = try TableLoader.load(bytes: Array(forint.utf8), name: "c.csv")
    #expect(loaded.table["amount"]?.doubles == [1234.56, 12.5])
    let zloty = "customer;date;amount\nA;2021-01-05;1 234,56 zł\nB;2021-01-06;12,50 zł\n"
    #expect(
      try TableLoader.load(bytes: Array(zloty.utf8), name: "z.csv").table["amount"]?.doubles
        == [1234.56, 12.5])
    let kronor = "customer;date;amount\nA;2021-01-05;45,00 kr\nB;2021-01-06;99 kr\n"
    #expect(
      try TableLoader.load(bytes: Array(kronor.utf8), name: "k.csv").table["amount"]?.doubles
        == [45, 99])
  }

  @Test func ambiguousDatesOutsideTheDateColumnStayText() throws {
    let loaded = try TableLoader.load(text: "id,seen\n1,01/02/2011\n2,03/04/2011\n")
    #expect(loaded.table["seen"]?.type == .text)
    #expect(loaded.table.texts("seen") == ["01/02/2011", "03/04/2011"])
  }

  @Test func textThatUsuallyFollowsTheColumnBeforeIsStillReadExactly() throws {
    var text = "code,name\n"
    for i in 0..<3000 {
      text += "P\(i % 5),\(i % 7 == 0 ? "other \(i % 3)" : "name of P\(i % 5)")\n"
    }
    let t = try TableLoader.load(text: text).table
    let names = t.texts("name")
    for i in 0..<3000 { #expect(names[i] == (i % 7 == 0 ? "other \(i % 3)" : "name of P\(i % 5)")) }
  }

  @Test func customerIdsWrittenAsDecimalsAreIntegers() throws {
    let t = try TableLoader.load(text: "CustomerID,v\n17850.0,1\n,2\n12346.0,3\n").table
    #expect(t["CustomerID"]?.type == .integer)
    #expect(t.ints("CustomerID") == [17850, nil, 12346])
  }

  @Test func dateFormatOptionReadsAmbiguousDates() throws {
    let text = "date,customer,amount\n01/02/2011,1,5\n03/04/2011,2,6\n"
    let dayFirst = try TableLoader.load(
      text: text,
      options: LoadOptions(dateFormat: DateFormat("%d/%m/%Y"))
    )
    #expect(
      dayFirst.table.ints("date").first.map {
        $0.map { CivilCalendar.isoText(seconds: $0, includeTime: false) }
      } == "2011-02-01"
    )
    let monthFirst = try TableLoader.load(
      text: text,
      options: LoadOptions(dateFormat: DateFormat("%m/%d/%Y"))
    )
    #expect(
      monthFirst.table.ints("date").first.map {
        $0.map { CivilCalendar.isoText(seconds: $0, includeTime: false) }
      } == "2011-01-02"
    )
  }

  @Test(arguments: [
    ("%Y%m%d", "20101201", "2010-12-01 00:00:00"),
    ("%d.%m.%Y %H:%M", "01.12.2010 08:26", "2010-12-01 08:26:00"),
    ("%d %b %Y %I:%M %p", "1 Dec 2010 8:26 PM", "2010-12-01 20:26:00"),
    ("%m/%d/%y", "12/1/10", "2010-12-01 00:00:00"),
  ])
  func dateFormatsParse(pattern: String, value: String, expected: String) throws {
    let format = try #require(DateFormat(pattern))
    #expect(format.parse(value).map { CivilCalendar.isoText(seconds: $0) } == expected)
  }

  @Test func explicitRolesOverrideDetection() throws {
    let text = "who,when,spend,bill\n1,2011-01-01,5,a\n"
    let loaded = try TableLoader.load(
      text: text,
      options: LoadOptions(roles: [
        .customer: "who", .date: "when", .amount: "spend", .invoice: "bill",
      ])
    )
    #expect(loaded.roles[.customer] == "who" && loaded.roles[.amount] == "spend")
    let rfm = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(rfm.table.rowCount == 1)
  }

  @Test(arguments: [true, false])
  func duplicatesAreCountedInAnyRowOrder(sorted: Bool) throws {
    var rows = (0..<200).map {
      "\($0 % 50),2011-01-0\(1 + $0 % 3) 10:00:00,\($0 % 7 == 0 ? "" : "x")"
    }
    if !sorted {
      rows.reverse()
    } else {
      rows.sort { $0.split(separator: ",")[1] < $1.split(separator: ",")[1] }
    }
    let loaded = try TableLoader.load(text: "id,InvoiceDate,note\n" + rows.joined(separator: "\n"))
    let distinct = Set(rows).count
    #expect(loaded.report.duplicateRows == 200 - distinct)
    #expect(loaded.report.duplicateRows > 0)
  }

  @Test func reportSummaryIsDeterministicAndAligned() throws {
    let loaded = try load("retail_sample.csv")
    let text = loaded.report.summaryText
    #expect(text == (try load("retail_sample.csv")).report.summaryText)
    let lines = text.split(separator: "\n")
    #expect(
      lines.first?.hasPrefix(
        Fixture.path("retail_sample.csv") + ": 3,048 rows, 8 columns (UTF-8, comma-separated)"
      ) == true
    )
    #expect(lines.contains { $0.hasPrefix("  column ") && $0.contains("missing  role") })
    #expect(lines.contains("  InvoiceNo    text            0  invoice      invoice"))
  }
}

/// Compares an RFM table with an oracle table: integers exactly, money within 1e-6.
func expectSameRFM(_ seg: Table, _ oracle: Table, sourceLocation: SourceLocation = #_sourceLocation)
  throws
{
  #expect(seg.columnNames == oracle.columnNames, sourceLocation: sourceLocation)
  for column in seg.columns {
    switch column.data {
    case .integer:
      #expect(
        seg.ints(column.name) == oracle.ints(column.name),
        "\(column.name)",
        sourceLocation: sourceLocation
      )
    case .decimal:
      let a = seg.doubles(column.name)
      let b = oracle.doubles(column.name)
      try #require(a.count == b.count)
      let bad = a.indices.filter { !(a[$0].isNaN && b[$0].isNaN) && !(abs(a[$0] - b[$0]) <= 1e-6) }
      #expect(
        bad.isEmpty,
        "\(column.name): \(bad.count) rows differ",
        sourceLocation: sourceLocation
      )
    default:
      #expect(
        seg.texts(column.name) == oracle.texts(column.name),
        "\(column.name)",
        sourceLocation: sourceLocation
      )
    }
  }
}
