import Foundation
import SegCore
import Testing

/// Dates as real logs write them: month names, year-first slashes, ISO with UTC offsets, Unix
/// epoch times and Excel serial days, against values an independent reader computed
/// (`scripts/make_date_fixtures.py`), in memory and streamed.
@Suite struct DatesAsWrittenTests {
  struct Case: Sendable {
    var style: String
    var text: String
    var expected: String
  }

  /// The oracle's rows: every layout, 300 random date-times each.
  static let cases: [Case] = {
    guard let loaded = try? TableLoader.load(path: Fixture.path("dates_as_written.csv")) else {
      return []
    }
    let t = loaded.table
    let styles = t.texts("style")
    let texts = t.texts("text")
    // The expected column is ISO text, which the loader reads as date-times.
    let expected = t.ints("expected")
    return styles.indices.map {
      Case(
        style: styles[$0] ?? "", text: texts[$0] ?? "",
        expected: expected[$0].map { CivilCalendar.isoText(seconds: $0) } ?? "")
    }
  }()

  static var styles: [String] {
    var seen: [String] = []
    for c in cases where !seen.contains(c.style) { seen.append(c.style) }
    return seen
  }

  @Test func theOracleFixtureHasEveryStyle() {
    #expect(DatesAsWrittenTests.styles.count == 15)
    #expect(DatesAsWrittenTests.cases.count > 3000)
  }

  /// Loads one style's values as the date column of a log named with `dateName`.
  func log(_ values: [String], dateName: String = "order_date", options: LoadOptions = .default)
    -> String
  {
    "customer,\(dateName),amount\n"
      + values.enumerated().map { "\($0.offset % 7),\"\($0.element)\",1.5" }.joined(separator: "\n")
      + "\n"
  }

  @Test(arguments: DatesAsWrittenTests.styles)
  func everyStyleLoadsAsItsOracleSays(style: String) throws {
    let cases = DatesAsWrittenTests.cases.filter { $0.style == style }
    let options = style == "excel" ? LoadOptions(dateFormat: DateFormat("excel")) : .default
    let text = log(cases.map(\.text))
    let loaded = try TableLoader.load(text: text, options: options)
    let got = loaded.table.ints("order_date").map { $0.map { CivilCalendar.isoText(seconds: $0) } }
    #expect(got == cases.map(\.expected))
    // Streamed in small blocks (a streamed log must be in date order): the same summary as in
    // memory.
    let sorted = cases.sorted { ($0.expected, $0.text) < ($1.expected, $1.text) }
    let sortedText = log(sorted.map(\.text))
    let inMemory = try TableLoader.load(text: sortedText, options: options)
    let streamed = try TableLoader.stream(
      bytes: Array(sortedText.utf8), name: "<text>", options: options, blockSize: 256)
    guard case .streamed(let log) = streamed else {
      Issue.record("\(style): a log in date order should stream")
      return
    }
    #expect(log.report.summaryText == inMemory.report.summaryText)
    #expect(log.report.notes == inMemory.report.notes)
  }

