/// Escaping for text placed in SVG, XHTML and terminals.
enum Markup {
  /// `s` safe inside XML/HTML text and double- or single-quoted attributes.
  ///
  /// Escapes `& < > " '`, and drops control characters other than tab and newline (XML 1.0
  /// cannot carry them at all, and in a terminal they could move the cursor or change colours).
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if isControl(scalar) { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `s` without control characters (escape sequences, carriage returns, tabs, newlines become
  /// nothing or a space), for one terminal line.
  static func terminalSafe(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      if scalar == "\t" || scalar == "\n" || scalar == "\r" {
        out += " "
      } else if !isControl(scalar) {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    // C0, DEL, C1, and the non-characters XML forbids.
    return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
  }
}
