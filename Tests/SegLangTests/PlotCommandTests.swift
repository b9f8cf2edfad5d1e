import SegCharts
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

@Suite struct PlotCommandTests {
  /// What `lines` printed after `script` ran (stdout only), and the run.
  func printed(
    _ lines: String, after script: String = ShopSession.clustered, terminal: Bool = false,
    environment: [String: String] = [:]
  ) -> (text: String, host: MemoryHost, outcome: RunOutcome) {
    let before = ShopSession.run(script, terminal: terminal, environment: environment)
    let after = ShopSession.run(script + lines, terminal: terminal, environment: environment)
    return (
      String(after.host.output.dropFirst(before.host.output.count)), after.host, after.outcome
    )
  }

  // MARK: Terminal output

  @Test(arguments: [
    "box", "hist", "elbow", "silhouette", "profile", "snake", "heatmap", "scatter", "sizes",
  ])
  func terminalChartsFillTheTerminalWidthWithColour(kind: String) throws {
    let r = printed(
      "plot \(kind)\n", terminal: true, environment: ["COLUMNS": "64"])
    #expect(stoppedError(r.outcome) == nil)
    #expect(r.text.contains("\u{1B}["), "a terminal without NO_COLOR gets colour")
    let lines = ANSIText.stripped(r.text).split(separator: "\n")
    #expect(lines.count > 3)
    for line in lines { #expect(line.count <= 64, "too wide: \(line)") }
  }

  @Test func noColorTurnsColourOffOnATerminal() {
    let r = printed(
      "plot sizes\n", terminal: true, environment: ["COLUMNS": "64", "NO_COLOR": "1"])
    #expect(!r.text.contains("\u{1B}["))
    #expect(r.text.contains("Champions"))
  }

  @Test func outputThatIsNotATerminalIsEightyColumnsWithoutColour() {
    let r = printed("plot elbow\n", environment: ["COLUMNS": "50"])
    #expect(!r.text.contains("\u{1B}["))
    let widths = r.text.split(separator: "\n").map(\.count)
    #expect(widths.max() ?? 0 > 50)
    #expect(widths.max() ?? 0 <= 80)
  }

  @Test func terminalElbowMatchesTheChartOfTheSweep() throws {
    let r = printed("plot elbow\n")
    let ws = try #require(ShopSession.run(ShopSession.clustered).workspace.sweeps.elbow)
    let expected = TerminalChart.render(
      .elbow(ElbowData(ks: ws.ks, inertia: ws.inertias, knee: ws.knee)),
      options: TerminalOptions(width: 80, color: false))
    #expect(r.text == expected)
  }

  // MARK: SVG files

  @Test func plotToWritesAnSVGFileAndSaysSo() throws {
    let r = printed("plot sizes to \"out/sizes.svg\"\n")
    #expect(r.text == "wrote the sizes chart to out/sizes.svg\n")
    let svg = try #require(ShopSession.text(r.host, "out/sizes.svg"))
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains("Champions") && svg.contains("Outliers"))
    // Segment index = cluster label: cluster 0's colour, and grey for the outliers.
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let champion = try #require(ws.model?.names.firstIndex(of: "Champions"))
    #expect(svg.contains(Palette.color(forSegment: champion)))
    #expect(svg.contains(Palette.outlier))
  }

