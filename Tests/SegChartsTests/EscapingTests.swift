import Foundation
import SegCharts
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct EscapingTests {
  static let hostile = "<script>alert('x')</script> & \"Co\""
  static let segments = [
    ChartSegment(index: 0, name: hostile), ChartSegment(index: 1, name: "Can't Lose Them"),
    ChartSegment(index: 2, name: "Bad\u{1B}[31mName\u{7}"),
  ]

  static let charts: [ChartData] = [
    .profile(
      ProfileData(
        features: [ChartFeature(name: "<b>Spend</b>", unit: "£ & €", format: .pounds)],
        segments: segments.map { SegmentSeries(segment: $0, values: [10]) })),
    .snake(
      ProfileData(
        features: [.recency], segments: segments.map { SegmentSeries(segment: $0, values: [0.5]) })),
    .sizes(
      SizesData(segments: segments.map { SegmentSize(segment: $0, customers: 3, revenue: 10) })),
    .scatter(
      ScatterData(
        x: [1, 2, 3], y: [1, 2, 3], labels: [0, 1, 2], segments: segments,
        centroids: [ScatterCentroid(segment: 0, x: 1, y: 1)])),
    .silhouetteDiagram(
      SilhouetteDiagramData(values: [0.1, 0.2, 0.3], labels: [0, 1, 2], segments: segments)),
    .migration(MigrationData(from: segments, to: segments, counts: [1, 2, 3, 4, 5, 6, 7, 8, 9])),
  ]

  @Test(arguments: charts)
  func segmentNamesAreEscapedInSVG(chart: ChartData) throws {
    let svg = SVGChart.render(chart, options: ChartOptions(title: "Title <with> & 'quotes'"))
    #expect(!svg.contains("<script"))
    #expect(!svg.contains("\u{1B}"))
    #expect(!svg.contains("\u{7}"))
    #expect(svg.contains("&lt;script&gt;"))
    #expect(svg.contains("Can&#39;t Lose Them"))
    let xml = try XMLCheck(svg)
    let legend = try xml.elements(classed: "segment").filter {
      XMLCheck.attribute($0, "class") == "legend-item segment"
    }
    .compactMap { $0.elements(forName: "text").first?.stringValue }
    // Parsed back, the names read as written (less the control characters).
    #expect(
      legend.first.map { Self.hostile.hasPrefix($0.replacingOccurrences(of: "…", with: "")) }
        == true)
    #expect(legend.contains("Can't Lose Them"))
    #expect(legend.contains("Bad[31mName"))
    #expect(
      try xml.elements(classed: "chart-title").first?.stringValue == "Title <with> & 'quotes'")
  }

  @Test(arguments: charts)
  func terminalChartsStripControlCharactersFromNames(chart: ChartData) {
    let plain = TerminalChart.render(chart, options: TerminalOptions(width: 90))
    #expect(!plain.contains("\u{1B}"))
    #expect(!plain.contains("\u{7}"))
    let colored = TerminalChart.render(chart, options: TerminalOptions(width: 90, color: true))
    #expect(!colored.contains("\u{1B}[31m"), "a name must not be able to switch colours")
  }

  @Test func reportEscapesEveryField() throws {
    let doc = ReportDocument(
      title: "Report <b>bold</b>",
      provenance: ReportProvenance(
        inputFileName: "<img src=x>.csv", inputSHA256: "\"quoted\"", rows: 3, asOf: "2011-12-10",
        seed: 1, segVersion: "0.1.0&", script: "name 0 \"</pre><script>alert(1)</script>\""),
      dataQuality: [
        ReportTable(caption: "<caption>", headers: ["<th>"], rows: [["<td>", "extra & more"]])
      ],
      rowAccounting: [RowAccountingStep(step: "<step>", rowsIn: 3, rowsOut: 2, note: "<note>")],
      kChoice: KChoiceSection(
        chosenK: 2, rationale: "<why>", criteria: ReportTable(headers: ["k"], rows: [["2"]])),
      segments: SegmentSection(
        features: [.recency],
        segments: Self.segments.map {
          ReportSegment(
            segment: $0, customers: 1, revenue: 1, means: [1], action: $0.index == 0 ? "<do>" : nil)
        }),
      figures: [
        ReportFigure(
          caption: "<figcaption>",
          chart: .profile(
            ProfileData(
              features: [.recency],
              segments: Self.segments.map { SegmentSeries(segment: $0, values: [1]) })))
      ],
      notes: ["<note & more>"])
    let html = doc.renderHTML()
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains("\u{1B}"))
    #expect(html.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
    let xml = try XMLCheck(html)
    #expect(try xml.elements(named: "title").first?.stringValue == "Report <b>bold</b>")
    #expect(
      try xml.elements(named: "code").first?.stringValue
        == "name 0 \"</pre><script>alert(1)</script>\"")
  }
}
