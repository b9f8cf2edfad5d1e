/// A time zone written after a time of day, as exports write them: a UTC designator (`Z`,
/// ` UTC`, ` GMT`), a numeric offset (` +0000`, ` -05:00`, `-0500` right after the seconds,
/// ` UTC+1`, ` GMT-05:00`) or a zone abbreviation (` CET`, ` EST`, ` AEDT`).
///
/// Abbreviations are read with the offset the tz database gives them. One that names several
/// zones in common use (`CST`: US Central and China; `IST`: India, Ireland and Israel; `AST`:
/// Atlantic and Arabia), or a generic one whose offset depends on the date (`ET`, `PT`), is not
/// converted: the value is refused, and the load's hint says why (``refusedName(_:_:)``). Every
/// abbreviation read is named in the load summary with its offset, so a reading the user did not
/// mean shows.
enum WrittenZone: Equatable {
  /// No zone: the date-time is local, as written.
  case none
  /// A UTC designator: the time is UTC already. `length` is the date-time before it.
  case utc(length: Int)
  /// An offset east of UTC in seconds, written as digits (`zone` nil) or as the abbreviation
  /// ``abbreviations``[zone].
  case offset(length: Int, seconds: Int64, zone: Int?)
  /// A word after a time that reads as a zone seg does not convert (`CST`, `America/Chicago`).
  case unknown

  /// Abbreviations and their offsets east of UTC, in minutes. At most 64 (a column's set of
  /// names seen is a 64-bit mask).
  static let abbreviations: [(name: String, minutes: Int)] = [
    ("WET", 0), ("WEST", 60), ("BST", 60), ("CET", 60), ("CEST", 120), ("MET", 60),
    ("MEST", 120), ("EET", 120), ("EEST", 180), ("MSK", 180), ("EST", -300), ("EDT", -240),
    ("CDT", -300), ("MST", -420), ("MDT", -360), ("PST", -480), ("PDT", -420), ("AKST", -540),
    ("AKDT", -480), ("HST", -600), ("NST", -210), ("NDT", -150), ("ADT", -180), ("JST", 540),
    ("KST", 540), ("HKT", 480), ("SGT", 480), ("AWST", 480), ("ACST", 570), ("ACDT", 630),
    ("AEST", 600), ("AEDT", 660), ("NZST", 720), ("NZDT", 780), ("SAST", 120), ("WIB", 420),
    ("PHT", 480), ("MEZ", 60), ("MESZ", 120), ("BRT", -180), ("ART", -180), ("CLT", -240), ("COT", -300), ("PET", -300),
  ]

  /// Abbreviations that name more than one zone in use, or no fixed offset, with what they may
  /// mean: refused.
  static let ambiguous: [String: String] = [
    "CST": "US Central (UTC−06:00) or China (UTC+08:00)",
    "IST": "India (UTC+05:30), Ireland (UTC+01:00) or Israel (UTC+02:00)",
    "AST": "Atlantic (UTC−04:00) or Arabia (UTC+03:00)",
    "ET": "US Eastern, −05:00 or −04:00 by the date", "CT": "US Central, −06:00 or −05:00 by the date",
    "MT": "US Mountain, −07:00 or −06:00 by the date", "PT": "US Pacific, −08:00 or −07:00 by the date",
  ]

  /// Index of each abbreviation by its bytes packed into an integer.
  private static let index: [UInt64: Int] = {
    var table: [UInt64: Int] = [:]
    for (i, a) in abbreviations.enumerated() { table[key(Array(a.name.utf8))] = i }
    return table
  }()

