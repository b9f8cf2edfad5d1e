/// Where a save is when its test hook runs: inside the write transaction, after the run,
/// parameter and segment rows and the first half of the customer rows have been written.
public struct SaveProgress: Sendable, Equatable {
  /// The id the run being saved will have if the transaction commits.
  public var runID: Int
  /// Customer rows written so far.
  public var customersWritten: Int
  /// Customer rows the run has in all.
  public var customerCount: Int

  /// Creates a progress value.
  public init(runID: Int, customersWritten: Int, customerCount: Int) {
    self.runID = runID
    self.customersWritten = customersWritten
    self.customerCount = customerCount
  }
}
