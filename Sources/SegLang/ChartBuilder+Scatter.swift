import SegCharts
import SegCore

extension ChartBuilder {
  /// A scatter chart and where its coordinates came from.
  struct Scatter {
    var data: ScatterData
    /// `t-SNE`, `PCA`, or the two columns: for the line `plot` prints and the report caption.
    var source: String
  }

  /// `scatter`: customers in two dimensions, coloured by segment.
  ///
  /// The coordinates are two columns (`cols=[a, b]`; outliers grey), else the session's t-SNE
  /// embedding, else its PCA projection, else a two-component PCA of the clustering features
  /// computed for the chart. Points are coloured by segment when there is a model; PCA charts mark
  /// each segment's mean point.
  func scatter(columns given: [String]?, givenAt: SourceRange) throws(RuntimeError) -> Scatter {
    if let given { return try columnScatter(given, givenAt: givenAt) }
    let model = workspace.alignedModel
    let tableName = model?.tableName ?? workspace.tableName ?? Workspace.customersTable
    guard let table = table(named: tableName), table.rowCount > 0 else {
      _ = try currentTable()
      throw RuntimeError(.emptyTable, "the table has no rows to plot", at: range)
    }
    let embedding: Embedding
    if let e = [workspace.tsne, workspace.pca].compactMap({ $0 }).first(where: {
      Self.fits($0, rows: table.rowCount, tableName: tableName)
    }) {
      embedding = e
    } else {
      embedding = try projection(of: table, named: tableName, columns: model?.featureNames)
    }
    let d = embedding.dimensions
    var x: [Double] = []
    var y: [Double] = []
    var labels: [Int] = []
    for p in 0..<embedding.count {
      let row = embedding.rows?[p] ?? p
      x.append(embedding.coordinates[p * d])
      y.append(embedding.coordinates[p * d + 1])
      labels.append(model?.labels[row] ?? 0)
    }
    var segments = [ChartSegment(index: 0, name: "Customers")]
    if let model {
      segments = (0..<model.k).map { ChartSegment(index: $0, name: model.name(ofLabel: $0)) }
      if labels.contains(SegmentationModel.noiseLabel) {
        segments.append(
          ChartSegment(index: SegmentationModel.noiseLabel, name: SegmentationModel.noiseName))
      }
    }
    let isPCA = embedding.method == .pca
    let centroids = model != nil && isPCA ? Self.centroids(x: x, y: y, labels: labels) : []
    func axis(_ i: Int) -> ChartFeature {
      guard isPCA else { return ChartFeature(name: "t-SNE \(i + 1)") }
      let ratio = embedding.explainedVarianceRatio
      return ChartFeature(
        name: "PC\(i + 1)",
        unit: i < ratio.count ? ValueFormat.percent.format(ratio[i]) + " of variance" : nil)
    }
    let data = ScatterData(
      x: x, y: y, labels: labels, segments: segments, centroids: centroids,
      xFeature: axis(0), yFeature: axis(1))
    return Scatter(data: data, source: isPCA ? "PCA" : "t-SNE")
  }

  /// Whether `e` is a 2-D (or more) embedding of the `rows` rows of `tableName`.
  static func fits(_ e: Embedding, rows: Int, tableName: String) -> Bool {
    guard e.tableName == tableName, e.dimensions >= 2, e.count > 0 else { return false }
    if let r = e.rows { return r.count == e.count && r.allSatisfy { $0 >= 0 && $0 < rows } }
    return e.count == rows
  }

  /// A two-component PCA of the clustering features of `table`, computed for the chart.
  func projection(of table: Table, named name: String, columns: [String]?) throws(RuntimeError)
    -> Embedding
  {
    let matrix = try workingMatrix(of: table, named: name, columns: columns)
    guard matrix.cols >= 2 else {
      throw RuntimeError(
        .nothingToPlot, "a scatter plot needs two features, but there is one", at: range
      ).withHelp("plot two columns: plot scatter cols=[recency, monetary]")
    }
    do {
      let pca = try PCA.fit(matrix, components: 2)
      let points = try pca.transform(matrix)
      var e = Embedding(
        method: .pca, dimensions: 2, coordinates: points.values, rows: nil, tableName: name,
        featureNames: matrix.columnNames)
      e.explainedVarianceRatio = pca.explainedVarianceRatio
      return e
    } catch {
      throw SegmentationErrors.analysis(error, at: range, table: table, what: "customers")
    }
  }

  /// Two columns against each other, all customers (outliers grey).
  func columnScatter(_ columns: [String], givenAt: SourceRange) throws(RuntimeError) -> Scatter {
    guard columns.count == 2 else {
      throw RuntimeError(
        .invalidValue, "a scatter plot takes two columns, not \(columns.count)", at: givenAt
      ).withHelp("name an x and a y column: plot scatter cols=[recency, monetary]")
    }
    let table: Table
    let labels: [Int]
    let segments: [ChartSegment]
    if workspace.model != nil {
      let s = try segmented()
      table = s.table
      labels = s.labels
      segments = Self.segments(of: s)
    } else {
      let current = try currentTable()
      var l = [Int](repeating: 0, count: current.rowCount)
      var segs = [ChartSegment(index: 0, name: "Customers")]
      var all = current
      if let removed = setAside(for: workspace.tableName) {
        all = current.appending(rowsOf: removed)
        l += [Int](repeating: SegmentationModel.outlierLabel, count: removed.rowCount)
        segs.append(
          ChartSegment(index: SegmentationModel.outlierLabel, name: SegmentationModel.outlierName))
      }
      (table, labels, segments) = (all, l, segs)
    }
    let x = try values(columns[0], in: table, at: givenAt)
    let y = try values(columns[1], in: table, at: givenAt)
    let centroids = workspace.model != nil ? Self.centroids(x: x, y: y, labels: labels) : []
    let data = ScatterData(
      x: x, y: y, labels: labels, segments: segments, centroids: centroids,
      xFeature: .column(columns[0]), yFeature: .column(columns[1]))
    return Scatter(data: data, source: "\(columns[0]) and \(columns[1])")
  }

  /// The mean point of each cluster (labels 0 and up), in label order.
  static func centroids(x: [Double], y: [Double], labels: [Int]) -> [ScatterCentroid] {
    let k = (labels.max() ?? -1) + 1
    guard k > 0 else { return [] }
    var members = [[Int]](repeating: [], count: k)
    for (i, l) in labels.enumerated() where l >= 0 { members[l].append(i) }
    return (0..<k).compactMap { c in
      members[c].isEmpty
        ? nil
        : ScatterCentroid(
          segment: c, x: mean(of: x, at: members[c]), y: mean(of: y, at: members[c]))
    }
  }
}
