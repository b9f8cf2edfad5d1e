import Foundation
import SegTestSupport
import Testing

/// SegLang's DocC catalog (`Sources/SegLang/SegLang.docc/SegLang.md`) lists every public type
/// under its Topics and names none that is not one: `public` is the documented API, and what
/// only other seg targets use (the formatter, the editor grammar, the diagnostic formats) is
/// `package`.
@Suite struct SegLangDocCatalogTests {
  @Test func everyPublicTypeIsInTheCatalogAndNothingElse() throws {
    let catalog = try DocCatalog(target: "SegLang")
    #expect(catalog.publicTypes.count > 50)
    #expect(catalog.missing == [], "public types missing from SegLang.md's Topics")
    #expect(catalog.extra == [], "Topics entries that are not public types")
  }
}
