/// A table of already-formatted cells.
public struct ReportTable: Sendable, Equatable {
  /// A caption above the table.
  public var caption: String?
  public var headers: [String]
  /// Rows of cells; short rows are padded with empty cells.
  public var rows: [[String]]
  /// Indices of columns to right-align (numbers).
  public var numericColumns: Set<Int>

  public init(
    caption: String? = nil, headers: [String], rows: [[String]], numericColumns: Set<Int> = []
  ) {
    self.caption = caption
    self.headers = headers
    self.rows = rows
    self.numericColumns = numericColumns
  }
}
