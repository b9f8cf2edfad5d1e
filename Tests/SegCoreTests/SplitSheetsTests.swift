import Foundation
import SegCore
import Testing

/// A log split over sheets with the same header (the UCI site's Online Retail II workbook:
/// `Year 2009-2010`, `Year 2010-2011`): without `sheet=` they are read one after the other as
/// one log, and sheets of another header are named as not read. The fixtures and the oracle
/// (the two sheets' rows as openpyxl reads them, under one header) come from
/// `scripts/make_xlsx_fixtures.py`.
@Suite struct SplitSheetsTests {
  static func path(_ name: String) -> String { Fixture.path("xlsx/" + name) }

  @Test func sheetsWithTheSameHeaderAreOneLog() throws {
    let seg = try TableLoader.load(path: Self.path("split_sheets.xlsx"))
    let oracle = try TableLoader.load(path: Self.path("split_sheets.expected.csv"))
    #expect(seg.table == oracle.table)
    #expect(seg.roles == oracle.roles)
    #expect(seg.report.sheet == "Year 2009-2010")
    #expect(seg.report.joinedSheets == ["Year 2010-2011"])
    #expect(seg.report.unreadSheets == ["Notes"])
    let summary = seg.report.summaryText
    #expect(
      summary.hasPrefix(
        Self.path("split_sheets.xlsx")
          + ": 24 rows, 8 columns (Excel workbook, sheets 'Year 2009-2010' and 'Year 2010-2011')"))
    #expect(summary.contains("note: the workbook's 2 sheets have the same header: read one after the other as one log, starting with 'Year 2009-2010'"))
    #expect(summary.contains("note: not read: the workbook's other sheet 'Notes', whose first rows differ from this sheet's header"))
    // The rest of the summary is the oracle CSV's.
    let rest = { (s: String) in s.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("note: the workbook") && !$0.hasPrefix("note: not read") } }
    #expect(rest(summary) == rest(oracle.report.summaryText))
    let options = RFMOptions(asOf: CivilCalendar.parseISO("2011-12-10"))
    #expect(
      try RFM.compute(seg.table, roles: seg.roles, options: options).table
        == RFM.compute(oracle.table, roles: oracle.roles, options: options).table)
  }

  @Test func sheetReadsOneAlone() throws {
    var options = LoadOptions.default
    options.sheet = "Year 2010-2011"
    let one = try TableLoader.load(path: Self.path("split_sheets.xlsx"), options: options)
    #expect(one.table.rowCount == 12)
    #expect(one.report.joinedSheets.isEmpty && one.report.unreadSheets.isEmpty)
    #expect(one.report.summaryText.contains("(Excel workbook, sheet 'Year 2010-2011')"))
  }

  /// An error in a later sheet names that sheet's cell, in memory and from bytes in small
  /// blocks alike.
  @Test func anErrorNamesTheCellOfItsSheet() throws {
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(path: Self.path("split_sheets_bad.xlsx"))
    }
    #expect(error.message.hasSuffix("(cell Year 2010-2011!D4)"), "\(error.message)")
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.path("split_sheets_bad.xlsx"))))
    let small = try #require(throws: LoadError.self) {
      try TableLoader.load(bytes: bytes, name: "split_sheets_bad.xlsx", blockSize: 64)
    }
    #expect(small.message.hasSuffix("(cell Year 2010-2011!D4)"), "\(small.message)")
  }
}
