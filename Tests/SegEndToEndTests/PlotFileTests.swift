import Foundation
import SegTestSupport
import Testing

/// `plot … to "FILE.svg"` and `report "FILE.html"` through the built binary, on the small shop of
/// `Scripts/shop.csv`: every SVG matches its golden in `Scripts/svg/`, and the report is the same
/// bytes on every run.
@Suite struct PlotFileTests {
  static let scripts = GoldenScriptTests.folder
  static let goldens = scripts.appendingPathComponent("svg")

  /// The charts the script writes, by file name.
  static let charts = [
    "box", "hist", "elbow", "silhouette", "silhouette-k4", "profile", "snake", "heatmap",
    "scatter", "scatter-columns", "sizes",
  ]

  static let script = """
    load "shop.csv"
    rfm asof=2011-12-10
    filter z<3
    transform log
    scale
    elbow 2..6
    silhouette 2..6
    cluster k=4
    name auto
    plot box to "box.svg"
    plot hist log=true to "hist.svg"
    plot elbow to "elbow.svg"
    plot silhouette to "silhouette.svg"
    plot silhouette k=4 to "silhouette-k4.svg"
    plot profile to "profile.svg"
    plot snake to "snake.svg"
    plot heatmap to "heatmap.svg"
    plot scatter to "scatter.svg"
    plot scatter cols=[recency, monetary] to "scatter-columns.svg"
    plot sizes to "sizes.svg"
    report "report.html"

    """

  /// A fresh directory holding `shop.csv` and `run.seg`, and the binary's result of running it.
  static func run(_ text: String = script) throws -> (directory: URL, result: SegProcess.Result) {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "seg-plot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: scripts.appendingPathComponent("shop.csv"),
      to: directory.appendingPathComponent("shop.csv"))
    try Data(text.utf8).write(to: directory.appendingPathComponent("run.seg"))
    let result = try SegProcess.run(binary, arguments: ["run", "run.seg"], in: directory)
    return (directory, result)
  }

  @Test func everyChartMatchesItsGoldenSVG() throws {
    let (directory, result) = try Self.run()
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    for name in Self.charts {
      let svg = try String(
        contentsOf: directory.appendingPathComponent("\(name).svg"), encoding: .utf8)
      #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(name)")
      #expect(svg.hasSuffix("</svg>\n"), "\(name)")
      switch Golden.check(svg, against: Self.goldens.appendingPathComponent("\(name).svg")) {
      case .matches: break
      case .recorded: Issue.record("recorded svg/\(name).svg; run again without SEG_RECORD")
      case .differs(let why):
        Issue.record("svg/\(name).svg differs (SEG_RECORD=1 to rewrite): \(why)")
      }
    }
    let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("wrote ") }
    #expect(lines.count == Self.charts.count + 1)
    #expect(lines.first == "wrote the box chart to box.svg")
    #expect(
      lines.last
        == "wrote the report to report.html: provenance, data quality, distributions, choice of k, segments; 10 charts"
    )
  }

  @Test func theReportIsTheSameBytesOnEveryRun() throws {
    let a = try Self.run()
    let b = try Self.run()
    defer {
      try? FileManager.default.removeItem(at: a.directory)
      try? FileManager.default.removeItem(at: b.directory)
    }
    let first = try Data(contentsOf: a.directory.appendingPathComponent("report.html"))
    let second = try Data(contentsOf: b.directory.appendingPathComponent("report.html"))
    #expect(first == second)
    #expect(first.count > 50_000)
    let html = String(decoding: first, as: UTF8.self)
    for id in ["provenance", "data-quality", "distributions", "choosing-k", "segments", "notes"] {
      #expect(html.contains("<section id=\"\(id)\""), "\(id)")
    }
    #expect(!html.contains("<script"))
    #expect(!html.contains(a.directory.path), "no absolute paths")
    let escaped = Self.script.replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
    #expect(html.contains("<pre><code>" + escaped + "</code></pre>"), "the script, verbatim")
  }

  @Test func aMissingFolderIsCreatedButAFileInTheWayIsAFileError() throws {
    let (directory, result) = try Self.run(
      "load \"shop.csv\"\nrfm asof=2011-12-10\nplot heatmap to \"out/charts/heatmap.svg\"\n"
        + "plot heatmap to \"shop.csv/heatmap.svg\"\n")
    defer { try? FileManager.default.removeItem(at: directory) }
    #expect(
      FileManager.default.fileExists(
        atPath: directory.appendingPathComponent("out/charts/heatmap.svg").path))
    #expect(result.status == 1)
    #expect(result.stderr.contains("error: cannot write 'shop.csv/heatmap.svg'"))
    #expect(result.stderr.contains("(ENOTDIR)"))
    #expect(
      result.stderr.contains("help: a part of the path is a file, not a folder; check the path"))
  }
}
