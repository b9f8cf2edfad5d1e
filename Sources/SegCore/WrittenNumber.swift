/// The character that separates a number's whole part from its fraction in a column.
public enum DecimalSeparator: String, Sendable, Equatable, CaseIterable {
  /// `1,234.56`: a point, with commas between thousands.
  case point = "."
  /// `1.234,56`: a comma, with points between thousands.
  case comma = ","

  /// The other separator: the one between thousands.
  var thousands: UInt8 { self == .point ? UInt8(ascii: ",") : UInt8(ascii: ".") }
  var byte: UInt8 { self == .point ? UInt8(ascii: ".") : UInt8(ascii: ",") }
}

/// Numbers as people and spreadsheets write them: thousands separators (`1,234.50`,
/// `1.234,56`, `1 234,56` with a space or no-break space, `1'234.50`), a decimal comma (`261,96`), currency symbols and codes before or after, with or
/// without a space (`$12.00`, `£3`, `12,00 €`, `EUR 12`, `12 USD`, `-$5`, `$-5`), accounting
/// negatives `(12.00)` and a leading `+`.
///
/// The loader reads the plain spellings (`12`, `-2.55`) with ``NumberParsing``'s fast paths and
/// comes here only for what they refuse, so plain columns cost nothing extra. Values are
/// rebuilt as plain digits and read by ``NumberParsing/parseDecimal(_:_:)``, so they are
/// correctly rounded like every other number.
enum WrittenNumber {
  /// What a number showed besides digits, per column.
  struct Spelling: OptionSet, Sendable, Equatable {
    let rawValue: UInt8
    static let decimalComma = Spelling(rawValue: 1)
    static let thousands = Spelling(rawValue: 2)
    static let currency = Spelling(rawValue: 4)
    static let parentheses = Spelling(rawValue: 8)
    static let plus = Spelling(rawValue: 16)
    static let trailingMinus = Spelling(rawValue: 32)
  }

  /// A number read from its written form.
  struct Parsed: Sendable, Equatable {
    var value: Double
    /// The value as an integer, when it was written without a decimal separator and fits.
    var integer: Int64?
    var spelling: Spelling
    /// The currency (an index into ``currencies``, 1-based), 0 for none.
    var currency: UInt8
  }

  /// Currency symbols and ISO codes recognised before or after a number, as UTF-8 bytes.
  static let currencies: [[UInt8]] = [
    "$", "£", "€", "¥", "₹", "₩", "₽", "₺", "₪", "₫", "₱", "₴", "R$", "US$", "CHF", "USD", "EUR",
    "GBP", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "INR", "CNY",
    "BRL", "MXN", "ZAR", "RUB", "TRY", "HKD", "SGD", "KRW", "ILS", "THB", "IDR", "MYR", "PHP",
    "VND", "RON", "BGN", "AED", "SAR",
    // As shops in those countries write them after (or before) the amount: `1 234,56 Ft`,
    // `12,50 zł`, `99 Kč`, `45,00 kr`, `12 lei`, `S$12.00`, `RM 12.00`, `Rp 12.000`.
    "Ft", "zł", "Kč", "kr", "kr.", "lei", "лв", "Fr.", "SFr.", "S$", "A$", "C$", "NZ$", "HK$",
    "RM", "Rp", "฿", "₦",
  ].map { Array($0.utf8) } + singleByteCurrencies.map { [$0.byte] }

  /// `€`, `£` and `¥` as a Windows-1252 or Latin-1 file writes them (Excel's CSV on Western
  /// European Windows): one byte each, matched only beside an ASCII byte, where no UTF-8
  /// character can end or start.
  static let singleByteCurrencies: [(byte: UInt8, name: String)] = [
    (0x80, "€"), (0xA3, "£"), (0xA5, "¥"),
  ]

