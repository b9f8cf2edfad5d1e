import Foundation
import Testing

@testable import SegCore

/// Guests under one id: WooCommerce exports a guest's order with `Customer User ID` 0, so every
/// guest becomes one customer, who then looks like the best. rfm says so.
@Suite struct PlaceholderCustomerTests {
  /// 60 orders: 20 by guests (id 0), the others by 10 customers with 4 each.
  static func orders(guestID: String) -> String {
    var lines = ["Order Number,Order Status,Order Date,Customer User ID,Order Total Amount"]
    for k in 0..<60 {
      let customer = k % 3 == 0 ? guestID : String(2 + k % 10)
      lines.append("\(4000 + k),Completed,2023-\(String(format: "%02d", k % 12 + 1))-15 10:00,\(customer),\(10 + k).00")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func note(_ text: String) throws -> String? {
    try rfmNote(text, name: "orders.csv", containing: "leave those rows out")
  }

  @Test func guestsUnderZeroAreNamed() throws {
    let note = try #require(try Self.note(Self.orders(guestID: "0")))
    // 20 lines against the others' mean of 40 / 10 = 4.
    #expect(
      note
        == "customer 0 has 20 purchase lines, 5 times the other customers' mean: an id such as 0, -1 or guest often stands for every customer the shop does not know (WooCommerce writes 0 for guests), whom rfm counts as one customer; if so, leave those rows out before rfm"
    )
    #expect(try Self.note(Self.orders(guestID: "Guest"))?.hasPrefix("customer Guest has 20") == true)
  }

  @Test func aPlaceholderWithFewLinesOrAnOrdinaryIdSaysNothing() throws {
    #expect(try Self.note(Self.orders(guestID: "77")) == nil)
    // Id 0 as one customer among others, with a customer's share of the lines.
    var text = Self.orders(guestID: "12")
    text = text.replacingOccurrences(of: ",2023-01-15 10:00,2,", with: ",2023-01-15 10:00,0,")
    #expect(try Self.note(text) == nil)
  }
}
