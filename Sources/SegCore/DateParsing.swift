/// Byte-level date and date-time parsers for CSV fields.
///
/// Recognised without options:
/// - ISO: `2010-12-01`, `2010-12-01 08:26`, `2010-12-01 08:26:00`, `2010-12-01T08:26:00`,
///   optional fractional seconds (dropped) and a trailing `Z`; `/` or `.` may replace `-`.
/// - Year-last: `12/1/2010 8:26`, `01/12/2010 08:26:00`, with `/`, `.` or `-` separators and an
///   optional `AM`/`PM`. Whether the first number is the month or the day is decided per column:
///   see ``SlashDate``.
/// - Compact `20101201`, for the date column only (other 8-digit columns stay integers).
/// - Month names in English (``parseNamedMonth(_:_:)``): `11-Feb-17`, `11-Feb-2017`,
///   `11 February 2017`, `Feb 11, 2017`, any case, `Sept` too; two-digit years 00–68 are 2000s,
///   69–99 1900s.
/// - ISO with a UTC offset (``parseISOOffset(_:_:)``): `2017-02-11T10:00:00+02:00`, `+0200`,
///   `+02`, `Z`, converted to UTC.
/// - Unix epoch seconds or milliseconds (``parseEpoch(_:_:)``), for a date column whose name
///   says date or time.
enum DateParsing {
  @inline(__always) static func digit(_ b: UInt8) -> Int? {
    let d = b &- 48
    return d < 10 ? Int(d) : nil
  }

  /// Reads 1 or 2 digits at `i`, advancing it.
  @inline(__always)
  static func oneOrTwoDigits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int? {
    guard i < n, let a = digit(p[i]) else { return nil }
    i += 1
    if i < n, let b = digit(p[i]) {
      i += 1
      return a * 10 + b
    }
    return a
  }

  @inline(__always)
  static func fixedDigits(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, _ count: Int) -> Int?
  {
    guard i + count <= n else { return nil }
    var v = 0
    for k in 0..<count {
      guard let d = digit(p[i + k]) else { return nil }
      v = v * 10 + d
    }
    i += count
    return v
  }

  /// Parses an optional time of day starting at `i` (after the date). Returns seconds of day, or
  /// `nil` when the rest is not a time. `allowMeridiem` accepts a trailing `AM`/`PM`.
  @inline(__always)
  static func timeOfDay(
    _ p: UnsafePointer<UInt8>,
    _ n: Int,
    _ i0: Int,
    allowMeridiem: Bool,
    allowZulu: Bool
  ) -> Int? {
    var i = i0
    if i == n { return 0 }
    guard p[i] == 0x20 || p[i] == UInt8(ascii: "T") else { return nil }
    i += 1
    while i < n && p[i] == 0x20 { i += 1 }
    guard var hour = oneOrTwoDigits(p, n, &i), i < n, p[i] == UInt8(ascii: ":") else { return nil }
    i += 1
    guard let minute = fixedDigits(p, n, &i, 2) else { return nil }
    var second = 0
    if i < n && p[i] == UInt8(ascii: ":") {
      i += 1
      guard let s = fixedDigits(p, n, &i, 2) else { return nil }
      second = s
      if i < n && p[i] == UInt8(ascii: ".") {
        i += 1
        guard i < n, digit(p[i]) != nil else { return nil }
        while i < n, digit(p[i]) != nil { i += 1 }
      }
    }
    if allowZulu && i < n && p[i] == UInt8(ascii: "Z") { i += 1 }
    if allowMeridiem && i < n {
      var j = i
      while j < n && p[j] == 0x20 { j += 1 }
      if j + 2 == n, p[j + 1] | 0x20 == UInt8(ascii: "m") {
        let ap = p[j] | 0x20
        guard (1...12).contains(hour), ap == UInt8(ascii: "a") || ap == UInt8(ascii: "p") else {
          return nil
        }
        if ap == UInt8(ascii: "a") {
          hour = hour == 12 ? 0 : hour
        } else {
          hour = hour == 12 ? 12 : hour + 12
        }
        i = n
      }
    }
    guard i == n, hour <= 23, minute <= 59, second <= 60 else { return nil }
    return hour * 3600 + minute * 60 + second
  }

