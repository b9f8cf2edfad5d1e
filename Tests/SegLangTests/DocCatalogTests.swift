import Foundation
import SegTestSupport
import Testing

/// SegLang's DocC catalog (`Sources/SegLang/SegLang.docc/SegLang.md`) lists every public type
/// under its Topics and names none that is not one: `public` is the documented API, and what
/// only other seg targets use (the formatter, the editor grammar, the diagnostic formats) is
/// `package`.
@Suite struct SegLangDocCatalogTests {
  /// The names of SegLang's public top-level types, from the sources.
  static func publicTypes() throws -> Set<String> {
    let sources = RepositoryPaths.root.appendingPathComponent("Sources/SegLang")
    var names = Set<String>()
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
    let pattern = try Regex(#"(?m)^public (?:final |indirect )?(?:struct|enum|class|protocol|actor) ([A-Za-z0-9_]+)"#)
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
      contentsOf: RepositoryPaths.root.appendingPathComponent("Sources/SegLang/SegLang.docc/SegLang.md"),
      encoding: .utf8)
    let topics = try #require(catalog.range(of: "## Topics")).upperBound
    let listed = Set(
      catalog[topics...].matches(of: try Regex(#"- ``([A-Za-z0-9_]+)``"#)).compactMap {
        $0.output[1].substring.map(String.init)
      })
    let types = try SegLangDocCatalogTests.publicTypes()
    #expect(types.count > 50)
    #expect(types.subtracting(listed).sorted() == [], "public types missing from SegLang.md's Topics")
    #expect(listed.subtracting(types).sorted() == [], "Topics entries that are not public types")
  }
}
