import Foundation
import SegCore

/// Conversions between `Date`, ISO 8601 UTC text with milliseconds (`2011-12-10T06:00:00.000Z`,
/// how run times are stored) and calendar dates (`2011-12-10`, how as-of dates are stored).
///
/// Written by hand on SegCore's ``CivilCalendar``, so the text does not depend on the locale,
/// time zone or Foundation's formatter version.
enum Timestamp {
  /// The first and last millisecond that have a four-digit year (0001-01-01, 9999-12-31).
  static let representable: ClosedRange<Double> = -62_135_596_800_000...253_402_300_799_999

  /// `date` as UTC text with millisecond precision, rounded to the nearest millisecond.
  ///
  /// Dates before year 1 or after year 9999 (and NaN) are clamped into that range rather than
  /// trapping.
  static func text(_ date: Date) -> String {
    let raw = (date.timeIntervalSince1970 * 1000).rounded()
    let clamped = raw.isNaN ? 0 : min(max(raw, representable.lowerBound), representable.upperBound)
    let millis = Int64(clamped)
    let (days, msOfDay) = floorDivide(millis, 86_400_000)
    let (year, month, day) = civil(fromDays: days)
    let hour = msOfDay / 3_600_000
    let minute = msOfDay / 60_000 % 60
    let second = msOfDay / 1000 % 60
    let ms = msOfDay % 1000
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
      + "\(pad(second, 2)).\(pad(ms, 3))Z"
  }

  /// The date for text written by ``text(_:)``, or `nil` when the text has another shape.
  static func date(_ text: String) -> Date? {
    let b = Array(text.utf8)
    guard b.count == 24, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
      b[19] == UInt8(ascii: "."), b[23] == UInt8(ascii: "Z"),
      let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
      let hour = number(b[11..<13]), let minute = number(b[14..<16]),
      let second = number(b[17..<19]), let ms = number(b[20..<23]),
      isValidDay(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
    else { return nil }
    let days = self.days(year: year, month: month, day: day)
    let millis = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms
    return Date(timeIntervalSince1970: Double(millis) / 1000)
  }

  /// Whether `text` is a calendar date `yyyy-MM-dd` that exists (2011-02-29 does not).
  static func isCalendarDate(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10])
    else { return false }
    return isValidDay(year: year, month: month, day: day)
  }

  private static func isValidDay(year: Int64, month: Int64, day: Int64) -> Bool {
    (1...12).contains(month) && day >= 1
      && day <= Int64(CivilCalendar.daysIn(month: Int(month), year: Int(year)))
  }

  private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
    var value: Int64 = 0
    for d in digits {
      guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int64(d - UInt8(ascii: "0"))
    }
    return value
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a / b
    let r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
  }

  /// Days since 1970-01-01 for a proleptic Gregorian date.
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    CivilCalendar.days(year: Int(year), month: Int(month), day: Int(day))
  }

  /// The proleptic Gregorian date `days` after 1970-01-01.
  static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let (year, month, day) = CivilCalendar.civil(fromDays: days)
    return (Int64(year), Int64(month), Int64(day))
  }
}
