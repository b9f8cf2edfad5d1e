import Foundation
import SegCore
import Testing

/// RFM definitions on small hand-made logs.
@Suite struct RFMTests {
  /// Three customers: 1 buys twice and returns once, 2 buys once, 3 only returns; one row has
  /// no customer and one is after 2011-01-10.
  static let log = """
    InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
    100,A,2,2011-01-01 10:00:00,5.0,1
    100,B,1,2011-01-01 10:00:00,10.0,1
    101,A,1,2011-01-05 09:00:00,5.0,1
    C102,A,-1,2011-01-06 09:00:00,5.0,1
    103,B,3,2011-01-03 12:00:00,10.0,2
    104,A,1,2011-01-04 12:00:00,0.0,2
    C105,B,-2,2011-01-07 12:00:00,10.0,3
    106,A,5,2011-01-08 12:00:00,5.0,
    107,A,1,2011-01-12 12:00:00,5.0,2

    """

  func compute(_ text: String = log, asOf: String? = "2011-01-10", affinity: Int = 2) throws
    -> RFMResult
  {
    let loaded = try TableLoader.load(text: text)
    return try RFM.compute(
      loaded.table,
      roles: loaded.roles,
      options: RFMOptions(asOf: asOf.flatMap(CivilCalendar.parseISO), affinityGroups: affinity)
    )
  }

  /// Issue 16, item 16: returns of goods bought before the log starts can exceed the purchases
  /// in it; the rate stays a share (at most 1) and the customer is flagged.
  @Test func returnRateIsCappedAtOneAndFlagsReturnsExceedingPurchases() throws {
    let text = """
      InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
      100,A,1,2011-01-01 10:00:00,10.0,1
      C101,A,-5,2011-01-02 10:00:00,10.0,1
      102,A,4,2011-01-01 10:00:00,10.0,2
      C103,A,-4,2011-01-02 10:00:00,10.0,2
      104,A,2,2011-01-01 10:00:00,10.0,3

      """
    let t = try compute(text, affinity: 0).table
    #expect(t.doubles("return_rate") == [1, 1, 0])
    #expect(t.doubles("returned_value") == [50, 40, 0])
    #expect(t.doubles("gross_spend") == [10, 40, 20])
    let flag = try #require(t["returns_exceed_purchases"])
    #expect(flag.data == .boolean([true, false, false]))
  }

  @Test func definitionsOnASmallLog() throws {
    let r = try compute()
    let t = r.table
    #expect(t.ints("customer") == [1, 2])
    #expect(t.ints("recency") == [5, 7])
    #expect(t.ints("frequency") == [2, 1])
    #expect(t.doubles("monetary") == [20, 30])
    #expect(t.ints("tenure") == [9, 7])
    #expect(t.doubles("gross_spend") == [25, 30])
    #expect(t.doubles("returned_value") == [5, 0])
    #expect(t.doubles("return_rate") == [0.2, 0])
    #expect(t.doubles("avg_order_value") == [12.5, 30])
    #expect(t.doubles("days_between_purchases")[0] == 4)
    #expect(t.doubles("days_between_purchases")[1].isNaN)
    #expect(t.ints("distinct_products") == [2, 1])
    #expect(t.ints("items") == [4, 3])
    #expect(r.report.affinityGroups == ["B", "A"])
    #expect(t.doubles("affinity_1") == [0.4, 1])
    #expect(t.doubles("affinity_2") == [0.6, 0])
    let report = r.report
    #expect(report.rows == 9)
    #expect(report.rowsWithoutCustomer == 1)
    #expect(report.rowsAfterAsOf == 1)
    #expect(report.purchaseLines == 4)
    #expect(report.returnLines == 2)
    #expect(report.otherLines == 1)
    #expect(report.customersWithoutPurchases == 1)
    #expect(report.customersWithOnlyReturns == 1)
    #expect(report.asOfSource == .given)
  }

