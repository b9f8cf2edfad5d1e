/// One step of row accounting: rows in, rows out, and why.
public struct RowAccountingStep: Sendable, Equatable {
  public var step: String
  public var rowsIn: Int
  public var rowsOut: Int
  public var note: String

  public init(step: String, rowsIn: Int, rowsOut: Int, note: String = "") {
    self.step = step
    self.rowsIn = rowsIn
    self.rowsOut = rowsOut
    self.note = note
  }
}
