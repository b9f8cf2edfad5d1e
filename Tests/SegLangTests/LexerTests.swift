import SegTestSupport
import Testing

@testable import SegLang

@Suite struct LexerTests {
  func kinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
  }

  func texts(_ text: String) -> [String] {
    let source = SourceFile(name: "t", text: text)
    return Lexer.tokenize(source).tokens.dropLast().map { source.text(in: $0.range) }
  }

  @Test func commandWithOptionsAndList() {
    #expect(
      kinds("cluster k=4 cols=[recency, frequency]") == [
        .identifier, .identifier, .equal, .number, .identifier, .equal, .leftBracket, .identifier,
        .comma, .identifier, .rightBracket, .endOfFile,
      ])
  }

  @Test func datesPercentagesAndRangesAreSingleTokens() {
    #expect(texts("2011-12-09 5% 2..10 2.5 1e-3 2011-12-09T08:26:00") == [
      "2011-12-09", "5%", "2", "..", "10", "2.5", "1e-3", "2011-12-09T08:26:00",
    ])
    #expect(kinds("2011-12-09 5% 2..10")[0...4] == [.date, .percent, .number, .dotDot, .number])
  }

  @Test func subtractionWithSpacesIsNotADate() {
    #expect(kinds("2011 - 12 - 09") == [.number, .minus, .number, .minus, .number, .endOfFile])
  }

  @Test func commentsAndShebangAreSkipped() {
    #expect(kinds("#!/usr/bin/env seg\necho 1 # trailing\n") == [
      .newline, .identifier, .number, .newline, .endOfFile,
    ])
  }

  @Test func backslashAtEndOfLineContinues() {
    #expect(kinds("echo 1 \\\n  2") == [.identifier, .number, .number, .endOfFile])
    #expect(kinds("echo 1 \\  # note\n 2") == [.identifier, .number, .number, .endOfFile])
  }

  @Test func operatorsAndNames() {
    #expect(
      kinds("a == b != c <= d >= e < f > g + h - i * j / k ; `Customer ID` $seed") == [
        .identifier, .equalEqual, .identifier, .notEqual, .identifier, .lessEqual, .identifier,
        .greaterEqual, .identifier, .less, .identifier, .greater, .identifier, .plus, .identifier,
        .minus, .identifier, .star, .identifier, .slash, .identifier, .semicolon,
        .quotedIdentifier, .variable, .endOfFile,
      ])
  }

  @Test func unicodeLettersMakeNames() {
    #expect(texts("café Größe") == ["café", "Größe"])
  }

  @Test func stringsMaySpanLinesAndHoldEscapes() {
    let source = SourceFile(name: "t", text: "\"a\\\"b\nc\\u{e9}\"")
    let lexed = Lexer.tokenize(source)
    #expect(lexed.diagnostics.isEmpty)
    #expect(lexed.tokens.map(\.kind) == [.string, .endOfFile])
    #expect(Parser.decodeString(source.text(in: lexed.tokens[0].range)) == "a\"b\ncé")
  }

  @Test(arguments: [
    ("echo 1️⃣@2️⃣", DiagnosticID.invalidCharacter),
    ("echo 1️⃣\"abc2️⃣", .unterminatedString),
    ("echo \"a1️⃣\\q2️⃣\"", .invalidEscape),
    ("cluster k=1️⃣4x2️⃣", .invalidNumber),
    ("set asof = 1️⃣2011-02-302️⃣", .invalidDate),
    ("echo 1️⃣`abc2️⃣", .unterminatedName),
    ("echo 1 1️⃣\\2️⃣ 2", .strayBackslash),
    ("echo 1️⃣“2️⃣x”", .invalidCharacter),
  ])
  func lexicalErrorsSpanTheOffendingText(marked: String, id: DiagnosticID) {
    let m = MarkedSource(marked)
    let lexed = Lexer.tokenize(SourceFile(name: "t", text: m.text))
    #expect(lexed.diagnostics.first?.id == id)
    #expect(lexed.diagnostics.first?.range.start == m.offset("1️⃣"))
    #expect(lexed.diagnostics.first?.range.end == m.offset("2️⃣"))
  }

  @Test func anUnterminatedStringDoesNotSwallowTheNextLine() {
    let lexed = Lexer.tokenize(SourceFile(name: "t", text: "echo \"abc\necho 2"))
    #expect(lexed.tokens.map(\.kind) == [.identifier, .invalid, .newline, .identifier, .number, .endOfFile])
  }

  @Test func bareNamesAreThoseThatLexAsOneIdentifier() {
    #expect(Lexer.isBareName("recency"))
    #expect(Lexer.isBareName("café"))
    #expect(!Lexer.isBareName("Customer ID"))
    #expect(!Lexer.isBareName("and"))
    #expect(!Lexer.isBareName("2x"))
    #expect(!Lexer.isBareName(""))
  }
}
