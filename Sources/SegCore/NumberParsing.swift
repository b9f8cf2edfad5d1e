#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Byte-level parsers for integers and decimals, used on raw CSV fields without making Strings.
///
/// Leading and trailing spaces or tabs are allowed. Decimals accept an optional sign, digits with
/// at most one `.`, and an optional exponent (`1.5e-3`); `inf`, `nan`, hexadecimal and thousands
/// separators are not numbers here. Results are correctly rounded: the common case (at most 19
/// significant digits and a small power of ten) is computed exactly with one IEEE division or
/// multiplication (Clinger's fast path); anything else goes to the C library's `strtod`.
enum NumberParsing {
  /// Exact powers of ten representable as doubles.
  static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  /// Trims spaces and tabs; returns the new start and count.
  @inline(__always)
  static func trimmed(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UnsafePointer<UInt8>, Int) {
    var start = 0
    var end = n
    while start < end && isSpace(p[start]) { start += 1 }
    while end > start && isSpace(p[end - 1]) { end -= 1 }
    return (p + start, end - start)
  }

  /// Parses an integer. `canonical` is true when printing the value gives back the same bytes
  /// (no sign `+`, no leading zeros, no `-0`, no surrounding spaces).
  @inline(__always)
  static func parseInteger(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> (
    value: Int64, canonical: Bool
  )? {
    let (p, n) = trimmed(p0, n0)
    guard n > 0 else { return nil }
    var i = 0
    var negative = false
    var canonical = n == n0
    if p[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    } else if p[0] == UInt8(ascii: "+") {
      canonical = false
      i = 1
    }
    let digitsStart = i
    guard i < n else { return nil }
    var value: UInt64 = 0
    while i < n {
      let d = p[i] &- 48
      guard d < 10 else { return nil }
      if i - digitsStart >= 18 {
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(UInt64(d))
        guard !o1, !o2 else { return nil }
        value = a
      } else {
        value = value &* 10 &+ UInt64(d)
      }
      i += 1
    }
    let digitCount = n - digitsStart
    if digitCount > 1 && p[digitsStart] == UInt8(ascii: "0") { canonical = false }
    if negative {
      guard value <= UInt64(Int64.max) + 1 else { return nil }
      if value == 0 { canonical = false }
      let v = value == UInt64(Int64.max) + 1 ? Int64.min : -Int64(value)
      // Int64.min is the missing-value sentinel: refuse it so that it can never be mistaken.
      guard v != Int64.min else { return nil }
      return (v, canonical)
    }
    guard value <= UInt64(Int64.max) else { return nil }
    return (Int64(value), canonical)
  }

  /// Whether the integer at `p` (spaces and a sign aside) starts with a zero and another digit,
  /// as `00123` does: a code whose zeros are part of it (an SAP customer number, a postcode),
  /// which reading as a number would merge with `123`.
  @inline(__always)
  static func isZeroPadded(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Bool {
    let (p, n) = trimmed(p0, n0)
    let i = n > 0 && (p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+")) ? 1 : 0
    return n - i > 1 && p[i] == UInt8(ascii: "0") && p[i + 1] &- 48 < 10
  }

  /// The common integer spelling, `-?digits` with at most 18 digits, without spaces: the value
  /// and whether it is canonical, as ``parseInteger(_:_:)`` gives them; `nil` for anything else
  /// (which ``parseInteger(_:_:)`` then reads).
  @inline(__always)
  static func plainInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> (
    value: Int64, canonical: Bool
  )? {
    let negative = n > 0 && p[0] == UInt8(ascii: "-")
    let first = negative ? 1 : 0
    let digits = n - first
    guard digits > 0 && digits <= 18 else { return nil }
    var value: Int64 = 0
    for i in first..<n {
      let d = p[i] &- 48
      guard d < 10 else { return nil }
      value = value &* 10 &+ Int64(d)
    }
    let canonical = !(digits > 1 && p[first] == UInt8(ascii: "0")) && !(negative && value == 0)
    return (negative ? -value : value, canonical)
  }

  /// The common decimal spelling, `-?digits[.digits]` with at most 15 digits, without spaces:
  /// the same double as ``parseDecimal(_:_:)`` (the same exact division); `nil` for anything
  /// else (which ``parseDecimal(_:_:)`` then reads).
  @inline(__always)
  static func plainDecimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    let negative = n > 0 && p[0] == UInt8(ascii: "-")
    let first = negative ? 1 : 0
    guard n - first > 0 && n - first <= 16 else { return nil }
    var mantissa: UInt64 = 0
    var point = -1
    for i in first..<n {
      let d = p[i] &- 48
      if d < 10 {
        mantissa = mantissa &* 10 &+ UInt64(d)
      } else if p[i] == UInt8(ascii: ".") && point < 0 {
        point = i
      } else {
        return nil
      }
    }
    let digits = n - first - (point < 0 ? 0 : 1)
    guard digits > 0 && digits <= 15 else { return nil }
    var value = Double(mantissa)
    if point >= 0 && point < n - 1 { value /= powersOfTen[n - 1 - point] }
    return negative ? -value : value
  }

  /// Parses a decimal number, correctly rounded to the nearest double.
  @inline(__always)
  static func parseDecimal(_ p0: UnsafePointer<UInt8>, _ n0: Int) -> Double? {
    let (p, n) = trimmed(p0, n0)
    guard n > 0 else { return nil }
    var i = 0
    var negative = false
    if p[0] == UInt8(ascii: "-") {
      negative = true
      i = 1
    } else if p[0] == UInt8(ascii: "+") {
      i = 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var sawDigit = false
    var inexact = false
    while i < n {
      let d = p[i] &- 48
      guard d < 10 else { break }
      sawDigit = true
      if significant < 19 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        if mantissa != 0 { significant += 1 }
      } else {
        exponent += 1
        if d != 0 { inexact = true }
      }
      i += 1
    }
    if i < n && p[i] == UInt8(ascii: ".") {
      i += 1
      while i < n {
        let d = p[i] &- 48
        guard d < 10 else { break }
        sawDigit = true
        if significant < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          if mantissa != 0 { significant += 1 }
          exponent -= 1
        } else if d != 0 {
          inexact = true
        }
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
      i += 1
      var expNegative = false
      if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
        expNegative = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var sawExpDigit = false
      while i < n {
        let d = p[i] &- 48
        guard d < 10 else { break }
        sawExpDigit = true
        if e < 100_000 { e = e * 10 + Int(d) }
        i += 1
      }
      guard sawExpDigit else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == n else { return nil }
    if mantissa == 0 && !inexact { return negative ? -0.0 : 0.0 }
    if !inexact && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 {
        value /= powersOfTen[-exponent]
      } else {
        value *= powersOfTen[exponent]
      }
      return negative ? -value : value
    }
    return slowDecimal(p, n)
  }

  /// `strtod` on a NUL-terminated copy: correctly rounded for every input.
  static func slowDecimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer -> Double? in
      guard let base = buffer.baseAddress else { return nil }
      for k in 0..<n { base[k] = CChar(bitPattern: p[k]) }
      base[n] = 0
      var end: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(base, &end)
      // `1e999` overflows to infinity: not a value a column can hold.
      guard let end, end - base == n, value.isFinite else { return nil }
      return value
    }
  }
}
