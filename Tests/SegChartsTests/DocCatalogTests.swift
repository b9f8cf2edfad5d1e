import Foundation
import SegTestSupport
import Testing

/// SegCharts' DocC catalog (`Sources/SegCharts/SegCharts.docc/SegCharts.md`) lists every public
/// type under its Topics and names none that is not one: `public` is the documented API (the
/// chart data, the SVG and terminal renderers, the report document), and the drawing helpers are
/// internal.
@Suite struct SegChartsDocCatalogTests {
  @Test func everyPublicTypeIsInTheCatalogAndNothingElse() throws {
    let catalog = try DocCatalog(target: "SegCharts")
    #expect(catalog.publicTypes.count > 20)
    #expect(catalog.missing == [], "public types missing from SegCharts.md's Topics")
    #expect(catalog.extra == [], "Topics entries that are not public types")
  }
}
