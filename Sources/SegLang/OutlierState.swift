public import SegCore

/// Customers set aside by `filter z<3` or `filter iqr<1.5`.
///
/// The removed customers themselves are the table `outliers` in ``Workspace/tables``, with the
/// same columns as `customers`.
public struct OutlierState: Sendable, Equatable {
  /// The rule that removed them.
  public var rule: OutlierRule
  /// The condition as the script wrote it (`z<3`).
  public var condition: String
  /// The features the rule looked at.
  public var columns: [String]
  /// Rows before the filter.
  public var rowsBefore: Int
  /// How many customers were removed (the rows of table `outliers`).
  public var count: Int
  /// The removed customers' share of total `monetary` before the filter (0…1), or `nil` when the
  /// table has no `monetary` column.
  public var revenueShare: Double?
  /// Every outlier filter so far, in order, with its fitted parameters: what `export scoring`
  /// writes as SQL (a customer is an outlier when any of them sets it aside).
  public var tests: [OutlierTest] = []

  /// Creates a record.
  public init(
    rule: OutlierRule, condition: String, columns: [String], rowsBefore: Int, count: Int,
    revenueShare: Double?
  ) {
    self.rule = rule
    self.condition = condition
    self.columns = columns
    self.rowsBefore = rowsBefore
    self.count = count
    self.revenueShare = revenueShare
  }
}

/// What happens to outliers when clustering (`cluster … assign=`).
public enum OutlierAssignment: String, Sendable, Equatable, CaseIterable {
  /// They stay set aside: label ``SegmentationModel/outlierLabel`` (`-2`), segment `Outliers`.
  case outliers
  /// Each gets the cluster of its nearest centroid (k-means style), and is marked `outlier=true`.
  case nearest
}

/// Customers a `filter` removed from the customer table, and the filter's condition.
public struct FilteredCustomers: Sendable, Equatable {
  /// The condition as printed (`monetary > 0`).
  public var condition: String
  /// The removed rows, with the customer table's columns at the time.
  public var rows: Table

  /// Creates a record.
  public init(condition: String, rows: Table) {
    self.condition = condition
    self.rows = rows
  }
}
