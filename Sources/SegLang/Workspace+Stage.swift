public import SegCore

extension Workspace {
  /// The customer table: `customers` when current, else kept under that name; `nil` before
  /// `rfm` (or a loaded customer table).
  public var customerTable: Table? {
    tableName == Workspace.customersTable ? table : tables[Workspace.customersTable]
  }

  /// The error for a command that needs `stage` when this session has not reached it, pointing
  /// at `range` (the command word); `nil` when it has. `canLoad` says whether the host has
  /// `load`, so that the help may name it.
  ///
  /// - `table`: `no-table`, "no table is loaded";
  /// - `customers`: `unavailable`, "there is no customer table", help "build it first: rfm";
  /// - `segments`: `unavailable`, "there are no clusters yet", or "the clusters no longer match
  ///   the table …" when rows were filtered or the table replaced since `cluster`.
  public func unmetStage(_ stage: SessionStage, at range: SourceRange, canLoad: Bool = true)
    -> RuntimeError?
  {
    switch stage {
    case .table:
      guard !hasTable else { return nil }
      let error = RuntimeError(.noTable, "no table is loaded", at: range)
      return canLoad ? error.withHelp("load one first: load \"transactions.csv\"") : error
    case .customers:
      guard customerTable == nil else { return nil }
      return RuntimeError(.unavailable, "there is no customer table", at: range).withHelp(
        hasTable || !canLoad
          ? "build it first: rfm"
          : "load the transactions and build it first: load \"transactions.csv\", then rfm")
    case .segments:
      guard case .failure(let error) = alignedModel(at: range) else { return nil }
      return error
    }
  }

  /// The fitted model when its labels still match its table (stage ``SessionStage/segments``),
  /// else the error for a command at `range`: "there are no clusters yet", or "the clusters no
  /// longer match the table" when rows were filtered or the table replaced since `cluster`.
  func alignedModel(at range: SourceRange) -> Result<SegmentationModel, RuntimeError> {
    guard let model else {
      return .failure(
        RuntimeError(.unavailable, "there are no clusters yet", at: range)
          .withHelp("run cluster first, e.g. cluster k=4"))
    }
    guard let aligned = alignedModel else {
      return .failure(
        RuntimeError(
          .unavailable, "the clusters no longer match the table '\(model.tableName)'", at: range
        ).withHelp("run cluster again"))
    }
    return .success(aligned)
  }

  /// The segmented customers (stage ``SessionStage/segments``): the clustered rows and the
  /// outliers, with their labels; throws the stage's error when there are none.
  func segmentedCustomers(at range: SourceRange) throws(RuntimeError) -> SegmentedCustomers {
    SegmentedCustomers(self, model: try alignedModel(at: range).get())
  }
}

extension ExecutionContext {
  /// Throws the error of ``Workspace/unmetStage(_:at:canLoad:)`` when the session has not
  /// reached `stage`.
  public func require(_ stage: SessionStage, at range: SourceRange) throws(RuntimeError) {
    let canLoad = registry.command(named: "load") != nil
    if let error = workspace.unmetStage(stage, at: range, canLoad: canLoad) { throw error }
  }

  /// The segmented customers (stage ``SessionStage/segments``): the clustered rows and the
  /// outliers, with their labels.
  func segmentedCustomers(at range: SourceRange) throws(RuntimeError) -> SegmentedCustomers {
    try workspace.segmentedCustomers(at: range)
  }
}
