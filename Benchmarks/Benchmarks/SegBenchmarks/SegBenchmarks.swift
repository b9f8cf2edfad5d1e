import Benchmark
import Foundation
import SegCharts
import SegCore
import SegLang

// The kernels behind seg's commands, each on the data it meets in practice:
// - a 1M-line transaction log shaped like the Online Retail export (generated once, seeded);
// - the 4,338-customer RFM table of the bundled UCI data, log-transformed and scaled, which is
//   what `choose`, `cluster`, `silhouette`, `pca` and `tsne` see in the example script.
//
// Wall-clock time, CPU time and peak memory are recorded for every benchmark; malloc counts too.
// The committed baseline is in .benchmarkBaselines/ (see Package.swift).

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(10),
    maxIterations: 20
  )

  Benchmark("load CSV, 1M lines", configuration: .init(maxIterations: 5)) { benchmark in
    let path = try Fixtures.millionLinePath()
    benchmark.startMeasurement()
    let loaded = try TableLoader.load(path: path)
    benchmark.stopMeasurement()
    blackHole(loaded)
  }

  Benchmark("rfm, 1M lines", configuration: .init(maxIterations: 5)) { benchmark in
    let loaded = try Fixtures.millionLines()
    benchmark.startMeasurement()
    let result = try RFM.compute(loaded.table, roles: loaded.roles)
    benchmark.stopMeasurement()
    blackHole(result)
  }

  Benchmark("scale standard, 4,338 customers") { benchmark in
    let features = try Fixtures.logFeatures()
    benchmark.startMeasurement()
    let scaler = try FittedScaler.fit(features, method: .standard)
    let scaled = try scaler.transform(features)
    benchmark.stopMeasurement()
    blackHole(scaled)
  }

  Benchmark("k-means sweep k=2..10") { benchmark in
    let matrix = try Fixtures.scaledFeatures()
    benchmark.startMeasurement()
    let elbow = try Elbow.sweep(matrix, ks: 2...10)
    benchmark.stopMeasurement()
    blackHole(elbow)
  }

  Benchmark("choose 2..10 (sweep, validity, 10 stability resamples)") { benchmark in
    let matrix = try Fixtures.scaledFeatures()
    benchmark.startMeasurement()
    let choice = try ClusterCountChoice.evaluate(matrix, ks: 2...10)
    benchmark.stopMeasurement()
    blackHole(choice)
  }

  Benchmark("silhouette sampled (2,000 rows), k=4") { benchmark in
    let (matrix, labels) = try Fixtures.clustered()
    benchmark.startMeasurement()
    let score = try ClusterValidity.silhouette(matrix, labels: labels, sampleLimit: 2_000)
    benchmark.stopMeasurement()
    blackHole(score)
  }

  Benchmark("silhouette exact, k=4") { benchmark in
    let (matrix, labels) = try Fixtures.clustered()
    benchmark.startMeasurement()
    let score = try ClusterValidity.silhouette(matrix, labels: labels)
    benchmark.stopMeasurement()
    blackHole(score)
  }

  Benchmark("pca") { benchmark in
    let matrix = try Fixtures.scaledFeatures()
    benchmark.startMeasurement()
    let pca = try PCA.fit(matrix)
    let projected = try pca.transform(matrix)
    benchmark.stopMeasurement()
    blackHole(projected)
  }

  Benchmark("t-SNE, 4,338 customers", configuration: .init(maxIterations: 3)) { benchmark in
    let matrix = try Fixtures.scaledFeatures()
    var generator = SeededGenerator(seed: SeededGenerator.defaultSeed)
    benchmark.startMeasurement()
    let embedding = try TSNEEmbedding.fit(
      points: matrix.values, rows: matrix.rows, cols: matrix.cols, using: &generator)
    benchmark.stopMeasurement()
    blackHole(embedding)
  }

  Benchmark("SVG scatter, 4,338 points") { benchmark in
    let (matrix, labels) = try Fixtures.clustered()
    let data = ScatterData(
      x: matrix.column(0), y: matrix.column(1), labels: labels,
      segments: (0..<4).map { ChartSegment(index: $0, name: "Segment \($0 + 1)") })
    benchmark.startMeasurement()
    let svg = SVGChart.scatter(data)
    benchmark.stopMeasurement()
    blackHole(svg)
  }

  Benchmark("lex 10k lines") { benchmark in
    let source = Fixtures.tenThousandLines
    benchmark.startMeasurement()
    let tokens = Lexer.tokenize(source)
    benchmark.stopMeasurement()
    blackHole(tokens)
  }

  Benchmark("parse 10k lines") { benchmark in
    let source = Fixtures.tenThousandLines
    benchmark.startMeasurement()
    let program = Parser.parse(source, registry: .standard)
    benchmark.stopMeasurement()
    blackHole(program)
  }
}

