import Testing

@testable import SegCore

/// Zones written after a time of day (``WrittenZone``), and weekdays before a year-last date.
/// The oracle rows (`RFC 2822`, `m/d/yyyy h:MM AM zone`, `iso zone`, `Wkd d.m.yyyy`) are in
/// ``DatesAsWrittenTests``; these are the rules around them.
@Suite struct TimeZonesAsWrittenTests {
  func log(_ dates: [String]) -> String {
    "customer,date,amount\n"
      + dates.enumerated().map { "c\($0.offset),\"\($0.element)\",1" }.joined(separator: "\n")
      + "\n"
  }

  func isoTexts(_ loaded: LoadedTable) -> [String] {
    loaded.table.ints("date").compactMap { $0 }.map { CivilCalendar.isoText(seconds: $0) }
  }

  @Test func abbreviationsAreConvertedAndNamedInTheSummary() throws {
    let loaded = try TableLoader.load(
      text: log(["1/13/2021 10:00 AM EST", "7/13/2021 10:00 AM EDT", "7/14/2021 9:00 PM EDT"]))
    #expect(isoTexts(loaded) == ["2021-01-13 15:00:00", "2021-07-13 14:00:00", "2021-07-15 01:00:00"])
    #expect(
      loaded.report.notes.contains(
        "date: times with UTC offsets or time-zone names, converted to UTC (EST as UTC−05:00, EDT as UTC−04:00)"
      ))
    let iso = try TableLoader.load(text: log(["2021-01-04 10:00:00 CET", "2021-07-04 10:00 MESZ"]))
    #expect(isoTexts(iso) == ["2021-01-04 09:00:00", "2021-07-04 08:00:00"])
    #expect(
      iso.report.notes == [
        "date: ISO with UTC offsets, converted to UTC (CET as UTC+01:00, MESZ as UTC+02:00)"
      ])
  }

  @Test func offsetsAfterYearLastAndNamedMonthDates() throws {
    let loaded = try TableLoader.load(
      text: log([
        "Wed, 06 Jan 2021 10:00:00 +0100", "6 Jan 2021 10:00 UTC+1", "Jan 6, 2021 10:00 AM GMT+01:00",
      ]))
    #expect(isoTexts(loaded) == Array(repeating: "2021-01-06 09:00:00", count: 3))
    let slash = try TableLoader.load(text: log(["13/01/2021 10:00:00-05:00", "14/01/2021 10:00 -0500"]))
    #expect(isoTexts(slash) == ["2021-01-13 15:00:00", "2021-01-14 15:00:00"])
    // UTC designators agree with zoned and local times alike.
    let mixed = try TableLoader.load(text: log(["1/13/2021 10:00 EST", "1/14/2021 10:00 UTC"]))
    #expect(isoTexts(mixed) == ["2021-01-13 15:00:00", "2021-01-14 10:00:00"])
  }

  /// Local times beside zoned ones cannot be put on one clock: the load stops.
  @Test func zonedAndLocalTimesDoNotMix() {
    for dates in [
      ["1/13/2021 10:00 EST", "1/14/2021 10:00"], ["1/13/2021 10:00", "1/14/2021 10:00 -0500"],
      ["13 Jan 2021 10:00 +0100", "14 Jan 2021 10:00"],
    ] {
      #expect(throws: LoadError.self, "\(dates)") { try TableLoader.load(text: log(dates)) }
    }
  }

  /// A zone that names several, one with no fixed offset, or a region name is refused, and the
  /// hint says why and how to go on.
  @Test(arguments: [
    ("1/13/2021 10:00 CST", "CST", "US Central"), ("2021-01-13 10:00:00 IST", "IST", "India"),
    ("2021-01-13 10:00:00 PT", "PT", "by the date"),
    ("2021-01-13 10:00:00 America/Chicago", "America/Chicago", "daylight-saving"),
    ("1/13/2021 10:00 XYZ", "XYZ", "does not know"),
  ])
  func zonesSegCannotConvertAreRefused(text: String, name: String, why: String) throws {
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(text: log([text, text]))
    }
    let hint = error.hint.map { "\($0)" } ?? ""
    #expect(hint.contains(name) && hint.contains(why), "\(hint)")
    // Read as written, in the zone's own local time, with the pattern the hint describes.
    let pattern = text.hasPrefix("2021") ? "%Y-%m-%d %H:%M:%S \(name)" : "%m/%d/%Y %H:%M \(name)"
    let local = try TableLoader.load(
      text: log([text]), options: LoadOptions(dateFormat: DateFormat(pattern)))
    #expect(isoTexts(local) == ["2021-01-13 10:00:00"])
  }

  @Test func aPatternReadsZonesWithPercentZ() throws {
    let format = try #require(DateFormat("%m/%d/%Y %H:%M %Z"))
    #expect(format.parse("1/13/2021 10:00 EST") == CivilCalendar.parseISO("2021-01-13 15:00:00"))
    #expect(format.parse("1/13/2021 10:00 +0100") == CivilCalendar.parseISO("2021-01-13 09:00:00"))
    #expect(format.parse("1/13/2021 10:00 UTC") == CivilCalendar.parseISO("2021-01-13 10:00:00"))
    #expect(format.parse("1/13/2021 10:00 CST") == nil)
  }

  /// A weekday must be the date's own, so it settles the day/month order of dates that fit
  /// both (`Tue 1/6/2021` is 1 June: 6 January 2021 was a Wednesday).
  @Test func aWeekdaySettlesTheOrder() throws {
    let dayFirst = try TableLoader.load(text: log(["Tue 1/6/2021", "Sun 3/1/2021"]))
    #expect(isoTexts(dayFirst) == ["2021-06-01 00:00:00", "2021-01-03 00:00:00"])
    let monthFirst = try TableLoader.load(text: log(["Wed 1/6/2021", "Monday, 3/1/2021 10:00 PM"]))
    #expect(isoTexts(monthFirst) == ["2021-01-06 00:00:00", "2021-03-01 22:00:00"])
    // A weekday that fits neither reading is an error, not a date.
    #expect(throws: LoadError.self) { try TableLoader.load(text: log(["Fri 1/6/2021"])) }
  }

  @Test(arguments: [
    "2021-01-04", "1/4/2021", "4 Jan 2021", "2021-01-04 10:00", "1/4/2021 10:00 PM",
    "1/4/2021 10:00 p.m.", "2021-01-04T10:00:00",
  ])
  func valuesWithoutAZoneHaveNone(text: String) {
    var bytes = Array(text.utf8)
    let zone = bytes.withUnsafeMutableBufferPointer { WrittenZone.split($0.baseAddress!, $0.count) }
    #expect(zone == .none)
  }
}
