import Foundation
import SegCore
import SegHistory

extension Workspace {
  /// Why the session cannot be saved as a run yet, or what is missing from it.
  enum RunRecordProblem: Error, Equatable {
    /// No `cluster` has run.
    case noModel
    /// The clustered table is gone or no longer has one row per label.
    case tableChanged(name: String, rows: Int, labels: Int)
    /// The customer table cannot be read as a run (a missing column, a missing id).
    case invalid(HistoryError)
  }

  /// The as-of date of the segmentation, `yyyy-MM-dd`: the effective `rfm` as-of date, else a
  /// date parameter or variable `$asof`, else the day of `now` (UTC).
  func asofDate(now: Date) -> String {
    if let rfm {
      return DateValue(secondsSinceEpoch: rfm.asOf).format(timeSeparator: "T", includeTime: false)
    }
    if case .date(let d) = variables["asof"] {
      return d.format(timeSeparator: "T", includeTime: false)
    }
    let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
    return DateValue(secondsSinceEpoch: seconds).format(timeSeparator: "T", includeTime: false)
  }

  /// The session's segmentation as a run to save: provenance, parameters, the model's centroids
  /// and names, and every clustered customer's features (original units), revenue (`monetary`,
  /// missing when the table has none) and cluster.
  ///
  /// Customers without a cluster, that is set-aside outliers (unless clustered with
  /// `assign=nearest`) and DBSCAN noise, are not part of the run; ``unsegmentedCount`` says how
  /// many there are.
  /// - Parameters:
  ///   - createdAt: The time of the run (the host's clock).
  ///   - script: The text of the script that made it.
  /// - Returns: The run, not yet validated (``HistoryStore/save(_:threshold:duringSave:)`` does).
  /// - Throws: ``RunRecordProblem`` when there is no model, its table changed, or the table
  ///   cannot be read as customers.
  func runRecord(createdAt: Date, script: String) throws(RunRecordProblem) -> RunRecord {
    guard let model else { throw .noModel }
    guard let table = modelTable, table.rowCount == model.labels.count else {
      throw .tableChanged(
        name: model.tableName, rows: modelTable?.rowCount ?? 0, labels: model.labels.count)
    }
    var customers = try Self.runCustomers(
      table, labels: model.labels, features: model.featureNames,
      customerColumn: customerColumnName(in: table) ?? "customer")
    if let outliers = tables["outliers"], outliers.rowCount == model.outlierLabels.count,
      model.outlierLabels.contains(where: { $0 >= 0 })
    {
      let more = try Self.runCustomers(
        outliers, labels: model.outlierLabels, features: model.featureNames,
        customerColumn: customerColumnName(in: outliers) ?? "customer")
      customers.ids += more.ids
      customers.features += more.features
      customers.revenue += more.revenue
      customers.clusters += more.clusters
    }
    let d = model.featureNames.count
    let segments = (0..<model.k).map { c in
      RunSegment(
        name: model.names.indices.contains(c) ? model.names[c] : SegmentationModel.defaultName(c),
        centroid: Array(model.centroidsOriginal[c * d..<(c + 1) * d]),
        scaledCentroid: Array(model.centroidsScaled[c * d..<(c + 1) * d]))
    }
    var parameters: [String: String] = [:]
    for name in parameterNames {
      if let value = variables[name] { parameters[name] = value.description }
    }
    return RunRecord(
      createdAt: createdAt, asof: asofDate(now: createdAt), segVersion: SegVersion.string,
      script: script, inputFile: provenance?.path ?? "", inputSHA256: provenance?.sha256 ?? "",
      parameters: parameters, seed: model.seed, method: model.method,
      featureNames: model.featureNames, segments: segments, customers: customers)
  }

  /// Customers of the clustered tables that are in no segment (outliers set aside, noise).
  var unsegmentedCount: Int {
    guard let model else { return 0 }
    return model.labels.count { $0 < 0 } + model.outlierLabels.count { $0 < 0 }
  }

  /// The table the model's labels follow, current version.
  var modelTable: Table? {
    guard let model else { return nil }
    if tableName == model.tableName { return table }
    return tables[model.tableName]
  }

  /// The rows of `table` with a cluster (`labels[i] >= 0`) as run customers.
  private static func runCustomers(
    _ table: Table, labels: [Int], features: [String], customerColumn: String
  ) throws(RunRecordProblem) -> RunCustomers {
    let rows = labels.indices.filter { labels[$0] >= 0 }
    var t = table.gathering(rows)
    let clusterColumn = unusedName("cluster", in: t)
    t.setColumn(Column(name: clusterColumn, data: .integer(rows.map { Int64(labels[$0]) })))
    var revenueColumn = "monetary"
    if t[revenueColumn]?.isNumeric != true {
      revenueColumn = unusedName("revenue", in: t)
      t.setColumn(
        Column(name: revenueColumn, data: .decimal(Array(repeating: .nan, count: rows.count))))
    }
    do {
      return try RunCustomers(
        table: t, customerColumn: customerColumn, featureColumns: features,
        revenueColumn: revenueColumn, clusterColumn: clusterColumn)
    } catch {
      throw .invalid(error)
    }
  }

  /// `__seg_base`, or `__seg_base_2`, `__seg_base_3` …, whichever `table` does not have.
  private static func unusedName(_ base: String, in table: Table) -> String {
    var name = "__seg_\(base)"
    var n = 2
    while table[name] != nil {
      name = "__seg_\(base)_\(n)"
      n += 1
    }
    return name
  }
}