  private static func key(_ bytes: some Collection<UInt8>) -> UInt64 {
    bytes.reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// The zone at the end of `p[0..<n]`, when what is before it ends in a time of day (it has a
  /// `:`). `n` is trimmed of surrounding spaces.
  static func split(_ p: UnsafePointer<UInt8>, _ n: Int) -> WrittenZone {
    guard n >= 5 else { return .none }
    func hasTime(_ length: Int) -> Bool {
      (0..<length).contains { p[$0] == UInt8(ascii: ":") }
    }
    // `10:00:00Z`
    if p[n - 1] == UInt8(ascii: "Z"), DateParsing.digit(p[n - 2]) != nil {
      return hasTime(n - 1) ? .utc(length: n - 1) : .none
    }
    // The last word, after a space.
    var j = n - 1
    while j > 0 && p[j] != 0x20 { j -= 1 }
    if j > 0 {
      var length = j
      while length > 0 && p[length - 1] == 0x20 { length -= 1 }
      if length > 0, hasTime(length) {
        let word = UnsafeBufferPointer(start: p + j + 1, count: n - j - 1)
        let zone = reading(word, length: length)
        if zone != .none { return zone }
      }
    }
    // An offset right after the time: `10:00:00-05:00`, `10:00:00+0000`.
    var k = n - 1
    while k > 0 && (DateParsing.digit(p[k]) != nil || p[k] == UInt8(ascii: ":")) { k -= 1 }
    guard k > 0, p[k] == UInt8(ascii: "+") || p[k] == UInt8(ascii: "-"),
      DateParsing.digit(p[k - 1]) != nil, hasTime(k),
      let seconds = offset(UnsafeBufferPointer(start: p + k, count: n - k), hourDigits: 2...2)
    else { return .none }
    return .offset(length: k, seconds: seconds, zone: nil)
  }

  /// What a last word after a date-time says, `length` being the date-time before it.
  private static func reading(_ word: UnsafeBufferPointer<UInt8>, length: Int) -> WrittenZone {
    guard let first = word.first else { return .none }
    if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      guard let s = offset(word, hourDigits: 2...2) else { return .unknown }
      return .offset(length: length, seconds: s, zone: nil)
    }
    let letters = word.prefix { isLetter($0) }
    guard !letters.isEmpty else { return .none }
    let upper = letters.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    let name = key(letters)
    let isUTC = name == key("UTC".utf8) || name == key("GMT".utf8) || name == key("UT".utf8)
    if letters.count == word.count {
      // `AM`, `PM` and the like belong to the time; a lower-case word is not a zone.
      if name == key("AM".utf8) || name == key("PM".utf8) { return .none }
      if isUTC { return .utc(length: length) }
      if upper, letters.count <= 5, let i = index[name] {
        return .offset(length: length, seconds: Int64(abbreviations[i].minutes * 60), zone: i)
      }
      return upper && letters.count >= 2 ? .unknown : .none
    }
    // `UTC+1`, `GMT-05:00`, `UTC+05:30`
    let rest = UnsafeBufferPointer(rebasing: word[letters.count...])
    if isUTC, let s = offset(rest, hourDigits: 1...2) {
      return .offset(length: length, seconds: s, zone: nil)
    }
    // `America/New_York`, `Europe/Berlin`: names seg has no rules for.
    if word.contains(UInt8(ascii: "/")) && word.allSatisfy({ isLetter($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "_") }) {
      return .unknown
    }
    return .none
  }

  /// The offset east of UTC, in seconds, of a zone written as one word (`Z`, `UTC`, `+0100`,
  /// `UTC+1`, `CET`), as `dateformat=`'s `%Z` reads it; `nil` for anything else.
  static func seconds(ofWord w: UnsafeBufferPointer<UInt8>) -> Int64? {
    if w.count == 1 && w[0] == UInt8(ascii: "Z") { return 0 }
    switch reading(w, length: 0) {
    case .utc: return 0
    case .offset(_, let seconds, _): return seconds
    case .none, .unknown: return nil
    }
  }

  private static func isLetter(_ b: UInt8) -> Bool {
    let l = b | 0x20
    return l >= UInt8(ascii: "a") && l <= UInt8(ascii: "z")
  }

  /// A whole offset `±H`, `±HH`, `±HH:MM` or `±HHMM` as seconds east of UTC.
  static func offset(_ w: UnsafeBufferPointer<UInt8>, hourDigits: ClosedRange<Int>)
    -> Int64?
  {
    guard w.count >= 2, let sign = w.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
    else { return nil }
    var i = 1
    var hours = 0
    while i < w.count, let d = DateParsing.digit(w[i]), i - 1 < hourDigits.upperBound {
      hours = hours * 10 + d
      i += 1
    }
    guard hourDigits.contains(i - 1) else { return nil }
    var minutes = 0
    if i < w.count {
      if w[i] == UInt8(ascii: ":") { i += 1 }
      guard i + 2 == w.count, let a = DateParsing.digit(w[i]), let b = DateParsing.digit(w[i + 1])
      else { return nil }
      minutes = a * 10 + b
    }
    guard hours <= 14, minutes <= 59 else { return nil }
    let seconds = Int64(hours * 3600 + minutes * 60)
    return sign == UInt8(ascii: "-") ? -seconds : seconds
  }

  /// The zone word at the end of a value that ``split(_:_:)`` found `unknown`, and why seg does
  /// not convert it, for the load's hint.
  static func refusedName(_ p: UnsafePointer<UInt8>, _ n0: Int) -> (name: String, why: String)? {
    let (q, n) = NumberParsing.trimmed(p, n0)
    guard split(q, n) == .unknown else { return nil }
    var j = n - 1
    while j > 0 && q[j] != 0x20 { j -= 1 }
    let word = String(decoding: UnsafeBufferPointer(start: q + j + 1, count: n - j - 1), as: UTF8.self)
    if let meaning = ambiguous[word] { return (word, "it may mean \(meaning)") }
    if word.contains("/") { return (word, "seg has no daylight-saving rules for named regions") }
    return (word, "seg does not know its UTC offset")
  }

  /// `UTC+01:00`, `UTC−05:00`: an offset in minutes as the load summary writes it.
  static func describe(minutes: Int) -> String {
    let sign = minutes < 0 ? "−" : "+"
    let m = abs(minutes)
    return "UTC\(sign)\(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
  }

  /// The abbreviations in a mask of indexes, with their offsets: `EST as UTC−05:00, EDT as
  /// UTC−04:00`.
  static func names(inMask mask: UInt64) -> String {
    abbreviations.indices.filter { mask & (1 << UInt64($0)) != 0 }
      .map { "\(abbreviations[$0].name) as \(describe(minutes: abbreviations[$0].minutes))" }
      .joined(separator: ", ")
  }
}
