public import SegCore

/// Where the loaded data came from: the file as the script named it, its SHA-256, and what the
/// loader found in it.
///
/// Kept so that reports and saved runs can say exactly which bytes produced a result.
public struct DataProvenance: Sendable, Equatable {
  /// The path as written in the script (`"examples/data/online_retail.csv.gz"`), never made
  /// absolute, so outputs do not depend on the machine.
  public var path: String
  /// The last path component of ``path`` (`online_retail.csv.gz`).
  public var fileName: String
  /// The SHA-256 of the file's bytes as stored (compressed bytes for a gzip file), lowercase hex;
  /// empty until computed (a file read from disk is hashed when a report or a saved run first
  /// needs it, see ``input``).
  public var sha256: String
  /// How the file was read, kept so that its digest can be computed later.
  public var input: FileInput? = nil
  /// The file's size in bytes as stored.
  public var byteCount: Int
  /// What the loader read and found: rows, typed columns, dates, customers, encoding.
  public var report: LoadReport
  /// Which columns play the customer, invoice, date, quantity, price … roles.
  public var roles: ColumnRoles

  /// Creates a provenance record.
  public init(
    path: String, fileName: String, sha256: String, byteCount: Int, report: LoadReport,
    roles: ColumnRoles
  ) {
    self.path = path
    self.fileName = fileName
    self.sha256 = sha256
    self.byteCount = byteCount
    self.report = report
    self.roles = roles
  }
}
