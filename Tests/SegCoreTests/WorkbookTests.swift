import Foundation
import SegCore
import Testing

/// Excel workbooks: every kind of cell against openpyxl's reading of the same workbook
/// (`scripts/make_xlsx_fixtures.py`), the same summary and rfm as the CSV holding the same data,
/// sheets, errors, and damaged archives that must fail cleanly.
@Suite struct WorkbookTests {
  static func path(_ name: String) -> String { Fixture.path("xlsx/" + name) }

  func load(_ name: String, sheet: String? = nil, _ options: LoadOptions = .default) throws
    -> LoadedTable
  {
    var options = options
    options.sheet = sheet
    return try TableLoader.load(path: WorkbookTests.path(name), options: options)
  }

  @Test(arguments: [
    ("kinds.xlsx", "Cells"), ("kinds.xlsx", "Second"), ("kinds.xlsx", "Inline"),
    ("date1904.xlsx", "Mac"),
  ])
  func sheetsReadAsOpenpyxlReadsThem(file: String, sheet: String) throws {
    let seg = try load(file, sheet: sheet)
    let base = String(file.dropLast(5))
    let oracle = try TableLoader.load(path: WorkbookTests.path("\(base).\(sheet).expected.csv"))
    #expect(seg.table == oracle.table)
    #expect(seg.roles == oracle.roles)
    #expect(seg.report.sheet == sheet)
  }

