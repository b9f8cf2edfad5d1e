/// A `strftime`-style pattern for reading dates, given with `dateformat=`.
///
/// Directives: `%Y` four-digit year, `%y` two-digit year (00–68 → 2000s, 69–99 → 1900s), `%m`
/// month 1–12, `%d` day, `%H` hour 0–23, `%I` hour 1–12 with `%p` (`AM`/`PM`), `%M` minute,
/// `%S` second, `%b` or `%B` month name or abbreviation in English (`Jan`, `January`, `Sept`,
/// any case), `%z` a UTC offset (`+02:00`, `+0200`, `+02`, `Z`: the date-time is converted to
/// UTC), `%Z` a zone as one word: an offset, `UTC+1`, `UTC`, `GMT` or an abbreviation seg knows
/// (`CET`, `EST`; see ``WrittenZone``; converted to UTC), `%%` a percent sign. Numbers may have one or two digits except `%Y` (four). Any other
/// character must appear as written; a space matches one or more spaces. Surrounding spaces of a
/// value are ignored.
///
/// The pattern `excel` reads Excel serial day numbers (`42777.4166`: days since 1899-12-30 in
/// Excel's 1900 date system, the fraction the time of day); see ``ExcelSerial``.
///
/// The pattern `days since YYYY-MM-DD` reads day numbers counted from that date (`1` is the
/// day after it; a fraction is the time of day), as logs with their dates anonymised write
/// them (dunnhumby's *The Complete Journey*: `DAY` 1 to 711). Only the gaps between days matter
/// to recency and frequency, so any origin gives the same RFM table.
///
/// ```
/// %d/%m/%Y %H:%M     01/12/2010 08:26
/// %m/%d/%Y %H:%M     12/1/2010 8:26
/// %Y%m%d             20101201
/// %d.%m.%Y           01.12.2010
/// ```
public struct DateFormat: Sendable, Equatable, CustomStringConvertible {
  enum Part: Sendable, Equatable {
    case year4, year2, month, monthName, day, hour24, hour12, minute, second, meridiem, offset
    /// A zone written as one word (`%Z`).
    case zone
    /// The whole value is an Excel serial day number (`dateformat=excel`).
    case excelSerial
    /// The whole value is a number of days after a day (`days since 2019-12-31`), given as
    /// days since 1970-01-01.
    case daysSince(Int64)
    case literal(UInt8)
    case spaces
  }

  let parts: [Part]
  /// The pattern as written.
  public let pattern: String

