/// A deliberately small lexer for Tab completion: enough to know, at the cursor, whether we are
/// inside a string, a comment or brackets, and which words came before.
///
/// It works on UTF-8 bytes and never fails: unknown bytes become one-byte symbols, and an
/// unclosed string runs to the end. Words are ASCII letters, digits, `_`, `.` and any non-ASCII
/// byte; `$` plus word bytes is a variable; `"` starts a string with `\` escapes; `#` starts a
/// comment to the end of the line; a `\` right before a line feed joins the lines. The real
/// lexer may replace it later: the analysis only needs ``Token``.
enum CompletionScanner {
  /// What a token is.
  enum Kind: Sendable, Equatable {
    /// A run of word bytes: command, option, column, number, dot-command.
    case word
    /// `$` and the word bytes after it.
    case variable
    /// A double-quoted string; `isClosed` is false when it runs to the end of the text.
    case string(isClosed: Bool)
    /// A line feed that is not joined by a trailing `\`.
    case newline
    /// `#` to the end of the line.
    case comment
    /// Any other single byte: `=`, `[`, `]`, `(`, `)`, `,`, `;`, `<`, …
    case symbol(UInt8)
  }

  /// A token and where it is, as UTF-8 offsets into the scanned text.
  struct Token: Sendable, Equatable {
    /// What it is.
    var kind: Kind
    /// Its bytes.
    var range: Range<Int>
  }

  /// The tokens of `bytes`, in order; blanks are dropped.
  static func scan(_ bytes: [UInt8]) -> [Token] {
    var tokens: [Token] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      let start = index
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      case UInt8(ascii: "\n"):
        index += 1
        tokens.append(Token(kind: .newline, range: start..<index))
      case UInt8(ascii: "\\") where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
        index += 2
      case UInt8(ascii: "#"):
        while index < bytes.count && bytes[index] != 0x0A { index += 1 }
        tokens.append(Token(kind: .comment, range: start..<index))
      case UInt8(ascii: "\""):
        index += 1
        var isClosed = false
        while index < bytes.count {
          if bytes[index] == UInt8(ascii: "\\") {
            index += 2
            continue
          }
          if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            isClosed = true
            break
          }
          index += 1
        }
        index = min(index, bytes.count)
        tokens.append(Token(kind: .string(isClosed: isClosed), range: start..<index))
      case UInt8(ascii: "$"):
        index += 1
        while index < bytes.count && isWordByte(bytes[index]) { index += 1 }
        tokens.append(Token(kind: .variable, range: start..<index))
      case _ where isWordByte(byte):
        while index < bytes.count && isWordByte(bytes[index]) { index += 1 }
        tokens.append(Token(kind: .word, range: start..<index))
      default:
        index += 1
        tokens.append(Token(kind: .symbol(byte), range: start..<index))
      }
    }
    return tokens
  }

  /// Whether `byte` continues a word.
  static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), 0x80...0xFF:
      true
    default:
      false
    }
  }
}
