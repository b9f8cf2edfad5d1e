import Foundation
import Testing

@testable import SegCore

/// The `dateformat=` hint of an ambiguous slash-date column is written for the column's own
/// layout, so that the user can copy it.
@Suite struct AmbiguousDateHintTests {
  @Test(arguments: [
    ("05.01.2021", "%d.%m.%Y", "%m.%d.%Y"),
    ("1/5/21 10:15 PM", "%d/%m/%y %I:%M %p", "%m/%d/%y %I:%M %p"),
    ("05-01-2021 08:00:00 UTC", "%d-%m-%Y %H:%M:%S UTC", "%m-%d-%Y %H:%M:%S UTC"),
    ("01/02/2010 8:26", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M"),
    // A zone is read by `%Z` (converted as the automatic reading converts it), an offset right
    // after the time by `%z`.
    ("1/5/2021 10:15 AM EST", "%d/%m/%Y %I:%M %p %Z", "%m/%d/%Y %I:%M %p %Z"),
    ("01.02.2021 10:15:00+0100", "%d.%m.%Y %H:%M:%S%z", "%m.%d.%Y %H:%M:%S%z"),
  ])
  func theHintFollowsTheLayout(text: String, dayFirst: String, monthFirst: String) throws {
    let patterns = try #require(SlashDate.patterns(for: Array(text.utf8)))
    #expect(patterns.dayFirst == dayFirst && patterns.monthFirst == monthFirst)
    // Each pattern reads the example.
    for pattern in [dayFirst, monthFirst] {
      #expect(try #require(DateFormat(pattern)).parse(text) != nil, "\(pattern)")
    }
  }

  /// No pattern spells `p.m.`: such a column gets the general hint, not a wrong pattern. The
  /// dates themselves read with the day-first or month-first rule once a day is over 12.
  @Test func aDottedMeridiemGetsNoPattern() throws {
    #expect(SlashDate.patterns(for: Array("1/5/21 10:15 p.m.".utf8)) == nil)
    #expect(SlashDate.patterns(for: Array("1/5/21".utf8)) != nil)
    let loaded = try TableLoader.load(
      text: "customer,date,amount\nA,1/13/2021 10:00 p.m.,1\nB,1/5/2021 9:30 a.m.,2\n")
    #expect(
      loaded.table.ints("date").compactMap { $0 }.map { CivilCalendar.isoText(seconds: $0) } == [
        "2021-01-13 22:00:00", "2021-01-05 09:30:00",
      ])
  }

  @Test func theLoadErrorNamesTheColumnsLayout() throws {
    let error = try #require(
      throws: LoadError.self,
      performing: {
        try TableLoader.load(text: "Kunde;Datum;Betrag\nK1;05-01-2021;1,50\nK2;06-01-2021;2,00\n")
      })
    #expect(error.code == .ambiguousDate)
    #expect(error.hint?.parts.contains(.setting(.dateFormat, value: "\"%d-%m-%Y\"")) == true)
  }

  /// Dates with dots are written day first: when every one fits both orders, they are read so,
  /// and the summary says it. In small blocks and streamed, the same.
  @Test func datesWithDotsAreDayFirst() throws {
    let text = "Kunde;Datum;Betrag\nK1;05.01.2021;1,50\nK2;11.01.2021;2,00\nK1;06.02.2021;3,00\n"
    let loaded = try TableLoader.load(text: text)
    #expect(
      loaded.table.ints("Datum").compactMap { $0 }.map {
        CivilCalendar.isoText(seconds: $0, includeTime: false)
      } == ["2021-01-05", "2021-01-11", "2021-02-06"])
    #expect(
      loaded.report.notes == [
        "Datum: every date fits day-first and month-first; read day-first, as dates written with dots are (01.02.2021 is 1 February)"
      ])
    let small = try TableLoader.load(bytes: Array(text.utf8), name: "<text>", blockSize: 64)
    #expect(small.table == loaded.table && small.report.notes == loaded.report.notes)
    #expect(SlashDate.isDotted(Array("Mo. 04.01.2021".utf8)))
    #expect(!SlashDate.isDotted(Array("04/01/2021".utf8)))
    // A dot after the year is no dotted date's.
    #expect(!SlashDate.isDotted(Array("4-1-2021 10.15".utf8)))
  }
}
