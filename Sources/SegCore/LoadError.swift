/// Why a file could not be loaded, with where and what to do about it.
///
/// Match on ``code`` (stable across releases, also as ``Code/rawValue`` text) rather than on the
/// message. ``line`` is the 1-based physical line of the file (lines inside quoted fields count)
/// and ``column`` the 1-based position of the field in its row; ``columnName`` names that column
/// when the header is known.
///
/// ``description`` never prints values from the data (customer ids, amounts): those are kept
/// in ``value`` and shown only by ``expandedDescription``.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A stable identifier of the kind of failure.
  public enum Code: String, Sendable, Equatable, CaseIterable {
    /// The file does not exist.
    case missingFile = "missing-file"
    /// The file exists but cannot be read (a directory, no permission, an I/O error).
    case unreadableFile = "unreadable-file"
    /// The file has no bytes, or only whitespace.
    case emptyFile = "empty-file"
    /// The file has a header and no data rows.
    case headerOnly = "header-only"
    /// The file holds NUL bytes or other binary data, not text.
    case binaryFile = "binary-file"
    /// A `.gz` file is truncated or corrupt.
    case invalidCompressedData = "invalid-compressed-data"
    /// The header has more than ``LoadOptions/maximumColumns`` fields.
    case tooManyColumns = "too-many-columns"
    /// Two header fields have the same name.
    case duplicateColumnName = "duplicate-column-name"
    /// A row has more or fewer fields than the header.
    case raggedRow = "ragged-row"
    /// A quoted field is never closed.
    case unterminatedQuote = "unterminated-quote"
    /// A value in a numeric role column (quantity, price, amount) is not a number.
    case nonNumericValue = "non-numeric-value"
    /// A number column holds amounts in two currencies (`$` and `€`): summing them would be
    /// wrong.
    case mixedCurrency = "mixed-currency"
    /// A number column's values use both `.` and `,` as the decimal separator (`1,5` and
    /// `1,234.50`); `decimal=` must say which.
    case ambiguousDecimal = "ambiguous-decimal"
    /// A value in the date column fits no date format.
    case unparseableDate = "unparseable-date"
    /// Every date could be day-first or month-first; `dateformat=` must say which.
    case ambiguousDate = "ambiguous-date"
    /// A column named for a role (`customer=...`) does not exist.
    case missingRoleColumn = "missing-role-column"
    /// An option has a value that cannot be used (an unknown encoding, a bad date format).
    case invalidOption = "invalid-option"
    /// A ZIP file that is not a readable Excel workbook: damaged, truncated, encrypted, or
    /// without the parts of a workbook.
    case invalidWorkbook = "invalid-workbook"
    /// A file of JSON records that is not valid JSON, or whose records are not objects.
    case invalidJSON = "invalid-json"
    /// `sheet=` names a sheet the workbook (or a file the ZIP archive) does not have, or a ZIP
    /// archive of several files needs `sheet=` to say which to read.
    case missingSheet = "missing-sheet"
    /// ``LoadOptions/cancellation`` said stop; nothing was loaded.
    case cancelled = "cancelled"
  }

  /// What went wrong.
  public var code: Code
  /// The file, as it was named when loading.
  public var file: String
  /// The 1-based line in the file, when the failure has one.
  public var line: Int?
  /// The 1-based field position in the row, when the failure has one.
  public var column: Int?
  /// The header name of ``column``, when known.
  public var columnName: String?
  /// A one-line explanation without data values.
  public var message: String
  /// What to do about it.
  public var hint: Remark?
  /// The offending value from the data, if any (kept out of ``description``).
  public var value: String?

  /// Creates an error.
  public init(
    code: Code,
    file: String,
    line: Int? = nil,
    column: Int? = nil,
    columnName: String? = nil,
    message: String,
    hint: Remark? = nil,
    value: String? = nil
  ) {
    self.code = code
    self.file = file
    self.line = line
    self.column = column
    self.columnName = columnName
    self.message = message
    self.hint = hint
    self.value = value
  }

  /// `file:line:column: message (hint)`, without data values.
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if let column { text += ":\(column)" }
    text += ": " + message
    if let hint { text += "; " + hint.description }
    return text
  }

  /// ``description`` followed by the offending value, for a user looking at their own data.
  public var expandedDescription: String {
    guard let value else { return description }
    return description + " (value: '\(value)')"
  }

  /// Lets `catch LoadError.Code.raggedRow` style matching work: `case .raggedRow = error.code`.
  public static func ~= (code: Code, error: LoadError) -> Bool { error.code == code }

  static func missingFile(_ path: String) -> LoadError {
    LoadError(
      code: .missingFile,
      file: path,
      message: "no such file '\(path)'",
      hint: "check the path"
    )
  }
}
