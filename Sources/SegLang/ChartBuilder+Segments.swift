import SegCharts
import SegCore

extension ChartBuilder {
  /// The segment means of `columns` in original units, one series per segment of the model
  /// (customers set aside as outliers are left out unless assigned to a cluster), in legend
  /// order; segments without customers are left out.
  func segmentMeans(columns given: [String]?, givenAt: SourceRange) throws(RuntimeError)
    -> (features: [String], series: [SegmentSeries], population: [[Double]], labels: [Int])
  {
    let s = try segmented()
    let columns = given ?? s.model.featureNames
    var features: [[Double]] = []
    for name in columns { features.append(try values(name, in: s.table, at: givenAt)) }
    let included = s.labels.indices.filter { s.labels[$0] != SegmentationModel.outlierLabel }
    let labels = included.map { s.labels[$0] }
    let population = features.map { f in included.map { f[$0] } }
    var series: [SegmentSeries] = []
    for segment in Self.segments(of: s) where segment.index != SegmentationModel.outlierLabel {
      let rows = labels.indices.filter { labels[$0] == segment.index }
      guard !rows.isEmpty else { continue }
      series.append(
        SegmentSeries(
          segment: segment, values: population.map { Self.mean(of: $0, at: rows) }))
    }
    return (columns, series, population, labels)
  }

  /// `profile`: average feature values per segment, one panel per feature.
  func profile(columns: [String]?, givenAt: SourceRange) throws(RuntimeError) -> ProfileData {
    let m = try segmentMeans(columns: columns, givenAt: givenAt)
    return ProfileData(features: m.features.map { .column($0) }, segments: m.series)
  }

  /// `snake`: per segment and feature, (segment mean − mean) / standard deviation, both over
  /// the segmented customers in original units (population standard deviation; 0 for a
  /// constant feature).
  func snake(columns: [String]?, givenAt: SourceRange) throws(RuntimeError) -> ProfileData {
    let m = try segmentMeans(columns: columns, givenAt: givenAt)
    let all = Array(m.labels.indices)
    var centre: [Double] = []
    var spread: [Double] = []
    for values in m.population {
      let mean = Self.mean(of: values, at: all)
      var squares = 0.0
      var n = 0
      for v in values where v.isFinite {
        squares += (v - mean) * (v - mean)
        n += 1
      }
      centre.append(mean)
      spread.append(n > 0 ? (squares / Double(n)).squareRoot() : 0)
    }
    let series = m.series.map { s in
      SegmentSeries(
        segment: s.segment,
        values: s.values.indices.map { j in
          spread[j] > 0 ? (s.values[j] - centre[j]) / spread[j] : 0
        })
    }
    return ProfileData(
      features: m.features.map { ChartFeature(name: ChartFeature.column($0).name) },
      segments: series)
  }

  /// `sizes`: customers and revenue (the sum of `monetary`; NaN without that column, so the
  /// chart shows customers only) per segment, outliers included.
  func sizes() throws(RuntimeError) -> SizesData {
    let s = try segmented()
    let money = s.table["monetary"]?.doubles
    var out: [SegmentSize] = []
    for segment in Self.segments(of: s) {
      var customers = 0
      var revenue = money == nil ? Double.nan : 0
      for (i, l) in s.labels.enumerated() where l == segment.index {
        customers += 1
        if let money, money[i].isFinite { revenue += money[i] }
      }
      out.append(SegmentSize(segment: segment, customers: customers, revenue: revenue))
    }
    return SizesData(segments: out)
  }

  /// `heatmap`: customers by R score (rows) and F score (columns), with their mean monetary
  /// value, over every customer of the RFM table (outliers included).
  func heatmap() throws(RuntimeError) -> HeatmapData {
    let table = try currentTable()
    var all = table
    if let removed = setAside(for: workspace.tableName) { all = table.appending(rowsOf: removed) }
    guard let r = all["r_score"]?.doubles, let f = all["f_score"]?.doubles else {
      throw RuntimeError(
        .nothingToPlot, "the heatmap needs the r_score and f_score columns of an RFM table",
        at: range
      ).withHelp("build the customer table first: rfm")
    }
    let money = all["monetary"]?.doubles
    let scores = 5
    var counts = [[Int]](repeating: [Int](repeating: 0, count: scores), count: scores)
    var sums = [[Double]](repeating: [Double](repeating: 0, count: scores), count: scores)
    for i in 0..<all.rowCount {
      guard r[i].isFinite, f[i].isFinite else { continue }
      let (ri, fi) = (Int(r[i]) - 1, Int(f[i]) - 1)
      guard (0..<scores).contains(ri), (0..<scores).contains(fi) else { continue }
      counts[ri][fi] += 1
      if let money, money[i].isFinite { sums[ri][fi] += money[i] }
    }
    let means = (0..<scores).map { ri in
      (0..<scores).map { fi in
        counts[ri][fi] > 0 && money != nil ? sums[ri][fi] / Double(counts[ri][fi]) : .nan
      }
    }
    guard money != nil else {
      // A customer table without money: cells coloured by their customer counts.
      var grid = HeatmapData.rfm(counts: counts, meanMonetary: means)
      grid.values = grid.counts.map(Double.init)
      grid.valueName = "Customers"
      grid.valueFormat = .integer
      return grid
    }
    return HeatmapData.rfm(counts: counts, meanMonetary: means)
  }

  /// The mean of the finite `values` at `rows`, summed in row order (NaN when there are none).
  static func mean(of values: [Double], at rows: [Int]) -> Double {
    var total = 0.0
    var n = 0
    for i in rows where values[i].isFinite {
      total += values[i]
      n += 1
    }
    return n > 0 ? total / Double(n) : .nan
  }
}

extension ChartBuilder {
  /// `migration`: how customers moved between the segments of two saved runs (`compare`).
  func migration() throws(RuntimeError) -> MigrationData {
    guard let comparison = workspace.comparison else {
      throw RuntimeError(.nothingToPlot, "no comparison yet: run compare first", at: range)
        .withHelp(
          "save each run with save \"history.db\", then compare it with the one before: compare")
    }
    return MigrationData(comparison)
  }
}
