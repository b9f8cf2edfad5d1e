import Foundation
import PropertyBased
import SegCore
import SegTestSupport
import Testing

/// The loader's byte-level decimal parser gives exactly what `Double(String)` gives.
@Suite struct DecimalParsingTests {
  /// Field `index` of one CSV line (no line breaks inside fields), unescaped.
  static func field(_ index: Int, of line: String) -> String {
    var field: [UInt8] = []
    var current = 0
    var quoted = false
    var bytes = Array(line.utf8)[...]
    while let c = bytes.popFirst() {
      if quoted {
        if c == UInt8(ascii: "\"") {
          if bytes.first == UInt8(ascii: "\"") {
            if current == index { field.append(c) }
            bytes.removeFirst()
          } else {
            quoted = false
          }
        } else if current == index {
          field.append(c)
        }
      } else if c == UInt8(ascii: "\"") {
        quoted = true
      } else if c == UInt8(ascii: ",") {
        if current == index { break }
        current += 1
      } else if current == index {
        field.append(c)
      }
    }
    return String(decoding: field, as: UTF8.self)
  }

  @Test func everyPriceOfTheRealDataEqualsDoubleOfItsText() throws {
    // Read every line as one text field (no '|' in the file), then split independently.
    let lines = try TableLoader.load(
      path: RepositoryPaths.exampleData.path,
      options: LoadOptions(delimiter: Delimiter(option: "|"))
    ).table
    let loaded = try #require(RealDataLoadTests.loaded).table
    let prices = loaded.doubles("UnitPrice")
    let column = try #require(lines.columns.first)
    #expect(column.count == prices.count)
    var mismatches = 0
    for i in 0..<column.count {
      let text = DecimalParsingTests.field(5, of: column.text(at: i) ?? "")
      if Double(text)?.bitPattern != prices[i].bitPattern { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }

  @Test func randomDecimalTextsParseExactly() async {
    await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
      var g = SeededGenerator(seed: seed)
      var texts: [String] = []
      for _ in 0..<50 {
        var s = g.nextInt(below: 3) == 0 ? "-" : ""
        s += String(g.nextInt(below: 1_000_000_000))
        if g.nextInt(below: 4) > 0 {
          s +=
            "."
            + String(
              (0..<(1 + g.nextInt(below: 22))).map { _ in Character(String(g.nextInt(below: 10))) }
            )
        }
        if g.nextInt(below: 5) == 0 { s += "e" + String(g.nextInt(below: 640) - 320) }
        texts.append(s)
      }
      let csv = "x\n" + texts.joined(separator: "\n") + "\n"
      do {
        let values = try TableLoader.load(text: csv).table.doubles("x")
        for (t, v) in zip(texts, values) {
          #expect(Double(t)?.bitPattern == v.bitPattern, "\(t)")
        }
      } catch {
        Issue.record("\(error)")
      }
    }
  }
}
