import Foundation
import SegCharts
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SVGChartTests {
  @Test(arguments: SampleData.charts.map(\.name))
  func everyChartIsAStandaloneAccessibleSVG(name: String) throws {
    let chart = try #require(SampleData.charts.first { $0.name == name }).chart
    let svg = SVGChart.render(chart)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\""))
    let xml = try XMLCheck(svg)
    let root = try #require(xml.root)
    #expect(root.name == "svg")
    #expect(XMLCheck.attribute(root, "viewBox")?.hasPrefix("0 0 720 ") == true)
    #expect(XMLCheck.attribute(root, "height").flatMap(Double.init).map { $0 > 100 } == true)
    let children = (root.children ?? []).compactMap { $0 as? XMLElement }
    #expect(children.first?.name == "title")
    #expect(children.first?.stringValue == chart.kind.defaultTitle)
    #expect(children.dropFirst().first?.name == "desc")
    #expect((children.dropFirst().first?.stringValue?.count ?? 0) > 20)
    #expect(
      try xml.elements(classed: "chart-title").map(\.stringValue) == [chart.kind.defaultTitle])
    #expect(!svg.contains(" id=\""), "ids would collide when charts are inlined together")
  }

  @Test(arguments: SampleData.charts.map(\.name))
  func everyChartMatchesItsGoldenFile(name: String) throws {
    let chart = try #require(SampleData.charts.first { $0.name == name }).chart
    Golden.check(SVGChart.render(chart), named: "\(name).svg")
  }

  @Test(arguments: SampleData.charts.map(\.name))
  func renderingIsDeterministic(name: String) throws {
    let chart = try #require(SampleData.charts.first { $0.name == name }).chart
    #expect(SVGChart.render(chart) == SVGChart.render(chart))
  }

  @Test func segmentLegendsListExactlyTheSegmentsInOrder() throws {
    let segmentCharts: [ChartData] = [
      .silhouetteDiagram(SampleData.silhouetteDiagram), .profile(SampleData.profile),
      .snake(SampleData.snake), .scatter(SampleData.scatter), .sizes(SampleData.sizes),
      .migration(SampleData.migration),
    ]
    for chart in segmentCharts {
      let xml = try XMLCheck(SVGChart.render(chart))
      let names = try xml.elements(classed: "segment").filter {
        XMLCheck.attribute($0, "class") == "legend-item segment"
      }
      .map { $0.elements(forName: "text").first?.stringValue ?? "" }
      #expect(names == SampleData.segments.map(\.name), "\(chart.kind)")
    }
  }

  @Test func axesCarryTitlesWithUnits() throws {
    let xml = try XMLCheck(SVGChart.render(.box(SampleData.box)))
    let titles = try xml.elements(classed: "axis-title").map { XMLCheck.ownText($0) }
    #expect(titles == ["Recency (days)", "Monetary (£)"])
    #expect(try xml.elements(classed: "axis").count == 4)
    let profile = try XMLCheck(SVGChart.render(.profile(SampleData.profile)))
    #expect(
      try profile.elements(classed: "axis-title").map { XMLCheck.ownText($0) } == [
        "Recency (days)", "Frequency (invoices)", "Monetary (£)",
      ])
    let ticks = try profile.elements(classed: "tick-label").map { XMLCheck.ownText($0) }
    #expect(ticks.contains("£2,500"))
  }

  @Test func boxplotDrawsOneBoxAndMedianPerSeries() throws {
    let xml = try XMLCheck(SVGChart.render(.box(SampleData.box)))
    #expect(try xml.elements(classed: "iqr").count == 4)
    #expect(try xml.elements(classed: "median").count == 4)
    #expect(try xml.elements(classed: "whisker").count == 8)
    let outliers = try xml.elements(classed: "outliers").map {
      (XMLCheck.attribute($0, "d") ?? "").filter { $0 == "M" }.count
    }
    #expect(outliers == [1, 1, 1, 1])
  }

  @Test func histogramHasOneBarPerNonEmptyBinAndCountsEveryValue() throws {
    let xml = try XMLCheck(SVGChart.render(.hist(SampleData.histogram)))
    let panels = try xml.elements(classed: "panel")
    #expect(panels.count == 2)
    var totals: [Int] = []
    for panel in panels {
      let bars = try panel.nodes(forXPath: ".//*[@class='bar']").compactMap { $0 as? XMLElement }
      let counts = bars.map { bar -> Int in
        let tip = bar.elements(forName: "title").first?.stringValue ?? ""
        return Int(tip.split(separator: " ").last ?? "") ?? -1
      }
      #expect(counts.allSatisfy { $0 > 0 })
      totals.append(counts.reduce(0, +))
    }
    // 13 frequencies; 12 amounts of which 2 are not positive (log scale).
    #expect(totals == [13, 10])
    #expect(
      try xml.elements(classed: "note").contains {
        XMLCheck.ownText($0).contains("2 ≤ 0 or missing, not shown")
      })
  }

  @Test func kCurvesHaveOnePointPerKAndMarkTheChosenOne() throws {
    for chart in [ChartData.elbow(SampleData.elbow), .silhouette(SampleData.silhouette)] {
      let xml = try XMLCheck(SVGChart.render(chart))
      #expect(try xml.elements(classed: "point").count == 5)
      #expect(try xml.elements(classed: "marker").count == 1)
      let label = try #require(try xml.elements(classed: "marker-label").first)
      #expect(XMLCheck.ownText(label).contains("k = 4"))
      let ticks = try xml.elements(classed: "tick-label").map { XMLCheck.ownText($0) }
      #expect(["2", "3", "4", "5", "6"].allSatisfy(ticks.contains))
    }
  }

  @Test func profileHasOneBarPerSegmentAndFeature() throws {
    let xml = try XMLCheck(SVGChart.render(.profile(SampleData.profile)))
    #expect(try xml.elements(classed: "bar").count == 12)
    #expect(try xml.elements(classed: "panel").count == 3)
    let labels = try xml.elements(classed: "value-label").map { XMLCheck.ownText($0) }
    #expect(labels.contains("£6,121") && labels.contains("14.5") && labels.contains("145"))
  }

  @Test func snakeHasOneLinePerSegmentAndOnePointPerValue() throws {
    let xml = try XMLCheck(SVGChart.render(.snake(SampleData.snake)))
    #expect(try xml.elements(classed: "series").count == 4)
    #expect(try xml.elements(classed: "point").count == 12)
    #expect(try xml.elements(classed: "zero").count == 1)
  }

  @Test func heatmapHasTwentyFiveCellsWhoseCountsAddUp() throws {
    let xml = try XMLCheck(SVGChart.render(.heatmap(SampleData.heatmap)))
    #expect(try xml.elements(classed: "cell").count == 25)
    let counts = try xml.elements(classed: "cell-count").map {
      Int(XMLCheck.ownText($0).replacingOccurrences(of: ",", with: "")) ?? -1
    }
    #expect(counts.reduce(0, +) == SampleData.heatmap.counts.reduce(0, +))
    // The empty cell shows no mean.
    #expect(try xml.elements(classed: "cell-value").count == 24)
  }

  @Test func scatterDrawsEveryPointOnceAndEachCentroid() throws {
    let xml = try XMLCheck(SVGChart.render(.scatter(SampleData.scatter)))
    let marks = try xml.elements(classed: "points").map {
      (XMLCheck.attribute($0, "d") ?? "").filter { $0 == "M" }.count
    }
    #expect(marks.reduce(0, +) == 11)
    #expect(marks.first == 1, "outliers are drawn first, underneath")
    #expect(
      try xml.elements(classed: "points").first.flatMap { XMLCheck.attribute($0, "stroke") }
        == Palette.outlier)
    #expect(try xml.elements(classed: "centroid").count == 4)
  }

  @Test func sizesHaveExactlyTwoBarsPerSegment() throws {
    let xml = try XMLCheck(SVGChart.render(.sizes(SampleData.sizes)))
    let groups = try xml.elements(classed: "segment").filter {
      XMLCheck.attribute($0, "class") == "segment"
    }
    #expect(groups.count == 4)
    for g in groups {
      #expect(try g.nodes(forXPath: ".//*[@class='bar']").count == 2)
    }
    let labels = try xml.elements(classed: "value-label").map { XMLCheck.ownText($0) }
    #expect(labels.contains("812 customers (18.7%)"))
    #expect(labels.contains("£4,969,049 (61.1%)"))
  }

  @Test func migrationShowsCountsAndRowSharesAndOutlinesStayers() throws {
    let xml = try XMLCheck(SVGChart.render(.migration(SampleData.migration)))
    #expect(try xml.elements(classed: "cell").count == 12)
    #expect(try xml.elements(classed: "stayed").count == 3)
    let shares = try xml.elements(classed: "cell-share").map { XMLCheck.ownText($0) }
    #expect(shares.first == "86.2%")
    let totals = try xml.elements(classed: "row-total").map { XMLCheck.ownText($0) }
    #expect(totals == ["812", "1,034", "1,490"])
  }

  @Test func segmentColoursAreTheSameInEveryChart() throws {
    let champions = Palette.color(forSegment: 0)
    for chart in [
      ChartData.profile(SampleData.profile), .sizes(SampleData.sizes), .snake(SampleData.snake),
    ] {
      let xml = try XMLCheck(SVGChart.render(chart))
      let first = try #require(try xml.elements(classed: "legend-item").first)
      let swatch = try #require((first.children ?? []).compactMap { $0 as? XMLElement }.first)
      #expect(
        XMLCheck.attribute(swatch, "fill") == champions
          || XMLCheck.attribute(swatch, "stroke") == champions)
    }
  }

  @Test func inlineSVGLeavesOutTheNamespace() {
    let svg = SVGChart.render(.elbow(SampleData.elbow), options: ChartOptions(standalone: false))
    #expect(svg.hasPrefix("<svg width="))
    #expect(!svg.contains("http"))
  }

  @Test func optionsSetTheTitleAndWidth() throws {
    let svg = SVGChart.render(
      .elbow(SampleData.elbow), options: ChartOptions(width: 500, title: "Elbow & knee"))
    let xml = try XMLCheck(svg)
    #expect(xml.root.flatMap { XMLCheck.attribute($0, "width") } == "500")
    #expect(try xml.elements(classed: "chart-title").first?.stringValue == "Elbow & knee")
  }

  @Test func dateAxesTickOnTheFirstOfTheMonth() throws {
    // Last-purchase dates as days since 1970-01-01, 2010-12-01 to 2011-12-09.
    let dates = stride(from: 14_944.0, through: 15_317, by: 3).map { $0 }
    let feature = ChartFeature(name: "Last purchase", unit: "date", format: .date)
    let xml = try XMLCheck(
      SVGChart.histogram(
        HistogramData(features: [HistogramFeature(feature: feature, values: dates)])))
    let labels = try xml.elements(classed: "tick-label").map { XMLCheck.ownText($0) }
      .filter { $0.contains("-") }
    #expect(labels.count >= 3)
    #expect(labels.allSatisfy { $0.count == 10 && $0.hasSuffix("-01") }, "\(labels)")
    #expect(labels.contains("2011-07-01"))
  }
}