  @Test func theFirstSheetIsTheDefault() throws {
    let first = try load("kinds.xlsx")
    #expect(first.report.sheet == "Cells")
    #expect(first.report.summaryText.hasPrefix(
      WorkbookTests.path("kinds.xlsx") + ": 5 rows, 10 columns (Excel workbook, sheet 'Cells')"))
  }

  @Test func cellKindsHaveTheirTypes() throws {
    let t = try load("kinds.xlsx").table
    #expect(t["integer"]?.type == .integer)
    #expect(t["decimal"]?.type == .decimal)
    #expect(t["day"]?.type == .datetime)
    #expect(t["when"]?.type == .datetime)
    #expect(t["custom"]?.type == .datetime)
    #expect(t.texts("text") == ["plain", "Rich bold text", nil, "sparse", "'apostrophe'"])
    #expect(t.texts("note").last == "x")
    #expect(t.ints("custom").first == CivilCalendar.parseISO("2011-02-13 17:05:09"))
  }

  @Test func aWorkbookGivesTheSummaryAndRFMOfTheSameCSV() throws {
    let xlsx = try load("retail_sample.xlsx")
    let csv = try TableLoader.load(path: Fixture.path("retail_sample.csv"))
    let a = xlsx.report.summaryText.split(separator: "\n").dropFirst()
    let b = csv.report.summaryText.split(separator: "\n").dropFirst()
    #expect(Array(a) == Array(b))
    #expect(xlsx.report.summaryText.hasSuffix(csv.report.summaryText.split(separator: "\n").dropFirst().joined(separator: "\n")))
    let options = RFMOptions(asOf: CivilCalendar.parseISO("2011-12-10"))
    let r1 = try RFM.compute(xlsx.table, roles: xlsx.roles, options: options).table
    let r2 = try RFM.compute(csv.table, roles: csv.roles, options: options).table
    #expect(r1 == r2)
  }

  @Test func workbookBytesAndStreamingGiveTheSameTable() throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: WorkbookTests.path("retail_sample.xlsx"))))
    let fromFile = try load("retail_sample.xlsx")
    let fromBytes = try TableLoader.load(bytes: bytes, name: "retail_sample.xlsx", blockSize: 4096)
    #expect(fromBytes.table == fromFile.table)
    guard case .table(let streamed) = try TableLoader.stream(bytes: bytes, name: "retail_sample.xlsx")
    else {
      Issue.record("a workbook is loaded into memory, not streamed")
      return
    }
    #expect(streamed.table == fromFile.table)
  }

  @Test func sheetsAreFoundByNameIgnoringCase() throws {
    let second = try load("kinds.xlsx", sheet: "second")
    #expect(second.table.ints("customer") == [12346, 12347])
  }

  @Test func aMissingSheetListsTheSheetsAndSuggestsTheNearest() throws {
    let error = try #require(throws: LoadError.self, performing: { try load("kinds.xlsx", sheet: "Secnd") })
    #expect(error.code == .missingSheet)
    #expect(error.message.contains("'Cells', 'Second', 'Inline'"))
    #expect(error.hint == "did you mean \(setting: .sheet, "\"Second\"")?")
  }

  @Test func headerFalseReadsTheFirstRowAsData() throws {
    // Names without a role, so the header row read as data is text, not a bad amount.
    var options = LoadOptions(columnNames: ["id", "label"])
    options.sheet = "Second"
    let t = try TableLoader.load(path: WorkbookTests.path("kinds.xlsx"), options: options).table
    #expect(t.rowCount == 3)
    #expect(t.texts("id") == ["customer", "12346", "12347"])
  }

  @Test func aBadValueNamesItsCell() throws {
    let error = try #require(
      throws: LoadError.self,
      performing: { try load("kinds.xlsx", sheet: "Cells", LoadOptions(roles: [.quantity: "text"])) })
    #expect(error.code == .nonNumericValue)
    #expect(error.line == 2 && error.column == 2)
    #expect(error.message.hasSuffix("(cell Cells!B2)"))
  }

  /// A ZIP archive without a workbook's parts is files zipped together: its one file is read as
  /// text (here a one-line `readme.txt`, so the load stops there and names it).
  @Test func aZipThatIsNotAWorkbookIsReadAsTheFileItHolds() throws {
    let error = try #require(throws: LoadError.self, performing: { try load("not_a_workbook.zip") })
    #expect(error.code == .headerOnly)
    #expect(error.message.hasSuffix("(in readme.txt)"))
  }

  @Test func aTruncatedWorkbookIsAnError() throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: WorkbookTests.path("kinds.xlsx"))))
    let error = try #require(
      throws: LoadError.self,
      performing: { try TableLoader.load(bytes: Array(bytes.prefix(bytes.count / 2)), name: "cut.xlsx") })
    #expect(error.code == .invalidWorkbook)
    #expect(error.file == "cut.xlsx")
  }

  /// Random byte changes anywhere in a workbook: every load ends in a table or a LoadError,
  /// never a crash (the fuzz target `xlsx` does the same with libFuzzer's inputs).
  @Test func damagedWorkbooksFailCleanly() throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: WorkbookTests.path("kinds.xlsx"))))
    var g = SeededGenerator(seed: 13)
    var failures = 0
    for _ in 0..<300 {
      var damaged = bytes
      for _ in 0..<(1 + g.nextInt(below: 4)) {
        damaged[g.nextInt(below: damaged.count)] = UInt8(truncatingIfNeeded: g.next())
      }
      let problem = FuzzEntryPoints.xlsx(damaged)
      #expect(problem == nil)
      if (try? TableLoader.load(bytes: damaged, name: "d.xlsx")) == nil { failures += 1 }
    }
    #expect(failures > 0)
  }

  @Test func columnLettersAndReferences() {
    #expect(WorkbookTests.letters(0) == "A")
    #expect(WorkbookTests.letters(25) == "Z")
    #expect(WorkbookTests.letters(26) == "AA")
    #expect(WorkbookTests.letters(16_383) == "XFD")
  }

  static func letters(_ column: Int) -> String {
    var n = column + 1
    var s = ""
    while n > 0 {
      s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s
      n = (n - 1) / 26
    }
    return s
  }

  /// The 541,909-row Online Retail workbook that `scripts/bench_xlsx` writes, when present.
  @Test func theFullOnlineRetailWorkbookMatchesItsCSV() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let big = root.appendingPathComponent("bench-data/online_retail.xlsx").path
    guard FileManager.default.fileExists(atPath: big) else {
      // Skipped: run scripts/bench_xlsx to write it.
      return
    }
    let xlsx = try TableLoader.load(path: big)
    let csv = try TableLoader.load(path: root.appendingPathComponent("examples/data/online_retail.csv.gz").path)
    #expect(xlsx.table.rowCount == 541_909)
    #expect(
      Array(xlsx.report.summaryText.split(separator: "\n").dropFirst())
        == Array(csv.report.summaryText.split(separator: "\n").dropFirst()))
  }
}

