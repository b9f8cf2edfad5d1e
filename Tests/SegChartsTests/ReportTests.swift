import Foundation
import SegCharts
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ReportTests {
  @Test func theFullReportIsWellFormedAndHasEverySection() throws {
    let html = SampleReport.document().renderHTML()
    let xml = try XMLCheck(html)
    #expect(xml.root?.name == "html")
    let ids = try xml.elements(named: "section").compactMap { XMLCheck.attribute($0, "id") }
    #expect(
      ids == [
        "provenance", "data-quality", "distributions", "choosing-k", "segments", "migration",
        "notes",
      ])
    let links = try xml.elements(named: "a").compactMap { XMLCheck.attribute($0, "href") }
    #expect(links == ids.map { "#" + $0 }, "the contents list links every section")
    #expect(try xml.elements(named: "svg").count == 11)
    #expect(try xml.elements(named: "figcaption").count == 11)
  }

  @Test func theReportIsSelfContained() {
    let html = SampleReport.document().renderHTML()
    let lower = html.lowercased()
    #expect(!lower.contains("<script"))
    #expect(!lower.contains("http://") && !lower.contains("https://"))
    #expect(!lower.contains("url(") && !lower.contains("@import") && !lower.contains(" src="))
    #expect(!lower.contains("<link") && !lower.contains("<iframe") && !lower.contains("<img"))
    #expect(!lower.contains(" on") || !lower.contains("onload="), "no event handlers")
    #expect(lower.contains("@media print") && lower.contains("@media (max-width"))
    #expect(html.utf8.count < 400_000)
  }

  @Test func provenanceShowsInputHashSeedVersionAndScript() throws {
    let doc = SampleReport.document()
    let xml = try XMLCheck(doc.renderHTML())
    let facts = try xml.elements(named: "dd").map { $0.stringValue ?? "" }
    #expect(
      facts == [
        "online_retail.csv.gz", doc.provenance.inputSHA256, "541,909", "2011-12-10", "42", "0.1.0",
      ])
    #expect(try xml.elements(named: "code").first?.stringValue == doc.provenance.script)
  }

  @Test func segmentTableHasSizesSharesMeansAndActions() throws {
    let doc = SampleReport.document()
    let xml = try XMLCheck(doc.renderHTML())
    let tables = try xml.elements(named: "table")
    let profile = try #require(
      tables.first {
        ($0.elements(forName: "caption").first?.stringValue ?? "").hasPrefix("Segment profiles")
      })
    let rows = try profile.nodes(forXPath: "./tbody/tr").compactMap { $0 as? XMLElement }
    #expect(rows.count == 4)
    let first = rows[0].elements(forName: "td").map { $0.stringValue ?? "" }
    let champions = try #require(doc.segments?.segments.first)
    #expect(first[0] == "Champions")
    #expect(first[1] == ValueFormat.integer.format(Double(champions.customers)))
    #expect(first[5] == ValueFormat.integer.format(champions.means[0]))
    let footer = try profile.nodes(forXPath: "./tfoot/tr/td").map { $0.stringValue ?? "" }
    #expect(footer.prefix(3) == ["Total", "4,338", "100.0%"])
    let actions = try #require(
      tables.first { $0.elements(forName: "caption").first?.stringValue == "Suggested actions" })
    let actionCells = try actions.nodes(forXPath: "./tbody/tr/td[2]").map { $0.stringValue ?? "" }
    #expect(
      actionCells
        == ["Champions", "Can't Lose Them", "Hibernating", "New Customers"].map(
          SegmentAction.suggested(for:)))
  }

  @Test func theChosenKRowIsHighlighted() throws {
    let xml = try XMLCheck(SampleReport.document().renderHTML())
    let chosen = try xml.document.nodes(forXPath: "//tr[@class='chosen']")
    #expect(chosen.count == 1)
    #expect((chosen.first as? XMLElement)?.elements(forName: "td").first?.stringValue == "4")
  }

  @Test func rowAccountingShowsRemovedRowsAndShares() throws {
    let xml = try XMLCheck(SampleReport.document().renderHTML())
    let rows = try xml.document.nodes(forXPath: "//table[caption='Row accounting']/tbody/tr")
      .compactMap { $0 as? XMLElement }
    let second = rows[1].elements(forName: "td").map { $0.stringValue ?? "" }
    #expect(second == ["drop missing customer", "541,909", "406,829", "135,080", "24.9%", ""])
  }

  @Test func sectionsWithoutContentAreLeftOut() throws {
    let doc = ReportDocument(provenance: SampleReport.document().provenance)
    let xml = try XMLCheck(doc.renderHTML())
    #expect(
      try xml.elements(named: "section").compactMap { XMLCheck.attribute($0, "id") } == [
        "provenance"
      ])
  }

  @Test func aSmallReportMatchesItsGoldenFile() {
    let doc = ReportDocument(
      title: "Small report",
      provenance: ReportProvenance(
        inputFileName: "tiny.csv", inputSHA256: String(repeating: "ab", count: 32), rows: 12,
        asOf: "2011-12-10",
        seed: 42, segVersion: "0.1.0", script: "load \"tiny.csv\"\nrfm asof=2011-12-10\ncluster k=2"
      ),
      rowAccounting: [
        RowAccountingStep(step: "load", rowsIn: 12, rowsOut: 12),
        RowAccountingStep(step: "rfm", rowsIn: 12, rowsOut: 4, note: "per customer"),
      ],
      kChoice: KChoiceSection(
        chosenK: 2, rationale: "Only two customers groups are plausible.",
        criteria: ReportTable(
          headers: ["k", "Inertia"], rows: [["2", "10"], ["3", "8"]], numericColumns: [0, 1])),
      segments: SegmentSection(
        features: [.recency, .monetary],
        segments: [
          ReportSegment(
            segment: ChartSegment(index: 0, name: "Loyal"), customers: 3, revenue: 300,
            means: [5, 100]),
          ReportSegment(
            segment: ChartSegment(index: 1, name: "Lost"), customers: 1, revenue: 20,
            means: [200, 20], action: "Let go."),
        ]),
      notes: ["Tiny."])
    Golden.check(doc.renderHTML(), named: "report-small.html")
  }

  @Test func renderingIsDeterministic() {
    #expect(SampleReport.document().renderHTML() == SampleReport.document().renderHTML())
  }

  @Test(arguments: [
    ("Champions", "Reward and retain"), ("Can’t Lose Them", "Win back: personal"),
    ("AT RISK", "Win back: personalised"),
    ("Hibernating", "Win back cheaply"), ("Lost", "Revive or let go"), ("New Customers", "Onboard"),
    ("Potential Loyalists", "Retain"), ("Segment 7", "Review"),
  ])
  func defaultActionsFollowTheSegmentName(name: String, prefix: String) {
    #expect(SegmentAction.suggested(for: name).hasPrefix(prefix))
  }

  /// Writes the sample report where `SEG_REPORT_OUT` points, for `scripts/screenshot-report`.
  @Test func writesTheSampleReportWhenAsked() throws {
    guard let path = ProcessInfo.processInfo.environment["SEG_REPORT_OUT"] else { return }
    try SampleReport.document().renderHTML().write(toFile: path, atomically: true, encoding: .utf8)
  }
}
