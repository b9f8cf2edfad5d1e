extension LoadReport {
  /// The report of a log read from a database server: counts computed by the server, no
  /// encoding or delimiter to speak of.
  package init(
    server: String, rows: Int, columns: [(String, ColumnType, Int, ColumnRole?)],
    firstDate: Int64?, lastDate: Int64?, distinctCustomers: Int?, rowsWithoutCustomer: Int?,
    cancellations: Int?, negativeQuantities: Int?, zeroPrices: Int?, negativePrices: Int?,
    duplicateRows: Int
  ) {
    self.init(
      file: server, rows: rows,
      columns: columns.map { ColumnSummary(name: $0.0, type: $0.1, missing: $0.2, role: $0.3) },
      encoding: .utf8, encodingFallback: false, delimiter: .character(UInt8(ascii: ",")), isCompressed: false,
      firstDate: firstDate, lastDate: lastDate, distinctCustomers: distinctCustomers,
      rowsWithoutCustomer: rowsWithoutCustomer, cancellations: cancellations,
      negativeQuantities: negativeQuantities, zeroPrices: zeroPrices,
      negativePrices: negativePrices, duplicateRows: duplicateRows, warnings: [])
  }
}
