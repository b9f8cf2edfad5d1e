import Foundation
import Testing

@testable import SegCore

/// Numbers as written (issue 13): the reader of written numbers, the per-column sniff of the
/// decimal separator, and both load paths.
/// `text` read by ``WrittenNumber/parse(_:_:decimal:)`` with `decimal`.
func writtenNumber(_ text: String, _ decimal: DecimalSeparator) -> WrittenNumber.Parsed? {
  let bytes = Array(text.utf8)
  return bytes.withUnsafeBufferPointer { b in
    b.baseAddress.flatMap { WrittenNumber.parse($0, b.count, decimal: decimal) }
  }
}

@Suite struct WrittenNumberTests {
  func parse(_ text: String, _ decimal: DecimalSeparator = .point) -> WrittenNumber.Parsed? {
    writtenNumber(text, decimal)
  }

  func evidence(_ text: String) -> WrittenNumber.Evidence {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { b in
      b.baseAddress.map { WrittenNumber.evidence($0, b.count) } ?? .none
    }
  }

  static let cases: [(String, DecimalSeparator, Double, String)] = [
    ("$12.00", .point, 12, "$"), ("£3", .point, 3, "£"), ("12,00 €", .comma, 12, "€"),
    ("EUR 12", .point, 12, "EUR"), ("12 USD", .point, 12, "USD"), ("-$5", .point, -5, "$"),
    ("$-5", .point, -5, "$"), ("(12.00)", .point, -12, ""), ("+3", .point, 3, ""),
    ("1.234,56", .comma, 1234.56, ""), ("1,234.50", .point, 1234.5, ""),
    ("12,345,678", .point, 12_345_678, ""), ("261,96", .comma, 261.96, ""),
    ("€1.234,56", .comma, 1234.56, "€"), ("($1,234.56)", .point, -1234.56, "$"),
    ("  7 GBP ", .point, 7, "GBP"), ("1.234", .comma, 1234, ""),
    // Indian grouping: lakh and crore.
    ("1,23,456.50", .point, 123_456.5, ""), ("₹12,34,56,789", .point, 123_456_789, "₹"),
    ("12,34,567", .point, 1_234_567, ""),
  ]

  @Test(arguments: WrittenNumberTests.cases)
  func writtenNumbersRead(text: String, decimal: DecimalSeparator, value: Double, currency: String)
    throws
  {
    let w = try #require(parse(text, decimal), "\(text)")
    #expect(w.value == value, "\(text)")
    #expect(WrittenNumber.currencyName(w.currency) == currency, "\(text)")
  }

  @Test(arguments: [
    "123,45,678", "1,234,56,789", "1,23,45", "1,23,4567", "1,2345", "(-12)", "$", "12$$", "1.234.5", "abc", "12 kg", "1,234,5", ",", "$ €",
  ])
  func malformedNumbersAreRefused(text: String) {
    #expect(parse(text, .point) == nil, "\(text)")
  }

  @Test func integersWithThousandsStayIntegers() throws {
    #expect(try #require(parse("1,234")).integer == 1234)
    #expect(try #require(parse("$1,234")).integer == 1234)
    #expect(try #require(parse("1,234.00")).integer == nil)
    #expect(try #require(parse("1.234", .comma)).integer == 1234)
  }

  @Test func evidenceDecidesTheSeparator() {
    #expect(evidence("261,96") == .comma)
    #expect(evidence("1.234,56") == .comma)
    #expect(evidence("1.234.567") == .comma)
    #expect(evidence("2.55") == .point)
    #expect(evidence("1,234.50") == .point)
    #expect(evidence("12,345,678") == .point)
    #expect(evidence("1,234") == .ambiguousComma)
    #expect(evidence("1.234") == .ambiguousPoint)
    #expect(evidence("0,123") == .comma)
    #expect(evidence("1234,567") == .comma)
    #expect(evidence("12") == .none)
  }