  @inline(__always)
  static func isDateSeparator(_ b: UInt8) -> Bool {
    b == UInt8(ascii: "-") || b == UInt8(ascii: "/") || b == UInt8(ascii: ".")
  }

  /// Parses an ISO-style year-first date or date-time.
  @inline(__always)
  static func parseISO(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    var i = 0
    guard n >= 8, let year = fixedDigits(p, n, &i, 4), i < n, isDateSeparator(p[i]) else {
      return nil
    }
    let sep = p[i]
    i += 1
    guard let month = oneOrTwoDigits(p, n, &i), i < n, p[i] == sep else { return nil }
    i += 1
    guard let day = oneOrTwoDigits(p, n, &i),
      let sod = timeOfDay(p, n, i, allowMeridiem: false, allowZulu: true),
      (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year)
    else { return nil }
    return CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.secondsPerDay
      + Int64(sod)
  }

  /// Parses an ISO date-time that ends in a UTC offset (`+02:00`, `+0200`, `+02`, `-05:00`) or
  /// `Z`, converted to UTC; `nil` for anything else, naive ISO included.
  static func parseISOOffset(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    // The shortest date-time with a time and an offset: `2017-02-11T10:00Z`.
    guard n >= 17 else { return nil }
    if p[n - 1] == UInt8(ascii: "Z") { return parseISO(p, n) }
    var k = n - 1
    while k > n - 7 && (digit(p[k]) != nil || p[k] == UInt8(ascii: ":")) { k -= 1 }
    let sign = p[k]
    guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), k >= 13,
      let offset = utcOffset(p + k, n - k), let local = parseISO(p, k)
    else { return nil }
    return local - offset
  }

  /// Reads a whole UTC offset `±HH:MM`, `±HHMM`, `±HH` or `Z` as seconds east of UTC.
  static func utcOffset(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
    if n == 1 && p[0] == UInt8(ascii: "Z") { return 0 }
    guard n >= 3, p[0] == UInt8(ascii: "+") || p[0] == UInt8(ascii: "-") else { return nil }
    var i = 1
    guard let hours = fixedDigits(p, n, &i, 2) else { return nil }
    var minutes = 0
    if i < n {
      if p[i] == UInt8(ascii: ":") { i += 1 }
      guard let m = fixedDigits(p, n, &i, 2) else { return nil }
      minutes = m
    }
    guard i == n, hours <= 14, minutes <= 59 else { return nil }
    let seconds = Int64(hours * 3600 + minutes * 60)
    return p[0] == UInt8(ascii: "-") ? -seconds : seconds
  }

  /// Reads an English month name at `i` (full, three letters, or `Sept`; any case), advancing
  /// `i` past it; returns the month 1–12.
  static func monthName(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int? {
    var j = i
    while j < n, (p[j] | 0x20) >= UInt8(ascii: "a"), (p[j] | 0x20) <= UInt8(ascii: "z") { j += 1 }
    let length = j - i
    guard length >= 3 else { return nil }
    for (index, name) in monthNames.enumerated() {
      let matches: Bool
      if length == name.count || length == 3 {
        matches = (0..<length).allSatisfy { p[i + $0] | 0x20 == name[$0] }
      } else if length == 4 && index == 8 {
        matches = (0..<4).allSatisfy { p[i + $0] | 0x20 == name[$0] }  // `Sept`
      } else {
        matches = false
      }
      if matches {
        i = j
        return index + 1
      }
    }
    return nil
  }

  static let monthNames: [[UInt8]] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ].map { Array($0.utf8) }

  /// A two-digit year on the `%y` pivot: 00–68 are 2000–2068, 69–99 are 1969–1999.
  @inline(__always)
  static func pivotYear(_ yy: Int) -> Int { yy < 69 ? 2000 + yy : 1900 + yy }

  /// Parses a date with an English month name: day first (`11-Feb-17`, `11-Feb-2017`,
  /// `11 February 2017`, `11/Feb/2017`, `11.Feb.2017`) or month first (`Feb 11, 2017`,
  /// `February 11 2017`), with an optional time of day (`10:30`, `10:30:00`, `10:30 PM`).
  static func parseNamedMonth(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    var i = 0
    func skipSpaces() { while i < n && p[i] == 0x20 { i += 1 } }
    let day: Int
    let month: Int
    let year: Int
    if let d = oneOrTwoDigits(p, n, &i) {
      guard i < n else { return nil }
      let sep = p[i]
      guard sep == 0x20 || isDateSeparator(sep) else { return nil }
      i += 1
      if sep == 0x20 { skipSpaces() }
      guard let m = monthName(p, n, &i), i < n, p[i] == sep else { return nil }
      i += 1
      if sep == 0x20 { skipSpaces() }
      let start = i
      while i < n, digit(p[i]) != nil { i += 1 }
      var k = start
      switch i - start {
      case 2:
        guard let yy = fixedDigits(p, n, &k, 2) else { return nil }
        year = pivotYear(yy)
      case 4:
        guard let yyyy = fixedDigits(p, n, &k, 4) else { return nil }
        year = yyyy
      default: return nil
      }
      day = d
      month = m
    } else if let m = monthName(p, n, &i) {
      if i < n && p[i] == UInt8(ascii: ".") { i += 1 }  // `Feb. 11, 2017`
      guard i < n, p[i] == 0x20 else { return nil }
      skipSpaces()
      guard let d = oneOrTwoDigits(p, n, &i) else { return nil }
      if i < n && p[i] == UInt8(ascii: ",") { i += 1 }
      guard i < n, p[i] == 0x20 else { return nil }
      skipSpaces()
      guard let yyyy = fixedDigits(p, n, &i, 4) else { return nil }
      guard i == n || digit(p[i]) == nil else { return nil }
      day = d
      month = m
      year = yyyy
    } else {
      return nil
    }
    guard let sod = timeOfDay(p, n, i, allowMeridiem: true, allowZulu: false),
      day >= 1, day <= CivilCalendar.daysIn(month: month, year: year)
    else { return nil }
    return CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.secondsPerDay
      + Int64(sod)
  }

  /// The plausible range of epoch dates: 1990-01-01 to 2100-01-01 (exclusive), in seconds.
  static let epochRange: Range<Int64> = 631_152_000..<4_102_444_800

  /// How an epoch column counts: seconds or milliseconds since 1970-01-01 00:00 UTC.
  enum EpochUnit: Sendable, Equatable { case seconds, milliseconds }

  /// Parses Unix epoch seconds (9–10 digits) or milliseconds (12–13 digits) in
  /// ``epochRange``; the unit follows from the magnitude (the two ranges do not overlap).
  /// Milliseconds are cut to whole seconds, as fractional seconds are elsewhere.
  static func parseEpoch(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> (Int64, EpochUnit)? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    guard (9...13).contains(n) else { return nil }
    var v: Int64 = 0
    for k in 0..<n {
      guard let d = digit(p[k]) else { return nil }
      v = v * 10 + Int64(d)
    }
    if epochRange.contains(v) { return (v, .seconds) }
    if v >= epochRange.lowerBound * 1000 && v < epochRange.upperBound * 1000 {
      return (v / 1000, .milliseconds)
    }
    return nil
  }

  /// Whether a column name says it holds dates or times (`created_at`, `timestamp`,
  /// `event_time`, `order_date`), which lets its integers be read as epoch times.
  static func nameSaysDateOrTime(_ name: String) -> Bool {
    let lower = name.lowercased()
    let words = lower.split(whereSeparator: { !$0.isLetter })
    return ["date", "time", "stamp", "created", "updated", "epoch"].contains { lower.contains($0) }
      || words.contains { $0 == "at" || $0 == "ts" }
  }

  /// Parses a compact `YYYYMMDD` date.
  static func parseCompact(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    var i = 0
    guard n == 8, let year = fixedDigits(p, n, &i, 4), let month = fixedDigits(p, n, &i, 2),
      let day = fixedDigits(p, n, &i, 2), year >= 1000
    else { return nil }
    return CivilCalendar.seconds(year: year, month: month, day: day)
  }

  /// Parses a year-last date whose day/month order is not yet known.
  @inline(__always)
  static func parseSlash(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> SlashDate? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    var i = 0
    guard let a = oneOrTwoDigits(p, n, &i), i < n, isDateSeparator(p[i]) else { return nil }
    let sep = p[i]
    i += 1
    guard let b = oneOrTwoDigits(p, n, &i), i < n, p[i] == sep else { return nil }
    i += 1
    guard let year = fixedDigits(p, n, &i, 4),
      let sod = timeOfDay(p, n, i, allowMeridiem: true, allowZulu: false)
    else { return nil }
    let date = SlashDate(first: a, second: b, year: year, secondOfDay: sod)
    guard date.isValidMonthFirst || date.isValidDayFirst else { return nil }
    return date
  }
}

