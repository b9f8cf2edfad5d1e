extension Table {
  /// A copy of the table whose columns named like `matrix`'s columns hold the matrix values as
  /// decimals (replaced in place; columns the table lacks are appended).
  ///
  /// Use it to write transformed or scaled features back, e.g. after
  /// ``FeatureMatrix/transformed(_:columns:)`` or ``FeatureMatrix/scaled(_:)``.
  ///
  /// - Precondition: `matrix.rows == rowCount` (or the table has no columns).
  public func settingColumns(from matrix: FeatureMatrix) -> Table {
    var table = self
    for j in 0..<matrix.cols {
      table.setColumn(Column(name: matrix.columnNames[j], data: .decimal(matrix.column(j))))
    }
    return table
  }
}
