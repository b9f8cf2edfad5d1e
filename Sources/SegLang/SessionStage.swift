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
