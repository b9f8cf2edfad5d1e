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
  ])
  func theHintFollowsTheLayout(text: String, dayFirst: String, monthFirst: String) throws {
    let patterns = try #require(SlashDate.patterns(for: Array(text.utf8)))
    #expect(patterns.dayFirst == dayFirst && patterns.monthFirst == monthFirst)
    // Each pattern reads the example.
    for pattern in [dayFirst, monthFirst] {
      #expect(try #require(DateFormat(pattern)).parse(text) != nil, "\(pattern)")
    }
  }

  @Test func theLoadErrorNamesTheColumnsLayout() throws {
    let error = try #require(
      throws: LoadError.self,
      performing: {
        try TableLoader.load(text: "Kunde;Datum;Betrag\nK1;05.01.2021;1,50\nK2;06.01.2021;2,00\n")
      })
    #expect(error.code == .ambiguousDate)
    #expect(error.hint?.parts.contains(.setting(.dateFormat, value: "\"%d.%m.%Y\"")) == true)
  }
}
