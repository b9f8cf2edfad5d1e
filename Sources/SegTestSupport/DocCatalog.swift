import Foundation

/// A target's DocC catalog (`Sources/TARGET/TARGET.docc/TARGET.md`) against its sources: the
/// public top-level types, and the types its Topics list. The catalog tests of SegCore and
/// SegLang expect the two sets to be equal, so that `public` means documented.
public struct DocCatalog {
  /// The public top-level types of the target's sources.
  public var publicTypes: Set<String>
  /// The types listed (`- ``Name```) after the catalog's `## Topics`.
  public var listed: Set<String>

  /// Reads the sources and the catalog of `target`.
  public init(target: String) throws {
    let sources = RepositoryPaths.root.appendingPathComponent("Sources/\(target)")
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
    let pattern = try Regex(
      #"(?m)^public (?:final |indirect )?(?:struct|enum|class|protocol|actor) ([A-Za-z0-9_]+)"#)
    var names = Set<String>()
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for match in text.matches(of: pattern) {
        if let name = match.output[1].substring { names.insert(String(name)) }
      }
    }
    publicTypes = names
    let catalog = try String(
      contentsOf: sources.appendingPathComponent("\(target).docc/\(target).md"), encoding: .utf8)
    let topics = catalog.range(of: "## Topics")?.upperBound ?? catalog.endIndex
    listed = Set(
      catalog[topics...].matches(of: try Regex(#"- ``([A-Za-z0-9_]+)``"#)).compactMap {
        $0.output[1].substring.map(String.init)
      })
  }

  /// Public types the Topics do not list, sorted.
  public var missing: [String] { publicTypes.subtracting(listed).sorted() }
  /// Topics entries that are not public types, sorted.
  public var extra: [String] { listed.subtracting(publicTypes).sorted() }
}
