import Foundation
import SegCore
import SegTestSupport
import Testing

/// The several-tables and no-money logs of issue 13 against the pandas oracles of
/// `scripts/make_tables_fixtures.py` (merge + groupby), stored in `Fixtures/tables/`.
@Suite struct TablesOracleTests {
  static func data(_ name: String) -> String {
    RepositoryPaths.root.appendingPathComponent("Tests/SegEndToEndTests/Scripts/data")
      .appendingPathComponent(name).path
  }

  static func oracle(_ name: String) throws -> Table {
    try TableLoader.load(path: Fixture.path("tables/" + name)).table
  }

  /// The oracle's row count of `what` in `join_olist_counts.csv`.
  static func count(_ what: String) throws -> Int64? {
    let t = try oracle("join_olist_counts.csv")
    guard let i = t.texts("what").firstIndex(of: what) else { return nil }
    return t.ints("rows")[i]
  }

  @Test func theOlistJoinsHaveTheOracleRowCounts() throws {
    let items = try TableLoader.load(path: Self.data("olist_order_items.csv")).table
    let orders = try TableLoader.load(path: Self.data("olist_orders.csv")).table
    let customers = try TableLoader.load(path: Self.data("olist_customers.csv")).table
    let j1 = try items.joined(with: orders, named: "orders", on: ["order_id"])
    let j2 = try j1.table.joined(with: customers, named: "customers", on: ["customer_id"])
    #expect(Int64(items.rowCount) == (try Self.count("items")))
    #expect(Int64(j1.table.rowCount) == (try Self.count("items_join_orders")))
    #expect(Int64(j2.table.rowCount) == (try Self.count("then_join_customers")))
    let left = try orders.joined(with: items, named: "items", on: ["order_id"], kind: .left)
    #expect(Int64(left.table.rowCount) == (try Self.count("orders_left_join_items")))
    #expect(Int64(left.report.unmatchedRows) == (try Self.count("orders_without_items")))
    // Orders have several items: the key repeats in the items, not in the orders.
    #expect(left.report.keysRepeatedInNamed > 0)
    #expect(left.report.keysRepeatedOnBothSides == 0)
  }

