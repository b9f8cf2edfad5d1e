import Testing

@testable import SegCore

/// The loader's fast paths for plain numbers give exactly what the general parsers give, and
/// leave everything else to them.
@Suite struct NumberParsingTests {
  static func texts(_ rng: inout SeededGenerator) -> [String] {
    let pieces = ["", "-", "+", " ", ".", "0", "00", "1", "7", "9", "12", "05", "e3", "x"]
    var out: [String] = [
      "0", "-0", "0.0", "-0.0", "5.", ".5", ".", "-", "", "123456789012345",
      "1234567890123456", "12345678901234.5", "1234567890123.45", "999999999999999999",
      "-999999999999999999", "1000000000000000000", "2.55", "17850.0", "0.001", "-3",
    ]
    for _ in 0..<20_000 {
      var text = ""
      for _ in 0..<Int.random(in: 1...8, using: &rng) {
        text +=
          Int.random(in: 0..<3, using: &rng) == 0
          ? pieces[Int.random(in: 0..<pieces.count, using: &rng)]
          : String(Int.random(in: 0..<1000, using: &rng))
      }
      out.append(text)
    }
    return out
  }

  /// Calls `body` with the bytes of each random text (NUL-terminated, the NUL not counted).
  static func forEachText(
    seed: UInt64, _ body: (String, UnsafePointer<UInt8>, Int) -> Void
  ) {
    var rng = SeededGenerator(seed: seed)
    for text in texts(&rng) {
      let bytes = Array(text.utf8) + [0]
      bytes.withUnsafeBufferPointer { b in
        guard let p = b.baseAddress else { return }
        body(text, p, b.count - 1)
      }
    }
  }

  @Test func plainDecimalsAreTheGeneralParsersDoubles() {
    var plain = 0
    NumberParsingTests.forEachText(seed: 21) { text, p, n in
      guard let fast = NumberParsing.plainDecimal(p, n) else { return }
      plain += 1
      #expect(NumberParsing.parseDecimal(p, n)?.bitPattern == fast.bitPattern, "\(text)")
    }
    #expect(plain > 5000)
  }

  @Test func plainIntegersAreTheGeneralParsersIntegers() {
    var plain = 0
    NumberParsingTests.forEachText(seed: 22) { text, p, n in
      guard let fast = NumberParsing.plainInteger(p, n) else { return }
      plain += 1
      let general = NumberParsing.parseInteger(p, n)
      #expect(general?.value == fast.value && general?.canonical == fast.canonical, "\(text)")
    }
    #expect(plain > 3000)
  }
}
