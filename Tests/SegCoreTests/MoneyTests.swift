import Testing

@testable import SegCore

/// Exact money (issue 13): fixed-point sums in units of 1/10,000, overflow reported, values with
/// more decimals reported, never rounded silently.
@Suite struct MoneyTests {
  static let header = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n"

  func rfm(_ rows: String, header: String = MoneyTests.header) throws -> RFMResult {
    let loaded = try TableLoader.load(text: header + rows)
    return try RFM.compute(loaded.table, roles: loaded.roles, options: .default)
  }

  @Test func unitsRecoverTheDigitsAsWritten() throws {
    for text in ["0.1", "2.55", "4310.00", "-0.0001", "123456789.1234", "1e-4", "0"] {
      let d = try #require(Double(text))
      let (u, exact) = try #require(Money.units(d))
      #expect(exact, "\(text)")
      #expect(Money.double(u) == d, "\(text)")
    }
    #expect(Money.units(0.12345)?.exact == false)
    #expect(Money.units(1e15) == nil)
    #expect(Money.units(.nan) == nil)
  }

  @Test func decimalQuantitiesMultiplyExactlyOrRoundHalfToEven() {
    #expect(Money.times(units: 2_5500, quantityUnits: 1_5000).map { $0.0 } == 3_8250)
    #expect(Money.times(units: 2_5500, quantityUnits: 1_5000).map { $0.exact } == true)
    // 0.0003 × 0.5 = 0.00015: half, to even 0.0002.
    #expect(Money.times(units: 3, quantityUnits: 5000).map { $0.0 } == 2)
    #expect(Money.times(units: 1, quantityUnits: 5000).map { $0.0 } == 0)
    #expect(Money.times(units: -3, quantityUnits: 5000).map { $0.0 } == -2)
    #expect(Money.times(units: .max / 2, quantityUnits: 3_0000) == nil)
  }

  @Test func aCustomerWhoReturnedEverythingHasMonetaryExactlyZero() throws {
    // 0.1 + 0.2 - 0.3 in floating point is 5.5e-17.
    let rows =
      "1,A,1,2011-01-01,0.1,17850\n2,B,1,2011-01-01,0.2,17850\nC3,A,-1,2011-01-02,0.1,17850\n"
      + "C4,B,-1,2011-01-02,0.2,17850\n5,A,3,2011-01-03,1.1,12346\n"
    let r = try rfm(rows)
    let ids = r.table.ints("customer")
    let monetary = r.table.doubles("monetary")
    #expect(ids == [12346, 17850])
    #expect(monetary == [3.3, 0])
    #expect(r.table.texts("returns_exceed_purchases") == ["false", "false"])
    #expect(r.table.doubles("return_rate") == [0, 1])
  }

  @Test func sumsPrintAsWritten() throws {
    // 10 × 0.70 is 7.000000000000001 in floating point.
    let r = try rfm("1,A,10,2011-01-01,0.70,17850\n2,B,3,2011-01-01,0.1,17850\n")
    #expect(r.table.doubles("monetary") == [7.3])
    #expect(r.table.doubles("gross_spend") == [7.3])
    #expect(r.table.doubles("avg_order_value") == [3.65])
  }

  @Test func moreDecimalsThanTheScaleAreRoundedAndReported() throws {
    let r = try rfm("1,A,3,2011-01-01,0.12345,17850\n2,B,1,2011-01-01,1,17850\n")
    // 3 × 0.1234 (0.12345 rounded half to even) + 1.
    #expect(r.table.doubles("monetary") == [1.3702])
    #expect(r.report.notes.contains { $0.contains("1 line value has more than 4 decimals") })
    #expect(r.report.summaryText.contains("rounded to the nearest 0.0001"))
    // How much: 3 × 0.12346 = 0.37038 is summed as 0.3705 (the price as 0.1235).
    let other = try rfm("1,A,3,2011-01-01,0.12346,17850\n2,B,1,2011-01-01,1,17850\n")
    #expect(other.table.doubles("monetary") == [1.3705])
    #expect(
      other.report.notes.map(\.description).contains {
        $0.hasSuffix("rounded to the nearest 0.0001 before summing, which changes it by 0.0001 in all, 0.032% of the 0.3704 it is worth")
      }, "\(other.report.notes)")
  }

  @Test func moneyBeyondTheExactRangeIsAnErrorNotATrap() {
    for price in ["200000000000", "9e18", "1e308"] {
      #expect {
        try rfm("1,A,1,2011-01-01,\(price),17850\n")
      } throws: { error in
        (error as? RFMError)?.code == .nonFiniteMoney
      }
    }
    // Each line (5e14) fits; the customer's total (1e15 > 9.2e14) does not.
    #expect {
      try rfm("1,A,5000,2011-01-01,100000000000,17850\n2,A,5000,2011-01-02,100000000000,17850\n")
    } throws: { error in
      guard let e = error as? RFMError else { return false }
      return e.code == .nonFiniteMoney && e.message.contains("row 2")
    }
  }

  @Test func amountLogsSumExactly() throws {
    let header = "order,customer,date,amount\n"
    let rows = "1,a,2011-01-01,0.1\n2,a,2011-01-02,0.2\n3,a,2011-01-03,-0.3\n4,b,2011-01-01,5\n"
    let r = try rfm(rows, header: header)
    #expect(r.table.doubles("monetary") == [0, 5])
    #expect(r.table.doubles("gross_spend") == [0.3, 5])
  }
}
