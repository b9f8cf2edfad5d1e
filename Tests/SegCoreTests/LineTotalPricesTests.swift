import Foundation
import SegTestSupport
import Testing

@testable import SegCore

/// A price column that holds the line's total for its quantity (Amazon's `item-price` is the
/// price of all the units of the line), which quantity × price counts again: rfm cannot know
/// what a price means, so it says when the price grows with the quantity and how to name the
/// line's value.
@Suite struct LineTotalPricesTests {
  /// An Amazon orders report: tab-separated, `item-price` the total of the line's units.
  static func amazon(lineTotals: Bool) -> String {
    let products = [("B01-MUG", 12.5), ("B02-TEA", 4.25), ("B03-LAMP", 39.0), ("B04-BOWL", 18.0), ("B05-TOWEL", 9.5), ("B06-CUP", 6.0)]
    return lines(
      "amazon-order-id\tpurchase-date\tbuyer-email\tsku\tquantity\titem-price", items: products,
      count: 60, seed: 7, most: 4, lineTotals: lineTotals
    ) { k, sku, quantity, price in
      "111-\(1000 + k)\t2021-\(String(format: "%02d", k % 12 + 1))-05T10:00:00+00:00\tb\(k % 9)@example.com\t\(sku)\t\(quantity)\t\(price)"
    }
  }

  /// A log of `count` lines over `items` (name, unit price), each of a random quantity from 1 to
  /// `most`, priced at the unit price or, with `lineTotals`, at the line's total; `line` writes
  /// line `k` from its item, quantity and price.
  static func lines(
    _ header: String, items: [(String, Double)], count: Int, seed: UInt64, most: Int,
    lineTotals: Bool, _ line: (Int, String, Int, String) -> String
  ) -> String {
    var lines = [header]
    var rng = SeededGenerator(seed: seed)
    for k in 0..<count {
      let (name, unit) = items[k % items.count]
      let quantity = Int.random(in: 1...most, using: &rng)
      let price = lineTotals ? unit * Double(quantity) : unit
      lines.append(line(k, name, quantity, String(format: "%.2f", price)))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func note(_ result: RFMResult) -> String? {
    result.report.notes.map(\.description).first { $0.contains("grows with the quantity") }
  }

  @Test func aPriceThatGrowsWithTheQuantityIsNamed() throws {
    let loaded = try TableLoader.load(text: Self.amazon(lineTotals: true), name: "orders.txt")
    #expect(loaded.roles[.price] == "item-price")
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    let note = try #require(Self.note(result))
    #expect(note.hasPrefix("item-price grows with the quantity: for 6 of the 6 products sold in different quantities"))
    // Named as the line value, the note goes.
    var options = LoadOptions.default
    options.roles[.amount] = "item-price"
    let named = try TableLoader.load(text: Self.amazon(lineTotals: true), name: "orders.txt", options: options)
    #expect(Self.note(try RFM.compute(named.table, roles: named.roles)) == nil)
  }

  /// Kaggle's customer_shopping_data: no product codes, a category of one unit price, and
  /// `price` the line's total (Clothing 300.08 for one piece, 1500.40 for five). Compared per
  /// category, the price is seen to grow with the quantity.
  @Test func withoutProductsTheCategoriesAreCompared() throws {
    let units = [
      ("Clothing", 300.08), ("Shoes", 600.17), ("Books", 15.15), ("Cosmetics", 40.66),
      ("Food & Beverage", 5.23), ("Toys", 35.84), ("Technology", 1050.0), ("Souvenir", 11.73),
    ]
    func log(lineTotals: Bool) -> String {
      Self.lines(
        "invoice_no,customer_id,gender,age,category,quantity,price,payment_method,invoice_date,shopping_mall",
        items: units, count: 96, seed: 11, most: 5, lineTotals: lineTotals
      ) { k, category, quantity, price in
        "I\(138_884 + k),C\(241_288 + k % 13),Female,28,\(category),\(quantity),\(price),Cash,\(k % 28 + 1)/\(k % 12 + 1)/2022,Kanyon"
      }
    }
    let loaded = try TableLoader.load(text: log(lineTotals: true), name: "customer_shopping_data.csv")
    #expect(loaded.roles[.product] == nil && loaded.roles[.category] == "category")
    let note = try #require(Self.note(try RFM.compute(loaded.table, roles: loaded.roles)))
    #expect(note.hasPrefix("price grows with the quantity: for 8 of the 8 categories sold in different quantities"))
    let units1 = try TableLoader.load(text: log(lineTotals: false), name: "customer_shopping_data.csv")
    #expect(Self.note(try RFM.compute(units1.table, roles: units1.roles)) == nil)
  }

  @Test func unitPricesSayNothing() throws {
    let loaded = try TableLoader.load(text: Self.amazon(lineTotals: false), name: "orders.txt")
    #expect(Self.note(try RFM.compute(loaded.table, roles: loaded.roles)) == nil)
  }

  @Test func theRealUnitPricesOfOnlineRetailSayNothing() throws {
    let loaded = try TableLoader.load(path: RepositoryPaths.exampleData.path)
    let inputs = try RFMInputs(table: loaded.table, roles: loaded.roles)
    #expect(inputs.scalingPrices.compared >= 100)
    #expect(!inputs.scalingPrices.looksLikeLineTotals)
  }

  /// Property: looking in random blocks finds what one block finds.
  @Test func blocksFindWhatOneBlockFinds() {
    var rng = SeededGenerator(seed: 31)
    for _ in 0..<200 {
      let rows = Int.random(in: 0...60, using: &rng)
      let products: [UInt32] = (0..<rows).map { _ in
        Int.random(in: 0..<10, using: &rng) == 0 ? Column.missingCode : UInt32.random(in: 0..<6, using: &rng)
      }
      let quantities: [Double] = (0..<rows).map { _ in Double(Int.random(in: -1...3, using: &rng)) }
      let prices: [Double] = (0..<rows).map { r in
        Int.random(in: 0..<2, using: &rng) == 0 ? 2.5 * quantities[r] : 2.5
      }
      var whole = ScalingPrices()
      whole.add(prices, products: products, quantity: { quantities[$0] })
      var parts = ScalingPrices()
      var start = 0
      while start < rows {
        let end = min(rows, start + Int.random(in: 1...7, using: &rng))
        let q = Array(quantities[start..<end])
        parts.add(Array(prices[start..<end]), products: Array(products[start..<end]), quantity: { q[$0] })
        start = end
      }
      #expect(parts == whole)
    }
  }
}
