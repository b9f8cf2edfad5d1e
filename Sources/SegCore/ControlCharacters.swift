/// Escapes control characters in text that came from data or a script before it reaches a
/// terminal, so a crafted CSV cannot move the cursor, rewrite the screen or set the window title.
///
/// C0 controls (`U+0000`–`U+001F`), DEL and the C1 controls (`U+0080`–`U+009F`, where `U+009B`
/// is a one-character CSI on some terminals) become visible escapes: `\x1b`, `\x7f`, `\u{9b}`;
/// line break, carriage return and tab become `\n`, `\r`, `\t` where one line is expected.
/// Escaping works on whole Unicode scalars, so it never cuts a UTF-8 character.
package enum ControlCharacters {
  /// `text` with every control character escaped, line breaks and tabs included: for one-line
  /// places such as a table cell, a diagnostic message or a column name.
  package static func escaped(_ text: String) -> String {
    guard text.utf8.contains(where: isSuspect) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if let escape = escape(scalar, keepingLayout: false) {
        out += escape
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `text` made safe for a terminal.
  ///
  /// Line breaks, tabs and colour sequences (`ESC [ digits and ; m`, which seg's own charts and
  /// diagnostics use) stay; every other control character is escaped. Used by the real host on everything it writes to standard output and error.
  package static func terminalSafe(_ text: String) -> String {
    guard text.utf8.contains(where: isSuspect) else { return text }
    let scalars = Array(text.unicodeScalars)
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var i = 0
    while i < scalars.count {
      let scalar = scalars[i]
      if scalar == "\u{1B}", let end = colourSequenceEnd(scalars, from: i) {
        for s in scalars[i...end] { out.unicodeScalars.append(s) }
        i = end + 1
        continue
      }
      if let escape = escape(scalar, keepingLayout: true) {
        out += escape
      } else {
        out.unicodeScalars.append(scalar)
      }
      i += 1
    }
    return out
  }

  /// Whether a UTF-8 byte may start or be part of a control character (C1 controls are encoded
  /// as `C2 80`–`C2 9F`, so `C2` is suspect).
  static func isSuspect(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x7F || byte == 0xC2
  }

  /// The visible form of a control character, or `nil` for any other scalar.
  package static func escape(_ scalar: Unicode.Scalar, keepingLayout: Bool) -> String? {
    switch scalar.value {
    case 0x0A: return keepingLayout ? nil : "\\n"
    case 0x09: return keepingLayout ? nil : "\\t"
    case 0x0D: return "\\r"
    case 0x00..<0x20, 0x7F:
      let hex = String(scalar.value, radix: 16)
      return "\\x" + (hex.count == 1 ? "0" : "") + hex
    case 0x80..<0xA0:
      return "\\u{" + String(scalar.value, radix: 16) + "}"
    default:
      return nil
    }
  }

  /// The index of the `m` ending an SGR colour sequence `ESC [ (digits | ;)* m` starting at
  /// `start`, or `nil` when the escape is anything else.
  static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
    var j = start + 2
    while j < scalars.count, j - start < 64 {
      let s = scalars[j]
      if s == "m" { return j }
      guard s == ";" || ("0"..."9").contains(s) else { return nil }
      j += 1
    }
    return nil
  }
}
