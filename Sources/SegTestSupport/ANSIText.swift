/// Text as a terminal shows it, for tests of coloured output.
package enum ANSIText {
  /// `text` without ANSI escape sequences (`ESC [ … letter`).
  package static func stripped(_ text: String) -> String {
    var out = ""
    var inEscape = false
    for ch in text {
      if inEscape {
        if ch.isLetter { inEscape = false }
      } else if ch == "\u{1B}" {
        inEscape = true
      } else {
        out.append(ch)
      }
    }
    return out
  }
}
