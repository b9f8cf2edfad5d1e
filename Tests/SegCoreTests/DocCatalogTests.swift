import Foundation
import SegCore
import SegTestSupport
import Testing

/// SegCore's DocC catalog (`Sources/SegCore/SegCore.docc/SegCore.md`) lists every public type
/// under its Topics, names none that does not exist, and its usage example runs.
@Suite struct DocCatalogTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func everyPublicTypeIsInTheCatalogAndNothingElse() throws {
    let catalog = try DocCatalog(target: "SegCore")
    #expect(catalog.publicTypes.count > 50)
    #expect(catalog.missing == [], "public types missing from SegCore.md's Topics")
    #expect(catalog.extra == [], "Topics entries that are not public types")
  }

  @Test func theOverviewExampleRuns() throws {
    // The Online Retail layout, 3,048 lines of it, so that the example runs in a debug build.
    let log = try TableLoader.load(path: Fixture.path("retail_sample.csv"))
    let customers = try RFM.compute(log.table, roles: log.roles).table
    let features = try FeatureMatrix(table: customers, columns: ["recency", "frequency", "monetary"])
    let (scaled, _) = try features.transformed(.signedLog).scaled(.standard)
    let fit = try KMeans.fit(scaled, k: 4)
    #expect(fit.labels.count == customers.rowCount)
    #expect(Set(fit.labels).count == 4)
  }
}
