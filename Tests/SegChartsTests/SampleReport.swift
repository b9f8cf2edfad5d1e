import SegCharts

/// A report like the one a real run produces, built from the synthetic customer base.
enum SampleReport {
  static func document(customers n: Int = 4338, withMigration: Bool = true) -> ReportDocument {
    let c = SampleData.customers(n)
    let names = ["Champions", "Can't Lose Them", "Hibernating", "New Customers"]
    let segments = names.enumerated().map { ChartSegment(index: $0.offset, name: $0.element) }
    var means: [[Double]] = []
    var sizes: [SegmentSize] = []
    var reportSegments: [ReportSegment] = []
    for s in segments {
      let idx = c.labels.indices.filter { c.labels[$0] == s.index }
      func mean(_ v: [Double]) -> Double {
        idx.reduce(0.0) { $0 + v[$1] } / Double(max(1, idx.count))
      }
      let m = [mean(c.recency), mean(c.frequency), mean(c.monetary)]
      means.append(m)
      let revenue = idx.reduce(0.0) { $0 + c.monetary[$1] }
      sizes.append(SegmentSize(segment: s, customers: idx.count, revenue: revenue))
      reportSegments.append(
        ReportSegment(segment: s, customers: idx.count, revenue: revenue, means: m))
    }
    let overall = (0..<3).map { f in means.reduce(0.0) { $0 + $1[f] } / 4 }
    let spread = (0..<3).map { f in max(1e-9, means.map { abs($0[f] - overall[f]) }.max() ?? 1) }
    let snake = ProfileData(
      features: [.recency, .frequency, .monetary],
      segments: segments.enumerated().map { i, s in
        SegmentSeries(
          segment: s, values: (0..<3).map { (means[i][$0] - overall[$0]) / spread[$0] * 1.2 })
      })
    let ks = Array(2...10)
    let inertia: [Double] = [12_980, 8_120, 5_460, 4_870, 4_420, 4_080, 3_810, 3_590, 3_410]
    let silhouette: [Double] = [0.412, 0.386, 0.441, 0.365, 0.342, 0.318, 0.305, 0.297, 0.288]
    var counts = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 5)
    var money = [[Double]](repeating: [Double](repeating: 0, count: 5), count: 5)
    for i in 0..<n {
      let r = min(4, max(0, 4 - Int(c.recency[i] / 75)))
      let f = min(4, max(0, Int(c.frequency[i]) / 3))
      counts[r][f] += 1
      money[r][f] += c.monetary[i]
    }
    for r in 0..<5 {
      for f in 0..<5 { money[r][f] = counts[r][f] > 0 ? money[r][f] / Double(counts[r][f]) : .nan }
    }
    let keep = c.monetary.indices.filter { c.monetary[$0] < 20_000 && c.frequency[$0] < 60 }
    let script = """
      load "online_retail.csv.gz"
      rfm asof=2011-12-10
      filter z<3
      scale
      elbow 2..10
      cluster k=4 seed=42
      name 0 "Champions"
      name 1 "Can't Lose Them"
      report "segments.html"
      """
    return ReportDocument(
      provenance: ReportProvenance(
        inputFileName: "online_retail.csv.gz",
        inputSHA256: "3b1f0c5e9a7d2468ace0b1d2c3e4f5a6978899aabbccddeeff00112233445566",
        rows: 541_909,
        asOf: "2011-12-10", seed: 42, segVersion: "0.1.0", script: script),
      dataQuality: [
        ReportTable(
          caption: "Data-quality checks", headers: ["Check", "Rows", "Share", "Action"],
          rows: [
            ["Missing customer ID", "135,080", "24.9%", "dropped"],
            ["Cancelled invoices (C…)", "9,288", "1.7%", "dropped"],
            ["Non-positive quantity or price", "1,336", "0.2%", "dropped"],
            ["Duplicate rows", "5,268", "1.0%", "kept"],
          ], numericColumns: [1, 2])
      ],
      rowAccounting: [
        RowAccountingStep(step: "load", rowsIn: 541_909, rowsOut: 541_909, note: "8 columns"),
        RowAccountingStep(step: "drop missing customer", rowsIn: 541_909, rowsOut: 406_829),
        RowAccountingStep(step: "drop cancellations", rowsIn: 406_829, rowsOut: 397_924),
        RowAccountingStep(
          step: "rfm asof=2011-12-10", rowsIn: 397_924, rowsOut: n, note: "one row per customer"),
        RowAccountingStep(
          step: "filter z<3", rowsIn: n, rowsOut: keep.count, note: "outliers on any feature"),
      ],
      distributions: [
        ReportFigure(
          caption:
            "Recency, frequency and monetary value before and after removing outliers (z < 3).",
          chart: .box(
            BoxplotData(
              features: [
                BoxplotFeature(
                  feature: .recency, before: c.recency, after: keep.map { c.recency[$0] }),
                BoxplotFeature(
                  feature: .frequency, before: c.frequency, after: keep.map { c.frequency[$0] }),
                BoxplotFeature(
                  feature: .monetary, before: c.monetary, after: keep.map { c.monetary[$0] },
                  logScale: true),
              ], beforeLabel: "All", afterLabel: "z < 3"))),
        ReportFigure(
          caption: "Histograms; monetary value on a log scale.",
          chart: .hist(
            HistogramData(features: [
              HistogramFeature(feature: .recency, values: c.recency),
              HistogramFeature(feature: .monetary, values: c.monetary, logScale: true),
            ]))),
      ],
      kChoice: KChoiceSection(
        chosenK: 4,
        rationale: "The elbow flattens after k = 4 and the mean silhouette peaks there (0.441).",
        criteria: ReportTable(
          headers: ["k", "Inertia", "Mean silhouette"],
          rows: ks.indices.map {
            [String(ks[$0]), ValueFormat.integer.format(inertia[$0]), String(silhouette[$0])]
          },
          numericColumns: [0, 1, 2]),
        charts: [
          ReportFigure(
            caption: "Elbow: inertia by k.",
            chart: .elbow(ElbowData(ks: ks, inertia: inertia, knee: 4))),
          ReportFigure(
            caption: "Mean silhouette by k.",
            chart: .silhouette(SilhouetteCurveData(ks: ks, scores: silhouette, chosen: 4))),
          ReportFigure(
            caption: "Silhouette per customer for k = 4.",
            chart: .silhouetteDiagram(
              SilhouetteDiagramData(values: c.silhouette, labels: c.labels, segments: segments))),
        ]),
      segments: SegmentSection(
        features: [.recency, .frequency, .monetary], segments: reportSegments,
        charts: [
          ReportFigure(
            caption: "Average recency, frequency and monetary value per segment.",
            chart: .profile(
              ProfileData(
                features: [.recency, .frequency, .monetary],
                segments: segments.enumerated().map {
                  SegmentSeries(segment: $0.element, values: means[$0.offset])
                }))),
          ReportFigure(caption: "Standardized means per segment.", chart: .snake(snake)),
          ReportFigure(
            caption: "Customers and revenue per segment.", chart: .sizes(SizesData(segments: sizes))
          ),
          ReportFigure(
            caption: "R score by F score.",
            chart: .heatmap(HeatmapData.rfm(counts: counts, meanMonetary: money))),
          ReportFigure(
            caption: "Customers on the first two principal components.",
            chart: .scatter(
              ScatterData(
                x: c.pc1, y: c.pc2, labels: c.labels, segments: segments,
                centroids: [
                  ScatterCentroid(segment: 0, x: -2, y: 1),
                  ScatterCentroid(segment: 1, x: 0.5, y: 1.5),
                  ScatterCentroid(segment: 2, x: 2, y: -1),
                  ScatterCentroid(segment: 3, x: -0.5, y: -1.5),
                ]))),
        ]),
      migration: withMigration
        ? MigrationSection(
          data: MigrationData(
            from: segments, to: segments,
            counts: [
              700, 80, 12, 20, 60, 810, 140, 24, 5, 90, 1300, 95, 40, 30, 60, 600,
            ], fromTitle: "2011-09-10 run", toTitle: "2011-12-10 run"),
          note: "Compared with the run of 2011-09-10 on the same customers.") : nil,
      notes: ["Segment names were given in the script; actions are defaults by name."])
  }
}
