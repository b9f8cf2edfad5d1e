import SegCore

/// The fitted model's view of every customer.
///
/// The clustered rows are followed by the outliers, with one label each (a cluster id, ``SegmentationModel/noiseLabel`` or
/// ``SegmentationModel/outlierLabel``). What `profile`, `export` and the segment values read.
struct SegmentedCustomers {
  /// Clustered rows, then the outlier rows (same columns).
  var table: Table
  /// One label per row of ``table``.
  var labels: [Int]
  /// Whether each row was set aside by an outlier filter.
  var isOutlier: [Bool]
  /// The rows of ``table`` that were clustered (the rest are outliers).
  var clusteredRows: Int
  /// The model.
  var model: SegmentationModel

  /// The segmentation of `workspace` by `model`, its ``Workspace/alignedModel`` (see
  /// ``Workspace/segmentedCustomers(at:)``).
  init(_ workspace: Workspace, model: SegmentationModel) {
    let clustered =
      model.tableName == workspace.tableName
      ? workspace.table : workspace.tables[model.tableName] ?? .empty
    var table = clustered
    var labels = model.labels
    var isOutlier = [Bool](repeating: false, count: clustered.rowCount)
    if let outliers = workspace.tables[Workspace.outliersTable], workspace.outliers != nil,
      model.tableName == Workspace.customersTable,
      outliers.columnNames == clustered.columnNames, outliers.rowCount == model.outlierLabels.count
    {
      table = clustered.appending(rowsOf: outliers)
      labels += model.outlierLabels
      isOutlier += [Bool](repeating: true, count: outliers.rowCount)
    }
    self.table = table
    self.labels = labels
    self.isOutlier = isOutlier
    self.clusteredRows = clustered.rowCount
    self.model = model
  }

  /// The segment name of every row.
  var segmentNames: [String] { labels.map { model.name(ofLabel: $0) } }

  /// The groups shown by `profile`: the clusters, then noise and outliers when present, as
  /// (label, name) pairs.
  var groups: [(label: Int, name: String)] {
    var g = (0..<model.k).map { ($0, model.names[$0]) }
    if labels.contains(SegmentationModel.noiseLabel) {
      g.append((SegmentationModel.noiseLabel, SegmentationModel.noiseName))
    }
    if labels.contains(SegmentationModel.outlierLabel) {
      g.append((SegmentationModel.outlierLabel, SegmentationModel.outlierName))
    }
    return g
  }

  /// The numeric columns `profile` describes by default: the model's features, then every
  /// other numeric column of the table in its order, but the customer id and the cluster.
  func numericColumns(customer: String?) -> [String] {
    let features = model.featureNames
    return features
      + table.columns.filter {
        $0.isNumeric && !features.contains($0.name) && $0.name != customer && $0.name != "cluster"
      }.map(\.name)
  }

  /// Mean and median of one column per group of ``groups`` and over all rows, missing values
  /// left out (NaN when a group has none).
  struct ColumnProfile {
    var name: String
    var means: [Double]
    var medians: [Double]
    var allMean: Double
    var allMedian: Double
  }

  /// ``ColumnProfile``s of the numeric columns `names` (others are skipped).
  func columnProfiles(_ names: [String]) -> [ColumnProfile] {
    let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.label, $0) })
    return names.compactMap { name in
      guard let values = table[name]?.doubles else { return nil }
      var byGroup = [[Double]](repeating: [], count: groups.count)
      var all: [Double] = []
      for (v, label) in zip(values, labels) where v.isFinite {
        if let g = index[label] { byGroup[g].append(v) }
        all.append(v)
      }
      // Sums in row order, so the output is the same every run.
      func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }
      func median(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let s = x.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
      }
      return ColumnProfile(
        name: name, means: byGroup.map(mean), medians: byGroup.map(median), allMean: mean(all),
        allMedian: median(all))
    }
  }

  /// Profiles of ``groups`` over the model's features in original units; revenue shares use
  /// `monetary` when the table has it.
  func profiles() throws(AnalysisError) -> ClusterProfiles {
    let original = try FeatureMatrix(table: table, columns: model.featureNames)
    let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.label, $0) })
    let remapped = labels.map { index[$0] ?? 0 }
    let money = table["monetary"]?.doubles.map { $0.map { $0.isFinite ? $0 : 0 } }
    return try ClusterProfiles.compute(original: original, labels: remapped, money: money)
  }
}
