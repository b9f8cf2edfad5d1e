/// Options of `load`: role columns, date format, delimiter and encoding. All optional.
public struct LoadOptions: Sendable, Equatable {
  /// The most columns a file may have (the limit of a spreadsheet row, 16,384). A wider header is
  /// refused before any row is read, so a crafted header cannot make the loader reserve memory
  /// per column out of proportion to the file.
  public static let maximumColumns = 16_384
  /// Columns named for roles (`customer=COL` …); other roles are found from common names.
  public var roles: [ColumnRole: String]
  /// The date column's format (`%d/%m/%Y %H:%M`), when automatic detection is not wanted or the
  /// dates are ambiguous. See ``DateFormat``.
  public var dateFormat: DateFormat?
  /// The field separator; sniffed from the first lines when `nil`.
  public var delimiter: Delimiter?
  /// The text encoding; UTF-8 with a Windows-1252 fallback when `nil`.
  public var encoding: TextEncoding?
  /// The decimal separator of every number column (`decimal=","`); sniffed per column from the
  /// values when `nil` (docs/rfm.md, "Numbers as written").
  public var decimal: DecimalSeparator?
  /// The column names of a file without a header row: its first line is data. `nil` (the
  /// default) when the first line is the header. The count must match the fields of every row.
  public var columnNames: [String]?
  /// Which lines are cancellations: `cancelled=COLUMN` (``CancellationRule/status(_:)``),
  /// `cancelled=none`, `cancel_prefix="X"`; `nil` decides from the data (docs/rfm.md).
  public var cancellationRule: CancellationRule? = nil
  /// The sheet of an Excel workbook to read (its name); the first sheet when `nil`. Ignored for
  /// CSV files.
  public var sheet: String? = nil
  /// Asked before every block of text.
  ///
  /// When it says stop, the load throws a ``LoadError`` with code ``LoadError/Code/cancelled``. It never changes a load that finishes.
  public var cancellation: CancellationToken = .never

  /// Creates options.
  public init(
    roles: [ColumnRole: String] = [:],
    dateFormat: DateFormat? = nil,
    delimiter: Delimiter? = nil,
    encoding: TextEncoding? = nil,
    columnNames: [String]? = nil,
    decimal: DecimalSeparator? = nil
  ) {
    self.decimal = decimal
    self.roles = roles
    self.dateFormat = dateFormat
    self.delimiter = delimiter
    self.encoding = encoding
    self.columnNames = columnNames
  }

  /// No options: everything detected.
  public static let `default` = LoadOptions()
}

/// A text encoding the loader reads.
public enum TextEncoding: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
  case utf8, latin1, windows1252

  /// Reads an option value: `utf8`/`utf-8`, `latin1`/`latin-1`/`iso-8859-1`,
  /// `windows1252`/`cp1252`/`windows-1252`.
  public init?(option: String) {
    switch ColumnRole.normalized(option) {
    case "utf8": self = .utf8
    case "latin1", "iso88591", "l1": self = .latin1
    case "windows1252", "cp1252", "win1252": self = .windows1252
    default: return nil
    }
  }

  /// `UTF-8`, `Latin-1` or `Windows-1252`.
  public var description: String {
    switch self {
    case .utf8: "UTF-8"
    case .latin1: "Latin-1"
    case .windows1252: "Windows-1252"
    }
  }

  /// Code points of Windows-1252 bytes 0x80…0x9F (0 where the byte is undefined: kept as the
  /// same C1 control as Latin-1).
  static let windows1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// Decodes bytes in this encoding (invalid UTF-8 becomes U+FFFD).
  func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    switch self {
    case .utf8:
      return String(decoding: bytes, as: UTF8.self)
    case .latin1, .windows1252:
      var scalars = String.UnicodeScalarView()
      for b in bytes {
        var v = UInt32(b)
        if self == .windows1252 && b >= 0x80 && b < 0xA0 {
          let mapped = TextEncoding.windows1252High[Int(b) - 0x80]
          if mapped != 0 { v = mapped }
        }
        if let s = Unicode.Scalar(v) { scalars.append(s) }
      }
      return String(scalars)
    }
  }

  /// Whether bytes are valid UTF-8.
  static func isValidUTF8<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }
}

extension TextEncoding {
  /// Appends the UTF-8 bytes of Unicode scalar value `v` (a valid scalar: not a surrogate, at
  /// most U+10FFFF) to `out`.
  static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80:
      out.append(UInt8(v))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | v >> 6))
      out.append(UInt8(0x80 | v & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | v >> 12))
      out.append(UInt8(0x80 | v >> 6 & 0x3F))
      out.append(UInt8(0x80 | v & 0x3F))
    default:
      out.append(UInt8(0xF0 | v >> 18))
      out.append(UInt8(0x80 | v >> 12 & 0x3F))
      out.append(UInt8(0x80 | v >> 6 & 0x3F))
      out.append(UInt8(0x80 | v & 0x3F))
    }
  }
}
