public import Foundation

/// One line of the `runs` listing.
public struct RunSummary: Sendable, Equatable {
  /// The run id.
  public var id: Int
  /// When the run happened (as the caller recorded it).
  public var createdAt: Date
  /// The as-of date, `yyyy-MM-dd`.
  public var asof: String
  /// The clustering method.
  public var method: String
  /// The number of clusters.
  public var k: Int
  /// The number of customers.
  public var customerCount: Int
  /// The input file name as the script gave it.
  public var inputFile: String
  /// The version of seg that made the run.
  public var segVersion: String

  /// Creates a summary.
  public init(
    id: Int, createdAt: Date, asof: String, method: String, k: Int, customerCount: Int,
    inputFile: String, segVersion: String
  ) {
    self.id = id
    self.createdAt = createdAt
    self.asof = asof
    self.method = method
    self.k = k
    self.customerCount = customerCount
    self.inputFile = inputFile
    self.segVersion = segVersion
  }
}