  /// The name of currency `code` (1-based), as written in the file (`€` for Windows-1252's).
  static func currencyName(_ code: UInt8) -> String {
    guard code != 0, Int(code) <= currencies.count else { return "" }
    let bytes = currencies[Int(code) - 1]
    if bytes.count == 1, let single = singleByteCurrencies.first(where: { $0.byte == bytes[0] }) {
      return single.name
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

  /// The currency at the start (`atEnd` false) or end of `p[lo..<hi]`, longest first: its code
  /// and length.
  private static func findCurrency(
    _ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, atEnd: Bool
  ) -> (UInt8, Int)? {
    var best: (UInt8, Int)? = nil
    for (k, c) in currencies.enumerated() where c.count <= hi - lo {
      let at = atEnd ? hi - c.count : lo
      var equal = true
      for j in 0..<c.count where p[at + j] != c[j] {
        equal = false
        break
      }
      // A single non-ASCII byte is a Windows-1252 currency only beside an ASCII byte (in UTF-8
      // it would be part of a character).
      if equal && c.count == 1 && c[0] >= 0x80 {
        let beside = atEnd ? at - 1 : at + 1
        if beside >= lo && beside < hi && p[beside] >= 0x80 && p[beside] != 0xA0 { equal = false }
      }
      if equal && c.count > (best?.1 ?? 0) { best = (UInt8(k + 1), c.count) }
    }
    return best
  }

  /// The length of a separator between thousands other than `,` and `.` at `p[i]`: a space,
  /// a no-break or narrow no-break space or a thin space (`1 234,50`, French and Nordic), or an
  /// apostrophe (`1'234.50`, Swiss); 0 for anything else.
  @inline(__always)
  private static func groupSpace(_ p: UnsafePointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
    switch p[i] {
    case 0x20, UInt8(ascii: "'"): return 1
    case 0xC2 where i + 1 < hi && p[i + 1] == 0xA0: return 2  // U+00A0
    // U+00A0 in a Windows-1252 or Latin-1 file: one byte, between ASCII ones (never so in UTF-8).
    case 0xA0 where i > 0 && p[i - 1] < 0x80 && i + 1 < hi && p[i + 1] < 0x80: return 1
    case 0xE2 where i + 2 < hi && p[i + 1] == 0x80:
      // U+2009 thin space, U+202F narrow no-break space, U+2019 right single quotation mark
      return p[i + 2] == 0x89 || p[i + 2] == 0xAF || p[i + 2] == 0x99 ? 3 : 0
    default: return 0
    }
  }

  /// Reads a written number with the column's decimal separator; `nil` when it is not one.
  static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, decimal: DecimalSeparator) -> Parsed? {
    var lo = 0
    var hi = n
    var spelling: Spelling = []
    var currency: UInt8 = 0
    var negative = false
    // Spaces, and the no-break spaces between a number and its currency (`12,00 €`).
    func trim() {
      while lo < hi {
        if NumberParsing.isSpace(p[lo]) {
          lo += 1
        } else if p[lo] >= 0xC2, p[lo] != UInt8(ascii: "'"), groupSpace(p, lo, hi) > 1 {
          lo += groupSpace(p, lo, hi)
        } else if p[lo] == 0xA0, lo + 1 < hi, p[lo + 1] < 0x80 {
          lo += 1  // a Windows-1252 no-break space
        } else {
          break
        }
      }
      while hi > lo {
        if NumberParsing.isSpace(p[hi - 1]) {
          hi -= 1
        } else if hi - lo >= 2, p[hi - 2] == 0xC2, p[hi - 1] == 0xA0 {
          hi -= 2
        } else if hi - lo >= 2, p[hi - 1] == 0xA0, p[hi - 2] < 0x80 {
          hi -= 1  // a Windows-1252 no-break space
        } else if hi - lo >= 3, p[hi - 3] == 0xE2, p[hi - 2] == 0x80,
          p[hi - 1] == 0xAF || p[hi - 1] == 0x89
        {
          hi -= 3
        } else {
          break
        }
      }
    }
    func sign() -> Bool {
      guard lo < hi else { return false }
      if p[lo] == UInt8(ascii: "-") || p[lo] == UInt8(ascii: "+") {
        if p[lo] == UInt8(ascii: "+") { spelling.insert(.plus) }
        negative = p[lo] == UInt8(ascii: "-")
        lo += 1
        return true
      }
      return false
    }
    trim()
    if hi - lo >= 2 && p[lo] == UInt8(ascii: "(") && p[hi - 1] == UInt8(ascii: ")") {
      spelling.insert(.parentheses)
      lo += 1
      hi -= 1
      trim()
    }
    var signed = sign()
    trim()
    if let (code, length) = findCurrency(p, lo, hi, atEnd: false) {
      currency = code
      lo += length
      trim()
      if !signed { signed = sign() }
    }
    if currency == 0, let (code, length) = findCurrency(p, lo, hi, atEnd: true) {
      currency = code
      hi -= length
      trim()
    }
    if !signed, hi - lo >= 2, p[hi - 1] == UInt8(ascii: "-"), isDigit(p[hi - 2]) {
      // A trailing minus (`5,50-`), as SAP and other ledgers write negative amounts.
      signed = true
      negative = true
      spelling.insert(.trailingMinus)
      hi -= 1
    }
    if currency != 0 { spelling.insert(.currency) }
    if spelling.contains(.parentheses) {
      // `(12.00)` is negative; `(-12)`, `(+12)` and `(12-)` mean nothing.
      guard !signed else { return nil }
      negative = true
    }
    guard lo < hi else { return nil }
    // Digits, thousands separators between groups of three (or the Indian way), one decimal
    // separator.
    let thousands = decimal.thousands
    let point = decimal.byte
    // Rebuilt as `-?digits[.digits]` in a scratch buffer, then read as a plain decimal.
    let negativeValue = negative
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: hi - lo + 2) {
      buffer -> Parsed? in
      guard let out = buffer.baseAddress else { return nil }
      var count = 0
      if negativeValue {
        out[0] = UInt8(ascii: "-")
        count = 1
      }
      var group = 0
      var groups = 0
      var firstGroup = 0
      // A group of two inside the number: Indian grouping (`1,23,456.50`: lakh and crore).
      var sawTwo = false
      var sawPoint = false
      var sawDigit = false
      var i = lo
      while i < hi {
        let b = p[i]
        let spaceLength = groupSpace(p, i, hi)
        i += max(spaceLength, 1)
        if isDigit(b) {
          out[count] = b
          count += 1
          group += 1
          sawDigit = true
        } else if (b == thousands || spaceLength > 0) && !sawPoint {
          // The first group has 1 to 3 digits, every later one exactly 3; or, grouped the
          // Indian way, the first has 1 or 2, the middle ones 2 and the last 3.
          if groups == 0 {
            guard group >= 1, group <= 3 else { return nil }
            firstGroup = group
          } else if group == 2 {
            guard firstGroup <= 2, groups == 1 || sawTwo else { return nil }
            sawTwo = true
          } else {
            guard group == 3, !sawTwo else { return nil }
          }
          groups += 1
          group = 0
          spelling.insert(.thousands)
        } else if b == point && !sawPoint {
          if groups > 0 && group != 3 { return nil }
          sawPoint = true
          out[count] = UInt8(ascii: ".")
          count += 1
          group = 0
        } else {
          return nil
        }
      }
      guard sawDigit else { return nil }
      if groups > 0 && !sawPoint && group != 3 { return nil }
      if sawPoint && decimal == .comma { spelling.insert(.decimalComma) }
      guard let value = NumberParsing.parseDecimal(out, count) else { return nil }
      let integer = sawPoint ? nil : NumberParsing.parseInteger(out, count)?.value
      return Parsed(value: value, integer: integer, spelling: spelling, currency: currency)
    }
  }

