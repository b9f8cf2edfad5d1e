import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Issue 16, item 13: `export` writes every customer of the RFM table with its status.
@Suite struct ExportCoverageTests {
  /// Issue 16, items 13 and 14: a filter after the outlier filter no longer loses customers, and
  /// every customer column is kept.
  @Test func exportWritesEveryCustomerOfTheRFMTableWithItsStatus() throws {
    let script =
      ShopSession.prepared.replacingOccurrences(
        of: "filter z<3\n", with: "filter z<3\nfilter recency < 300\n")
      + "cluster k=4\nname auto\nexport \"out.csv\"\n"
    let r = ShopSession.run(script)
    #expect(r.outcome == .completed)
    let removed = try #require(r.workspace.filteredCustomers.first)
    #expect(removed.condition == "recency < 300" && removed.rows.rowCount > 0)
    let out = try #require(ShopSession.text(r.host, "out.csv"))
    let exported = try TableLoader.load(text: out).table
    let rfm = ShopSession.run("load \"shop.csv\"\nrfm asof=2011-12-10\n").workspace.table
    // One row per customer of the RFM table, in customer order.
    #expect(exported.rowCount == rfm.rowCount)
    #expect(exported.intValues("customer") == rfm.intValues("customer"))
    // Every customer column, then cluster, segment, outlier and status.
    #expect(
      exported.columnNames == rfm.columnNames + ["cluster", "segment", "outlier", "status"])
    let status = exported.textValues("status")
    let filtered = status.indices.filter { status[$0] == "filtered: recency < 300" }
    #expect(filtered.count == removed.rows.rowCount)
    #expect(filtered.allSatisfy { exported.textValues("segment")[$0] == nil })
    #expect(filtered.allSatisfy { exported.intValues("cluster")[$0] == nil })
    #expect(status.count { $0 == "outlier" } == 2)
    #expect(
      status.count { $0 == "clustered" } == rfm.rowCount - 2 - removed.rows.rowCount)
    #expect(r.host.output.contains("export: segments of 66 customers"))
  }
}

/// Issue 16, items 13 and 14: `profile` describes every customer column, and says who `all` is.
@Suite struct ProfileColumnsTests {
  @Test func profileDescribesEveryNumericColumnByDefault() throws {
    let r = ShopSession.run(ShopSession.clustered + "profile\n")
    #expect(r.outcome == .completed)
    let out = r.host.output
    for row in [
      "recency mean", "monetary median", "tenure mean", "avg_order_value mean",
      "days_between_purchases median", "return_rate mean", "distinct_products mean",
      "affinity_1 mean", "m_score mean",
    ] {
      #expect(out.contains("  \(row) "), "\(row)")
    }
    #expect(!out.contains("customer mean"))
    #expect(out.contains("all: the 66 customers above (64 clustered, 2 outliers)"))
  }

  @Test func profileColsChoosesTheColumns() throws {
    let r = ShopSession.run(ShopSession.clustered + "profile cols=[return_rate, monetary]\n")
    #expect(r.outcome == .completed)
    let profile = try #require(r.host.output.components(separatedBy: "profile:").last)
    #expect(profile.contains("return_rate mean") && profile.contains("monetary vs all"))
    #expect(!profile.contains("recency mean") && !profile.contains("tenure mean"))
    let rows = profile.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    let first = try #require(rows.firstIndex { $0.hasPrefix("return_rate mean") })
    let second = try #require(rows.firstIndex { $0.hasPrefix("monetary mean") })
    #expect(first < second)
  }

  @Test func aProfileColumnThatIsNotNumericIsAnError() throws {
    let r = ShopSession.run(ShopSession.clustered + "profile cols=[rfm_segment]\n")
    let e = try #require(stoppedError(r.outcome))
    #expect(e.diagnostic.id == .nonNumericColumn)
    #expect(e.diagnostic.message.hasPrefix("column 'rfm_segment' is"))
  }

  @Test func profileSaysWhoWasFilteredOutOfAll() throws {
    let script =
      ShopSession.prepared.replacingOccurrences(
        of: "filter z<3\n", with: "filter z<3\nfilter recency < 300\n")
      + "cluster k=3\nprofile cols=[monetary]\n"
    let r = ShopSession.run(script)
    #expect(r.outcome == .completed)
    let removed = try #require(r.workspace.filteredCustomers.first).rows.rowCount
    #expect(
      r.host.output.contains(
        "; not profiled: \(removed) removed by filter recency < 300 (export lists them with their status)"
      ))
  }
}

extension Table {
  /// The integer values of a column, `nil` where missing or not an integer column.
  fileprivate func intValues(_ name: String) -> [Int64?] {
    guard let c = self[name], case .integer(let v) = c.data else { return [] }
    return v.map { $0 == Column.missingInteger ? nil : $0 }
  }

  /// The text of a column's cells, `nil` where missing.
  fileprivate func textValues(_ name: String) -> [String?] {
    guard let c = self[name] else { return [] }
    return (0..<c.count).map { c.text(at: $0) }
  }
}
