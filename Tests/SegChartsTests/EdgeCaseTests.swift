import Foundation
import SegCharts
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct EdgeCaseTests {
  static let emptyCharts: [ChartData] = [
    .box(BoxplotData(features: [])), .hist(HistogramData(features: [])),
    .elbow(ElbowData(ks: [], inertia: [])), .silhouette(SilhouetteCurveData(ks: [], scores: [])),
    .silhouetteDiagram(SilhouetteDiagramData(values: [], labels: [], segments: [])),
    .profile(ProfileData(features: [], segments: [])),
    .snake(ProfileData(features: [.recency], segments: [])),
    .heatmap(HeatmapData.rfm(counts: [], meanMonetary: [])),
    .scatter(ScatterData(x: [], y: [], labels: [], segments: [])), .sizes(SizesData(segments: [])),
    .migration(MigrationData(from: [], to: [], counts: [])),
  ]

  @Test(arguments: emptyCharts)
  func emptyInputGivesAValidChartThatSaysSo(chart: ChartData) throws {
    let xml = try XMLCheck(SVGChart.render(chart))
    #expect(try xml.elements(classed: "empty").first?.stringValue == "No data to plot.")
    let text = TerminalChart.render(chart, options: TerminalOptions(width: 80))
    // Profile and size charts title themselves from their data (no money: no revenue).
    let title: String
    switch chart {
    case .profile(let data): title = data.defaultTitle
    case .sizes: title = "Customers"
    default: title = chart.kind.defaultTitle
    }
    #expect(text.hasPrefix(title))
  }

  static let awkwardCharts: [ChartData] = [
    .box(BoxplotData(features: [BoxplotFeature(feature: .recency, before: [.nan, 5], after: [])])),
    .box(
      BoxplotData(features: [BoxplotFeature(feature: .monetary, before: [-5, 0], logScale: true)])),
    .hist(HistogramData(features: [HistogramFeature(feature: .recency, values: [7, 7, 7])])),
    .hist(
      HistogramData(features: [
        HistogramFeature(feature: .monetary, values: [.nan, -1], logScale: true)
      ])),
    .hist(
      HistogramData(features: [HistogramFeature(feature: .monetary, values: [1e-300, 1e300])])),
    .elbow(ElbowData(ks: [1], inertia: [42], knee: 1)),
    .elbow(ElbowData(ks: [2, 3, 4], inertia: [.nan, 5, .infinity], knee: 9)),
    .silhouette(SilhouetteCurveData(ks: [2, 3], scores: [-0.2, -0.1], chosen: 2)),
    .silhouetteDiagram(
      SilhouetteDiagramData(
        values: [1, 1, -1], labels: [0, 7, 0], segments: [ChartSegment(index: 0, name: "A")])),
    .profile(
      ProfileData(
        features: [.recency, .monetary],
        segments: [SegmentSeries(index: 0, name: "A", values: [.nan])])),
    .profile(
      ProfileData(
        features: [.monetary],
        segments: [
          SegmentSeries(index: 0, name: "A", values: [-300]),
          SegmentSeries(index: 1, name: "B", values: [0]),
        ])),
    .snake(
      ProfileData(
        features: [.recency, .frequency],
        segments: [SegmentSeries(index: 0, name: "A", values: [0, 0])])),
    .heatmap(HeatmapData.rfm(counts: [[0, 0], [0]], meanMonetary: [])),
    .scatter(ScatterData(x: [1, .nan], y: [1, 2], labels: [5, 0], segments: [])),
    .scatter(
      ScatterData(
        x: [3, 3, 3], y: [3, 3, 3], labels: [0, 0, 0],
        segments: [ChartSegment(index: 0, name: "Same")])),
    .sizes(SizesData(segments: [SegmentSize(index: 0, name: "None", customers: 0, revenue: 0)])),
    .sizes(
      SizesData(segments: [
        SegmentSize(index: 0, name: "Refunds", customers: 3, revenue: -50),
        SegmentSize(index: 1, name: "B", customers: 1, revenue: .nan),
      ])),
    .migration(
      MigrationData(
        from: [ChartSegment(index: 0, name: "A")],
        to: [ChartSegment(index: 0, name: "A"), ChartSegment(index: 1, name: "B")], counts: [0])),
  ]

  @Test(arguments: awkwardCharts)
  func awkwardInputNeverCrashesAndStaysWellFormed(chart: ChartData) throws {
    let svg = SVGChart.render(chart)
    _ = try XMLCheck(svg)
    #expect(
      !svg.contains("NaN") && !svg.contains("inf"), "non-finite numbers leaked into \(chart.kind)")
    for width in [40, 80] {
      let text = TerminalChart.render(chart, options: TerminalOptions(width: width))
      for line in text.split(separator: "\n") {
        #expect(line.count <= width, "\(chart.kind): \(line)")
      }
    }
  }

  @Test func aMillionPointsAreSampledToTheMarkCapAndSaySo() throws {
    let n = 1_000_000
    var x = [Double](repeating: 0, count: n)
    var y = [Double](repeating: 0, count: n)
    var labels = [Int](repeating: 0, count: n)
    for i in 0..<n {
      x[i] = Double(i % 1000) / 10
      y[i] = Double(i / 1000) / 10
      labels[i] = i % 3
    }
    let data = ScatterData(
      x: x, y: y, labels: labels, segments: Array(SampleData.segments.prefix(3)))
    let svg = SVGChart.scatter(data)
    let xml = try XMLCheck(svg)
    let marks = try xml.elements(classed: "points").map {
      (XMLCheck.attribute($0, "d") ?? "").filter { $0 == "M" }.count
    }
    #expect(marks.reduce(0, +) == 5_000)
    #expect(svg.utf8.count < 120_000)
    let note = try #require(try xml.elements(classed: "note").first)
    #expect(XMLCheck.ownText(note).contains("random sample of 5,000 of 1,000,000 points (seed 42)"))
    #expect(SVGChart.scatter(data) == svg, "the sample is seeded")
    let reseeded = SVGChart.scatter(data, options: ChartOptions(seed: 7))
    #expect(reseeded != svg)
    #expect(reseeded.contains("seed 7"))
  }

  @Test func largeSilhouetteDiagramsStaySmall() throws {
    let c = SampleData.customers(200_000)
    let svg = SVGChart.silhouetteDiagram(
      SilhouetteDiagramData(values: c.silhouette, labels: c.labels, segments: SampleData.segments))
    let xml = try XMLCheck(svg)
    #expect(try xml.elements(classed: "band").count == 4)
    #expect(svg.utf8.count < 40_000)
    #expect(
      try xml.elements(classed: "note").contains {
        XMLCheck.ownText($0).contains("spaced evenly by rank")
      })
  }

  @Test func boxplotOutliersAreCappedPerBoxAndCounted() throws {
    let values: [Double] = (0..<100_000).map { (i: Int) -> Double in
      i % 10 == 0 ? 1_000 + Double(i) : Double(i % 50)
    }
    let svg = SVGChart.boxplot(
      BoxplotData(features: [BoxplotFeature(feature: .monetary, before: values)]))
    let xml = try XMLCheck(svg)
    let marks = try xml.elements(classed: "outliers").map {
      (XMLCheck.attribute($0, "d") ?? "").filter { $0 == "M" }.count
    }
    #expect(marks == [500])
    #expect(
      try xml.elements(classed: "panel-note").map { XMLCheck.ownText($0) } == [
        "Before: n = 100,000, 10,000 outliers (500 drawn)"
      ])
  }

  @Test func segmentsBeyondThePaletteCycleAndNegativeIndicesAreGrey() {
    #expect(ChartSegment(index: 16, name: "x").color == Palette.color(forSegment: 0))
    #expect(ChartSegment(index: -1, name: "noise").color == Palette.outlier)
  }
}
