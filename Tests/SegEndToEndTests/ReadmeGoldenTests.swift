import Foundation
import SegTestSupport
import Testing

/// The README's "30 seconds" script on the full example data (541,909 rows), through the built
/// `seg`: it must exit 0, with nothing on stderr. Before money was exact (issue 13) it needed a
/// `filter monetary > 0` line; it now uses `transform signedlog`, since 2 customers' returns
/// genuinely exceed their purchases in the log (a log refuses them). DocsExampleTests runs the
/// same block on the first 20,000 rows only.
@Suite struct ReadmeGoldenTests {
  /// The first `seg` block after the "## 30 seconds" heading.
  static func script() throws -> String {
    let url = RepositoryPaths.root.appendingPathComponent("README.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let range = try #require(text.range(of: "\n## 30 seconds\n"))
    let after = String(text[range.upperBound...])
    let blocks = DocsExampleTests.blocks(of: after, file: "README.md")
    return try #require(blocks.first { $0.info.first == "seg" }).text
  }

  @Test func theThirtySecondsScriptRunsOnTheFullDataAndExitsZero() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let script = try Self.script()
    #expect(!script.contains("filter monetary > 0"))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-readme-\(UUID().uuidString)")
    let data = dir.appendingPathComponent("examples/data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: RepositoryPaths.exampleData, to: data.appendingPathComponent("online_retail.csv.gz"))
    try Data(script.utf8).write(to: dir.appendingPathComponent("segments.seg"))
    let r = try SegProcess.run(binary, arguments: ["run", "segments.seg"], in: dir)
    // The script must succeed: any other exit status fails this test.
    #expect(r.status == 0, "seg run exited \(r.status):\n\(r.stderr)")
    #expect(r.stderr == "")
    #expect(r.stdout.contains("rfm: 4,334 customers, asof 2011-12-10 (given)"))
    #expect(r.stdout.contains("cluster: kmeans, k=4 on "))
    // Money is exact: no net spend is a float residue such as 4.5e-13.
    let csv = try String(
      contentsOf: dir.appendingPathComponent("out/segments.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    let header = try #require(lines.first).split(separator: ",")
    let column = try #require(header.firstIndex(of: "monetary"))
    let monetary = lines.dropFirst().compactMap { line -> Double? in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return column < fields.count ? Double(fields[column]) : nil
    }
    #expect(monetary.count > 4_000)
    #expect(monetary.allSatisfy { $0 == 0 || abs($0) >= 0.0001 })
  }
}
