import Testing

@testable import SegCore

/// Customer ids written several ways (a shop's export keeps the e-mail each order typed): the
/// load warns, in memory and streamed alike, and names the first pair.
@Suite struct CustomerIDVariantsTests {
  static let orders = """
    Email,Created at,Name,Total
    ann@example.com,2021-01-04 10:00,#1001,10.00
    Bob@Example.com,2021-01-05 10:00,#1002,12.00
    Ann@Example.com,2021-02-04 10:00,#1003,8.00
    bob@example.com,2021-03-05 10:00,#1004,5.00
    cid@example.com,2021-03-06 10:00,#1005,5.00
    C I D@example.com,2021-03-07 10:00,#1006,5.00

    """

  @Test func variantsAreWarnedAbout() throws {
    let loaded = try TableLoader.load(text: Self.orders)
    let warning =
      "3 Email values are spellings of another Email value in other case or spaces ('Ann@Example.com' and 'ann@example.com'): rfm counts each spelling as a customer of its own; write them alike if they are the same customer"
    #expect(loaded.report.warnings.map(\.description).contains(warning))
    for blockSize in [48, 1 << 16] {
      guard
        case .streamed(let log) = try TableLoader.stream(
          bytes: Array(Self.orders.utf8), name: "<text>", blockSize: blockSize)
      else {
        #expect(blockSize < 1 << 16, "a log in date order streams")
        continue
      }
      #expect(log.report.summaryText == loaded.report.summaryText, "\(blockSize)")
    }
  }

  @Test func distinctIdsSayNothing() throws {
    #expect(IDVariants.find(["a@x.com", "b@x.com", "ä@x.com", "Ä@x.com"]) == nil)
    let ints = try TableLoader.load(text: "customer,date,amount\n1,2021-01-01,3\n01,2021-01-02,4\n")
    #expect(!ints.report.summaryText.contains("in other case or spaces"))
    let found = try #require(IDVariants.find(["x", "A b", "X", "ab", "a B"]))
    // The least folded id written more than one way is "ab": its least two spellings, byte order.
    #expect(found.count == 3 && found.example == ("A b", "a B"))
    // Not the order met: the pair is the same however the ids are ordered.
    #expect(IDVariants.find(["a B", "ab", "X", "x", "A b"]) == found)
  }
}