  @Test func rfmOnTheJoinedOlistTablesEqualsTheOracle() throws {
    let items = try TableLoader.load(path: Self.data("olist_order_items.csv")).table
    let orders = try TableLoader.load(path: Self.data("olist_orders.csv")).table
    let customers = try TableLoader.load(path: Self.data("olist_customers.csv")).table
    var joined = try items.joined(with: orders, named: "orders", on: ["order_id"]).table
    joined = try joined.joined(with: customers, named: "customers", on: ["customer_id"]).table
    // The oracle leaves canceled orders out; so does this test, whatever rule rfm applies.
    let status = joined.texts("order_status")
    joined = joined.filtered(status.map { $0 != "canceled" })
    let roles = ColumnRoles([
      .customer: "customer_unique_id", .invoice: "order_id", .date: "order_purchase_timestamp",
      .amount: "price",
    ])
    let rfm = try RFM.compute(joined, roles: roles).table
    let oracle = try Self.oracle("rfm_olist.csv")
    #expect(rfm.texts("customer") == oracle.texts("customer"))
    for name in ["recency", "frequency", "tenure"] {
      #expect(rfm.ints(name) == oracle.ints(name), "\(name)")
    }
    let a = rfm.doubles("monetary")
    let b = oracle.doubles("monetary")
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-9 * max(1, abs(y))) }
  }

  @Test func aBasketLogWithoutMoneyGivesRecencyAndFrequencyOnly() throws {
    let loaded = try TableLoader.load(
      path: Self.data("groceries_baskets.csv"),
      options: LoadOptions(roles: [.customer: "Member_number", .product: "itemDescription"]))
    #expect(loaded.roles.isTransactionLog)
    #expect(!loaded.roles.hasMoney)
    let result = try RFM.compute(loaded.table, roles: loaded.roles, options: RFMOptions(affinityGroups: 0))
    let rfm = result.table
    #expect(
      rfm.columnNames == [
        "customer", "recency", "frequency", "tenure", "days_between_purchases",
        "distinct_products", "r_score", "f_score", "rfm_code", "rfm_segment",
      ])
    let oracle = try Self.oracle("rfm_groceries_baskets.csv")
    #expect(rfm.ints("customer") == oracle.ints("customer"))
    for name in ["recency", "frequency", "tenure", "distinct_products"] {
      #expect(rfm.ints(name) == oracle.ints(name), "\(name)")
    }
    #expect(!result.report.hasMoney)
    #expect(result.report.summaryText.contains("no money column"))
    #expect(result.report.summaryText.contains("R × F grid"))
    // Codes are two digits and segments come from the R × F grid.
    let r = rfm.ints("r_score")
    let f = rfm.ints("f_score")
    let codes = rfm.texts("rfm_code")
    let segments = rfm.texts("rfm_segment")
    for i in 0..<rfm.rowCount {
      let (ri, fi) = (Int(r[i] ?? 0), Int(f[i] ?? 0))
      #expect(codes[i] == "\(ri)\(fi)")
      #expect(segments[i] == SegmentMap.recencyFrequency[(ri - 1) * 5 + fi - 1])
    }
  }

  @Test func theGroceriesShapeWithoutAnInvoiceHasTheOracleRecency() throws {
    let loaded = try TableLoader.load(
      path: Self.data("groceries.csv"),
      options: LoadOptions(roles: [.customer: "Member_number"]))
    #expect(loaded.roles.isTransactionLog)
    let rfm = try RFM.compute(loaded.table, roles: loaded.roles).table
    let oracle = try Self.oracle("rfm_groceries.csv")
    #expect(rfm.ints("customer") == oracle.ints("customer"))
    #expect(rfm.ints("recency") == oracle.ints("recency"))
    #expect(rfm.ints("tenure") == oracle.ints("tenure"))
    #expect(rfm["monetary"] == nil)
    #expect(rfm["m_score"] == nil)
  }

  @Test func aSegmentMapIsRefusedForALogWithoutMoney() throws {
    let loaded = try TableLoader.load(
      path: Self.data("groceries_baskets.csv"),
      options: LoadOptions(roles: [.customer: "Member_number"]))
    var other = SegmentMap.standard.csvText
    other = other.replacingOccurrences(of: "555,Champions", with: "555,Best")
    let map = try SegmentMap(csv: other)
    #expect {
      try RFM.compute(loaded.table, roles: loaded.roles, options: RFMOptions(segmentMap: map))
    } throws: { error in
      (error as? RFMError)?.code == .invalidOption
    }
  }

  /// Every R × F code maps to the segment of the documented grid (docs/rfm.md).
  @Test(arguments: 1...5)
  func theRecencyFrequencyGridCoversEveryCode(r: Int) {
    let grid: [Int: [String]] = [
      5: ["Recent Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
      4: ["Promising", "Potential Loyalist", "Loyal Customers", "Champions", "Champions"],
      3: [
        "About To Sleep", "Customers Needing Attention", "Customers Needing Attention",
        "Loyal Customers", "Loyal Customers",
      ],
      2: ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
      1: ["Lost", "Lost", "At Risk", "Can't Lose Them", "Can't Lose Them"],
    ]
    for f in 1...5 {
      let i = SegmentMap.recencyFrequencyIndex(r: r, f: f)
      #expect(SegmentMap.recencyFrequencyCodes[i] == "\(r)\(f)")
      #expect(SegmentMap.recencyFrequency[i] == grid[r]?[f - 1])
    }
    #expect(SegmentMap.recencyFrequency.count == 25)
    #expect(Set(SegmentMap.recencyFrequencyNames) == Set(SegmentMap.recencyFrequency))
  }
}
