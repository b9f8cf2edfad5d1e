/// Byte-level date and date-time parsers for CSV fields.
///
/// Recognised without options:
/// - ISO: `2010-12-01`, `2010-12-01 08:26`, `2010-12-01 08:26:00`, `2010-12-01T08:26:00`,
///   optional fractional seconds (dropped) and a trailing `Z`; `/` or `.` may replace `-`.
/// - Year-last: `12/1/2010 8:26`, `01/12/2010 08:26:00`, with `/`, `.` or `-` separators, an
///   optional `AM`/`PM` and an optional UTC designator (` UTC`, ` GMT`, `Z`). Whether the first
///   number is the month or the day is decided per column: see ``SlashDate``.
/// - Compact `20101201`, for the date column only (other 8-digit columns stay integers).
/// - Month names (``parseNamedMonth(_:_:)``) in English, German, French, Spanish, Italian,
///   Portuguese or Dutch, with an optional UTC designator after a time (`Tue, 05 Jan 2021
///   10:00:00 GMT`): `11-Feb-17`, `11-Feb-2017`, `11 February 2017`, `Feb 11, 2017`,
///   `24. Dezember 2020`, `3 févr. 2021`, `12 de enero de 2021`, any case, `Sept` too; two-digit
///   years 00–68 are 2000s, 69–99 1900s.
/// - ISO with a UTC offset (``parseISOOffset(_:_:)``): `2017-02-11T10:00:00+02:00`, `+0200`,
///   `+02`, `Z`, ` UTC`, ` GMT`, converted to UTC.
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
      // `PM`, and `p.m.` / `p. m.` as Canadian, Spanish and Latin American locales write it:
      // two letters, the second `m`, with dots and spaces between and after.
      var (letter1, letter2, count) = (UInt8(0), UInt8(0), 0)
      var k = j
      while k < n && count <= 2 {
        let b = p[k] | 0x20
        if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") {
          if count == 0 { letter1 = b } else { letter2 = b }
          count += 1
        } else if p[k] != UInt8(ascii: ".") && p[k] != 0x20 {
          break
        }
        k += 1
      }
      if k == n, count == 2, letter2 == UInt8(ascii: "m"), p[j] | 0x20 == letter1 {
        let ap = letter1
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
    parseISOZoned(p0, n0)?.seconds
  }

  /// ``parseISOOffset(_:_:)``, and the zone abbreviation read (an index into
  /// ``WrittenZone/abbreviations``) when the offset was written as one (`2021-01-04 10:00 CET`).
  /// `offset` is the offset applied, in seconds east of UTC (0 for a UTC designator).
  static func parseISOZoned(_ p0: UnsafePointer<UInt8>, _ n0: Int)
    -> (seconds: Int64, zone: Int?, offset: Int64)?
  {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    // The shortest date-time with a time and an offset: `2017-02-11T10:00Z`.
    guard n >= 17 else { return nil }
    switch WrittenZone.split(p, n) {
    case .utc(let k):
      // `2023-05-02 10:14:22 UTC`, as BigQuery exports timestamps; `…T10:00:00Z`.
      return parseISO(p, k).map { ($0, nil, 0) }
    case .offset(let k, let seconds, let zone):
      guard k >= 13, let local = parseISO(p, k) else { return nil }
      return (local - seconds, zone, seconds)
    case .none, .unknown:
      return nil
    }
  }

  /// Reads a whole UTC offset `±HH:MM`, `±HHMM`, `±HH` or `Z` as seconds east of UTC.
  static func utcOffset(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
    if n == 1 && p[0] == UInt8(ascii: "Z") { return 0 }
    return WrittenZone.offset(UnsafeBufferPointer(start: p, count: n), hourDigits: 2...2)
  }

  /// A weekday in front of a date (`Friday, December 31, 2021`, `Mon 1/4/2021`), which must be
  /// followed by `,`, `.` or a space: the weekday (Monday 0) with `i` past what follows it, or
  /// `nil` when no weekday stands at `i`. `readable` is false when a weekday is not followed
  /// by one of those (`Mon1/4/2021`).
  static func leadingWeekday(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int)
    -> (weekday: Int?, readable: Bool)
  {
    guard let w = weekdayName(p, n, &i) else { return (nil, true) }
    let start = i
    while i < n, p[i] == UInt8(ascii: ",") || p[i] == UInt8(ascii: ".") || p[i] == 0x20 {
      i += 1
    }
    return (w, i > start)
  }

  /// Reads a month name at `i`, advancing `i` past it; returns the month 1–12.
  ///
  /// The name is the whole run of letters at `i` (any case, accented letters included), in
  /// English, German, French, Spanish, Italian, Portuguese or Dutch: the full name, or a
  /// beginning of it of three letters or more that no other month's name shares (`Feb`, `Sept`,
  /// `févr`, `Dez`, `juil`; not `jui`), or a customary abbreviation that is not a beginning
  /// (`Mrz`, `mrt`). See ``monthTable``.
  static func monthName(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int? {
    guard let (key, length, end) = wordKey(p, n, i), length >= 3, let month = monthTable[key]
    else { return nil }
    i = end
    return month
  }

  /// The weekday (Monday 0 … Sunday 6) named at `i` in English, German, French, Spanish,
  /// Italian, Portuguese or Dutch (full names, and English's `Mon`, `Tue`, `Tues`, ...); on
  /// success `i` moves past it.
  static func weekdayName(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Int? {
    guard let (key, length, end) = wordKey(p, n, i), length >= 3, let day = weekdayTable[key]
    else { return nil }
    i = end
    return day
  }

  /// Weekday names by their lower-case UTF-8 bytes packed into an integer (see ``monthTable``).
  static let weekdayTable: [UInt128: Int] = {
    let names: [[String]] = [
      ["monday", "mon", "montag", "lundi", "lunes", "lunedì", "lunedi", "segunda", "maandag"],
      ["tuesday", "tue", "tues", "dienstag", "mardi", "martes", "martedì", "martedi", "terça",
       "terca", "dinsdag"],
      ["wednesday", "wed", "mittwoch", "mercredi", "miércoles", "miercoles", "mercoledì",
       "mercoledi", "quarta", "woensdag"],
      ["thursday", "thu", "thur", "thurs", "donnerstag", "jeudi", "jueves", "giovedì", "giovedi",
       "quinta", "donderdag"],
      ["friday", "fri", "freitag", "vendredi", "viernes", "venerdì", "venerdi", "sexta", "vrijdag"],
      ["saturday", "sat", "samstag", "sonnabend", "samedi", "sábado", "sabado", "sabato",
       "zaterdag"],
      ["sunday", "sun", "sonntag", "dimanche", "domingo", "domenica", "zondag"],
    ]
    var table: [UInt128: Int] = [:]
    for (day, list) in names.enumerated() {
      for name in list { table[name.utf8.reduce(0) { $0 << 8 | UInt128($1) }] = day }
    }
    return table
  }()

  /// The letters at `i`, lower-cased and packed into an integer (at most 16 bytes of UTF-8),
  /// their count in bytes and where they end; `nil` for a longer word.
  static func wordKey(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int)
    -> (key: UInt128, length: Int, end: Int)?
  {
    var j = i
    var key: UInt128 = 0
    var length = 0
    while j < n {
      var b = p[j]
      if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")
        || b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
      {
        b |= 0x20
      } else if b >= 0x80 {
        // UTF-8 of Latin-1 capitals À–Þ (C3 80–9E, not × at C3 97): the small letter is 0x20
        // up.
        if j > i, p[j - 1] == 0xC3, b >= 0x80, b <= 0x9E, b != 0x97 { b |= 0x20 }
      } else {
        break
      }
      length += 1
      guard length <= 16 else { return nil }
      key = key << 8 | UInt128(b)
      j += 1
    }
    return (key, length, j)
  }

  /// Month names by their lower-case UTF-8 bytes packed into an integer (see ``monthName``):
  /// every full name below, each beginning of three letters or more that names one month only,
  /// and the abbreviations that are not beginnings.
  static let monthTable: [UInt128: Int] = {
    let names: [[String]] = [
      [
        "january", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner",
        "jaenner", "stycznia", "styczeń", "ledna", "leden",
      ],
      [
        "february", "februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari",
        "lutego", "luty", "února", "únor",
      ],
      [
        "march", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marts", "marca",
        "marzec", "března", "březen",
      ],
      ["april", "avril", "abril", "aprile", "kwietnia", "kwiecień", "dubna", "duben"],
      ["may", "mai", "mayo", "maggio", "maio", "mei", "maj", "maja", "května", "květen"],
      ["june", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec", "června"],
      ["july", "juli", "juillet", "julio", "luglio", "julho", "lipca", "lipiec", "července"],
      ["august", "août", "aout", "agosto", "augustus", "augusti", "sierpnia", "sierpień", "srpna"],
      [
        "september", "septembre", "septiembre", "setiembre", "settembre", "setembro", "września",
        "wrzesień", "září",
      ],
      [
        "october", "oktober", "octobre", "octubre", "ottobre", "outubro", "października",
        "październik", "října", "říjen",
      ],
      ["november", "novembre", "noviembre", "novembro", "listopada", "listopad", "listopadu"],
      [
        "december", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro",
        "grudnia", "grudzień", "prosince", "prosinec",
      ],
    ]
    let abbreviations: [String: Int] = ["mrz": 3, "mrt": 3, "jän": 1]
    func key(_ bytes: some Sequence<UInt8>) -> UInt128 { bytes.reduce(0) { $0 << 8 | UInt128($1) } }
    var months: [UInt128: Set<Int>] = [:]
    for (index, list) in names.enumerated() {
      for name in list {
        let bytes = Array(name.utf8)
        // Beginnings end on a whole character: count in characters, not bytes.
        var end = 0
        for (count, ch) in name.enumerated() {
          end += ch.utf8.count
          if count + 1 >= 3 || end == bytes.count {
            months[key(bytes[..<end]), default: []].insert(index + 1)
          }
        }
      }
    }
    var table: [UInt128: Int] = [:]
    for (k, set) in months where set.count == 1 { table[k] = set.first }
    for (name, month) in abbreviations { table[key(name.utf8)] = month }
    return table
  }()

  /// A run of two digits (a year on the ``pivotYear(_:)`` pivot) or four at `i`, moving `i`
  /// past it; `nil` for a run of another length.
  private static func twoOrFourDigitYear(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, twoDigits: inout Bool
  ) -> Int? {
    let start = i
    while i < n, digit(p[i]) != nil { i += 1 }
    var k = start
    switch i - start {
    case 2:
      twoDigits = true
      return fixedDigits(p, n, &k, 2).map(pivotYear)
    case 4: return fixedDigits(p, n, &k, 4)
    default: return nil
    }
  }

  /// A two-digit year on the `%y` pivot: 00–68 are 2000–2068, 69–99 are 1969–1999.
  @inline(__always)
  static func pivotYear(_ yy: Int) -> Int { yy < 69 ? 2000 + yy : 1900 + yy }

  /// Parses a date with a month name (see ``monthName(_:_:_:)`` for the languages): day first
  /// (`11-Feb-17`, `11-Feb-2017`, `11 February 2017`, `11/Feb/2017`, `11.Feb.2017`,
  /// `24. Dezember 2020`, `3 févr. 2021`, `12 de enero de 2021`) or month first
  /// (`Feb 11, 2017`, `February 11 2017`), with an optional time of day (`10:30`, `10:30:00`,
  /// `10:30 PM`).
  static func parseNamedMonth(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Int64? {
    parseNamedMonthWithYear(p0, n0)?.seconds
  }

  /// ``parseNamedMonth(_:_:)``, and whether the year was written with two digits (`11-Feb-17`).
  ///
  /// With `zones`, a time may end in an offset or a zone abbreviation (`Tue, 05 Jan 2021
  /// 10:00:00 +0100`, as e-mail headers write dates; `Jan 5, 2021 10:00 AM EST`): the seconds
  /// are then UTC, and `zone` says how the zone was written. Without, such a value is refused.
  static func parseNamedMonthWithYear(_ p0: UnsafePointer<UInt8>, _ n0: Int, zones: Bool = false)
    -> (seconds: Int64, twoDigitYear: Bool, zone: ZoneRead?)?
  {
    let (p, n1) = NumberParsing.trimmed(p0, n0)
    // `Tue, 05 Jan 2021 10:00:00 GMT`, as HTTP and e-mail headers write dates.
    guard let (n, zone) = ZoneRead.split(p, n1, zones: zones) else { return nil }
    var i = 0
    func skipSpaces() { while i < n && p[i] == 0x20 { i += 1 } }
    /// Skips what stands between day, month and year: spaces, `-`, `/` and `.` (`24. Dezember`,
    /// `févr. 2021`), and the Spanish and Portuguese `de` between spaces; false when nothing did.
    func separator() -> Bool {
      let start = i
      while i < n, p[i] == 0x20 || isDateSeparator(p[i]) { i += 1 }
      if i > start, p[i - 1] == 0x20, i + 2 < n, p[i] | 0x20 == UInt8(ascii: "d"),
        p[i + 1] | 0x20 == UInt8(ascii: "e"), p[i + 2] == 0x20
      {
        i += 3
        skipSpaces()
      }
      return i > start
    }
    // A weekday in front (`Friday, December 31, 2021`, `Fri 31 Dec 2021`, `Freitag, 31.
    // Dezember 2021`) must be the date's own.
    let (weekday, readable) = leadingWeekday(p, n, &i)
    guard readable else { return nil }
    let day: Int
    let month: Int
    let year: Int
    var twoDigitYear = false
    if let d = oneOrTwoDigits(p, n, &i) {
      skipOrdinalSuffix(p, n, &i, day: d)  // `5th January 2021`
      guard separator(), let m = monthName(p, n, &i), separator(),
        let y = twoOrFourDigitYear(p, n, &i, twoDigits: &twoDigitYear)
      else { return nil }
      year = y
      day = d
      month = m
    } else if let m = monthName(p, n, &i) {
      month = m
      if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "/") {
        // `Jan-05-21`, `Jan-05-2021`, `Jan/05/2021` (eBay's sale dates): the same separator
        // twice, a two- or four-digit year.
        let mark = p[i]
        i += 1
        guard let d = oneOrTwoDigits(p, n, &i), i < n, p[i] == mark else { return nil }
        i += 1
        guard let y = twoOrFourDigitYear(p, n, &i, twoDigits: &twoDigitYear) else { return nil }
        day = d
        year = y
      } else {
        if i < n && p[i] == UInt8(ascii: ".") { i += 1 }  // `Feb. 11, 2017`
        guard i < n, p[i] == 0x20 else { return nil }
        skipSpaces()
        guard let d = oneOrTwoDigits(p, n, &i) else { return nil }
        skipOrdinalSuffix(p, n, &i, day: d)  // `January 5th, 2021`
        if i < n && p[i] == UInt8(ascii: ",") { i += 1 }
        guard i < n, p[i] == 0x20 else { return nil }
        skipSpaces()
        guard let yyyy = fixedDigits(p, n, &i, 4) else { return nil }
        guard i == n || digit(p[i]) == nil else { return nil }
        day = d
        year = yyyy
      }
    } else {
      return nil
    }
    guard let sod = timeOfDay(p, n, i, allowMeridiem: true, allowZulu: false),
      day >= 1, day <= CivilCalendar.daysIn(month: month, year: year)
    else { return nil }
    let days = CivilCalendar.days(year: year, month: month, day: day)
    // 1970-01-01 was a Thursday (3, counting Monday as 0).
    if let weekday, CivilCalendar.weekday(ofDay: days) != weekday { return nil }
    return (
      days * CivilCalendar.secondsPerDay + Int64(sod) - (zone?.seconds ?? 0), twoDigitYear, zone
    )
  }

  /// Skips the English ordinal suffix of a day (`1st`, `2nd`, `3rd`, `5th`, `22nd`; any case)
  /// when it is the right one for `day`.
  static func skipOrdinalSuffix(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int, day: Int
  ) {
    guard i + 2 <= n else { return }
    let suffix = (p[i] | 0x20, p[i + 1] | 0x20)
    let expected: (UInt8, UInt8) =
      switch day % 100 {
      case 11, 12, 13: (UInt8(ascii: "t"), UInt8(ascii: "h"))
      default:
        switch day % 10 {
        case 1: (UInt8(ascii: "s"), UInt8(ascii: "t"))
        case 2: (UInt8(ascii: "n"), UInt8(ascii: "d"))
        case 3: (UInt8(ascii: "r"), UInt8(ascii: "d"))
        default: (UInt8(ascii: "t"), UInt8(ascii: "h"))
        }
      }
    guard suffix == expected else { return }
    // Not the start of a word (`5 thru`): the suffix ends the day.
    if i + 2 < n, (p[i + 2] | 0x20) >= UInt8(ascii: "a"), (p[i + 2] | 0x20) <= UInt8(ascii: "z") {
      return
    }
    i += 2
  }

  /// The plausible range of epoch dates: 1990-01-01 to 2100-01-01 (exclusive), in seconds.
  static let epochRange: Range<Int64> = 631_152_000..<4_102_444_800

  /// How an epoch column counts: seconds, milliseconds, microseconds (Google Analytics 4's
  /// `event_timestamp`) or nanoseconds (Spark's and Parquet's timestamps as integers) since
  /// 1970-01-01 00:00 UTC.
  enum EpochUnit: Int, Sendable, Equatable, CaseIterable {
    case seconds = 1
    case milliseconds = 1_000
    case microseconds = 1_000_000
    case nanoseconds = 1_000_000_000

    var name: String {
      switch self {
      case .seconds: "seconds"
      case .milliseconds: "milliseconds"
      case .microseconds: "microseconds"
      case .nanoseconds: "nanoseconds"
      }
    }
  }

  /// Parses Unix epoch seconds (9–10 digits), milliseconds (12–13), microseconds (15–16) or
  /// nanoseconds (18–19) in ``epochRange``; the unit follows from the magnitude (the ranges do
  /// not overlap). Fractions of a second are cut, as they are elsewhere.
  static func parseEpoch(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> (Int64, EpochUnit)? {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    guard (9...19).contains(n) else { return nil }
    var v: Int64 = 0
    for k in 0..<n {
      guard let d = digit(p[k]) else { return nil }
      let (times, o1) = v.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int64(d))
      guard !o1 && !o2 else { return nil }
      v = sum
    }
    for unit in EpochUnit.allCases {
      let scale = Int64(unit.rawValue)
      if v >= epochRange.lowerBound * scale && v < epochRange.upperBound * scale {
        return (v / scale, unit)
      }
    }
    return nil
  }

  /// Whether a column name says it holds dates or times (`created_at`, `timestamp`,
  /// `event_time`, `order_date`, `Zeitstempel`, `fecha`), which lets its integers be read as epoch
  /// times.
  static func nameSaysDateOrTime(_ name: String) -> Bool {
    let lower = name.lowercased()
    let words = lower.split(whereSeparator: { !$0.isLetter })
    return [
      "date", "time", "stamp", "created", "updated", "epoch", "datum", "zeit", "fecha", "heure",
      "hora", "tijd", "data",
    ].contains { lower.contains($0) }
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

  /// Parses a year-last date whose day/month order is not yet known; a time of day may end in a
  /// UTC designator (` UTC`, ` GMT`, `Z`: the time is UTC already).
  ///
  /// A weekday may stand in front (`Mon 1/4/2021`, `Monday, 04.01.2021`): it must be the
  /// date's own, so it can settle the day/month order. With `zones`, a time may end in an offset
  /// or a zone abbreviation (`1/4/2021 10:00 AM EST`), kept in the date; without, such a value is
  /// refused.
  @inline(__always)
  static func parseSlash(_ p0: UnsafePointer<UInt8>, _ n0: Int, zones: Bool = false) -> SlashDate? {
    let (p, n1) = NumberParsing.trimmed(p0, n0)
    guard let (n, zone) = ZoneRead.split(p, n1, zones: zones) else { return nil }
    var i = 0
    var weekday: Int? = nil
    if n > 0, digit(p[0]) == nil {
      let (w, readable) = leadingWeekday(p, n, &i)
      guard readable, let w else { return nil }
      weekday = w
    }
    guard let a = oneOrTwoDigits(p, n, &i), i < n, isDateSeparator(p[i]) else { return nil }
    let sep = p[i]
    i += 1
    guard let b = oneOrTwoDigits(p, n, &i), i < n, p[i] == sep else { return nil }
    i += 1
    // Four digits, or two (`12/31/21`, as US spreadsheets and Etsy write them): 69–99 are
    // 1969–1999 and 00–68 are 2000–2068, as POSIX `%y` reads them.
    var year = 0
    var twoDigitYear = false
    if let y = fixedDigits(p, n, &i, 4) {
      year = y
    } else if let y = fixedDigits(p, n, &i, 2), i == n || digit(p[i]) == nil {
      year = y < 69 ? 2000 + y : 1900 + y
      twoDigitYear = true
    } else {
      return nil
    }
    guard let sod = timeOfDay(p, n, i, allowMeridiem: true, allowZulu: false) else { return nil }
    var date = SlashDate(
      first: a, second: b, year: year, secondOfDay: sod, twoDigitYear: twoDigitYear)
    date.weekday = weekday
    date.zone = zone
    guard date.isValidMonthFirst || date.isValidDayFirst else { return nil }
    return date
  }
}

/// A zone read after a date-time's time of day (see ``WrittenZone``): its offset east of UTC
/// in seconds, and the abbreviation's index in ``WrittenZone/abbreviations`` when it was
/// written as one.
struct ZoneRead: Equatable {
  var seconds: Int64
  var abbreviation: Int?
  /// ` UTC`, ` GMT` or `Z`: the time is UTC already, which agrees with local times as written
  /// and with zoned ones alike.
  var isDesignator = false

  /// The length of `p[0..<n]` before its zone, and the zone (`nil`: none). Without `zones` a
  /// UTC designator is read as no zone and any other zone is refused (`nil` on the whole); a
  /// zone seg does not convert always is.
  @inline(__always)
  static func split(_ p: UnsafePointer<UInt8>, _ n: Int, zones: Bool) -> (Int, ZoneRead?)? {
    // Most values end in a digit with no sign among their last bytes: no zone to look for.
    guard n > 0 else { return (n, nil) }
    if DateParsing.digit(p[n - 1]) != nil {
      var k = n - 1
      while k > 0 && k >= n - 7 && p[k] != UInt8(ascii: "+") && p[k] != UInt8(ascii: "-") {
        k -= 1
      }
      if p[k] != UInt8(ascii: "+") && p[k] != UInt8(ascii: "-") { return (n, nil) }
    }
    switch WrittenZone.split(p, n) {
    case .none: return (n, nil)
    case .utc(let k): return (k, zones ? ZoneRead(seconds: 0, isDesignator: true) : nil)
    case .offset(let k, let seconds, let abbreviation):
      return zones ? (k, ZoneRead(seconds: seconds, abbreviation: abbreviation)) : nil
    case .unknown: return nil
    }
  }

}

/// A year-last date (`a/b/YYYY [time]`) before the column's day/month order is known.
///
/// A column is read month-first (US, `12/1/2010`) when every value is a valid month-first date
/// and some value is not a valid day-first date, day-first when the reverse holds. When every
/// value is valid both ways (all day and month numbers ≤ 12) the order is ambiguous and the
/// loader asks for `dateformat=`, unless the dates are written with dots (``isDotted(_:)``):
/// those are day-first.
struct SlashDate: Equatable {
  var first: Int
  var second: Int
  var year: Int
  var secondOfDay: Int
  /// Whether the year was written with two digits (not packed: the column notes it).
  var twoDigitYear = false
  /// The weekday written in front (Monday 0 … Sunday 6), which a valid reading must match (not
  /// packed: validity is noted as values are read).
  var weekday: Int? = nil
  /// The zone after the time; packed as the second of the day less its offset.
  var zone: ZoneRead? = nil

  var isValidMonthFirst: Bool {
    (1...12).contains(first) && second >= 1
      && second <= CivilCalendar.daysIn(month: first, year: year)
      && weekdayFits(month: first, day: second)
  }

  var isValidDayFirst: Bool {
    (1...12).contains(second) && first >= 1
      && first <= CivilCalendar.daysIn(month: second, year: year)
      && weekdayFits(month: second, day: first)
  }

  private func weekdayFits(month: Int, day: Int) -> Bool {
    guard let weekday else { return true }
    return CivilCalendar.weekday(ofDay: CivilCalendar.days(year: year, month: month, day: day))
      == weekday
  }

  /// Whether a slash date as written (``patterns(for:)``) separates its first two numbers with
  /// a dot (`04.01.2021`, `Mo. 04.01.2021`).
  static func isDotted(_ written: [UInt8]) -> Bool {
    guard let start = written.firstIndex(where: { DateParsing.digit($0) != nil }) else {
      return false
    }
    var i = start
    while i < written.count, DateParsing.digit(written[i]) != nil { i += 1 }
    return i < written.count && written[i] == UInt8(ascii: ".")
  }

  /// The `dateformat=` patterns that read `text` (a slash date as written: `05.01.2021`,
  /// `1/5/21 10:15 PM`, `05-01-2021 08:00:00 UTC`) day-first and month-first, with its own
  /// separator, year digits and time; `nil` when it is not laid out so.
  static func patterns(for written: [UInt8]) -> (dayFirst: String, monthFirst: String)? {
    // A zone after the time is read by `%Z` (or `%z` right after the time), so that the pattern
    // converts it as the automatic reading does.
    var text = written
    var zone = ""
    let split = text.withUnsafeBufferPointer { b in
      b.baseAddress.map { WrittenZone.split($0, b.count) } ?? .none
    }
    if case .offset(let k, _, _) = split {
      zone = text[k] == 0x20 ? " %Z" : "%z"
      text.removeSubrange(k...)
    }
    var i = 0
    func digits() -> Int {
      let start = i
      while i < text.count, DateParsing.digit(text[i]) != nil { i += 1 }
      return i - start
    }
    guard (1...2).contains(digits()), i < text.count else { return nil }
    let separator = text[i]
    guard DateParsing.isDateSeparator(separator) else { return nil }
    i += 1
    guard (1...2).contains(digits()), i < text.count, text[i] == separator else { return nil }
    i += 1
    let year = digits()
    guard year == 2 || year == 4 else { return nil }
    let sep = String(UnicodeScalar(separator))
    var rest = ""
    /// Whether `text[k]` is `a` or `p` (any case) followed by `next` (lower-cased).
    func isMeridiem(at k: Int, next: UInt8 = UInt8(ascii: "m")) -> Bool {
      let b = text[k] | 0x20
      return (b == UInt8(ascii: "a") || b == UInt8(ascii: "p")) && k + 1 < text.count
        && text[k + 1] | 0x20 == next
    }
    // `10:15 p.m.`: no pattern spells a dotted meridiem, so no hint is better than a wrong one.
    if (i..<text.count).contains(where: { isMeridiem(at: $0, next: UInt8(ascii: ".")) }) {
      return nil
    }
    let hasMeridiem = (i..<text.count).contains(where: { isMeridiem(at: $0) })
    var fields = [hasMeridiem ? "%I" : "%H", "%M", "%S"]
    while i < text.count {
      let b = text[i]
      if b == 0x20 {
        if !rest.hasSuffix(" ") { rest += " " }
        i += 1
      } else if DateParsing.digit(b) != nil {
        guard let field = fields.first, (1...2).contains(digits()) else { return nil }
        rest += field
        fields.removeFirst()
      } else if b == UInt8(ascii: ":") {
        rest += ":"
        i += 1
      } else if isMeridiem(at: i) {
        rest += "%p"
        i += 2
      } else if b == UInt8(ascii: "%") || b >= 0x80 {
        return nil
      } else {
        rest += String(UnicodeScalar(b))  // `UTC`, `GMT`, `Z`: matched as written
        i += 1
      }
    }
    let y = year == 4 ? "%Y" : "%y"
    rest += zone
    return ("%d\(sep)%m\(sep)\(y)\(rest)", "%m\(sep)%d\(sep)\(y)\(rest)")
  }

  /// Packs into one integer: first | second << 5 | year << 10 | secondOfDay << 26.
  var packed: Int64 {
    Int64(first) | Int64(second) << 5 | Int64(year) << 10
      | (Int64(secondOfDay) - (zone?.seconds ?? 0)) << 26
  }

  init(first: Int, second: Int, year: Int, secondOfDay: Int, twoDigitYear: Bool = false) {
    self.first = first
    self.second = second
    self.year = year
    self.secondOfDay = secondOfDay
    self.twoDigitYear = twoDigitYear
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
  /// Year-last or month-name date-times with UTC offsets or zone abbreviations, converted to
  /// UTC.
  case zoned
  case epoch(DateParsing.EpochUnit)
  /// Excel serial days (`dateformat=excel`).
  case excelSerial
  /// Day numbers after a day (`dateformat="days since 2019-12-31"`).
  case dayNumbers(since: String)

  /// The load summary's line about column `name`, or `nil` for plain dates. `shifted`: whether
  /// an ISO date-time had an offset other than zero (else every one was written in UTC, with
  /// `Z`, `UTC` or `+00:00`, and nothing was converted).
  func note(column name: String, shifted: Bool = true) -> String? {
    switch self {
    case .plain: nil
    case .utcOffsets where !shifted: "\(name): ISO date-times marked as UTC, read as written"
    case .utcOffsets: "\(name): ISO with UTC offsets, converted to UTC"
    case .zoned: "\(name): times with UTC offsets or time-zone names, converted to UTC"
    case .epoch(let unit): "\(name): Unix epoch \(unit.name), read as UTC"
    case .excelSerial: "\(name): Excel serial days (1900 date system)"
    case .dayNumbers(let origin): "\(name): day numbers, day 1 the day after \(origin)"
    }
  }
}
