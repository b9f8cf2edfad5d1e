import Foundation
import SegCharts
import SegCore

/// Chart inputs for tests: small fixed ones for golden files, and a seeded synthetic customer
/// base shaped like real RFM data (skewed money, integer frequencies) for visual checks.
enum SampleData {
  static let segments = [
    ChartSegment(index: 0, name: "Champions"),
    ChartSegment(index: 1, name: "Can't Lose Them"),
    ChartSegment(index: 2, name: "Hibernating <script>"),
    ChartSegment(index: 3, name: "New & Promising"),
  ]

  static let elbow = ElbowData(
    ks: [2, 3, 4, 5, 6], inertia: [9120.5, 5210.25, 3005, 2710.8, 2500.1], knee: 4)
  static let silhouette = SilhouetteCurveData(
    ks: [2, 3, 4, 5, 6], scores: [0.41, 0.38, 0.45, 0.33, 0.31], chosen: 4)

  static let profile = ProfileData(
    features: [.recency, .frequency, .monetary],
    segments: [
      SegmentSeries(segment: segments[0], values: [12, 14.5, 6120.75]),
      SegmentSeries(segment: segments[1], values: [145, 6.2, 2210.5]),
      SegmentSeries(segment: segments[2], values: [260, 1.3, 310.2]),
      SegmentSeries(segment: segments[3], values: [20, 1.8, 420]),
    ])

  static let snake = ProfileData(
    features: [.recency, .frequency, .monetary],
    segments: [
      SegmentSeries(segment: segments[0], values: [-0.92, 1.41, 1.22]),
      SegmentSeries(segment: segments[1], values: [0.31, 0.42, 0.38]),
      SegmentSeries(segment: segments[2], values: [1.35, -0.71, -0.64]),
      SegmentSeries(segment: segments[3], values: [-0.80, -0.55, -0.52]),
    ])

  static let sizes = SizesData(segments: [
    SegmentSize(segment: segments[0], customers: 812, revenue: 4_969_049.25),
    SegmentSize(segment: segments[1], customers: 1034, revenue: 2_285_657),
    SegmentSize(segment: segments[2], customers: 1490, revenue: 462_198),
    SegmentSize(segment: segments[3], customers: 1002, revenue: 420_840.5),
  ])

  static let heatmap = HeatmapData.rfm(
    counts: [
      [310, 120, 60, 20, 5], [200, 150, 90, 40, 12], [150, 160, 120, 80, 30],
      [90, 130, 160, 140, 90], [40, 90, 150, 200, 0],
    ],
    meanMonetary: [
      [180, 420, 760, 1200, 2100], [210, 480, 810, 1350, 2600], [230, 510, 900, 1500, 3100],
      [250, 560, 990, 1800, 4200], [260, 600, 1100, 2400, .nan],
    ])

  static let migration = MigrationData(
    from: Array(segments.prefix(3)), to: segments,
    counts: [700, 80, 12, 20, 60, 810, 140, 24, 5, 90, 1300, 95])

  static let box = BoxplotData(features: [
    BoxplotFeature(
      feature: .recency, before: [1, 3, 5, 8, 12, 20, 35, 60, 90, 400],
      after: [1, 3, 5, 8, 12, 20, 35, 60, 90]),
    BoxplotFeature(
      feature: .monetary, before: [10, 40, 80, 120, 250, 400, 900, 15_000],
      after: [10, 40, 80, 120, 250, 400, 900]),
  ])

  static let histogram = HistogramData(
    features: [
      HistogramFeature(feature: .frequency, values: [1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 7, 9]),
      HistogramFeature(
        feature: .monetary, values: [12, 40, 55, 90, 120, 150, 400, 800, 1200, 9000, 0, -5],
        logScale: true),
    ], bins: 8)

  static let silhouetteDiagram = SilhouetteDiagramData(
    values: [0.61, 0.55, 0.48, 0.2, 0.52, 0.33, -0.05, 0.12, 0.4, 0.44, 0.38, 0.1],
    labels: [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3],
    segments: segments)

  static let scatter = ScatterData(
    x: [-2.1, -1.8, -1.5, 0.2, 0.4, 0.1, 1.9, 2.2, 2.5, 0.0, 3.5],
    y: [1.1, 0.8, 1.4, -0.2, 0.3, -0.5, 1.0, 0.7, 1.3, -1.9, -2.5],
    labels: [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, -1],
    segments: segments,
    centroids: [
      ScatterCentroid(segment: 0, x: -1.8, y: 1.1), ScatterCentroid(segment: 1, x: 0.23, y: -0.13),
      ScatterCentroid(segment: 2, x: 2.2, y: 1.0), ScatterCentroid(segment: 3, x: 0, y: -1.9),
    ])

  /// Every kind with its small fixed input, for goldens and structural checks.
  static let charts: [(name: String, chart: ChartData)] = [
    ("box", .box(box)), ("hist", .hist(histogram)), ("elbow", .elbow(elbow)),
    ("silhouette", .silhouette(silhouette)),
    ("silhouette-diagram", .silhouetteDiagram(silhouetteDiagram)),
    ("profile", .profile(profile)), ("snake", .snake(snake)), ("heatmap", .heatmap(heatmap)),
    ("scatter", .scatter(scatter)), ("sizes", .sizes(sizes)), ("migration", .migration(migration)),
  ]

  /// A synthetic customer base: `n` customers in four segments with skewed RFM values.
  struct Customers {
    var recency: [Double] = []
    var frequency: [Double] = []
    var monetary: [Double] = []
    var labels: [Int] = []
    var pc1: [Double] = []
    var pc2: [Double] = []
    var silhouette: [Double] = []
  }

  static func customers(_ n: Int, seed: UInt64 = 7) -> Customers {
    var g = SeededGenerator(seed: seed)
    func normal() -> Double {
      let u = max(g.nextUnitDouble(), 1e-12)
      let v = g.nextUnitDouble()
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    // (recency median, frequency mean, monetary median, pc centre)
    let shapes: [(Double, Double, Double, Double, Double)] = [
      (10, 12, 3000, -2, 1), (120, 5, 1500, 0.5, 1.5), (250, 1.2, 250, 2, -1),
      (25, 1.5, 300, -0.5, -1.5),
    ]
    var c = Customers()
    for i in 0..<n {
      let s = i % 4 == 3 && g.nextUnitDouble() < 0.5 ? 2 : i % 4
      let (r, f, m, cx, cy) = shapes[s]
      c.labels.append(s)
      c.recency.append(min(373, max(0, (r * exp(0.5 * normal())).rounded())))
      c.frequency.append(max(1, (f * exp(0.6 * normal())).rounded()))
      c.monetary.append(i % 97 == 0 ? -20 : (m * exp(0.9 * normal()) * 100).rounded() / 100)
      c.pc1.append(cx + 0.6 * normal())
      c.pc2.append(cy + 0.5 * normal())
      c.silhouette.append(max(-0.4, min(0.9, 0.45 + 0.2 * normal())))
    }
    return c
  }
}
