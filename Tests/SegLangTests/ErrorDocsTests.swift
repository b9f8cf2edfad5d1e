import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// docs/errors.md documents every diagnostic id seg can print (issue 16), so the page cannot fall
/// behind the code: an id added without an entry fails here.
@Suite struct ErrorDocsTests {
  /// The ids with a `### ` heading in docs/errors.md (a heading may list several).
  static func documentedIDs() throws -> Set<String> {
    let url = RepositoryPaths.root.appendingPathComponent("docs/errors.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    var ids: Set<String> = []
    for line in text.split(separator: "\n") where line.hasPrefix("### ") {
      for piece in line.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
        ids.insert(String(piece.element))
      }
    }
    return ids
  }

  /// Every `DiagnosticID = "..."` literal in SegLang's sources.
  static func declaredIDs() throws -> Set<String> {
    let folder = RepositoryPaths.root.appendingPathComponent("Sources/SegLang")
    var ids: Set<String> = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      for part in text.components(separatedBy: "DiagnosticID = \"").dropFirst() {
        if let end = part.firstIndex(of: "\"") { ids.insert(String(part[..<end])) }
      }
    }
    return ids
  }

  @Test func everyDiagnosticIDIsDocumented() throws {
    let documented = try Self.documentedIDs()
    var expected = try Self.declaredIDs()
    expected.formUnion(LoadError.Code.allCases.map(\.rawValue))
    expected.formUnion([RFMError.Code.overflow.rawValue, RFMError.Code.nonFiniteMoney.rawValue])
    let missing = expected.subtracting(documented).sorted()
    #expect(missing.isEmpty, "not in docs/errors.md: \(missing)")
    #expect(expected.count > 80)
  }

  @Test func theLimitsInTheDocsAreTheLimitsInTheCode() throws {
    let url = RepositoryPaths.root.appendingPathComponent("docs/errors.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(
      LoadOptions.maximumColumns == 16_384 && text.contains("| 16,384 | `too-many-columns` |"))
    #expect(Parser.maximumNesting == 256 && text.contains("| 256 levels |"))
    #expect(Parser.maximumOperators == 16_384 && text.contains("in one statement | 16,384 |"))
    #expect(DiagnosticFlood.limit == 50 && text.contains("| 50, then a count |"))
  }
}