  /// What one value says about its column's decimal separator.
  enum Evidence: Sendable, Equatable {
    /// No separator, or not a number.
    case none
    /// Only a decimal point fits (`2.55`, `1,234.5`, `12,345,678`).
    case point
    /// Only a decimal comma fits (`261,96`, `1.234,56`, `1.234.567`).
    case comma
    /// `1,234`: a thousands comma or a decimal comma.
    case ambiguousComma
    /// `1.234`: a decimal point or a thousands point.
    case ambiguousPoint
  }

  /// The evidence of one value (its separators, with any sign, currency or parentheses around).
  static func evidence(_ p: UnsafePointer<UInt8>, _ n: Int) -> Evidence {
    var commas = 0
    var points = 0
    var last: UInt8 = 0
    var lastAt = -1
    var digitsBefore = 0
    var firstDigitAt = -1
    for i in 0..<n {
      let b = p[i]
      if isDigit(b) {
        if firstDigitAt < 0 { firstDigitAt = i }
        if lastAt < 0 { digitsBefore += 1 }
      } else if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") {
        if b == UInt8(ascii: ",") { commas += 1 } else { points += 1 }
        last = b
        lastAt = i
      }
    }
    guard lastAt >= 0, firstDigitAt >= 0 else { return .none }
    if commas > 0 && points > 0 {
      return last == UInt8(ascii: ",") ? .comma : .point
    }
    let count = commas + points
    if count > 1 { return commas > 0 ? .point : .comma }
    var after = 0
    var j = lastAt + 1
    while j < n && isDigit(p[j]) {
      after += 1
      j += 1
    }
    // Three digits after a lone separator, behind one to three digits that do not start with 0,
    // read as a thousands separator as well as a decimal one.
    let thousandsShape =
      after == 3 && digitsBefore >= 1 && digitsBefore <= 3 && p[firstDigitAt] != UInt8(ascii: "0")
    if commas == 1 { return thousandsShape ? .ambiguousComma : .comma }
    return thousandsShape ? .ambiguousPoint : .point
  }
}
