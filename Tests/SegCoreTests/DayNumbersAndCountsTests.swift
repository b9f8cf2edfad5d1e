import Testing

@testable import SegCore

/// Logs whose dates are day numbers (dunnhumby's *The Complete Journey*: `DAY` 1 to 711, and a
/// time of day `TRANS_TIME` as `hhmm`), and logs whose `AMOUNT` counts items beside a price
/// (Ta Feng's grocery log). The corpus shapes `day_numbers` and `ta_feng` check the RFM tables
/// against their oracle; these are the rules around them.
@Suite struct DayNumbersAndCountsTests {
  static let journey = """
    household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE,TRANS_TIME,WEEK_NO
    2375,26984851472,1,1004906,1,1.39,1631,1
    2375,26984851472,1,1033142,1,0.82,1631,1
    1364,26984896261,2,842930,1,2.19,0945,1
    1364,26984896262,9,842930,2,4.38,1310,2
    2375,26984851999,11,1004906,3,4.17,2359,2

    """

  static let taFeng = """
    TRANSACTION_DT,CUSTOMER_ID,AMOUNT,ASSET,SALES_PRICE
    11/1/2000,1104905,1,35,39
    11/1/2000,1104905,2,94,118
    11/13/2000,418683,1,12,15
    11/13/2000,418683,3,210,267
    12/2/2000,1057331,1,80,99
    12/2/2000,1057331,4,240,316

    """

  func options(dateFormat: String? = nil, roles: [ColumnRole: String] = [:]) -> LoadOptions {
    var options = LoadOptions.default
    options.dateFormat = dateFormat.flatMap(DateFormat.init)
    options.roles = roles
    return options
  }

  @Test func daysSinceReadsDayNumbers() throws {
    let format = try #require(DateFormat("days since 2019-12-31"))
    #expect(format.parse("1") == CivilCalendar.parseISO("2020-01-01 00:00:00"))
    #expect(format.parse("711") == CivilCalendar.parseISO("2021-12-11 00:00:00"))
    #expect(format.parse(" 1.5 ") == CivilCalendar.parseISO("2020-01-01 12:00:00"))
    #expect(format.parse("0") == CivilCalendar.parseISO("2019-12-31 00:00:00"))
    #expect(format.parse("-1") == CivilCalendar.parseISO("2019-12-30 00:00:00"))
    // Beyond the calendar's years, and not numbers, are no dates.
    #expect(format.parse("3000000") == nil)
    #expect(format.parse("1e300") == nil)
    #expect(format.parse("nan") == nil)
    #expect(format.parse("day 1") == nil)
    #expect(DateFormat("Days  Since 1970-01-01")?.parse("2") == CivilCalendar.parseISO("1970-01-03"))
    for bad in ["days since 2019-13-01", "days since yesterday", "days since", "days 2019-12-31"] {
      #expect(DateFormat(bad) == nil, "\(bad)")
    }
  }

  /// `TRANS_TIME` holds times of day: never the date, even though its name says time. Without
  /// a format, `DAY` is the date and the load stops with a hint for `days since`; with it, the
  /// days are read and the summary says how.
  @Test func theDayColumnIsTheDateAndTheTimeOfDayIsNot() throws {
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(text: Self.journey)
    }
    #expect(error.message.contains("'DAY' (the date column)"))
    #expect(error.line == 2 && error.column == 3)
    #expect("\(error.hint.map { "\($0)" } ?? "")".contains("\"days since 2019-12-31\""))

