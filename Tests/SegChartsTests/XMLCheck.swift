import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML parsing and queries for structural checks of SVG and XHTML output.
struct XMLCheck {
  let document: XMLDocument

  init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    document = try XMLDocument(xmlString: text, options: [])
  }

  var root: XMLElement? { document.rootElement() }

  /// Elements whose `class` attribute contains the word `cls`.
  func elements(classed cls: String) throws -> [XMLElement] {
    try document.nodes(
      forXPath: "//*[contains(concat(' ', normalize-space(@class), ' '), ' \(cls) ')]"
    )
    .compactMap { $0 as? XMLElement }
  }

  /// Elements named `name` in any namespace.
  func elements(named name: String) throws -> [XMLElement] {
    try document.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
  }

  /// The direct text of `element` without its `<title>` tooltip child.
  static func ownText(_ element: XMLElement) -> String {
    (element.children ?? []).filter { $0.kind == .text }.compactMap(\.stringValue).joined()
  }

  static func attribute(_ element: XMLElement, _ name: String) -> String? {
    // `attribute(forName:)` misses attributes of elements in a default namespace on Linux.
    element.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
  }
}