  @Test func offsetsAreConvertedAndTheSummarySaysSo() throws {
    let loaded = try TableLoader.load(
      text: log(["2017-02-11T10:00:00+02:00", "2017-02-11T10:00:00+0200", "2017-02-11T08:00:00Z"],
        dateName: "InvoiceDate"))
    #expect(
      loaded.table.ints("InvoiceDate") == Array(
        repeating: CivilCalendar.parseISO("2017-02-11 08:00:00"), count: 3))
    #expect(
      loaded.report.summaryText.contains(
        "note: InvoiceDate: ISO with UTC offsets, converted to UTC"))
    let naive = try TableLoader.load(text: log(["2017-02-11 10:00:00"], dateName: "InvoiceDate"))
    #expect(naive.report.notes.isEmpty)
  }

  @Test func aTrailingUTCOrGMTIsAZeroOffset() throws {
    // BigQuery writes timestamps so.
    let loaded = try TableLoader.load(
      text: log(
        ["2017-02-11 08:00:00 UTC", "2017-02-11 08:00:00.123456 UTC", "2017-02-11 08:00 GMT"],
        dateName: "event_timestamp"))
    #expect(
      loaded.table.ints("event_timestamp") == Array(
        repeating: CivilCalendar.parseISO("2017-02-11 08:00:00"), count: 3))
    #expect(loaded.report.notes == ["event_timestamp: ISO date-times marked as UTC, read as written"])
    #expect(throws: LoadError.self) { try TableLoader.load(text: log(["2017-02-11 UTC"])) }
  }

  @Test func zeroOffsetsConvertNothingAndOneOtherOffsetDoes() throws {
    // Nothing was converted while every offset is zero; one other offset, anywhere, is.
    let utc = ["2017-02-11T08:00:00Z", "2017-02-11T08:00:00+00:00", "2017-02-11 08:00:00 UTC"]
    let marked = try TableLoader.load(text: log(utc, dateName: "ts"))
    #expect(marked.report.notes == ["ts: ISO date-times marked as UTC, read as written"])
    let shifted = try TableLoader.load(
      text: log(utc + ["2017-02-11T10:00:00+02:00"], dateName: "ts"))
    #expect(shifted.report.notes == ["ts: ISO with UTC offsets, converted to UTC"])
    #expect(shifted.table.ints("ts") == Array(repeating: marked.table.ints("ts")[0], count: 4))
  }

  @Test func naiveAndOffsetDatesDoNotMix() throws {
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: log(["2017-02-11 10:00:00", "2017-02-12T10:00:00+01:00"]))
    }
    let error = try #require(
      throws: LoadError.self,
      performing: {
        try TableLoader.load(text: log(["2017-02-11T10:00:00+01:00", "2017-02-12 10:00:00"]))
      })
    #expect(error.code == .unparseableDate && error.line == 3)
  }

  @Test(arguments: [
    ("created_at", "1486807200", "Unix epoch seconds"),
    ("timestamp", "1486807200000", "Unix epoch milliseconds"),
    ("event_time", "1486807200", "Unix epoch seconds"),
    ("event_timestamp", "1486807200123456", "Unix epoch microseconds"),
    ("ts", "1486807200999999999", "Unix epoch nanoseconds"),
  ])
  func epochTimesNeedANameThatSaysDateOrTime(name: String, value: String, unit: String) throws {
    let loaded = try TableLoader.load(
      text: log([value, value], dateName: name), options: LoadOptions(roles: [.date: name]))
    #expect(
      loaded.table.ints(name) == Array(repeating: CivilCalendar.parseISO("2017-02-11 10:00:00"), count: 2))
    #expect(loaded.report.notes == ["\(name): \(unit), read as UTC"])
  }

  @Test func integersInADateColumnNamedOtherwiseAreNotEpochs() throws {
    let error = try #require(
      throws: LoadError.self,
      performing: {
        try TableLoader.load(
          text: log(["1486807200"], dateName: "when"), options: LoadOptions(roles: [.date: "when"]))
      })
    #expect(error.code == .unparseableDate)
  }

  @Test func implausibleEpochsAreNotDates() throws {
    // 1980 in seconds, a 10-digit number past 2100, 14 and 17 digits (between the units), a
    // 19-digit number past 2100, and one beyond Int64.
    for value in [
      "315532800", "9999999999", "14868072000000", "14868072000000000", "9000000000000000000",
      "99999999999999999999",
    ] {
      #expect(throws: LoadError.self) {
        try TableLoader.load(text: log([value]))
      }
    }
  }

  @Test func secondsAndMillisecondsDoNotMix() throws {
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: log(["1486807200", "1486807200000"]))
    }
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: log(["1486807200000", "1486807200000000"]))
    }
  }

  @Test func ambiguousSlashDatesStillAskForADateFormat() throws {
    let error = try #require(
      throws: LoadError.self,
      performing: { try TableLoader.load(text: log(["01/02/2011", "03/04/2011"])) })
    #expect(error.code == .ambiguousDate)
  }

  @Test func monthNamesAreDatesInOtherColumnsToo() throws {
    let t = try TableLoader.load(text: "id,shipped\n1,11-Feb-17\n2,Mar 3 2018\n3,\n").table
    #expect(t["shipped"]?.type == .datetime)
    #expect(
      t.ints("shipped") == [
        CivilCalendar.parseISO("2017-02-11"), CivilCalendar.parseISO("2018-03-03"), nil,
      ])
  }

  @Test(arguments: [
    ("11-Feb-17", "2017-02-11 00:00:00"),
    ("11-FEB-2017", "2017-02-11 00:00:00"),
    ("Feb 11, 2017", "2017-02-11 00:00:00"),
    ("Feb. 11, 2017", "2017-02-11 00:00:00"),
    ("11 february 2017", "2017-02-11 00:00:00"),
    ("2 Sept 2019", "2019-09-02 00:00:00"),
    ("11-Feb-69", "1969-02-11 00:00:00"),
    ("11-Feb-68", "2068-02-11 00:00:00"),
    ("11 Feb 2017 10:30 PM", "2017-02-11 22:30:00"),
    ("Friday, December 31, 2021", "2021-12-31 00:00:00"),
    ("Fri 31 Dec 2021 22:15", "2021-12-31 22:15:00"),
    ("Freitag, 31. Dezember 2021", "2021-12-31 00:00:00"),
    ("vendredi 31 décembre 2021", "2021-12-31 00:00:00"),
    ("Sábado, 1 de enero de 2022", "2022-01-01 00:00:00"),
    ("Thu, Jan 1, 1970", "1970-01-01 00:00:00"),
    ("Jan-05-21", "2021-01-05 00:00:00"),
    ("Dec/31/2021 10:15 PM", "2021-12-31 22:15:00"),
    // Ordinal days, and a dotted meridiem (`p.m.`, `p. m.`: Canadian and Spanish locales).
    ("January 5th, 2021", "2021-01-05 00:00:00"),
    ("March 22nd, 2021", "2021-03-22 00:00:00"),
    ("1st February 2021", "2021-02-01 00:00:00"),
    ("Aug 3rd, 2021 10:15 p.m.", "2021-08-03 22:15:00"),
    ("11 Feb 2017 10:30 a. m.", "2017-02-11 10:30:00"),
    ("11 Feb 2017 12:05 A.M.", "2017-02-11 00:05:00"),
  ])
  func monthNameLayouts(text: String, expected: String) throws {
    let loaded = try TableLoader.load(text: log([text]))
    #expect(loaded.table.ints("order_date").first.flatMap { $0 }.map {
      CivilCalendar.isoText(seconds: $0)
    } == expected)
  }

  /// Excel serial day numbers in a date column are not guessed (a number column named date could
  /// hold anything), but the error says what they look like and how to read them.
  @Test func excelSerialDaysAreNamedInTheError() throws {
    let error = try #require(
      throws: LoadError.self, performing: { try TableLoader.load(text: log(["44201", "44233.5"])) })
    #expect(error.code == .unparseableDate)
    #expect(
      error.hint?.description
        == "44201 looks like an Excel serial day number (2021-01-05); if the column holds those, give dateFormat excel"
    )
    let other = try #require(
      throws: LoadError.self, performing: { try TableLoader.load(text: log(["2021-13-45"])) })
    #expect(other.hint?.description.hasPrefix("dates look like") == true)
  }

  @Test(arguments: [
    "30-Feb-2017", "11-Fbr-2017", "Feb 11 17", "11-Feb-017", "Febu 11, 2017",
    // An ordinal that is not the day's, and a meridiem that is not one.
    "January 5st, 2021", "11 Feb 2017 10:30 p.x.", "11 Feb 2017 10:30 .pm",
    // A weekday that is not the date's, and a weekday glued to the date.
    "Thursday, December 31, 2021", "Friday31 Dec 2021",
    // Month first with two different separators, or a three-digit year.
    "Jan-05/21", "Jan-05-021",
  ])
  func notQuiteDates(text: String) {
    #expect(throws: LoadError.self) { try TableLoader.load(text: log([text])) }
  }

  @Test(arguments: [
    ("%d %B %Y", "11 February 2017", "2017-02-11 00:00:00"),
    ("%b %d, %Y", "sept 2, 2019", "2019-09-02 00:00:00"),
    ("%Y-%m-%d %H:%M%z", "2017-02-11 10:00+05:30", "2017-02-11 04:30:00"),
    ("%Y-%m-%dT%H:%M:%S%z", "2017-02-11T10:00:00Z", "2017-02-11 10:00:00"),
    ("%Y-%m-%d %H:%M %z", "2017-02-11 10:00 -0800", "2017-02-11 18:00:00"),
    ("excel", "42777.416666666664", "2017-02-11 10:00:00"),
  ])
  func newDateFormatDirectives(pattern: String, value: String, expected: String) throws {
    let format = try #require(DateFormat(pattern))
    #expect(format.parse(value).map { CivilCalendar.isoText(seconds: $0) } == expected)
  }

  @Test func excelsFictitiousLeapDayIsRefused() throws {
    let format = try #require(DateFormat("excel"))
    #expect(format.parse("60") == nil)
    #expect(format.parse("-1") == nil)
    let loaded = try TableLoader.load(
      text: log(["42777.5", "42778"]), options: LoadOptions(dateFormat: format))
    #expect(loaded.report.notes == ["order_date: Excel serial days (1900 date system)"])
  }

  /// Random date-times written in each layout by Swift itself read back to the same value.
  @Test func randomDatesRoundTripThroughEveryLayout() throws {
    var g = SeededGenerator(seed: 2017)
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var texts: [[String]] = Array(repeating: [], count: 9)
    var values: [[Int64?]] = Array(repeating: [], count: 9)
    for _ in 0..<500 {
      let lower = CivilCalendar.parseISO("1990-01-01") ?? 0
      let upper = CivilCalendar.parseISO("2068-12-31") ?? 0
      let seconds = lower + Int64(g.nextInt(below: Int(upper - lower)))
      let day = CivilCalendar.day(ofSeconds: seconds)
      let (y, m, d) = CivilCalendar.civil(fromDays: day)
      let sod = Int(seconds - day * 86_400)
      let (hh, mi, ss) = (sod / 3600, sod / 60 % 60, sod % 60)
      let midnight = day * 86_400
      let offset = (g.nextInt(below: 57) - 28) * 30 * 60
      let sign = offset < 0 ? "-" : "+"
      let written: [(String, Int64)] = [
        ("\(two(d))-\(months[m - 1])-\(two(y % 100))", midnight),
        ("\(d)-\(months[m - 1])-\(y)", midnight),
        ("\(months[m - 1]) \(d), \(y)", midnight),
        ("\(d) \(months[m - 1].uppercased()) \(y) \(hh):\(two(mi)):\(two(ss))", seconds),
        ("\(y)/\(two(m))/\(two(d)) \(two(hh)):\(two(mi)):\(two(ss))", seconds),
        (
          "\(y)-\(two(m))-\(two(d))T\(two(hh)):\(two(mi)):\(two(ss))\(sign)"
            + "\(two(abs(offset) / 3600)):\(two(abs(offset) / 60 % 60))",
          seconds - Int64(offset)
        ),
        // Two-digit years, month first with a 12-hour clock and day first with a 24-hour one.
        (
          "\(m)/\(d)/\(two(y % 100)) \(hh % 12 == 0 ? 12 : hh % 12):\(two(mi)) \(hh < 12 ? "AM" : "PM")",
          midnight + Int64(hh * 3600 + mi * 60)
        ),
        ("\(two(d))/\(two(m))/\(two(y % 100)) \(two(hh)):\(two(mi))", midnight + Int64(hh * 3600 + mi * 60)),
        // eBay's month first with dashes.
        ("\(months[m - 1])-\(two(d))-\(two(y % 100))", midnight),
      ]
      for (k, (text, value)) in written.enumerated() {
        texts[k].append(text)
        values[k].append(value)
      }
    }
    for k in 0..<9 {
      let loaded = try TableLoader.load(text: log(texts[k]))
      #expect(loaded.table.ints("order_date") == values[k], "layout \(k): \(texts[k].prefix(3))")
      if k == 6 || k == 7 {
        #expect(
          loaded.report.notes == [
            "order_date: two-digit years read as 1969–1999 (69–99) and 2000–2068 (00–68)"
          ])
      }
    }
  }

  @Test(arguments: [
    ("12/31/21", "2021-12-31"), ("1/2/69", "1969-01-02"), ("1/2/68", "2068-01-02"),
    ("31.12.99 23:59", "1999-12-31 23:59:00"),
  ])
  func twoDigitYears(text: String, expected: String) throws {
    // 12/13/2000 makes a column of slash dates month-first.
    let others = text.contains(".") ? [] : ["12/13/2000"]
    let loaded = try TableLoader.load(text: log([text] + others))
    let first = loaded.table.ints("order_date").first ?? nil
    let got = first.map { CivilCalendar.isoText(seconds: $0, includeTime: $0 % 86_400 != 0) }
    #expect(got == expected, "\(text)")
  }

  @Test(arguments: ["12/31/202", "12/31/2", "12/31/21x"])
  func notTwoDigitYears(text: String) {
    #expect(throws: LoadError.self, "\(text)") {
      try TableLoader.load(text: log([text, "12/30/2021"]))
    }
  }

  /// Exports that write every timestamp as UTC after a year-last date: read as written (the
  /// time is UTC already), in memory and streamed, and the day/month order is still decided.
  @Test func yearLastDatesMayEndInAUTCDesignator() throws {
    let values = [
      "12/31/2021 22:15:00 UTC", "01/05/2022 08:01 GMT", "1/15/2022 10:00:00Z",
      "2/28/2022 11:59:59 PM UTC",
    ]
    let expected = [
      "2021-12-31 22:15:00", "2022-01-05 08:01:00", "2022-01-15 10:00:00", "2022-02-28 23:59:59",
    ].map { CivilCalendar.parseISO($0) }
    let text = log(values)
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.table.ints("order_date") == expected)
    #expect(loaded.report.notes.isEmpty)
    let dayFirst = try TableLoader.load(text: log(["31/12/2021 22:15:00 UTC", "05/01/2022 08:01 UTC"]))
    #expect(dayFirst.table.ints("order_date") == Array(expected.prefix(2)))
    // A zone that names several (`CST`: US Central or China) is not guessed; `%z` reads an
    // offset.
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: log(["12/31/2021 22:15:00 CST", "12/30/2021 22:15:00 CST"]))
    }
    let withOffset = try TableLoader.load(
      text: log(["12/31/2021 22:15:00 +0200", "12/30/2021 22:15:00 +0200"]),
      options: LoadOptions(dateFormat: DateFormat("%m/%d/%Y %H:%M:%S %z")))
    #expect(withOffset.table.ints("order_date").first == CivilCalendar.parseISO("2021-12-31 20:15:00"))
  }

  /// HTTP and e-mail headers write dates so (RFC 1123).
  @Test func namedMonthDatesMayEndInAUTCDesignator() throws {
    let loaded = try TableLoader.load(
      text: log(["Tue, 05 Jan 2021 10:00:00 GMT", "Fri, 05 Feb 2021 09:00 UTC", "6 Jan 2021 11:00Z"]))
    #expect(
      loaded.table.ints("order_date")
        == ["2021-01-05 10:00:00", "2021-02-05 09:00:00", "2021-01-06 11:00:00"].map {
          CivilCalendar.parseISO($0)
        })
    // The weekday still has to be the date's own.
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: log(["Wed, 05 Jan 2021 10:00:00 GMT", "6 Jan 2021"]))
    }
  }
}