  @Test func defaultAsOfIsTheDayAfterTheLastTransaction() throws {
    let r = try compute(asOf: nil)
    #expect(r.report.asOf == CivilCalendar.parseISO("2011-01-13"))
    #expect(
      r.report.asOfSource
        == .dayAfterLastTransaction(
          lastTransaction: CivilCalendar.parseISO("2011-01-12 12:00:00") ?? 0
        )
    )
    #expect(r.report.rowsAfterAsOf == 0)
    #expect(r.table.ints("recency") == [8, 1])
    #expect(
      r.report.summaryText.contains(
        "asof 2011-01-13 (the day after the last transaction, 2011-01-12 12:00:00)"
      )
    )
  }

  @Test func aPastAsOfReproducesWhatWasKnownThen() throws {
    let cut = try #require(CivilCalendar.parseISO("2011-01-06"))
    let loaded = try TableLoader.load(text: RFMTests.log)
    let full = try RFM.compute(loaded.table, roles: loaded.roles, options: RFMOptions(asOf: cut))
    let dates = loaded.table.ints("InvoiceDate")
    let earlier = loaded.table.filtered(dates.map { ($0 ?? .max) < cut })
    let truncated = try RFM.compute(earlier, roles: loaded.roles, options: RFMOptions(asOf: cut))
    #expect(full.table == truncated.table)
    #expect(full.report.rowsAfterAsOf == 3)
  }

  @Test func orderLevelLogWithTextIds() throws {
    let text = """
      order_id,customer,order_date,revenue
      o1,bob,2011-01-01,10
      o2,amy,2011-01-02,20
      o3,bob,2011-01-03,5
      C4,bob,2011-01-04,-3

      """
    let r = try compute(text, asOf: "2011-01-05")
    #expect(r.table.texts("customer") == ["amy", "bob"])
    #expect(r.table.ints("frequency") == [1, 2])
    #expect(r.table.doubles("monetary") == [20, 12])
    #expect(r.report.valueSource == "amount")
    #expect(r.table["items"] == nil && r.table["affinity_1"] == nil)
    #expect(r.report.notes.contains("no product or category column: no affinity columns"))
  }

  @Test func categoryColumnDrivesAffinity() throws {
    let text = """
      InvoiceNo,StockCode,category,Quantity,InvoiceDate,UnitPrice,CustomerID
      1,A,toys,1,2011-01-01,10,1
      1,B,food,1,2011-01-01,30,1
      2,C,toys,1,2011-01-02,5,2

      """
    let r = try compute(text, asOf: "2011-01-05", affinity: 5)
    #expect(r.report.affinityColumn == "category")
    #expect(r.report.affinityGroups == ["food", "toys"])
    #expect(r.table.doubles("affinity_1") == [0.75, 0])
    #expect(r.table.doubles("affinity_2") == [0.25, 1])
  }

  /// Purchase lines without an invoice number count as one invoice per customer, whether they
  /// come alone, between invoices or in several runs.
  @Test func linesWithoutAnInvoiceCountAsOneInvoice() throws {
    let text = """
      InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
      ,A,1,2011-01-01 10:00:00,1.0,1
      100,A,1,2011-01-02 10:00:00,1.0,1
      ,B,1,2011-01-03 10:00:00,1.0,1
      ,B,1,2011-01-03 10:00:00,1.0,2
      101,A,1,2011-01-04 10:00:00,1.0,2

      """
    let r = try compute(text, asOf: "2011-01-10")
    #expect(r.table.ints("customer") == [1, 2])
    #expect(r.table.ints("frequency") == [2, 2])
  }

  @Test func noPurchasesIsAnError() throws {
    do {
      _ = try compute(asOf: "2010-01-01")
      Issue.record("expected an error")
    } catch let error as RFMError {
      #expect(error.code == .noPurchases)
    }
  }

  @Test func negativeAffinityIsRefused() throws {
    do {
      _ = try compute(affinity: -1)
      Issue.record("expected an error")
    } catch let error as RFMError {
      #expect(error.code == .invalidOption)
    }
  }

  @Test func resultIsTheSameOnEveryRun() throws {
    let a = try compute()
    let b = try compute()
    #expect(a.table.csvText() == b.table.csvText())
    #expect(a.report.summaryText == b.report.summaryText)
  }
}