/// The benchmarks' inputs, built once per process and shared.
enum Fixtures {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A 1M-line log in the Online Retail layout under the system's temporary directory, written
  /// the first time it is asked for and reused by later runs.
  static func millionLinePath() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("seg-benchmark-retail-1M.csv").path
    if !FileManager.default.fileExists(atPath: path) {
      try Data(retailLog(lines: 1_000_000).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
    return path
  }

  static func millionLines() throws -> LoadedTable {
    try TableLoader.load(path: millionLinePath())
  }

  /// Invoices of 1–20 lines for 20,000 customers over a year, 3 % cancellations (`C` + the
  /// invoice number, negative quantity), prices with two decimals, ids written `17850.0`.
  static func retailLog(lines: Int) -> String {
    var generator = SeededGenerator(seed: 20_261_206)
    var out = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    out.reserveCapacity(lines * 90)
    var line = 0
    var invoice = 536_365
    let start = CivilCalendar.days(year: 2010, month: 12, day: 1) * 86_400
    while line < lines {
      invoice += 1
      let customer = 12_346 + Int.random(in: 0..<20_000, using: &generator)
      let seconds = start + Int64.random(in: 0..<(373 * 86_400), using: &generator)
      let date = CivilCalendar.isoText(seconds: seconds - seconds % 60)
      let cancelled = Int.random(in: 0..<100, using: &generator) < 3
      for _ in 0..<Int.random(in: 1...20, using: &generator) where line < lines {
        let product = Int.random(in: 0..<4_000, using: &generator)
        let quantity = Int.random(in: 1...24, using: &generator) * (cancelled ? -1 : 1)
        let cents = Int.random(in: 10...2_500, using: &generator)
        out += "\(cancelled ? "C" : "")\(invoice),\(20_000 + product),PRODUCT \(product),\(quantity),"
        out += "\(date),\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100),\(customer).0,United Kingdom\n"
        line += 1
      }
    }
    return out
  }

  /// Recency, frequency and monetary value of the bundled UCI data's customers with positive
  /// spend, log1p-transformed: the example script's features before `scale`.
  static func logFeatures() throws -> FeatureMatrix {
    let loaded = try TableLoader.load(
      path: repository.appendingPathComponent("examples/data/online_retail.csv.gz").path)
    let customers = try RFM.compute(loaded.table, roles: loaded.roles).table
    let raw = try FeatureMatrix(table: customers, columns: ["recency", "frequency", "monetary"])
    var values: [Double] = []
    var rows = 0
    for i in 0..<raw.rows {
      let row = raw.row(i)
      guard row.allSatisfy({ $0.isFinite && $0 > 0 }) else { continue }
      values += row.map { log1p($0) }
      rows += 1
    }
    return try FeatureMatrix(values: values, rows: rows, columnNames: raw.columnNames)
  }

  static func scaledFeatures() throws -> FeatureMatrix {
    let features = try logFeatures()
    return try FittedScaler.fit(features, method: .standard).transform(features)
  }

  static func clustered() throws -> (FeatureMatrix, [Int]) {
    let matrix = try scaledFeatures()
    return (matrix, try KMeans.fit(matrix, k: 4).labels)
  }

  /// 10,000 lines of typical seg: loads, filters with expressions, options, lists, comments.
  static let tenThousandLines: SourceFile = {
    let block = """
      # monthly segmentation
      load "data/online_retail.csv.gz" encoding=latin1
      filter StockCode not in ["POST", "DOT", "M", "BANK CHARGES"] and Quantity > 0
      rfm asof=2011-12-10 top=5
      filter z < 3 and (monetary > 10 or frequency >= 2)
      transform log cols=[recency, frequency, monetary]
      scale method=robust
      choose 2..10 resamples=10
      cluster k=4 seed=42
      name auto
      profile
      export "out/segments.csv"
      assert clusters == 4 and share(monetary > 0) > 0.9
      """
    let lines = block.split(separator: "\n").count
    let text = Array(repeating: block, count: 10_000 / lines + 1).joined(separator: "\n")
    return SourceFile(name: "bench.seg", text: text)
  }()
}
