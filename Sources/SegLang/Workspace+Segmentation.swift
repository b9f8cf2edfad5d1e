import SegCharts
import SegCore

extension Workspace {
  /// The table `load` makes current for a transaction log.
  static let transactionsTable = "transactions"
  /// The table `rfm` builds.
  static let customersTable = "customers"
  /// The customers set aside by `filter z<3` / `filter iqr<1.5`.
  static let outliersTable = "outliers"

  /// Forgets everything derived from the customer table: features, outliers, sweeps, model and
  /// embeddings (after `load` and `rfm`).
  mutating func resetSegmentation() {
    features = FeatureState()
    outliers = nil
    filteredCustomers = []
    sweeps = KSweepState()
    model = nil
    pca = nil
    tsne = nil
    tables[Self.outliersTable] = nil
  }

  /// Keeps the row-aligned state (feature matrix, labels, embeddings) in step with a table after
  /// a filter kept the rows at `kept` (increasing indices into the old `total` rows).
  mutating func realignRows(kept: [Int], ofTable name: String, total: Int) {
    guard kept.count != total else { return }
    features.keepRows(kept, ofTable: name, total: total)
    if var m = model, m.tableName == name, m.labels.count == total {
      m.labels = kept.map { m.labels[$0] }
      m.sizes = (0..<m.k).map { c in m.labels.reduce(0) { $0 + ($1 == c ? 1 : 0) } }
      m.noiseCount = m.labels.reduce(0) { $0 + ($1 == SegmentationModel.noiseLabel ? 1 : 0) }
      m.silhouette = nil
      m.inertia = nil
      m.notes.append(
        "filtered after clustering: \(NumberFormatting.count(kept.count)) of \(NumberFormatting.count(total)) rows kept"
      )
      model = m
    }
    pca = pca.flatMap { Self.realign($0, kept: kept, ofTable: name, total: total) }
    tsne = tsne.flatMap { Self.realign($0, kept: kept, ofTable: name, total: total) }
  }

  static func realign(_ e: Embedding, kept: [Int], ofTable name: String, total: Int) -> Embedding? {
    guard e.tableName == name else { return e }
    var newIndex = [Int](repeating: -1, count: total)
    for (n, old) in kept.enumerated() { newIndex[old] = n }
    let d = e.dimensions
    var out = e
    var coordinates: [Double] = []
    var rows: [Int] = []
    let points = e.rows ?? Array(0..<e.count)
    guard points.count == e.count, points.allSatisfy({ $0 < total }) else { return nil }
    for (p, old) in points.enumerated() where newIndex[old] >= 0 {
      rows.append(newIndex[old])
      coordinates += e.coordinates[(p * d)..<((p + 1) * d)]
    }
    out.coordinates = coordinates
    out.rows = e.rows == nil ? nil : rows
    return out
  }

  /// Appends a step to the row accounting.
  mutating func account(_ step: String, rowsIn: Int, rowsOut: Int, note: String = "") {
    rowAccounting.append(
      RowAccountingStep(step: step, rowsIn: rowsIn, rowsOut: rowsOut, note: note))
  }

  /// The model, when its labels still follow the rows of its table.
  var alignedModel: SegmentationModel? {
    guard let m = model, let t = m.tableName == tableName ? table : tables[m.tableName],
      t.rowCount == m.labels.count
    else { return nil }
    return m
  }

  /// The customer-id column of a customer table: `customer`, else the loader's customer role.
  func customerColumnName(in table: Table) -> String? {
    if table.columnIndex(named: "customer") != nil { return "customer" }
    if let role = provenance?.roles[.customer], table.columnIndex(named: role) != nil {
      return role
    }
    return nil
  }
}
