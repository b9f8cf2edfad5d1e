/// One lexical token: its kind and where it is. Tokens hold ranges, not copied text.
public struct Token: Sendable, Equatable {
  /// What the token is.
  public var kind: TokenKind
  /// Where it is in the source.
  public var range: SourceRange

  /// Creates a token.
  public init(_ kind: TokenKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}

/// The kinds of ``Token``.
///
/// Keywords (`and`, `or`, `not`, `in`, `true`, `false`, `set`, `param`) are lexed as
/// ``identifier``; the parser gives them meaning where it expects them, so a column may still be
/// called `set`.
public enum TokenKind: Sendable, Equatable {
  /// `recency`, `_x`, `café`.
  case identifier
  /// `` `Customer ID` ``.
  case quotedIdentifier
  /// `$name`.
  case variable
  /// `42`, `2.5`, `1e-3`.
  case number
  /// `5%` (the value 0.05).
  case percent
  /// `"text"`, with escapes.
  case string
  /// `2011-12-09` or `2011-12-09T08:26:00`.
  case date
  /// `=`.
  case equal
  /// `==`.
  case equalEqual
  /// `!=`.
  case notEqual
  /// `<`.
  case less
  /// `<=`.
  case lessEqual
  /// `>`.
  case greater
  /// `>=`.
  case greaterEqual
  /// `+`.
  case plus
  /// `-`.
  case minus
  /// `*`.
  case star
  /// `/`.
  case slash
  /// `(`.
  case leftParen
  /// `)`.
  case rightParen
  /// `[`.
  case leftBracket
  /// `]`.
  case rightBracket
  /// `,`.
  case comma
  /// `:`.
  case colon
  /// `..`.
  case dotDot
  /// `;`.
  case semicolon
  /// A line break that ends a statement (not one after `\` or inside brackets).
  case newline
  /// The end of the input.
  case endOfFile
  /// Text the lexer could not make sense of; it has reported a diagnostic for it.
  case invalid

  /// How the token kind is named in messages ("expected ')'").
  public var displayName: String {
    switch self {
    case .identifier: "a name"
    case .quotedIdentifier: "a quoted name"
    case .variable: "a variable"
    case .number: "a number"
    case .percent: "a percentage"
    case .string: "a string"
    case .date: "a date"
    case .equal: "'='"
    case .equalEqual: "'=='"
    case .notEqual: "'!='"
    case .less: "'<'"
    case .lessEqual: "'<='"
    case .greater: "'>'"
    case .greaterEqual: "'>='"
    case .plus: "'+'"
    case .minus: "'-'"
    case .star: "'*'"
    case .slash: "'/'"
    case .leftParen: "'('"
    case .rightParen: "')'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .comma: "','"
    case .colon: "':'"
    case .dotDot: "'..'"
    case .semicolon: "';'"
    case .newline: "end of line"
    case .endOfFile: "end of input"
    case .invalid: "invalid text"
    }
  }
}
