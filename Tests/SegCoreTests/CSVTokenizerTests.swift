import Foundation
import Testing

@testable import SegCore

/// The tokenizer's 64-byte scan against its byte-by-byte reader, on random CSV text full of the
/// cases that send rows from one to the other: quotes, doubled quotes, CRLF, lone CRs, blank
/// lines, ragged rows, and regions that end mid-row.
@Suite struct CSVTokenizerTests {
  /// Random CSV text: mostly plain rows of `columns` fields (so that the scan runs for long
  /// stretches), with a hazard now and then.
  static func text(rows: Int, columns: Int, hazards: Int, using rng: inout SeededGenerator)
    -> [UInt8]
  {
    let plain = Array("abcdefgh0123456789 .-".utf8)
    var out: [UInt8] = []
    for _ in 0..<rows {
      if Int.random(in: 0..<100, using: &rng) == 0 {
        // A row of empty fields only (`,,,`), as spreadsheets write below a table; skipped.
        out += Array(repeating: UInt8(ascii: ","), count: columns - 1)
        out += Int.random(in: 0..<3, using: &rng) == 0 ? [0x0D, 0x0A] : [0x0A]
        continue
      }
      var fields = columns
      if Int.random(in: 0..<1000, using: &rng) < hazards {
        fields += Int.random(in: -2...2, using: &rng)
      }
      for f in 0..<max(0, fields) {
        if f > 0 { out.append(UInt8(ascii: ",")) }
        let length =
          Int.random(in: 0..<5, using: &rng) == 0
          ? Int.random(in: 0..<90, using: &rng) : Int.random(in: 0..<12, using: &rng)
        for _ in 0..<length { out.append(plain[Int.random(in: 0..<plain.count, using: &rng)]) }
        if Int.random(in: 0..<1000, using: &rng) < hazards {
          switch Int.random(in: 0..<6, using: &rng) {
          case 0: out += Array("\"quoted, with \"\"quotes\"\"\"".utf8)
          case 1: out += Array("\"two\nlines\"".utf8)
          case 2: out += Array("in\"side".utf8)
          case 3: out += Array("\"after\"text".utf8)
          case 4: out.append(0x0D)
          default: out += Array("\"plain quoted\"".utf8)
          }
        }
      }
      switch Int.random(in: 0..<1000, using: &rng) {
      case 0..<hazards: out += Int.random(in: 0..<2, using: &rng) == 0 ? [0x0D] : [0x0A, 0x0A]
      case hazards..<(hazards + 300): out += [0x0D, 0x0A]
      default: out.append(0x0A)
      }
    }
    return out
  }

  /// Tokenizes `bytes` in regions of `step` bytes, carrying unfinished rows over, as the loader
  /// does; returns every region's bounds and stop.
  static func tokenize(_ bytes: [UInt8], columns: Int, step: Int, vectorized: Bool)
    -> [String]
  {
    var out: [String] = []
    let tokenizer = CSVTokenizer(delimiter: .comma, columnCount: columns, vectorized: vectorized)
    bytes.withUnsafeBufferPointer { b in
      var start = 0
      var end = min(step, b.count)
      while true {
        let isFinal = end == b.count
        var bounds = CSVTokenizer.FieldBounds()
        let stop = tokenizer.tokenize(b, from: start, to: end, isFinal: isFinal, into: &bounds)
        out.append(
          "\(stop) rows \(bounds.rows) empty \(bounds.emptyRows) breaks \(bounds.lineBreaks) consumed \(bounds.consumed) "
            + "starts \(bounds.starts.prefix(bounds.fields)) ends \(bounds.ends.prefix(bounds.fields))"
        )
        if stop != .complete || isFinal { break }
        start = bounds.consumed
        end = min(b.count, max(end + step, start + 1))
      }
    }
    return out
  }

