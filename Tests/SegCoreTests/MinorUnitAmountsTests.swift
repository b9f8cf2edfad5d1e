import Foundation
import Testing

@testable import SegCore

/// Money in minor units: payment APIs write amounts in cents (Stripe's `"amount": 1299` is
/// 12.99 USD). Read as written, every sum is a hundred times too large; rfm cannot know, so it
/// says when the money looks so.
@Suite struct MinorUnitAmountsTests {
  /// Stripe charges as its API returns them, one JSON object per line.
  static func charges(currency: String, amounts: [Int] = [1299, 4500, 999, 2000, 15000])
    -> String
  {
    (0..<40).map { i in
      let amount = amounts[i % amounts.count]
      return
        "{\"id\": \"ch_\(i)\", \"object\": \"charge\", \"amount\": \(amount), \"amount_refunded\": 0, \"created\": \(1_609_459_200 + i * 259_200), \"currency\": \"\(currency)\", \"customer\": \"cus_\(i % 8)\", \"status\": \"succeeded\"}"
    }.joined(separator: "\n") + "\n"
  }

  static func note(_ text: String, blockSize: Int? = nil) throws -> String? {
    try rfmNote(text, name: "charges.jsonl", containing: "cents", blockSize: blockSize)
  }

  @Test func wholeAmountsBesideACurrencyMayBeCents() throws {
    let note = try #require(try Self.note(Self.charges(currency: "usd")))
    #expect(
      note
        == "amount holds whole numbers only, half of them or more 100 or more, beside currency (USD): if they are cents, as payment APIs write amounts (1299 for 12.99), monetary and the other money columns are in cents too; the scores and segments are the same either way"
    )
    #expect(try Self.note(Self.charges(currency: "usd"), blockSize: 64) == note)
  }

  @Test func currenciesWithoutCentsDecimalsAndSmallWholeNumbersSayNothing() throws {
    // Yen have no minor unit; decimal amounts are not cents; whole prices of a few dollars are
    // prices; a currency that is no ISO code says nothing either.
    #expect(try Self.note(Self.charges(currency: "jpy")) == nil)
    #expect(try Self.note(Self.charges(currency: "usd", amounts: [12, 45, 9, 20, 150])) == nil)
    #expect(try Self.note(Self.charges(currency: "dollars")) == nil)
    let decimals = Self.charges(currency: "eur").replacingOccurrences(of: "\"amount\": 1299", with: "\"amount\": 12.99")
    #expect(try Self.note(decimals) == nil)
  }
}