  @Test func theSVGIsTheChartOfTheSessionWithItsSeed() throws {
    let r = printed("set seed = 7\nplot scatter to \"s.svg\"\n")
    let svg = try #require(ShopSession.text(r.host, "s.svg"))
    let ws = ShopSession.run(ShopSession.clustered + "set seed = 7\n").workspace
    let scatter = try ChartBuilder(workspace: ws, range: .none).scatter(
      columns: nil, givenAt: .none)
    #expect(
      svg
        == SVGChart.render(
          .scatter(scatter.data),
          options: ChartOptions(title: "Customers by segment (PCA)", seed: 7)))
  }

  @Test func theFileMustBeAnSVG() {
    let r = printed("plot elbow to \"elbow.png\"\n")
    #expect(stoppedError(r.outcome)?.diagnostic.id == .invalidValue)
    #expect(r.host.errors.contains("plot writes SVG files"))
  }

  @Test func aFileWithoutToIsAUsageError() {
    let r = printed("plot elbow \"elbow.svg\"\n")
    let e = stoppedError(r.outcome)
    #expect(e?.diagnostic.id == .usage)
    #expect(e?.diagnostic.message == "write 'to' before the file name")
  }

  @Test func toWithoutAFileIsAUsageError() {
    let r = printed("plot elbow to\n")
    #expect(stoppedError(r.outcome)?.diagnostic.message == "'to' needs a file name")
  }

  // MARK: What each kind shows

  @Test func boxShowsKeptAndOutliersBesideTheOnesKeptByTheOutlierFilter() throws {
    let ws = ShopSession.run(ShopSession.prepared).workspace
    let box = try ChartBuilder(workspace: ws, range: .none).box(
      columns: nil, givenAt: .none, log: false)
    #expect(box.features.map(\.feature.name) == ["Recency", "Frequency", "Monetary"])
    let monetary = try #require(box.features.last)
    #expect(monetary.before.count == 66)
    #expect(monetary.after?.count == 64)
    // The labels say who is in each box (issue 16, item 13).
    #expect((box.beforeLabel, box.afterLabel) == ("Kept and outliers", "Kept"))
  }

  @Test func boxLabelsSayWhoIsInEachBox() throws {
    let plain = ShopSession.run("load \"shop.csv\"\nrfm asof=2011-12-10\n").workspace
    let all = try ChartBuilder(workspace: plain, range: .none).box(
      columns: nil, givenAt: .none, log: false)
    #expect(all.beforeLabel == "All")
    // After a filter removed customers, the box no longer holds all of them.
    let filtered = ShopSession.run("load \"shop.csv\"\nrfm asof=2011-12-10\nfilter recency < 300\n")
      .workspace
    #expect(!filtered.filteredCustomers.isEmpty)
    let kept = try ChartBuilder(workspace: filtered, range: .none).box(
      columns: nil, givenAt: .none, log: false)
    #expect(kept.beforeLabel == "Kept")
  }

  @Test func boxWithoutAnOutlierFilterHasOneBoxPerFeature() throws {
    let ws = ShopSession.run("load \"shop.csv\"\nrfm asof=2011-12-10\n").workspace
    let box = try ChartBuilder(workspace: ws, range: .none).box(
      columns: ["recency", "tenure"], givenAt: .none, log: true)
    #expect(box.features.map(\.feature.name) == ["Recency", "Tenure"])
    #expect(box.features.allSatisfy { $0.after == nil && $0.logScale })
  }

  @Test func anUnknownColumnSuggestsTheClosestOne() {
    let r = printed("plot hist cols=[recncy]\n")
    let e = stoppedError(r.outcome)
    #expect(e?.diagnostic.id == .unknownName)
    #expect(r.host.errors.contains("did you mean 'recency'?"))
  }

  @Test func aTextColumnCannotBePlotted() {
    let r = printed("plot box cols=[rfm_segment]\n")
    #expect(stoppedError(r.outcome)?.diagnostic.id == .nonNumericColumn)
  }

  @Test func silhouetteWithKUsesTheFittedSegments() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let d = try ChartBuilder(workspace: ws, range: .none).silhouetteDiagram(k: 4, kAt: .none)
    #expect(d.isFitted)
    #expect(d.data.segments.map(\.name) == ws.model?.names)
    #expect(d.data.labels == ws.model?.labels)
    let mean = d.data.values.reduce(0, +) / Double(d.data.values.count)
    #expect(abs(mean - (ws.model?.silhouette ?? .nan)) < 1e-12)
  }

  @Test func silhouetteWithAnotherKFitsAFreshKMeans() throws {
    let r = printed("plot silhouette k=3\n")
    #expect(r.text.hasPrefix("Silhouette per customer, k = 3 (a fresh k-means fit)\n"))
    #expect(r.text.contains("Cluster 2"))
    // k=1 is below the option's minimum: the check finds it before anything runs.
    let one = printed("plot silhouette k=1\n")
    #expect(stoppedError(one.outcome)?.diagnostic.id == .valueOutOfRange)
  }

  @Test func silhouetteCurveMarksTheFittedK() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let curve = try ChartBuilder(workspace: ws, range: .none).silhouetteCurve()
    #expect(curve.ks == [2, 3, 4, 5, 6])
    #expect(curve.chosen == 4)
  }

  @Test func profileAndSnakeLeaveTheOutliersOut() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let b = ChartBuilder(workspace: ws, range: .none)
    let profile = try b.profile(columns: nil, givenAt: .none)
    #expect(profile.segments.map(\.segment.name) == ws.model?.names)
    let snake = try b.snake(columns: nil, givenAt: .none)
    // Sizes are equal (16 each), so the z-scores of each feature sum to 0.
    for j in 0..<3 {
      #expect(abs(snake.segments.reduce(0) { $0 + $1.values[j] }) < 1e-9)
    }
    let champions = try #require(profile.segments.first { $0.segment.name == "Champions" })
    let lost = try #require(profile.segments.first { $0.segment.name == "Lost" })
    #expect(champions.values[0] < lost.values[0])
    #expect(champions.values[2] > lost.values[2])
  }

  @Test func sizesCountEveryCustomerAndRevenueIncludingOutliers() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let sizes = try ChartBuilder(workspace: ws, range: .none).sizes()
    #expect(sizes.segments.map(\.customers) == [16, 16, 16, 16, 2])
    #expect(sizes.segments.last?.segment.index == SegmentationModel.outlierLabel)
    let all = try #require(ws.tables["customers"]).appending(
      rowsOf: try #require(ws.tables["outliers"]))
    let total = try #require(all["monetary"]?.doubles).reduce(0, +)
    #expect(abs(sizes.segments.reduce(0) { $0 + $1.revenue } - total) < 1e-6)
  }

  @Test func heatmapCountsEveryCustomerByRAndFScore() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let heat = try ChartBuilder(workspace: ws, range: .none).heatmap()
    #expect(heat.rowLabels == ["1", "2", "3", "4", "5"])
    #expect(heat.counts.reduce(0, +) == 66)
  }

  @Test func heatmapNeedsAnRFMTable() {
    let r = ShopSession.run("load \"shop.csv\"\nplot heatmap\n")
    let e = stoppedError(r.outcome)
    #expect(e?.diagnostic.id == .nothingToPlot)
    #expect(r.host.errors.contains("rfm"))
  }

  @Test func scatterComputesAPCAWhenNoneIsStored() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    #expect(ws.pca == nil && ws.tsne == nil)
    let s = try ChartBuilder(workspace: ws, range: .none).scatter(columns: nil, givenAt: .none)
    #expect(s.source == "PCA")
    #expect(s.data.x.count == 64)
    #expect(s.data.centroids.count == 4)
    #expect(s.data.xFeature.name == "PC1")
    #expect(s.data.labels == ws.model?.labels)
  }

  @Test func scatterUsesTSNEWhenComputed() throws {
    let ws = ShopSession.run(ShopSession.clustered + "tsne perplexity=10\n").workspace
    let s = try ChartBuilder(workspace: ws, range: .none).scatter(columns: nil, givenAt: .none)
    #expect(s.source == "t-SNE")
    #expect(s.data.xFeature.name == "t-SNE 1")
    #expect(s.data.centroids.isEmpty)
  }

  @Test func scatterOfTwoColumnsShowsOutliersInGrey() throws {
    let ws = ShopSession.run(ShopSession.clustered).workspace
    let s = try ChartBuilder(workspace: ws, range: .none).scatter(
      columns: ["recency", "monetary"], givenAt: .none)
    #expect(s.data.x.count == 66)
    #expect(
      s.data.labels.suffix(2) == [SegmentationModel.outlierLabel, SegmentationModel.outlierLabel])
    #expect(s.data.segments.last?.name == "Outliers")
    let three = printed("plot scatter cols=[recency, frequency, monetary]\n")
    #expect(
      stoppedError(three.outcome)?.diagnostic.message == "a scatter plot takes two columns, not 3")
  }

  // MARK: Before there is anything to draw

  @Test func chartsOfSegmentsNeedAClustering() {
    for kind in ["profile", "snake", "sizes"] {
      let r = printed("plot \(kind)\n", after: ShopSession.prepared)
      #expect(stoppedError(r.outcome)?.diagnostic.message == "there are no clusters yet", "\(kind)")
      #expect(stoppedError(r.outcome)?.diagnostic.id == .unavailable, "\(kind)")
      #expect(r.host.errors.contains("cluster k=4"))
    }
  }

  @Test func elbowAndSilhouetteNeedASweep() {
    let elbow = printed("plot elbow\n", after: ShopSession.prepared)
    #expect(stoppedError(elbow.outcome)?.diagnostic.message == "no elbow sweep yet")
    let silhouette = printed("plot silhouette\n", after: ShopSession.prepared)
    #expect(stoppedError(silhouette.outcome)?.diagnostic.message == "no silhouette sweep yet")
  }

  @Test func migrationNeedsAComparison() {
    let r = printed("plot migration\n")
    #expect(stoppedError(r.outcome)?.diagnostic.message == "no comparison yet: run compare first")
  }

  @Test func plotBeforeAnyTableSaysToLoadOne() {
    let r = ShopSession.run("plot box\n")
    #expect(stoppedError(r.outcome)?.diagnostic.id == .noTable)
  }

  @Test func anOptionTheKindIgnoresIsAWarning() {
    let r = printed("plot elbow log=true\n")
    #expect(stoppedError(r.outcome) == nil)
    #expect(r.host.diagnostics.map(\.id) == [.ignoredOption])
    #expect(r.host.errors.contains("plot elbow ignores log="))
  }

  @Test func anUnknownKindIsRefusedBeforeAnythingRuns() {
    expectDiagnostic("plot 1️⃣elbw", .invalidChoice)
  }
}
