import SegCore

/// A proleptic Gregorian calendar date, converted from and to a day count since 1970-01-01 by
/// SegCore's ``CivilCalendar`` (exact integer arithmetic, no time zones, no Foundation calendar).
struct CivilDate: Equatable, Sendable {
  var year: Int
  var month: Int
  var day: Int

  init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  init(daysSinceEpoch: Int) {
    (year, month, day) = CivilCalendar.civil(fromDays: Int64(daysSinceEpoch))
  }

  var daysSinceEpoch: Int { Int(CivilCalendar.days(year: year, month: month, day: day)) }

  var iso: String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  static let monthAbbreviations = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
}