  /// Written in each format, read back: the same value (seeded random amounts in cents).
  @Test(arguments: 0..<9)
  func writeThenReadGivesTheValue(format: Int) throws {
    var rng = SeededGenerator(seed: 13 + UInt64(format))
    for _ in 0..<500 {
      let cents = Int64(rng.nextInt(below: 2_000_000_000)) - 1_000_000_000
      let negative = cents < 0
      let whole = String(abs(cents) / 100)
      let fraction = String(format: "%02d", Int(abs(cents) % 100))
      func grouped(_ s: String, _ sep: String) -> String {
        var out = ""
        for (k, ch) in s.enumerated() {
          if k > 0 && (s.count - k) % 3 == 0 { out += sep }
          out.append(ch)
        }
        return out
      }
      // Indian grouping: the last three digits, then groups of two.
      func lakh(_ s: String) -> String {
        guard s.count > 3 else { return s }
        let head = String(s.dropLast(3))
        var out = ""
        for (k, ch) in head.enumerated() {
          if k > 0 && (head.count - k) % 2 == 0 { out += "," }
          out.append(ch)
        }
        return out + "," + s.suffix(3)
      }
      let sign = negative ? "-" : ""
      let (text, decimal): (String, DecimalSeparator)
      switch format {
      case 0: (text, decimal) = ("\(sign)\(grouped(whole, ",")).\(fraction)", .point)
      case 1: (text, decimal) = ("\(sign)\(grouped(whole, ".")),\(fraction)", .comma)
      case 2: (text, decimal) = ("\(sign)$\(grouped(whole, ",")).\(fraction)", .point)
      case 3: (text, decimal) = ("\(sign)\(whole),\(fraction) €", .comma)
      case 4:
        (text, decimal) = (negative ? "(\(whole).\(fraction))" : "\(whole).\(fraction)", .point)
      case 5: (text, decimal) = ("EUR \(sign)\(whole).\(fraction)", .point)
      case 6: (text, decimal) = ("\(negative ? "-" : "+")\(whole).\(fraction) USD", .point)
      case 7: (text, decimal) = ("\(sign)\(lakh(whole)).\(fraction)", .point)
      default: (text, decimal) = ("\(sign)£\(grouped(whole, ",")).\(fraction)", .point)
      }
      let expected = Double("\(sign)\(whole).\(fraction)")
      let read = parse(text, decimal)?.value
      #expect(read == expected, "\(text)")
      // Exact money recovers the cents.
      #expect(read.flatMap { Money.units($0) }.map { $0.units } == cents * 100, "\(text)")
    }
  }

  // MARK: - Loading

  static let header = "InvoiceNo;StockCode;Quantity;InvoiceDate;UnitPrice;CustomerID\n"

