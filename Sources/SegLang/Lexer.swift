/// Splits source text into ``Token``s, reporting lexical errors as ``Diagnostic``s.
///
/// Lexical rules (see docs/language.md): `#` starts a comment to the end of the line; a `\` at
/// the end of a line joins it with the next; spaces and tabs separate tokens; line breaks and `;`
/// end statements. A string may span lines. A run such as `2011-12-09` is a date, not a
/// subtraction. Unknown characters become ``TokenKind/invalid`` tokens, so the parser can go on
/// and every error of a script is reported at once.
public struct Lexer: Sendable {
  let bytes: [UInt8]
  var position = 0
  /// Diagnostics found so far.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Creates a lexer over `source`.
  public init(_ source: SourceFile) {
    bytes = source.bytes
  }

  /// Lexes the whole input; the last token is always ``TokenKind/endOfFile``.
  public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic])
  {
    var lexer = Lexer(source)
    var tokens: [Token] = []
    while true {
      let t = lexer.next()
      tokens.append(t)
      if t.kind == .endOfFile { break }
    }
    return (tokens, lexer.diagnostics)
  }

  /// Returns the next token.
  public mutating func next() -> Token {
    skipTrivia()
    let start = position
    guard let c = peek() else { return Token(.endOfFile, SourceRange(start: start, end: start)) }
    position += 1
    func single(_ kind: TokenKind) -> Token { Token(kind, SourceRange(start: start, end: position)) }
    switch c {
    case UInt8(ascii: "\n"):
      return single(.newline)
    case UInt8(ascii: "\r"):
      if peek() == UInt8(ascii: "\n") { position += 1 }
      return single(.newline)
    case UInt8(ascii: ";"): return single(.semicolon)
    case UInt8(ascii: "("): return single(.leftParen)
    case UInt8(ascii: ")"): return single(.rightParen)
    case UInt8(ascii: "["): return single(.leftBracket)
    case UInt8(ascii: "]"): return single(.rightBracket)
    case UInt8(ascii: ","): return single(.comma)
    case UInt8(ascii: ":"): return single(.colon)
    case UInt8(ascii: "+"): return single(.plus)
    case UInt8(ascii: "-"): return single(.minus)
    case UInt8(ascii: "*"): return single(.star)
    case UInt8(ascii: "/"): return single(.slash)
    case UInt8(ascii: "="):
      if eat(UInt8(ascii: "=")) { return single(.equalEqual) }
      return single(.equal)
    case UInt8(ascii: "!"):
      if eat(UInt8(ascii: "=")) { return single(.notEqual) }
      return invalid(start, "unexpected '!'; write 'not' for negation or '!=' for inequality")
    case UInt8(ascii: "<"):
      if eat(UInt8(ascii: "=")) { return single(.lessEqual) }
      if eat(UInt8(ascii: ">")) {
        let t = single(.notEqual)
        diagnostics.append(
          Diagnostic(
            .invalidCharacter, "'<>' is not an operator", at: t.range,
            fixIt: FixIt(replacing: t.range, with: "!=", message: "write '!=' for inequality")))
        return t
      }
      return single(.less)
    case UInt8(ascii: ">"):
      if eat(UInt8(ascii: "=")) { return single(.greaterEqual) }
      return single(.greater)
    case UInt8(ascii: "."):
      if eat(UInt8(ascii: ".")) { return single(.dotDot) }
      if let d = peek(), Lexer.isDigit(d) {
        position -= 1
        return number(start)
      }
      return invalid(start, "unexpected '.'")
    case UInt8(ascii: "\""):
      return string(start)
    case UInt8(ascii: "`"):
      return quotedName(start)
    case UInt8(ascii: "$"):
      scanIdentifierTail()
      if position == start + 1 {
        return invalid(start, "expected a variable name after '$'")
      }
      return single(.variable)
    case UInt8(ascii: "\\"):
      diagnostics.append(
        Diagnostic(
          .strayBackslash, "unexpected '\\'", at: SourceRange(start: start, end: position)
        ).withHelp("a backslash continues a statement only at the very end of a line"))
      return single(.invalid)
    default:
      if Lexer.isDigit(c) {
        position -= 1
        if let d = date(start) { return d }
        return number(start)
      }
      position -= 1
      if Lexer.isIdentifierStart(c) || isLetter(at: position) {
        position += scalarLength(at: position)
        scanIdentifierTail()
        return single(.identifier)
      }
      // One whole character (not one byte) so the caret covers it.
      position += scalarLength(at: position)
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      if text == "\u{201C}" || text == "\u{201D}" || text == "\u{2018}" || text == "\u{2019}" {
        let t = invalid(start, "unexpected character '\(text)'")
        diagnostics[diagnostics.count - 1] = diagnostics[diagnostics.count - 1].withHelp(
          "strings use straight double quotes: \"...\"")
        return t
      }
      return invalid(start, "unexpected character '\(text)'")
    }
  }

  // MARK: - Pieces

  private func peek(_ offset: Int = 0) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  private mutating func eat(_ b: UInt8) -> Bool {
    if peek() == b {
      position += 1
      return true
    }
    return false
  }

  private mutating func invalid(_ start: Int, _ message: String) -> Token {
    let range = SourceRange(start: start, end: position)
    diagnostics.append(Diagnostic(.invalidCharacter, message, at: range))
    return Token(.invalid, range)
  }

  /// Skips spaces, tabs, comments and backslash-newline continuations.
  private mutating func skipTrivia() {
    while let c = peek() {
      if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") {
        position += 1
      } else if c == UInt8(ascii: "#") {
        while let d = peek(), d != UInt8(ascii: "\n"), d != UInt8(ascii: "\r") { position += 1 }
      } else if c == UInt8(ascii: "\\") {
        // A continuation: backslash, optional blanks, optional comment, line break.
        var p = position + 1
        while p < bytes.count, bytes[p] == UInt8(ascii: " ") || bytes[p] == UInt8(ascii: "\t") {
          p += 1
        }
        if p < bytes.count, bytes[p] == UInt8(ascii: "#") {
          while p < bytes.count, bytes[p] != UInt8(ascii: "\n"), bytes[p] != UInt8(ascii: "\r") {
            p += 1
          }
        }
        if p < bytes.count, bytes[p] == UInt8(ascii: "\r") { p += 1 }
        if p < bytes.count, bytes[p] == UInt8(ascii: "\n") {
          position = p + 1
        } else if p >= bytes.count {
          position = p
        } else {
          return
        }
      } else {
        return
      }
    }
  }

  private mutating func number(_ start: Int) -> Token {
    while let d = peek(), Lexer.isDigit(d) { position += 1 }
    if peek() == UInt8(ascii: "."), let d = peek(1), Lexer.isDigit(d) {
      position += 1
      while let d = peek(), Lexer.isDigit(d) { position += 1 }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      var p = 1
      if peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") { p = 2 }
      if let d = peek(p), Lexer.isDigit(d) {
        position += p
        while let d = peek(), Lexer.isDigit(d) { position += 1 }
      }
    }
    var kind = TokenKind.number
    if eat(UInt8(ascii: "%")) { kind = .percent }
    if let d = peek(), Lexer.isIdentifierByte(d) {
      while let d = peek(), Lexer.isIdentifierByte(d) || d == UInt8(ascii: ".") && peek(1) != UInt8(ascii: ".") {
        position += 1
      }
      let range = SourceRange(start: start, end: position)
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      diagnostics.append(Diagnostic(.invalidNumber, "invalid number '\(text)'", at: range))
      return Token(.invalid, range)
    }
    let text = String(decoding: bytes[start..<(kind == .percent ? position - 1 : position)], as: UTF8.self)
    if let v = Double(text), !v.isFinite {
      let range = SourceRange(start: start, end: position)
      diagnostics.append(Diagnostic(.invalidNumber, "number '\(text)' is too large", at: range))
      return Token(.invalid, range)
    }
    return Token(kind, SourceRange(start: start, end: position))
  }

  /// A date `DDDD-DD-DD`, optionally `THH:MM[:SS]`, or `nil` (position unchanged) when the text
  /// does not have that shape.
  private mutating func date(_ start: Int) -> Token? {
    func isDigitAt(_ i: Int) -> Bool { i < bytes.count && Lexer.isDigit(bytes[i]) }
    let s = start
    guard isDigitAt(s), isDigitAt(s + 1), isDigitAt(s + 2), isDigitAt(s + 3),
      s + 4 < bytes.count, bytes[s + 4] == UInt8(ascii: "-"), isDigitAt(s + 5), isDigitAt(s + 6),
      s + 7 < bytes.count, bytes[s + 7] == UInt8(ascii: "-"), isDigitAt(s + 8), isDigitAt(s + 9),
      !isDigitAt(s + 10)
    else { return nil }
    var end = s + 10
    if end < bytes.count, bytes[end] == UInt8(ascii: "T"), isDigitAt(end + 1), isDigitAt(end + 2),
      end + 3 < bytes.count, bytes[end + 3] == UInt8(ascii: ":"), isDigitAt(end + 4),
      isDigitAt(end + 5)
    {
      end += 6
      if end < bytes.count, bytes[end] == UInt8(ascii: ":"), isDigitAt(end + 1), isDigitAt(end + 2) {
        end += 3
      }
    }
    position = end
    let range = SourceRange(start: start, end: end)
    if let d = peek(), Lexer.isIdentifierByte(d) {
      while let d = peek(), Lexer.isIdentifierByte(d) || d == UInt8(ascii: ":") { position += 1 }
      let full = SourceRange(start: start, end: position)
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      diagnostics.append(Diagnostic(.invalidDate, "invalid date '\(text)'", at: full))
      return Token(.invalid, full)
    }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    if DateValue(parsing: text) == nil {
      diagnostics.append(
        Diagnostic(.invalidDate, "invalid date '\(text)'", at: range).withHelp(
          "dates are written YYYY-MM-DD, optionally followed by THH:MM or THH:MM:SS"))
      return Token(.invalid, range)
    }
    return Token(.date, range)
  }

  private mutating func string(_ start: Int) -> Token {
    // The end of the opening line is found only for an unterminated string: looking for it up
    // front made a line of many strings quadratic to lex.
    while let c = peek() {
      position += 1
      if c == UInt8(ascii: "\"") { return Token(.string, SourceRange(start: start, end: position)) }
      if c == UInt8(ascii: "\\") {
        let escStart = position - 1
        guard let e = peek() else { break }
        position += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "t"),
          UInt8(ascii: "r"), UInt8(ascii: "0"):
          break
        case UInt8(ascii: "u"):
          if !scanUnicodeEscape() {
            diagnostics.append(
              Diagnostic(
                .invalidEscape, "invalid unicode escape",
                at: SourceRange(start: escStart, end: position)
              ).withHelp("write \\u{XXXX} with 1 to 6 hexadecimal digits"))
          }
        default:
          while let d = peek(), d & 0xC0 == 0x80 { position += 1 }
          let text = String(decoding: bytes[escStart..<position], as: UTF8.self)
          diagnostics.append(
            Diagnostic(
              .invalidEscape, "invalid escape '\(text)' in string",
              at: SourceRange(start: escStart, end: position)
            ).withHelp("valid escapes are \\\" \\\\ \\n \\t \\r \\0 \\u{XXXX}"))
        }
      }
    }
    // Unterminated: report at the opening quote through the end of its line, and resume lexing on
    // the next line, so one missing quote does not hide the rest of the script's errors.
    let firstLineEnd =
      bytes[start...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
      ?? bytes.count
    let range = SourceRange(start: start, end: max(start + 1, firstLineEnd))
    diagnostics.append(
      Diagnostic(.unterminatedString, "unterminated string", at: range).withHelp(
        "add a closing '\"'"))
    position = firstLineEnd
    return Token(.invalid, range)
  }

  private mutating func scanUnicodeEscape() -> Bool {
    guard eat(UInt8(ascii: "{")) else { return false }
    var digits = 0
    var value: UInt32 = 0
    while let d = peek(), let h = Lexer.hexValue(d) {
      position += 1
      digits += 1
      value = value &* 16 &+ UInt32(h)
    }
    guard eat(UInt8(ascii: "}")), (1...6).contains(digits), Unicode.Scalar(value) != nil else {
      return false
    }
    return true
  }

  private mutating func quotedName(_ start: Int) -> Token {
    while let c = peek(), c != UInt8(ascii: "\n"), c != UInt8(ascii: "\r") {
      position += 1
      if c == UInt8(ascii: "`") {
        let range = SourceRange(start: start, end: position)
        if range.count == 2 {
          diagnostics.append(Diagnostic(.unterminatedName, "empty quoted name", at: range))
          return Token(.invalid, range)
        }
        return Token(.quotedIdentifier, range)
      }
    }
    let range = SourceRange(start: start, end: position)
    diagnostics.append(
      Diagnostic(.unterminatedName, "unterminated quoted name", at: range).withHelp(
        "add a closing '`' on the same line"))
    return Token(.invalid, range)
  }

  // MARK: - Character classes

  static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

  /// ASCII letters and `_`; non-ASCII letters are checked by ``isLetter(at:)``.
  static func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
  }

  static func isIdentifierByte(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

  /// The length in bytes of the UTF-8 sequence starting at `i` (1 for a stray byte).
  func scalarLength(at i: Int) -> Int {
    guard i < bytes.count else { return 0 }
    let b = bytes[i]
    let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
    var len = 1
    while len < n, i + len < bytes.count, bytes[i + len] & 0xC0 == 0x80 { len += 1 }
    return len
  }

  /// Whether a non-ASCII letter (or combining mark / digit) starts at `i`.
  func isLetter(at i: Int, allowingDigits: Bool = false) -> Bool {
    guard i < bytes.count, bytes[i] >= 0x80 else { return false }
    let len = scalarLength(at: i)
    var decoder = UTF8()
    var it = bytes[i..<(i + len)].makeIterator()
    guard case .scalarValue(let scalar) = decoder.decode(&it) else { return false }
    let p = scalar.properties
    return p.isAlphabetic || (allowingDigits && (p.numericType != nil || p.generalCategory == .nonspacingMark))
  }

  private mutating func scanIdentifierTail() {
    while let d = peek() {
      if Lexer.isIdentifierByte(d) {
        position += 1
      } else if isLetter(at: position, allowingDigits: true) {
        position += scalarLength(at: position)
      } else {
        return
      }
    }
  }

  static func hexValue(_ b: UInt8) -> Int? {
    switch b {
    case 48...57: Int(b - 48)
    case 65...70: Int(b - 55)
    case 97...102: Int(b - 87)
    default: nil
    }
  }

  /// Whether `text` can be written as a bare name (otherwise it needs backticks).
  public static func isBareName(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard !b.isEmpty, !Keyword.reserved.contains(text) else { return false }
    let source = SourceFile(name: "", text: text)
    var lexer = Lexer(source)
    let t = lexer.next()
    return t.kind == .identifier && t.range.end == b.count && lexer.diagnostics.isEmpty
  }
}
