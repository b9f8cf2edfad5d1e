/// Byte-level date and date-time parsers for CSV fields.
///
/// Recognised without options:
/// - ISO: `2010-12-01`, `2010-12-01 08:26`, `2010-12-01 08:26:00`, `2010-12-01T08:26:00`,
///   optional fractional seconds (dropped) and a trailing `Z`; `/` or `.` may replace `-`.
/// - Year-last: `12/1/2010 8:26`, `01/12/2010 08:26:00`, with `/`, `.` or `-` separators and an
///   optional `AM`/`PM`. Whether the first number is the month or the day is decided per column:
///   see ``SlashDate``.
/// - Compact `20101201`, for the date column only (other 8-digit columns stay integers).
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
