public import SegCore

/// The stages of a session a command may need: a table is loaded, the customer table is built
/// from it, and the customers (or another table's rows) are clustered into segments.
///
/// A command states the stage it needs (``CommandSpec/needs``). The interpreter checks it before
/// the command runs, and `plot` and `report` check the stage of what they draw, all through
/// ``Workspace/unmetStage(_:at:canLoad:)``: "load a table first", "build the customer table
/// first: rfm" and "run cluster first" are written there once. The typed views
/// (``Workspace/customerTable``, and the segmented customers `profile`, `export` and the
/// charts read) hold the stage's rules, such as the clusters matching the rows of the table
/// they were fitted to.
public enum SessionStage: Int, Sendable, CaseIterable, CustomStringConvertible {
  /// A current table: a transaction log, a customer table or any other (`load`).
  case table
  /// A customer table, one row per customer: built by `rfm` or loaded as one; current, or kept
  /// while another table is current.
  case customers
  /// Segments: a clustering fitted to the rows of its table as they are now (`cluster`).
  case segments

  /// How `help` and docs/commands.md name the stage: `a table (load)`.
  public var description: String {
    switch self {
    case .table: "a table (load)"
    case .customers: "a customer table (rfm)"
    case .segments: "segments (cluster)"
    }
  }
}

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
      guard let model else {
        return RuntimeError(.unavailable, "there are no clusters yet", at: range)
          .withHelp("run cluster first, e.g. cluster k=4")
      }
      guard SegmentedCustomers(self) != nil else {
        return RuntimeError(
          .unavailable, "the clusters no longer match the table '\(model.tableName)'", at: range
        ).withHelp("run cluster again")
      }
      return nil
    }
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
    try require(.segments, at: range)
    guard let segmented = SegmentedCustomers(workspace) else {
      throw RuntimeError(.unavailable, "there are no clusters yet", at: range)
    }
    return segmented
  }
}