  @Test(arguments: [0, 1, 5, 40])
  func scanReadsLikeTheByteReader(hazards: Int) {
    var rng = SeededGenerator(seed: UInt64(100 + hazards))
    for trial in 0..<40 {
      let columns = Int.random(in: 1...9, using: &rng)
      let bytes = CSVTokenizerTests.text(
        rows: Int.random(in: 1...400, using: &rng), columns: columns, hazards: hazards, using: &rng)
      for step in [bytes.count, 4096, 301, 64, 63] {
        let scanned = CSVTokenizerTests.tokenize(
          bytes, columns: columns, step: step, vectorized: true)
        let read = CSVTokenizerTests.tokenize(
          bytes, columns: columns, step: step, vectorized: false)
        // Compared as a Bool: a failure names the first differing region, not every field.
        let same = scanned == read
        let first = zip(scanned, read).first { $0 != $1 }.map {
          "\($0.0.prefix(300)) vs \($0.1.prefix(300))"
        }
        #expect(
          same,
          "trial \(trial), step \(step): \(first ?? "\(scanned.count) vs \(read.count) regions")")
      }
    }
  }

  /// Rows of empty unquoted fields are skipped by both readers and counted; a row with one
  /// value, quoted empty fields, or too few or too many delimiters is not such a row.
  @Test func rowsOfEmptyFieldsAreSkippedAndCounted() {
    let head = Array("a,b,c\n".utf8)
    let body = Array(",,\n1,2,3\n,,\r\n\"\",,\n,,x\n".utf8)
    // Padded so that the 64-byte scan sees the empty rows too.
    let filler = Array(repeatElement(Array("4,5,6\n".utf8), count: 20).joined())
    let bytes = head + filler + body + filler + Array(",,\n".utf8)
    for vectorized in [true, false] {
      let tokenizer = CSVTokenizer(delimiter: .comma, columnCount: 3, vectorized: vectorized)
      var bounds = CSVTokenizer.FieldBounds()
      let stop = bytes.withUnsafeBufferPointer {
        tokenizer.tokenize($0, from: head.count, to: $0.count, isFinal: true, into: &bounds)
      }
      #expect(stop == .complete)
      #expect(bounds.emptyRows == 3, "vectorized \(vectorized)")
      #expect(bounds.rows == 43, "vectorized \(vectorized)")
      #expect(bounds.lineBreaks == 46, "vectorized \(vectorized)")
    }
  }

  @Test func plainRowsAreCutAtEveryDelimiterAndLineFeed() {
    let line = Array(
      "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\r\n".utf8
    )
    let bytes = Array(repeatElement(line, count: 50).joined())
    let tokenizer = CSVTokenizer(delimiter: .comma, columnCount: 8)
    var bounds = CSVTokenizer.FieldBounds()
    let stop = bytes.withUnsafeBufferPointer {
      tokenizer.tokenize($0, from: 0, to: $0.count, isFinal: true, into: &bounds)
    }
    #expect(stop == .complete)
    #expect(bounds.rows == 50 && bounds.lineBreaks == 50 && bounds.consumed == bytes.count)
    #expect(bounds.fields == 400)
    // The last field of each row ends before the CR.
    let n = line.count
    #expect(bounds.starts[8 * 49 + 7] == UInt32(49 * n + n - 16))
    #expect(bounds.ends[8 * 49 + 7] == UInt32(50 * n - 2))
  }

  @Test func byteMasksMatchTheBytes() {
    var rng = SeededGenerator(seed: 9)
    for _ in 0..<200 {
      let bytes = (0..<64).map { _ in
        [0x2C, 0x0A, 0x0D, 0x22, 0x61, 0x3B][Int.random(in: 0..<6, using: &rng)] as UInt8
      }
      func mask(_ b: UInt8) -> UInt64 {
        bytes.enumerated().reduce(0) { $1.element == b ? $0 | 1 << UInt64($1.offset) : $0 }
      }
      bytes.withUnsafeBufferPointer { p in
        guard let base = p.baseAddress else { return }
        let m = ByteMasks(base, delimiter: 0x3B)
        #expect(m.delimiters == mask(0x3B))
        #expect(m.lineFeeds == mask(0x0A))
        #expect(m.quotesOrReturns == mask(0x22) | mask(0x0D))
        #expect(m.quotes == mask(0x22) && m.returns == mask(0x0D))
        #expect(ByteMasks.word(base, equalTo: 0x2C) == mask(0x2C))
      }
    }
  }
}
