/// Where a report's result came from, so that it can be reproduced.
public struct ReportProvenance: Sendable, Equatable {
  /// The input file's name as the script gave it (no directories are added).
  public var inputFileName: String
  /// The input file's SHA-256, lowercase hex.
  public var inputSHA256: String
  /// Rows read from the input.
  public var rows: Int
  /// The RFM reference date, ISO `yyyy-mm-dd`.
  public var asOf: String
  /// The random seed of the run.
  public var seed: UInt64
  /// The seg version that produced the report.
  public var segVersion: String
  /// The script text that was run.
  public var script: String

  public init(
    inputFileName: String, inputSHA256: String, rows: Int, asOf: String, seed: UInt64,
    segVersion: String, script: String
  ) {
    self.inputFileName = inputFileName
    self.inputSHA256 = inputSHA256
    self.rows = rows
    self.asOf = asOf
    self.seed = seed
    self.segVersion = segVersion
    self.script = script
  }
}