/// Quintile scores and their tie policy.
@Suite struct RFMScoringTests {
  @Test func tiesShareTheMinRankScore() {
    // 6 values: 1 1 1 1 2 3 → worse counts 0 0 0 0 4 5 → 1 + 5*b/6.
    #expect(
      RFMScoring.quintileScores([1, 1, 2, 1, 3, 1], higherIsBetter: true) == [1, 1, 4, 1, 5, 1]
    )
    // Lower is better: worse = number of larger values.
    #expect(
      RFMScoring.quintileScores([1, 1, 2, 1, 3, 1], higherIsBetter: false) == [2, 2, 1, 2, 1, 2]
    )
  }

  @Test func distinctValuesFillTheQuintiles() {
    let values = (1...10).map(Double.init)
    #expect(
      RFMScoring.quintileScores(values, higherIsBetter: true) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    )
    #expect(
      RFMScoring.quintileScores(values, higherIsBetter: false) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    )
  }

  @Test func edgeCases() {
    #expect(RFMScoring.quintileScores([], higherIsBetter: true) == [])
    #expect(RFMScoring.quintileScores([7], higherIsBetter: true) == [1])
    #expect(RFMScoring.quintileScores([7], higherIsBetter: false) == [1])
    #expect(RFMScoring.quintileScores([2, .nan, 1], higherIsBetter: true) == [3, 0, 1])
  }

  @Test(arguments: [1, 2, 5, 7, 100, 1001])
  func scoresStayWithinOneToFiveAndAreMonotone(n: Int) {
    var g = SeededGenerator(seed: UInt64(n))
    let values = (0..<n).map { _ in Double(g.nextInt(below: 10)) }
    let scores = RFMScoring.quintileScores(values, higherIsBetter: true)
    #expect(scores.allSatisfy { (1...5).contains($0) })
    for i in 0..<n {
      for j in 0..<n where values[i] < values[j] { #expect(scores[i] <= scores[j]) }
    }
  }
}

/// The segment map: complete over the 125 codes, data that users can replace.
@Suite struct SegmentMapTests {
  @Test func everyCodeMapsToExactlyOneStandardSegment() {
    let map = SegmentMap.standard
    #expect(map.segments.count == 125)
    #expect(SegmentMap.allCodes.count == 125 && Set(SegmentMap.allCodes).count == 125)
    for code in SegmentMap.allCodes {
      let names = SegmentMap.standardSegmentNames.filter { map.segment(code: code) == $0 }
      #expect(names.count == 1, "\(code)")
    }
    #expect(Set(map.segments) == Set(SegmentMap.standardSegmentNames))
    #expect(map.segmentNames.count == 11)
  }

  @Test(arguments: [
    ("555", "Champions"), ("111", "Lost"), ("511", "Recent Customers"), ("411", "Promising"),
    ("155", "Can't Lose Them"), ("333", "Customers Needing Attention"), ("311", "About To Sleep"),
    ("212", "Hibernating"), ("233", "At Risk"), ("344", "Loyal Customers"),
    ("522", "Potential Loyalist"),
  ])
  func representativeCodes(code: String, segment: String) {
    #expect(SegmentMap.standard.segment(code: code) == segment)
  }

  @Test func csvRoundTrip() throws {
    let text = SegmentMap.standard.csvText
    #expect(text.hasPrefix("code,segment\n111,Lost\n"))
    #expect(try SegmentMap(csv: text) == SegmentMap.standard)
  }

  @Test func aUserMapIsUsedByRFM() throws {
    let custom =
      "code,segment\n"
      + SegmentMap.allCodes.map { "\($0),\($0.first == "5" ? "Hot" : "Cold")" }.joined(
        separator: "\n"
      )
    let map = try SegmentMap(csv: custom)
    let loaded = try TableLoader.load(text: RFMTests.log)
    let r = try RFM.compute(loaded.table, roles: loaded.roles, options: RFMOptions(segmentMap: map))
    #expect(Set(r.table.texts("rfm_segment").compactMap { $0 }).isSubset(of: ["Hot", "Cold"]))
  }

  func mapError(_ csv: String) -> String? {
    do {
      _ = try SegmentMap(csv: csv)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func incompleteMapsAreRefused() {
    let lines = SegmentMap.standard.csvText.split(separator: "\n")
    #expect(
      mapError(lines.dropLast().joined(separator: "\n"))
        == "the segment map lacks 1 of the 125 codes: 555"
    )
    #expect(
      mapError((lines + ["111,Lost"]).joined(separator: "\n")) == "code 111 appears more than once"
    )
    #expect(
      mapError("code,segment\n611,X\n")
        == "row 1: '611' is not an RFM code (three digits, each 1 to 5)"
    )
    #expect(
      mapError("a,b\n1,2\n") == "a segment map needs the columns code and segment; found: a, b"
    )
  }
}
