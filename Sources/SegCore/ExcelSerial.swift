/// Excel serial day numbers: dates as the number of days since an epoch, the fraction being the
/// time of day.
///
/// - 1900 system (Excel's default): day 1 is 1900-01-01. Excel counts a 1900-02-29 that never
///   existed (day 60, kept for Lotus 1-2-3 compatibility), so from day 61 (1900-03-01) on a
///   serial is days since 1899-12-30, and below 60 days since 1899-12-31. Day 60 itself is
///   refused: it names no real date.
/// - 1904 system (workbooks marked `date1904`, old Mac Excel): days since 1904-01-01.
///
/// The fraction is rounded to the millisecond (half to even, as openpyxl does), then cut to
/// whole seconds as fractional seconds are elsewhere. Negative serials and serials past
/// 9999-12-31 are not dates.
enum ExcelSerial {
  /// 1899-12-30 and 1904-01-01 as days since 1970-01-01.
  static let epoch1900: Int64 = -25_569
  static let epoch1904: Int64 = -24_107
  /// The first serial after 9999-12-31 in the 1900 system.
  static let limit: Double = 2_958_466

  /// Seconds since 1970-01-01 of a serial day number, or `nil` when it is no date (see the
  /// type's discussion).
  static func seconds(_ serial: Double, date1904: Bool) -> Int64? {
    guard serial.isFinite, serial >= 0, serial < limit else { return nil }
    if !date1904 && serial >= 60 && serial < 61 { return nil }
    let whole = serial.rounded(.down)
    var days = Int64(whole)
    var milliseconds = Int64(((serial - whole) * 86_400_000).rounded(.toNearestOrEven))
    if milliseconds >= 86_400_000 {
      days += 1
      milliseconds -= 86_400_000
    }
    let base: Int64
    if date1904 {
      base = epoch1904
    } else {
      base = serial < 60 && serial >= 1 ? epoch1900 + 1 : epoch1900
    }
    return (base + days) * CivilCalendar.secondsPerDay + milliseconds / 1000
  }

  /// Whether a serial is a time of day only (below 1: no date part).
  static func isTimeOnly(_ serial: Double) -> Bool { serial >= 0 && serial < 1 }
}
