/// Movement between two runs: a matrix chart and table.
public struct MigrationSection: Sendable, Equatable {
  public var data: MigrationData
  /// A sentence of context (which runs are compared).
  public var note: String?

  public init(data: MigrationData, note: String? = nil) {
    self.data = data
    self.note = note
  }
}
