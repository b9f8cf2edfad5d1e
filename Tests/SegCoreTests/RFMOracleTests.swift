import Foundation
import SegCore
import SegTestSupport
import Testing

/// seg's RFM table on the shipped data equals the independent pandas oracle
/// (`scripts/oracle_rfm.py`, output committed as `Fixtures/rfm_online_retail.csv`).
@Suite struct RFMOracleTests {
  static let asOf = CivilCalendar.parseISO("2011-12-10")
  static let result: RFMResult? = {
    guard let loaded = try? TableLoader.load(path: RepositoryPaths.exampleData.path) else {
      return nil
    }
    return try? RFM.compute(loaded.table, roles: loaded.roles, options: RFMOptions(asOf: asOf))
  }()

  @Test func totalsMatchTheBrief() throws {
    let rfm = try #require(RFMOracleTests.result)
    let t = rfm.table
    #expect(t.rowCount == 4_338)
    #expect(t.ints("frequency").reduce(0) { $0 + ($1 ?? 0) } == 18_532)
    #expect(t.ints("recency").reduce(0) { $0 + ($1 ?? 0) } == 403_692)
    #expect(abs(t.doubles("monetary").reduce(0, +) - 8_310_477.054) < 1e-4)
    let r = rfm.report
    #expect(r.customers == 4_338)
    #expect(r.customersWithoutPurchases == 34)
    #expect(r.customersWithOnlyReturns == 33)
    #expect(r.rows == 541_909)
    #expect(r.rowsWithoutCustomer == 135_080)
    #expect(r.rowsAfterAsOf == 0)
    #expect(r.purchaseLines == 397_884)
    #expect(r.returnLines == 8_905)
    #expect(r.otherLines == 40)
    #expect(r.asOfSource == .given)
    #expect(r.affinityColumn == "StockCode")
    #expect(r.affinityGroups == ["23843", "22423", "85123A", "85099B", "23166"])
  }

  @Test func columnsHaveTheStableNamesAndOrder() throws {
    let rfm = try #require(RFMOracleTests.result)
    #expect(
      rfm.table.columnNames == RFM.leadingColumns + (1...5).map { "affinity_\($0)" }
        + RFM.trailingColumns
    )
  }

  @Test func everyCustomerEqualsTheOracle() throws {
    let rfm = try #require(RFMOracleTests.result)
    let oracle = try TableLoader.load(path: Fixture.path("rfm_online_retail.csv")).table
    let seg = rfm.table
    #expect(oracle.columnNames == seg.columnNames)
    #expect(seg.ints("customer") == oracle.ints("customer"))
    for name in [
      "recency", "frequency", "tenure", "distinct_products", "items", "r_score", "f_score",
      "m_score",
    ] {
      let a = seg.ints(name)
      let b = oracle.ints(name)
      #expect(a == b, "\(name)")
      if a != b, let i = a.indices.first(where: { a[$0] != b[$0] }) {
        Issue.record("\(name) differs first at customer \(seg.texts("customer")[i] ?? "?")")
      }
    }
    let money =
      [
        "monetary", "avg_order_value", "days_between_purchases", "gross_spend", "returned_value",
        "return_rate",
      ]
      + (1...5).map { "affinity_\($0)" }
    for name in money {
      let a = seg.doubles(name)
      let b = oracle.doubles(name)
      try #require(a.count == b.count)
      // Money is exact (docs/rfm.md): the sums equal the oracle's decimal sums and the ratios its
      // exact fractions rounded once, so every value is the same double.
      let bad = a.indices.filter { !(a[$0].isNaN && b[$0].isNaN) && a[$0] != b[$0] }
      #expect(
        bad.isEmpty,
        "\(name): \(bad.count) customers differ, first \(bad.first.map { seg.texts("customer")[$0] ?? "" } ?? "")"
      )
    }
    let flags = seg.texts("returns_exceed_purchases")
    let oracleFlags = oracle.texts("returns_exceed_purchases")
    #expect(flags.count == oracleFlags.count)
    #expect(zip(flags, oracleFlags).count(where: { $0 != $1 }) == 0)
    #expect(flags.count(where: { $0 == "true" }) == 8)
    #expect(seg.doubles("return_rate").allSatisfy { $0.isNaN || (0...1).contains($0) })
    #expect(seg.texts("rfm_code") == oracle.texts("rfm_code"))
    #expect(seg.texts("rfm_segment") == oracle.texts("rfm_segment"))
  }

  /// Money is summed exactly: a customer who returned everything nets exactly 0, and £4,310.00
  /// is 4310, not 4309.999999999997.
  @Test func moneyIsExact() throws {
    let rfm = try #require(RFMOracleTests.result)
    let seg = rfm.table
    let ids = seg.ints("customer")
    let monetary = seg.doubles("monetary")
    let i12346 = try #require(ids.firstIndex(of: 12346))
    let i12347 = try #require(ids.firstIndex(of: 12347))
    #expect(monetary[i12346] == 0)
    #expect(monetary[i12347] == 4310)
    #expect(seg.doubles("gross_spend")[i12347] == 4310)
    // No float residue anywhere: every net is a whole number of 1/10,000.
    #expect(monetary.allSatisfy { ($0 * 10_000).rounded() / 10_000 == $0 })
    #expect(monetary.filter { $0 != 0 && abs($0) < 0.001 }.isEmpty)
    #expect(!rfm.report.notes.contains { $0.contains("decimals") })
  }
}