  /// Compiles a pattern, or returns `nil` when it has an unknown directive or no day.
  public init?(_ pattern: String) {
    if pattern.lowercased() == "excel" {
      self.parts = [.excelSerial]
      self.pattern = pattern
      return
    }
    if let origin = DateFormat.daysSinceOrigin(pattern) {
      self.parts = [.daysSince(origin)]
      self.pattern = pattern
      return
    }
    var parts: [Part] = []
    let bytes = Array(pattern.utf8)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "%") {
        guard i + 1 < bytes.count else { return nil }
        switch bytes[i + 1] {
        case UInt8(ascii: "Y"): parts.append(.year4)
        case UInt8(ascii: "y"): parts.append(.year2)
        case UInt8(ascii: "m"): parts.append(.month)
        case UInt8(ascii: "b"), UInt8(ascii: "B"): parts.append(.monthName)
        case UInt8(ascii: "d"), UInt8(ascii: "e"): parts.append(.day)
        case UInt8(ascii: "H"): parts.append(.hour24)
        case UInt8(ascii: "I"): parts.append(.hour12)
        case UInt8(ascii: "M"): parts.append(.minute)
        case UInt8(ascii: "S"): parts.append(.second)
        case UInt8(ascii: "p"): parts.append(.meridiem)
        case UInt8(ascii: "z"): parts.append(.offset)
        case UInt8(ascii: "Z"): parts.append(.zone)
        case UInt8(ascii: "%"): parts.append(.literal(b))
        default: return nil
        }
        i += 2
      } else if b == 0x20 {
        if parts.last != .spaces { parts.append(.spaces) }
        i += 1
      } else {
        parts.append(.literal(b))
        i += 1
      }
    }
    let hasYear = parts.contains(.year4) || parts.contains(.year2)
    let hasMonth = parts.contains(.month) || parts.contains(.monthName)
    guard hasYear, hasMonth, parts.contains(.day) else { return nil }
    self.parts = parts
    self.pattern = pattern
  }

  public var description: String { pattern }

  /// Whether the pattern reads Excel serial days (`excel`).
  var isExcelSerial: Bool { parts == [.excelSerial] }

  /// The day `days since DATE` counts from, as days since 1970-01-01; `nil` for other patterns.
  var dayNumberOrigin: Int64? {
    if case .daysSince(let origin)? = parts.first { origin } else { nil }
  }

  /// The origin of `days since YYYY-MM-DD` (any case, spaces between the words) as days since
  /// 1970-01-01, or `nil` for any other pattern.
  static func daysSinceOrigin(_ pattern: String) -> Int64? {
    let words = pattern.split(separator: " ")
    guard words.count == 3, words[0].lowercased() == "days", words[1].lowercased() == "since"
    else { return nil }
    var date = Array(words[2].utf8)
    return date.withUnsafeMutableBufferPointer { b -> Int64? in
      guard let p = b.baseAddress, b.count == 10, let seconds = DateParsing.parseISO(p, b.count)
      else { return nil }
      return seconds / CivilCalendar.secondsPerDay
    }
  }

  /// The largest day number `days since` reads: about 27,000 years, which keeps every date
  /// within the calendar's range of years and every product in an `Int64`.
  static let dayNumberLimit = 10_000_000.0

  /// Whether the pattern reads a UTC offset (`%z`).
  var hasOffset: Bool { parts.contains(.offset) || parts.contains(.zone) }

  /// Parses text into seconds since the epoch, or `nil` when it does not fit the pattern.
  public func parse(_ text: String) -> Int64? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { b in
      b.baseAddress.flatMap { parse(UnsafePointer($0), b.count) }
    }
  }

  /// Parses a value into seconds since the epoch, or `nil` when it does not fit.
  func parse(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    var i = 0
    var year = 0
    var month = 0
    var day = 0
    var hour = 0
    var minute = 0
    var second = 0
    var pm: Bool? = nil
    var offset: Int64 = 0
    for part in parts {
      switch part {
      case .year4:
        guard let v = DateParsing.fixedDigits(p, n, &i, 4) else { return nil }
        year = v
      case .year2:
        guard let v = DateParsing.fixedDigits(p, n, &i, 2) else { return nil }
        year = DateParsing.pivotYear(v)
      case .month:
        guard let v = DateParsing.oneOrTwoDigits(p, n, &i) else { return nil }
        month = v
      case .day:
        guard let v = DateParsing.oneOrTwoDigits(p, n, &i) else { return nil }
        day = v
      case .hour24, .hour12:
        guard let v = DateParsing.oneOrTwoDigits(p, n, &i) else { return nil }
        hour = v
      case .minute:
        guard let v = DateParsing.oneOrTwoDigits(p, n, &i) else { return nil }
        minute = v
      case .second:
        guard let v = DateParsing.oneOrTwoDigits(p, n, &i) else { return nil }
        second = v
      case .monthName:
        guard let v = DateParsing.monthName(p, n, &i) else { return nil }
        month = v
      case .offset:
        var j = i
        if j < n && p[j] == UInt8(ascii: "Z") {
          j += 1
        } else if j < n && (p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-")) {
          j += 1
          while j < n && (DateParsing.digit(p[j]) != nil || p[j] == UInt8(ascii: ":")) { j += 1 }
        }
        guard let v = DateParsing.utcOffset(p + i, j - i) else { return nil }
        offset = v
        i = j
      case .zone:
        var j = i
        while j < n && p[j] != 0x20 { j += 1 }
        guard let v = WrittenZone.seconds(ofWord: UnsafeBufferPointer(start: p + i, count: j - i))
        else { return nil }
        offset = v
        i = j
      case .excelSerial:
        guard let serial = NumberParsing.parseDecimal(p, n) else { return nil }
        return ExcelSerial.seconds(serial, date1904: false)
      case .daysSince(let origin):
        guard let days = NumberParsing.parseDecimal(p, n), days.isFinite,
          abs(days) < DateFormat.dayNumberLimit
        else { return nil }
        let seconds = Int64((days * Double(CivilCalendar.secondsPerDay)).rounded(.toNearestOrEven))
        let result = origin * CivilCalendar.secondsPerDay + seconds
        guard CivilCalendar.isInRange(seconds: result) else { return nil }
        return result
      case .meridiem:
        guard i + 2 <= n, p[i + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
        let c = p[i] | 0x20
        guard c == UInt8(ascii: "a") || c == UInt8(ascii: "p") else { return nil }
        pm = c == UInt8(ascii: "p")
        i += 2
      case .literal(let b):
        guard i < n, p[i] == b else { return nil }
        i += 1
      case .spaces:
        guard i < n, p[i] == 0x20 else { return nil }
        while i < n && p[i] == 0x20 { i += 1 }
      }
    }
    guard i == n else { return nil }
    if let pm {
      guard (1...12).contains(hour) else { return nil }
      hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour)
    }
    return CivilCalendar.seconds(
      year: year,
      month: month,
      day: day,
      hour: hour,
      minute: minute,
      second: second
    ).map { $0 - offset }
  }
}
