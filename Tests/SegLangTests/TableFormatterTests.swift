import SegCore
import Testing

@testable import SegLang

@Suite struct TableFormatterTests {
  let table = Table(columns: [
    Column(name: "id", data: .integer([1, 22, Column.missingInteger])),
    Column(name: "name", data: .text(["a, b", "say \"hi\"", nil])),
    Column(name: "value", data: .decimal([0.5, 1234.56789, .nan])),
    Column(name: "day", data: .datetime([0, 86_400, Column.missingInteger])),
  ])

  @Test func textTableAlignsNumbersRight() {
    #expect(TableFormatter().render(table) == """
      id  name          value  day
      --  --------  ---------  ----------
       1  a, b            0.5  1970-01-01
      22  say "hi"  1234.5679  1970-01-02

      """ + "\n")
  }

  @Test func boxTableDrawsAFrame() {
    #expect(TableFormatter(format: .box).render(table, limit: 2) == """
      ┌────┬──────────┬───────────┬────────────┐
      │ id │ name     │     value │ day        │
      ├────┼──────────┼───────────┼────────────┤
      │  1 │ a, b     │       0.5 │ 1970-01-01 │
      │ 22 │ say "hi" │ 1234.5679 │ 1970-01-02 │
      └────┴──────────┴───────────┴────────────┘
      … 1 more row

      """)
  }

  @Test func boxTableKeepsTheColumnsThatFitTheWidth() {
    var f = TableFormatter(format: .box)
    f.maximumWidth = 30
    let out = f.render(table, limit: 2)
    #expect(out.split(separator: "\n").allSatisfy { $0.count <= 30 })
    #expect(out.hasPrefix("┌────┬──────────┬───────────┐\n"))
    #expect(out.hasSuffix("… 1 more column: day\n"))
    f.maximumWidth = 8
    let narrow = f.render(Table(columns: [Column(name: "n", data: .text(["a long text"]))]))
    #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 8 }, "\(narrow)")
  }

  @Test func headAddsAFooterCountingTheRestWithSeparators() {
    let big = Table(columns: [Column(name: "n", data: .integer(Array(0..<4338)))])
    let out = TableFormatter().render(big, limit: 2)
    #expect(out == "n\n-\n0\n1\n… 4,336 more rows\n")
  }

  @Test func csvQuotesWhereNeeded() {
    #expect(TableFormatter(format: .csv).render(table) == #"""
      id,name,value,day
      1,"a, b",0.5,1970-01-01
      22,"say ""hi""",1234.5679,1970-01-02
      ,,,

      """#)
  }

  @Test func jsonUsesNullForMissing() {
    #expect(TableFormatter(format: .json).render(table) == """
      [
        {"id": 1, "name": "a, b", "value": 0.5, "day": "1970-01-01"},
        {"id": 22, "name": "say \\"hi\\"", "value": 1234.5679, "day": "1970-01-02"},
        {"id": null, "name": null, "value": null, "day": null}
      ]

      """)
  }

  @Test func markdownAlignsNumericColumnsRight() {
    #expect(TableFormatter(format: .markdown).render(table, limit: 1) == """
      | id | name | value | day |
      | ---: | --- | ---: | --- |
      | 1 | a, b | 0.5 | 1970-01-01 |

      … 2 more rows

      """)
  }

  @Test func datetimesShowTheTimeWhenAnyHasOne() {
    let t = Table(columns: [Column(name: "t", data: .datetime([0, 30_600]))])
    #expect(TableFormatter(format: .csv).render(t) == "t\n1970-01-01 00:00:00\n1970-01-01 08:30:00\n")
  }

  @Test func cellsAreTruncatedOnlyWhenAWidthIsGiven() {
    let t = Table(columns: [Column(name: "s", data: .text(["abcdefghij"]))])
    #expect(TableFormatter(maximumCellWidth: 5).render(t).contains("abcd…"))
    #expect(TableFormatter().render(t).contains("abcdefghij"))
  }
}

@Suite struct NumberFormattingTests {
  @Test(arguments: [
    (4.0, "4"), (-12.0, "-12"), (0.05, "0.05"), (2.0 / 3, "0.6667"), (2048.21574, "2048.2157"),
    (0.00005, "5e-05"), (1e16, "1e+16"), (.nan, "missing"), (0, "0"), (-0.00004, "-4e-05"),
    (1.99999, "2"), (-2.5, "-2.5"), (1.23456, "1.2346"), (-0.99996, "-1"),
  ])
  func numbersFormatDeterministically(value: Double, text: String) {
    #expect(NumberFormatting.format(value) == text)
  }

  @Test func countsGroupThousands() {
    #expect(NumberFormatting.count(4338) == "4,338")
    #expect(NumberFormatting.count(999) == "999")
    #expect(NumberFormatting.count(1_000_000) == "1,000,000")
    #expect(NumberFormatting.count(-4338) == "-4,338")
  }

  @Test func percentagesHaveOneDecimal() {
    #expect(NumberFormatting.percent(0.284) == "28.4%")
    #expect(NumberFormatting.percent(1) == "100.0%")
  }
}

@Suite struct DateValueTests {
  @Test func parsesAndPrintsDatesAndDateTimes() throws {
    let d = try #require(DateValue(parsing: "2011-12-09"))
    #expect(d.description == "2011-12-09")
    #expect(d.secondsSinceEpoch == 1_323_388_800)
    let t = try #require(DateValue(parsing: "2011-12-09T08:26:00"))
    #expect(t.description == "2011-12-09T08:26:00")
    #expect(DateValue(parsing: "2011-12-09 08:26")?.secondOfDay == 8 * 3600 + 26 * 60)
  }

  @Test func rejectsDaysThatDoNotExist() {
    #expect(DateValue(parsing: "2011-02-29") == nil)
    #expect(DateValue(parsing: "2012-02-29") != nil)
    #expect(DateValue(parsing: "2011-13-01") == nil)
    #expect(DateValue(parsing: "2011-1-01") == nil)
  }

  @Test func datesBeforeTheEpochRoundTrip() {
    #expect(DateValue(parsing: "1969-12-31")?.description == "1969-12-31")
    #expect(DateValue(parsing: "0001-01-01")?.description == "0001-01-01")
  }
}
