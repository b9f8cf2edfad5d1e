import Foundation
import Testing

@testable import SegCore

/// Exports from Windows tools and ledgers (issue 13): UTF-16 text with a byte order mark
/// (Excel's "Unicode Text", tab-separated) reads as Unicode, and a trailing minus (`5,50-`, as
/// SAP writes negative amounts) is a negative number.
@Suite struct UTF16AndLedgerTests {
  /// A source that hands out its bytes a few at a time, so that code units and surrogate pairs
  /// are split across reads.
  final class TrickleSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private var step = 0
    var sizeHint: Int? { nil }
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
      step = step % 3 + 1
      let n = min(step, buffer.count, bytes.count - position)
      for k in 0..<n { buffer[k] = bytes[position + k] }
      position += n
      return n
    }
  }

  static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
      let hi = UInt8(unit >> 8)
      let lo = UInt8(unit & 0xFF)
      out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
  }

  static func transcoded(_ bytes: [UInt8], bigEndian: Bool) throws -> [UInt8] {
    let source = UTF16ByteSource(source: TrickleSource(bytes), bigEndian: bigEndian)
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 7)
    while true {
      let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if n == 0 { return out }
      out += buffer[0..<n]
    }
  }

  /// Property: any text written as UTF-16 (either byte order, split anywhere) reads back as the
  /// same text.
  @Test func utf16ReadsBackAsTheSameText() throws {
    var generator = SeededGenerator(seed: 16)
    let alphabet: [Character] = ["a", "Z", "0", ";", "\t", "\n", "é", "ß", "€", "中", "😀", "𝄞", "\u{FEFF}"]
    for _ in 0..<300 {
      let count = Int.random(in: 0...40, using: &generator)
      let text = String((0..<count).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
      for bigEndian in [false, true] {
        let bytes = Array(UTF16AndLedgerTests.utf16(text, bigEndian: bigEndian).dropFirst(2))
        let out = try UTF16AndLedgerTests.transcoded(bytes, bigEndian: bigEndian)
        #expect(out == Array(text.utf8), "\(text.debugDescription) \(bigEndian)")
      }
    }
  }

  @Test func loneSurrogatesAndAnOddByteBecomeReplacementCharacters() throws {
    // "a", a lone high surrogate, "b", a lone low surrogate, then half a code unit.
    let bytes: [UInt8] = [0x61, 0, 0x00, 0xD8, 0x62, 0, 0x00, 0xDC, 0x63]
    let out = try UTF16AndLedgerTests.transcoded(bytes, bigEndian: false)
    #expect(String(decoding: out, as: UTF8.self) == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
  }

  static let ledger = "Kunde\tBeleg\tDatum\tBetrag\n123\t9001\t02.05.2023\t12,00\n123\t9002\t15.05.2023\t5,50-\n456\t9003\t16.05.2023\t1.234,56\n"

  @Test(arguments: [false, true])
  func aUTF16LedgerLoadsWithItsTrailingMinus(bigEndian: Bool) throws {
    let bytes = UTF16AndLedgerTests.utf16(UTF16AndLedgerTests.ledger, bigEndian: bigEndian)
    let loaded = try TableLoader.load(bytes: bytes, name: "ledger.txt", options: .default)
    #expect(loaded.report.isUTF16)
    #expect(loaded.report.summaryText.hasPrefix("ledger.txt: 3 rows, 4 columns (UTF-16, tab-separated)"))
    #expect(loaded.report.numbers.map(\.description) == [
      "Betrag: decimal comma, thousands separators, 12.00- read as -12.00"
    ])
    #expect(loaded.table.doubles("Betrag") == [12, -5.5, 1234.56])
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    #expect(result.table.doubles("monetary") == [6.5, 1234.56])
    let streamed = try TableLoader.stream(bytes: bytes, name: "ledger.txt", options: .default, blockSize: 64)
    switch streamed {
    case .streamed(let log): #expect(log.report.summaryText == loaded.report.summaryText)
    case .table(let t): #expect(t.report.summaryText == loaded.report.summaryText)
    }
  }

  @Test(arguments: [("5,50-", DecimalSeparator.comma, -5.5), ("1,234.50-", .point, -1234.5), ("€12-", .point, -12)])
  func aTrailingMinusIsNegative(text: String, decimal: DecimalSeparator, value: Double) {
    let parsed = writtenNumber(text, decimal)
    #expect(parsed?.value == value, "\(text)")
  }

  @Test(arguments: ["-5-", "5--", "(5)-", "-", "5-5"])
  func malformedMinusesAreRefused(text: String) {
    let parsed = writtenNumber(text, .point)
    #expect(parsed == nil, "\(text)")
  }
}