/// A year-last date (`a/b/YYYY [time]`) before the column's day/month order is known.
///
/// A column is read month-first (US, `12/1/2010`) when every value is a valid month-first date
/// and some value is not a valid day-first date, day-first when the reverse holds. When every
/// value is valid both ways (all day and month numbers ≤ 12) the order is ambiguous and the
/// loader asks for `dateformat=`.
struct SlashDate: Equatable {
  var first: Int
  var second: Int
  var year: Int
  var secondOfDay: Int

  var isValidMonthFirst: Bool {
    (1...12).contains(first) && second >= 1
      && second <= CivilCalendar.daysIn(month: first, year: year)
  }

  var isValidDayFirst: Bool {
    (1...12).contains(second) && first >= 1
      && first <= CivilCalendar.daysIn(month: second, year: year)
  }

  /// Packs into one integer: first | second << 5 | year << 10 | secondOfDay << 26.
  var packed: Int64 {
    Int64(first) | Int64(second) << 5 | Int64(year) << 10 | Int64(secondOfDay) << 26
  }

  init(first: Int, second: Int, year: Int, secondOfDay: Int) {
    self.first = first
    self.second = second
    self.year = year
    self.secondOfDay = secondOfDay
  }

  init(packed v: Int64) {
    first = Int(v & 31)
    second = Int(v >> 5 & 31)
    year = Int(v >> 10 & 0xFFFF)
    secondOfDay = Int(v >> 26)
  }

