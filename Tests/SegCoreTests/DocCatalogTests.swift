import Foundation
import SegCore
import Testing

/// SegCore's DocC catalog (`Sources/SegCore/SegCore.docc/SegCore.md`) lists every public type
/// under its Topics, names none that does not exist, and its usage example runs.
@Suite struct DocCatalogTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The names of SegCore's public top-level types, from the sources.
  static func publicTypes() throws -> Set<String> {
    let sources = root.appendingPathComponent("Sources/SegCore")
    var names = Set<String>()
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
    let pattern = try Regex(#"(?m)^public (?:final )?(?:struct|enum|class|protocol|actor) ([A-Za-z0-9_]+)"#)
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for match in text.matches(of: pattern) {
        if let name = match.output[1].substring { names.insert(String(name)) }
      }
    }
    return names
  }

  @Test func everyPublicTypeIsInTheCatalogAndNothingElse() throws {
    let catalog = try String(
      contentsOf: DocCatalogTests.root.appendingPathComponent("Sources/SegCore/SegCore.docc/SegCore.md"),
      encoding: .utf8)
    let topics = try #require(catalog.range(of: "## Topics")).upperBound
    let listed = Set(
      catalog[topics...].matches(of: try Regex(#"- ``([A-Za-z0-9_]+)``"#)).compactMap {
        $0.output[1].substring.map(String.init)
      })
    let types = try DocCatalogTests.publicTypes()
    #expect(types.count > 50)
    #expect(types.subtracting(listed).sorted() == [], "public types missing from SegCore.md's Topics")
    #expect(listed.subtracting(types).sorted() == [], "Topics entries that are not public types")
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
