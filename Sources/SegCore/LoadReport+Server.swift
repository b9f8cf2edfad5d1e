extension LoadReport {
  /// The report of a log read from a database server, before its counts
  /// (``record(_:duplicates:roles:)``), which the server computes: no encoding or delimiter to
  /// speak of.
  package init(server: String, rows: Int, columns: [(String, ColumnType, Int, ColumnRole?)]) {
    self.init(
      file: server, rows: rows,
      columns: columns.map { ColumnSummary(name: $0.0, type: $0.1, missing: $0.2, role: $0.3) },
      encoding: .utf8, encodingFallback: false, delimiter: .character(UInt8(ascii: ",")),
      isCompressed: false)
  }
}
