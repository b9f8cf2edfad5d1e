import Foundation
import Testing

@testable import SegHistory

@Suite struct EncodingTests {
  @Test(arguments: [
    (0.0, "1970-01-01T00:00:00.000Z"),
    (1_323_475_200.0, "2011-12-10T00:00:00.000Z"),
    (1_323_475_200.25, "2011-12-10T00:00:00.250Z"),
    (-1.5, "1969-12-31T23:59:58.500Z"),
    (951_782_400.0, "2000-02-29T00:00:00.000Z"),
  ])
  func timestampsAreUTCWithMilliseconds(seconds: Double, text: String) throws {
    let date = Date(timeIntervalSince1970: seconds)
    #expect(Timestamp.text(date) == text)
    #expect(try #require(Timestamp.date(text)) == date)
  }

  @Test func datesOutsideFourDigitYearsAreClampedNotTrapped() {
    #expect(Timestamp.text(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59.999Z")
    #expect(Timestamp.text(Date(timeIntervalSince1970: -1e300)) == "0001-01-01T00:00:00.000Z")
    #expect(Timestamp.text(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000Z")
  }

  @Test(arguments: ["2011-12-10", "2000-02-29", "1999-12-31"])
  func calendarDatesAreAccepted(text: String) {
    #expect(Timestamp.isCalendarDate(text))
  }

  @Test(arguments: ["2011-02-29", "2011-13-01", "2011-12-1", "2011/12/10", "", "yesterday"])
  func nonDatesAreRefused(text: String) {
    #expect(!Timestamp.isCalendarDate(text))
  }

  @Test func numbersRoundTripBitForBitAndNaNBecomesNull() throws {
    let values = [
      0.1, -0.0, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan, 12345.678, 3,
    ]
    let text = JSONArray.text(values)
    #expect(text.contains("null"))
    let back = try #require(JSONArray.numbers(text))
    #expect(back.count == values.count)
    for (a, b) in zip(values, back) {
      #expect(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN))
    }
    #expect(JSONArray.numbers("[]") == [])
  }

  @Test(arguments: ["", "[1,,2]", "[1,x]", "1,2", "[1e999]"])
  func malformedNumberArraysAreRefused(text: String) {
    #expect(JSONArray.numbers(text) == nil)
  }

  @Test func namesWithQuotesRoundTrip() {
    let names = ["recency", "say \"hi\"", "a,b", "ünïcødé"]
    #expect(JSONArray.strings(JSONArray.text(names)) == names)
    #expect(JSONArray.strings("not json") == nil)
  }
}