  /// Packed dates (`Column.missingInteger` where missing) turned into seconds in place, once the
  /// column's order is known.
  static func convert(_ packed: inout [Int64], monthFirst: Bool) {
    for i in packed.indices where packed[i] != Column.missingInteger {
      packed[i] = SlashDate(packed: packed[i]).seconds(monthFirst: monthFirst)
    }
  }

  /// Seconds since the epoch, reading the first number as the month or as the day.
  func seconds(monthFirst: Bool) -> Int64 {
    let month = monthFirst ? first : second
    let day = monthFirst ? second : first
    return CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.secondsPerDay
      + Int64(secondOfDay)
  }
}

/// How a date column's values were read, when the load summary should say so.
enum DateReading: Sendable, Equatable {
  /// Naive local date-times as written (no note).
  case plain
  /// ISO date-times with UTC offsets, converted to UTC.
  case utcOffsets
  case epochSeconds
  case epochMilliseconds
  /// Excel serial days (`dateformat=excel`).
  case excelSerial

  /// The load summary's line about column `name`, or `nil` for plain dates.
  func note(column name: String) -> String? {
    switch self {
    case .plain: nil
    case .utcOffsets: "\(name): ISO with UTC offsets, converted to UTC"
    case .epochSeconds: "\(name): Unix epoch seconds, read as UTC"
    case .epochMilliseconds: "\(name): Unix epoch milliseconds, read as UTC"
    case .excelSerial: "\(name): Excel serial days (1900 date system)"
    }
  }
}
