import SegCharts
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

@Suite struct ReportCommandTests {
  static let full = ShopSession.clustered + "report \"out/report.html\"\n"

  func report(_ script: String) throws -> (html: String, host: MemoryHost) {
    let r = ShopSession.run(script)
    #expect(stoppedError(r.outcome) == nil, "\(r.host.errors)")
    let html = try #require(ShopSession.text(r.host, "out/report.html"))
    return (html, r.host)
  }

  @Test func theReportHasEverySectionOfAFinishedSession() throws {
    let (html, host) = try report(Self.full)
    for id in ["provenance", "data-quality", "distributions", "choosing-k", "segments", "notes"] {
      #expect(html.contains("<section id=\"\(id)\""), "\(id)")
    }
    #expect(!html.contains("<section id=\"migration\""))
    #expect(
      host.output.hasSuffix(
        "wrote the report to out/report.html: provenance, data quality, distributions, choice of k, segments; 10 charts\n"
      ))
  }

  @Test func provenanceNamesTheFileItsHashTheSeedAndTheScript() throws {
    let (html, _) = try report(Self.full)
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let sha = try #require(ws.provenance?.sha256)
    #expect(sha.count == 64)
    #expect(html.contains(sha))
    #expect(html.contains("<dd>shop.csv</dd>"))
    #expect(html.contains("<dd>2011-12-10</dd>"))
    #expect(html.contains("<dd>42</dd>"))
    #expect(html.contains("<dd>\(SegVersion.string)</dd>"))
    #expect(html.contains("rfm asof=2011-12-10\nfilter z&lt;3\n"))
  }

  @Test func theSameSessionWritesTheSameBytes() throws {
    let a = try report(Self.full).html
    let b = try report(Self.full).html
    #expect(a == b)
  }

  @Test func segmentsCarryNamesSizesRevenueAndActions() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let builder = try ReportBuilder(workspace: ws, script: "", range: .none)
    let section = try #require(builder.segments())
    #expect(section.segments.map(\.segment.name) == (ws.model?.names ?? []) + ["Outliers"])
    #expect(section.segments.map(\.customers) == [16, 16, 16, 16, 2])
    let champions = try #require(section.segments.first { $0.segment.name == "Champions" })
    #expect(champions.suggestedAction == SegmentAction.suggested(for: "Champions"))
    #expect(section.segments.last?.suggestedAction.hasPrefix("Handle by hand") == true)
    #expect(section.features.map(\.name) == ["Recency", "Frequency", "Monetary"])
    #expect(
      section.charts.map(\.chart.kind) == [.profile, .snake, .sizes, .heatmap, .scatter])
  }

  @Test func theKSectionMergesTheSweepsAndMarksTheFit() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let k = try #require(try ReportBuilder(workspace: ws, script: "", range: .none).kChoice())
    #expect(k.chosenK == 4)
    #expect(k.criteria.rows.map { $0[0] } == ["2", "3", "4", "5", "6"])
    let four = try #require(k.criteria.rows.first { $0[0] == "4" })
    #expect(four.last?.contains("fitted") == true)
    #expect(k.charts.map(\.chart.kind) == [.elbow, .silhouette, .silhouetteDiagram])
    #expect(k.rationale.contains("k-means, k = 4"))
  }

  @Test func aReportBeforeClusteringHasNoSegmentSection() throws {
    let (html, host) = try report(ShopSession.prepared + "report \"out/report.html\"\n")
    #expect(html.contains("<section id=\"distributions\""))
    #expect(!html.contains("<section id=\"segments\""))
    #expect(!html.contains("<section id=\"choosing-k\""))
    #expect(host.output.hasSuffix("distributions; 2 charts\n"))
  }

  @Test func thereIsNothingToReportWithoutACustomerTable() {
    let r = ShopSession.run("load \"shop.csv\"\nreport \"out/report.html\"\n")
    let e = stoppedError(r.outcome)
    #expect(e?.diagnostic.id == .unavailable)
    #expect(e?.diagnostic.message == "there is no customer table")
    #expect(r.host.errors.contains("build it first: rfm"))
    let empty = ShopSession.run("report \"r.html\"\n")
    #expect(stoppedError(empty.outcome)?.diagnostic.id == .unavailable)
    #expect(empty.host.errors.contains("load \"transactions.csv\", then rfm"))
  }

  @Test func theReportUsesTheCustomerTableWhicheverTableIsCurrent() throws {
    let (html, _) = try report(
      ShopSession.clustered + "use transactions\nreport \"out/report.html\"\n")
    #expect(html.contains("<section id=\"segments\""))
  }

  @Test func longStepsAreShortenedInTheRowAccounting() throws {
    let ws = ShopSession.run(
      "load \"shop.csv\"\nfilter StockCode not in [20001, 20002, 20003, 20004, 20005]\n"
        + "rfm asof=2011-12-10\n"
    ).workspace
    let steps = try ReportBuilder(workspace: ws, script: "", range: .none).rowAccounting()
    #expect(steps.map(\.step) == ["load", "filter StockCode not in [20001,…", "rfm"])
    #expect(steps.allSatisfy { $0.step.count <= ReportBuilder.longestStep })
    #expect(ws.rowAccounting[1].step.count > ReportBuilder.longestStep)
  }

  @Test func theChecksComeBeforeTheColumnsTable() throws {
    let ws = ShopSession.run(ShopSession.prepared).workspace
    let tables = try ReportBuilder(workspace: ws, script: "", range: .none).dataQuality()
    #expect(
      tables.map { $0.caption ?? "" } == [
        "Data-quality checks on the 1,348 rows read",
        "RFM as of 2011-12-10: line value is quantity × price",
        "Columns of shop.csv",
      ])
  }

  @Test func aReportFromTheShellSaysTheScriptIsOneEntry() {
    let typed = SourceFile(name: "<input #12>", text: "report \"r.html\"\n")
    #expect(
      Commands.reportScript(typed)
        == "# typed in the interactive shell as <input #12>; earlier entries are not shown\n"
        + "report \"r.html\"\n")
    let file = SourceFile(name: "run.seg", text: "rfm\n")
    #expect(Commands.reportScript(file) == "rfm\n")
  }
}