  @Test func aSemicolonFileWithDecimalCommasLoadsOnBothPaths() throws {
    let text =
      WrittenNumberTests.header
      + "1;A;2;13/01/2011 10:00;261,96;17850\n2;B;1;14/01/2011 10:00;1.234,50;17850\n"
      + "3;C;3;15/01/2011 10:00;2,5;12346\n"
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.table.doubles("UnitPrice") == [261.96, 1234.5, 2.5])
    #expect(loaded.report.numbers == ["UnitPrice: decimal comma, thousands separators"])
    #expect(loaded.report.summaryText.contains("numbers: UnitPrice: decimal comma"))
    // The separator is sniffed from the first block: blocks that hold the first rows.
    for blockSize in [256, 1 << 20] {
      let streamed = try TableLoader.stream(
        bytes: Array(text.utf8), name: "<text>", blockSize: blockSize)
      guard case .streamed(let log) = streamed else {
        Issue.record("should stream")
        continue
      }
      #expect(log.report == loaded.report, "block \(blockSize)")
    }
    let rfm = try RFM.compute(loaded.table, roles: loaded.roles, options: .default)
    // 2 × 261.96 + 1,234.50, exactly.
    #expect(rfm.table.doubles("monetary") == [7.5, 1758.42])
  }

  @Test func currenciesAreStrippedAndNamed() throws {
    let text =
      "order,customer,date,amount\n1,a,2011-01-01,$12.00\n2,b,2011-01-02,\"$1,234.50\"\n"
      + "3,a,2011-01-03,($2.00)\n4,b,2011-01-04,+$3\n"
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.table.doubles("amount") == [12, 1234.5, -2, 3])
    #expect(
      loaded.report.numbers
        == ["amount: thousands separators, currency $ stripped, (12.00) read as -12.00"])
  }

  /// Excel's CSV on Western European Windows is Windows-1252: `€` is the byte 0x80, `£` 0xA3
  /// and the no-break space 0xA0. They are read beside ASCII bytes only, and named as the
  /// characters they are.
  @Test func windows1252CurrenciesAndNoBreakSpacesAreRead() throws {
    var bytes = Array("Kunde;Datum;Betrag\nK1;13.01.2021;12,50".utf8) + [0xA0, 0x80]
    bytes += Array("\nK".utf8) + [0xF6]  // `Kö` in Windows-1252
    bytes += Array(";14.01.2021;1".utf8) + [0xA0] + Array("234,00".utf8) + [0xA0, 0x80, 0x0A]
    let loaded = try TableLoader.load(bytes: bytes, name: "cp1252.csv")
    #expect(loaded.table.doubles("Betrag") == [12.5, 1234])
    #expect(loaded.report.numbers == ["Betrag: decimal comma, thousands separators, currency € stripped"])
    let pound = try TableLoader.load(
      bytes: Array("customer,date,amount\na,2021-01-05,".utf8) + [0xA3] + Array("12.00\n".utf8),
      name: "latin1.csv")
    #expect(pound.table.doubles("amount") == [12])
    #expect(pound.report.numbers == ["amount: currency £ stripped"])
    // In UTF-8, 0xA3 ends `ã` (C3 A3): `12ã` is no amount in pounds.
    #expect(throws: LoadError.self) {
      try TableLoader.load(text: "customer,date,amount\na,2021-01-05,12ã\n")
    }
  }

  @Test func twoCurrenciesInOneColumnAreAnError() {
    let text = "order,customer,date,amount\n1,a,2011-01-01,$12.00\n2,b,2011-01-02,12.00 €\n"
    #expect {
      try TableLoader.load(text: text)
    } throws: { error in
      guard let e = error as? LoadError else { return false }
      return e.code == .mixedCurrency && e.line == 3 && e.column == 4
    }
  }

  @Test func bothDecimalSeparatorsInOneColumnAskForDecimal() throws {
    let text = "order;customer;date;amount\n1;a;2011-01-01;1,5\n2;b;2011-01-02;2.25\n"
    #expect {
      try TableLoader.load(text: text)
    } throws: { error in
      guard let e = error as? LoadError else { return false }
      return e.code == .ambiguousDecimal && e.line == 3 && e.column == 4
        && (e.hint?.settings ?? []).contains(.decimal)
    }
    // decimal="." says which: 1,500 is then fifteen hundred.
    var options = LoadOptions()
    options.decimal = .point
    let loaded = try TableLoader.load(
      text: "order;customer;date;amount\n1;a;2011-01-01;1,500\n2;b;2011-01-02;2.25\n",
      options: options)
    #expect(loaded.table.doubles("amount") == [1500, 2.25])
  }

  @Test func ambiguousValuesAreReadAsTheDelimiterSuggestsAndSaidSo() throws {
    let comma = try TableLoader.load(
      text: "order,customer,date,amount\n1,a,2011-01-01,\"1,234\"\n2,b,2011-01-02,\"2,500\"\n")
    #expect(comma.table.ints("amount") == [1234, 2500])
    #expect(comma.report.numbers.first?.contains("1,234 read as 1234") == true)
    let semicolon = try TableLoader.load(
      text: "order;customer;date;amount\n1;a;2011-01-01;1,234\n2;b;2011-01-02;2,500\n")
    #expect(semicolon.table.doubles("amount") == [1.234, 2.5])
    #expect(semicolon.report.numbers.first?.contains("decimal comma") == true)
  }

  @Test func plainNumbersAreUnchanged() throws {
    let text = "order,customer,date,amount,code\n1,a,2011-01-01,12,7\n2,b,2011-01-02,2.55,8\n"
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.table.doubles("amount") == [12, 2.55])
    #expect(loaded.table["code"]?.type == .integer)
    #expect(loaded.report.numbers.isEmpty)
  }

  @Test func aValueThatIsNoNumberKeepsTheClearError() {
    let text = "order,customer,date,amount\n1,a,2011-01-01,12.00\n2,b,2011-01-02,twelve\n"
    #expect {
      try TableLoader.load(text: text)
    } throws: { error in
      guard let e = error as? LoadError else { return false }
      return e.code == .nonNumericValue && e.line == 3 && e.column == 4
    }
  }

  @Test func formattedIntegersInAnInferredColumnStayIntegers() throws {
    let text = "order,customer,date,amount,stock\n1,a,2011-01-01,1,\"1,234\"\n2,b,2011-01-02,2,12\n"
    let loaded = try TableLoader.load(text: text)
    #expect(loaded.table.ints("stock") == [1234, 12])
  }
}
