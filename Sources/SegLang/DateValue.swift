import SegCore

/// A calendar date, optionally with a time of day, as naive local time (no time zone).
///
/// Stored as seconds since 1970-01-01T00:00:00, the same convention as SegCore's datetime
/// columns, so dates and datetime columns compare directly. Conversion uses proleptic Gregorian
/// arithmetic (no `Calendar`, no locale), so it is identical on every machine.
public struct DateValue: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00.
  public var secondsSinceEpoch: Int64
  /// Whether the value was written with a time of day; only affects printing.
  public var includesTime: Bool

  /// Creates a date from seconds since the epoch.
  public init(secondsSinceEpoch: Int64, includesTime: Bool = false) {
    self.secondsSinceEpoch = secondsSinceEpoch
    self.includesTime = includesTime
  }

  /// Creates a date from its parts, or `nil` when the day does not exist (`2011-02-30`).
  public init?(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
    includesTime: Bool = false
  ) {
    guard (1...12).contains(month), day >= 1, day <= DateValue.daysIn(month: month, year: year),
      (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
      (1...9999).contains(year)
    else { return nil }
    let days = DateValue.daysFromCivil(year: year, month: month, day: day)
    secondsSinceEpoch = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    self.includesTime = includesTime
  }

  /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space may replace `T`).
  public init?(parsing text: String) {
    let b = Array(text.utf8)
    func digits(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= b.count else { return nil }
      var v = 0
      for i in from..<(from + count) {
        guard b[i] >= 48, b[i] <= 57 else { return nil }
        v = v * 10 + Int(b[i] - 48)
      }
      return v
    }
    guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2)
    else { return nil }
    if b.count == 10 {
      self.init(year: y, month: m, day: d)
      return
    }
    guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b.count == 16 || b.count == 19,
      let hh = digits(11, 2), b[13] == UInt8(ascii: ":"), let mm = digits(14, 2)
    else { return nil }
    var ss = 0
    if b.count == 19 {
      guard b[16] == UInt8(ascii: ":"), let s = digits(17, 2) else { return nil }
      ss = s
    }
    self.init(year: y, month: m, day: d, hour: hh, minute: mm, second: ss, includesTime: true)
  }

  /// The year, month and day.
  public var civil: (year: Int, month: Int, day: Int) {
    let days = Int(CivilCalendar.day(ofSeconds: secondsSinceEpoch))
    return DateValue.civilFromDays(days)
  }

  /// Seconds since midnight.
  public var secondOfDay: Int { Int(secondsSinceEpoch - CivilCalendar.day(ofSeconds: secondsSinceEpoch) * 86_400) }

  /// `2011-12-09`, or `2011-12-09T08:26:00` when ``includesTime`` is set.
  public var description: String { format(timeSeparator: "T", includeTime: includesTime) }

  /// Formats the date; `includeTime` adds `HH:MM:SS` after `timeSeparator`.
  public func format(timeSeparator: String, includeTime: Bool) -> String {
    let (y, m, d) = civil
    var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    if includeTime {
      let t = secondOfDay
      s += timeSeparator + pad(t / 3600, 2) + ":" + pad(t / 60 % 60, 2) + ":" + pad(t % 60, 2)
    }
    return s
  }

  /// Orders by instant.
  public static func < (a: DateValue, b: DateValue) -> Bool {
    a.secondsSinceEpoch < b.secondsSinceEpoch
  }

  private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  static func daysIn(month: Int, year: Int) -> Int { CivilCalendar.daysIn(month: month, year: year) }

  /// Days since 1970-01-01 (SegCore's ``CivilCalendar``).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    Int(CivilCalendar.days(year: year, month: month, day: day))
  }

  /// The inverse of ``daysFromCivil(year:month:day:)``.
  static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    CivilCalendar.civil(fromDays: Int64(days))
  }
}
