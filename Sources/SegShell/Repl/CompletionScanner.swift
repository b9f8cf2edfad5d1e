import SegLang

/// The tokens Tab completion reads: the language's own ``Lexer`` run over the text before the
/// cursor, with the few things completion needs that a script never does.
///
/// - A text that ends inside a comment ends in a ``Kind/comment`` token (nothing to complete).
/// - A string still open at the cursor is ``Kind/string(isClosed:)`` with `isClosed` false and
///   runs to the end (the lexer reports it as an error and resumes on the next line).
/// - A lone `.` and the name right after it form one word: the shell's dot-commands (`.save`).
/// - `$` without a name is a variable being typed.
///
/// Numbers, dates, names and back-quoted names are all words to completion.
enum CompletionScanner {
  /// What a token is.
  enum Kind: Sendable, Equatable {
    /// A name, number, date or dot-command.
    case word
    /// `$` and the name after it.
    case variable
    /// A double-quoted string; `isClosed` is false when it is still open at the end.
    case string(isClosed: Bool)
    /// The end of a statement's line.
    case newline
    /// A comment the text ends in.
    case comment
    /// A one-byte punctuation or operator token: `=`, `[`, `]`, `(`, `)`, `,`, `;`, `<`, …
    case symbol(UInt8)
    /// An operator of two bytes (`==`, `<=`, `..`, …) or a token the lexer rejects.
    case other
  }

  /// A token and where it is, as UTF-8 offsets into the scanned text.
  struct Token: Sendable, Equatable {
    /// What it is.
    var kind: Kind
    /// Its bytes.
    var range: Range<Int>
  }

  /// The tokens of `bytes`, in order.
  static func scan(_ bytes: [UInt8]) -> [Token] {
    let source = SourceFile(name: "", text: String(decoding: bytes, as: UTF8.self))
    // The source drops a leading byte-order mark; offsets here are into `bytes`.
    let shift = bytes.count - source.bytes.count
    guard shift >= 0 else { return [] }
    var lexer = Lexer(source)
    var tokens: [Token] = []
    var end = shift
    while true {
      let token = lexer.next()
      if token.kind == .endOfFile { break }
      let range = (token.range.start + shift)..<(token.range.end + shift)
      guard !range.isEmpty, range.upperBound <= bytes.count else { break }
      end = range.upperBound
      let first = bytes[range.lowerBound]
      switch token.kind {
      case .identifier, .quotedIdentifier, .number, .percent, .date:
        // `.save`: the lexer's rejected `.` and the name that touches it.
        if let last = tokens.last, last.kind == .word, last.range.upperBound == range.lowerBound,
          bytes[last.range.lowerBound] == UInt8(ascii: ".")
        {
          tokens[tokens.count - 1].range = last.range.lowerBound..<range.upperBound
        } else {
          tokens.append(Token(kind: .word, range: range))
        }
      case .variable:
        tokens.append(Token(kind: .variable, range: range))
      case .string:
        tokens.append(Token(kind: .string(isClosed: true), range: range))
      case .newline:
        tokens.append(Token(kind: .newline, range: range))
      case .invalid where first == UInt8(ascii: "\""):
        // Open at the cursor: everything after the quote is the string being typed.
        tokens.append(Token(kind: .string(isClosed: false), range: range.lowerBound..<bytes.count))
        return tokens
      case .invalid where first == UInt8(ascii: "$"):
        tokens.append(Token(kind: .variable, range: range))
      case .invalid where first == UInt8(ascii: ".") && range.count == 1:
        tokens.append(Token(kind: .word, range: range))
      default:
        tokens.append(Token(kind: range.count == 1 ? .symbol(first) : .other, range: range))
      }
    }
    // The lexer skips comments; one that runs to the end holds the cursor.
    if let hash = bytes[end...].lastIndex(of: UInt8(ascii: "#")),
      !bytes[hash...].contains(where: { $0 == 0x0A || $0 == 0x0D })
    {
      tokens.append(Token(kind: .comment, range: hash..<bytes.count))
    }
    return tokens
  }
}