    let loaded = try TableLoader.load(
      text: Self.journey, options: options(dateFormat: "days since 2019-12-31"))
    #expect(loaded.roles[.customer] == "household_key")
    #expect(loaded.roles[.date] == "DAY")
    #expect(loaded.roles[.amount] == "SALES_VALUE")
    #expect(
      loaded.table.ints("DAY").compactMap { $0 }.map { CivilCalendar.isoText(seconds: $0) }
        == ["2020-01-01 00:00:00", "2020-01-01 00:00:00", "2020-01-02 00:00:00",
          "2020-01-09 00:00:00", "2020-01-11 00:00:00"])
    #expect(loaded.report.notes.contains("DAY: day numbers, day 1 the day after 2019-12-31"))
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.ints("recency").compactMap { $0 } == [3, 1])
    #expect(result.table.ints("frequency").compactMap { $0 } == [2, 2])
  }

  /// Named as the date, a time of day stops the load with a hint that says what it is.
  @Test func aTimeOfDayAsTheDateIsExplained() throws {
    let error = try #require(throws: LoadError.self) {
      try TableLoader.load(text: Self.journey, options: options(roles: [.date: "TRANS_TIME"]))
    }
    #expect("\(error.hint.map { "\($0)" } ?? "")".contains("1631 looks like a time of day (16:31) without a date"))
  }

  @Test func timesOfDayAreSampledAsSuch() {
    #expect(SampledKind.of(["1631", "0945", "830"], name: "TRANS_TIME") == .timeOfDay)
    #expect(SampledKind.of(["1631", "0975"], name: "TRANS_TIME") == .number)
    #expect(SampledKind.of(["1631", "0945"], name: "STORE_ID") == .number)
    #expect(SampledKind.of(["1631", "0945"], name: "Day Time") == .number)
    #expect(SampledKind.of(["1631", "0945"], name: "Uhrzeit") == .timeOfDay)
    #expect(!ColumnRole.date.accepts(.timeOfDay, name: "TRANS_TIME"))
    #expect(!ColumnRole.amount.accepts(.timeOfDay, name: "TRANS_TIME"))
  }

  @Test func anAmountThatCountsItemsBesideAPriceIsNamed() throws {
    let loaded = try TableLoader.load(text: Self.taFeng)
    #expect(loaded.roles[.amount] == "AMOUNT" && loaded.roles[.price] == "SALES_PRICE")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    let note = "AMOUNT is a whole number below SALES_PRICE on 6 of the 6 lines with both"
    // Too few lines to say so.
    #expect(!result.report.notes.map(\.description).contains { $0.hasPrefix(note) })

    let many = Self.taFeng + String(repeating: Self.taFeng.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n", count: 4)
    let big = try RFM.compute(
      try TableLoader.load(text: many).table, roles: try TableLoader.load(text: many).roles)
    #expect(
      big.report.notes.map(\.description).contains {
        $0.hasPrefix("AMOUNT is a whole number below SALES_PRICE on 30 of the 30 lines with both")
          && $0.contains("count of items")
      })
    // Named, the sums are the sales.
    let named = try TableLoader.load(
      text: many, options: options(roles: [.quantity: "AMOUNT", .amount: "SALES_PRICE"]))
    let fixed = try RFM.compute(named.table, roles: named.roles)
    #expect(fixed.table.doubles("monetary") == [1410, 2075, 785])
    #expect(!fixed.report.notes.map(\.description).contains { $0.contains("whole number below") })
  }

  /// Line totals beside unit prices (amount ≥ price) say nothing.
  @Test func lineTotalsBesidePricesSayNothing() throws {
    var text = "customer,date,price,amount\n"
    for k in 0..<40 { text += "c\(k % 7),2021-01-\(k % 28 + 1),\(k % 5 + 2).50,\(Double(k % 5 + 2) * 2.5 * Double(k % 3 + 1))\n" }
    let loaded = try TableLoader.load(text: text)
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(!result.report.notes.map(\.description).contains { $0.contains("whole number below") })
  }

  /// Property: a moment written in any unit reads back as that moment, cut to the second.
  @Test func everyEpochUnitReadsBack() {
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<2_000 {
      let seconds = Int64.random(in: DateParsing.epochRange, using: &rng)
      for unit in DateParsing.EpochUnit.allCases {
        let fraction = Int64.random(in: 0..<Int64(unit.rawValue), using: &rng)
        var text = Array(String(seconds * Int64(unit.rawValue) + fraction).utf8)
        let read = text.withUnsafeMutableBufferPointer { b in
          b.baseAddress.flatMap { DateParsing.parseEpoch(UnsafePointer($0), b.count) }
        }
        #expect(read?.0 == seconds && read?.1 == unit, "\(seconds) \(unit)")
      }
    }
  }
}
