/// Proleptic Gregorian calendar arithmetic on naive local date-times (no time zone, no locale),
/// identical on every machine. Date-times are seconds since 1970-01-01T00:00:00.
public enum CivilCalendar {
  /// Seconds in a day.
  public static let secondsPerDay: Int64 = 86_400

  /// Days since 1970-01-01 for a valid year, month (1–12) and day (Howard Hinnant's algorithm).
  @inline(__always)
  public static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The year, month and day of a day number (days since 1970-01-01).
  public static func civil(fromDays z0: Int64) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
  }

  /// The weekday of a day number, Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
  @inline(__always)
  package static func weekday(ofDay days: Int64) -> Int {
    Int(((days % 7 + 7) % 7 + 3) % 7)
  }

  /// Whether `year` is a Gregorian leap year.
  @inline(__always)
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in `month` of `year`.
  @inline(__always)
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The day number (days since 1970-01-01) of a date-time, rounding towards the past.
  @inline(__always)
  public static func day(ofSeconds seconds: Int64) -> Int64 {
    seconds >= 0 ? seconds / secondsPerDay : (seconds - secondsPerDay + 1) / secondsPerDay
  }

  /// Whether seconds since the epoch fall in the years 1 to 9999, the range dates are read in.
  package static func isInRange(seconds: Int64) -> Bool {
    seconds >= days(year: 1, month: 1, day: 1) * secondsPerDay
      && seconds < days(year: 10_000, month: 1, day: 1) * secondsPerDay
  }

  /// Seconds since the epoch for a date and time of day, or `nil` when the date does not exist.
  public static func seconds(
    year: Int,
    month: Int,
    day: Int,
    hour: Int = 0,
    minute: Int = 0,
    second: Int = 0
  ) -> Int64? {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= daysIn(month: month, year: year), (0...23).contains(hour), (0...59).contains(minute),
      (0...60).contains(second)
    else { return nil }
    return days(year: year, month: month, day: day) * secondsPerDay
      + Int64(hour * 3600 + minute * 60 + second)
  }

  /// ISO text of a date-time: `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD` when `includeTime` is false.
  public static func isoText(seconds: Int64, includeTime: Bool = true) -> String {
    let dayNumber = day(ofSeconds: seconds)
    let (y, m, d) = civil(fromDays: dayNumber)
    var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    if includeTime {
      let sod = Int(seconds - dayNumber * secondsPerDay)
      s += " " + pad(sod / 3600, 2) + ":" + pad(sod / 60 % 60, 2) + ":" + pad(sod % 60, 2)
    }
    return s
  }

  private static func pad(_ v: Int, _ width: Int) -> String {
    let digits = String(v)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  /// Parses `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]` (or with `T`) into seconds since the epoch.
  public static func parseISO(_ text: String) -> Int64? {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { b -> Int64? in
      guard let base = b.baseAddress else { return nil }
      return DateParsing.parseISO(UnsafePointer(base), b.count)
    }
  }
}
