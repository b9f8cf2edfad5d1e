/// How the loader reads one column.
enum ColumnPolicy: Sendable, Equatable {
  /// Infer integer, decimal, date-time or text from the values.
  case infer
  /// Text, whatever the values look like.
  case text
  /// Numbers only (the quantity, price and amount roles): anything else is an error.
  case number
  /// Dates only (the date role), read with the format when one is given; `epoch` lets integers
  /// be read as Unix epoch times (the column's name says date or time).
  case date(DateFormat?, epoch: Bool)
  /// Ids (the customer role): integers, also when written as `17850.0`; otherwise as inferred.
  case identifier
}

/// How the loader reads one column's numbers, decided for the whole column before its rows are
/// parsed (``NumberSniffer``).
struct NumberStyle: Sendable, Equatable {
  /// The decimal separator; the other of `.` and `,` separates thousands.
  var decimal: DecimalSeparator = .point
  /// Whether an inferred column reads written numbers (`$12.00`, `1.234,56`): set when the
  /// column's first block holds nothing else. Number role columns always do.
  var written = false

  /// Plain numbers with a decimal point.
  static let plain = NumberStyle()
}

/// The values of one column in one piece of the file, as parsed so far.
struct PieceColumn: Sendable {
  enum Kind: Sendable, Equatable {
    /// Nothing but missing values so far.
    case empty
    case integer
    case decimal
    /// Date-times as seconds since the epoch.
    case datetime
    /// Year-last dates whose day/month order is not known yet (``SlashDate/packed``).
    case slashDate
    case text
  }

  var kind: Kind = .empty
  var rows = 0
  /// Integers, date-time seconds or packed slash dates; `Column.missingInteger` when missing.
  var ints: [Int64] = []
  /// Decimals; NaN when missing.
  var doubles: [Double] = []
  /// Text codes: the file-wide dictionary's code, or a code into ``pool`` marked with
  /// ``localCode``; `Column.missingCode` when missing.
  var codes: [UInt32] = []
  /// The text values that were not in the file-wide dictionary.
  var pool = ByteStringPool(capacity: 16)
  /// Marks a text code into ``pool``.
  static let localCode: UInt32 = 1 << 31
  /// Whether most values were new to the file-wide dictionary (invoice numbers), so that asking
  /// it was not worth the time.
  var dictionaryMissed = false
  /// Whether every integer printed back gives its original text.
  var canonical = true
  /// For slash dates: the first row not valid month-first / day-first, as an offset in the
  /// buffer (turned into a line by the caller).
  var monthFirstInvalidOffset: Int? = nil
  /// Whether a slash date had a two-digit year (`12/31/21`).
  var twoDigitYears = false
  /// The first slash date as written, for the `dateformat=` hint when the order stays open.
  var slashExample: [UInt8]? = nil
  var dayFirstInvalidOffset: Int? = nil
  /// What the column's written numbers showed (thousands separators, currency …).
  var spelling: WrittenNumber.Spelling = []
  /// The currency of the written numbers (``WrittenNumber/currencies``, 1-based; 0: none), and
  /// the offset of its first value.
  var currency: UInt8 = 0
  var currencyOffset = 0
  /// How the date column's values were read (for the load summary).
  var dateReading: DateReading = .plain
  /// The zone abbreviations read in a date column, as a mask of their indexes in
  /// ``WrittenZone/abbreviations``.
  var zoneNames: UInt64 = 0
  /// Whether an ISO date-time had a UTC offset other than zero (see ``DateReading/note(column:shifted:)``).
  var shiftedOffsets = false
  /// Values written as a null (`NULL`, `N/A`, ``NullToken``) read as missing, and the first one.
  var nullTokens = 0
  var nullExample: [UInt8]? = nil

  /// Whether the field `p[0..<n]` (trimmed or not) is a null token; if so, counts it.
  mutating func noteNull(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let (tp, tn) = NumberParsing.trimmed(p, n)
    guard NullToken.matches(tp, tn) else { return false }
    nullTokens &+= 1
    if nullExample == nil { nullExample = Array(UnsafeBufferPointer(start: tp, count: tn)) }
    return true
  }

  /// A fresh column that keeps this one's array capacity (the pool is new: it is small).
  consuming func emptied() -> PieceColumn {
    var col = self
    col.kind = .empty
    col.rows = 0
    col.pool = ByteStringPool(capacity: 16)
    col.canonical = true
    col.dictionaryMissed = false
    col.monthFirstInvalidOffset = nil
    col.dayFirstInvalidOffset = nil
    col.twoDigitYears = false
    col.slashExample = nil
    col.spelling = []
    col.currency = 0
    col.dateReading = .plain
    col.zoneNames = 0
    col.shiftedOffsets = false
    col.nullTokens = 0
    col.nullExample = nil
    col.ints.removeAll(keepingCapacity: true)
    col.doubles.removeAll(keepingCapacity: true)
    col.codes.removeAll(keepingCapacity: true)
    return col
  }

  /// The number of missing values when ``kind`` is ``Kind/empty``.
  var emptyCount: Int { kind == .empty ? rows : 0 }
}

/// A failure in one field of a piece: the offset of the field and what went wrong.
struct FieldFailure: Sendable, Error, Equatable {
  enum Reason: Sendable, Equatable {
    case nonNumeric
    case unparseableDate
    case mixedDateStyles
    /// Two currencies in one number column (`$` and `€`).
    case mixedCurrency
  }

  var reason: Reason
  var offset: Int
  var column: Int
  var value: [UInt8]
}

/// Arrays of one piece slot, lent from block to block so that parsing reuses mapped memory
/// instead of faulting in fresh pages for every block.
struct PieceScratch: Sendable {
  var starts: [UInt32] = []
  var ends: [UInt32] = []
  var columns: [PieceColumn] = []
}

/// A piece slot's scratch arrays, moved in and out by reference.
///
/// `@unchecked Sendable` is safe because each box is used by one task at a time: box `k` is
/// emptied (``take()``) only by the task parsing piece `k`, and refilled only by the loading
/// thread after all tasks of the block have finished.
final class PieceScratchBox: @unchecked Sendable {
  private var scratch = PieceScratch()

  /// Moves the arrays out, leaving the box empty, so the caller holds the only reference.
  func take() -> PieceScratch {
    var out = PieceScratch()
    swap(&out, &scratch)
    return out
  }

  /// Stores arrays for the next block.
  func store(_ value: inout PieceScratch) {
    swap(&scratch, &value)
  }
}

/// How exports write a missing value in a number, date or id column: `NULL` (SQL Server, MySQL
/// clients), `\N` (MySQL's `SELECT … INTO OUTFILE`), `NA` (R), `NaN`, `None` (Python), `N/A`,
/// `#N/A` (Excel), `nil`, `(null)`, `<null>`; any case. Such a value is read as missing, and the
/// load summary says so. Text columns keep them as written (`NA` is also a country code).
enum NullToken {
  /// The tokens, lower case.
  static let tokens: [[UInt8]] = [
    "null", "\\n", "na", "nan", "none", "n/a", "#n/a", "nil", "(null)", "<null>",
  ].map { Array($0.utf8) }

  /// Whether the trimmed field `p[0..<n]` is a null token.
  @inline(__always)
  static func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n >= 2 && n <= 6 else { return false }
    let first = p[0] | 0x20
    guard first == UInt8(ascii: "n") || p[0] == UInt8(ascii: "#") || p[0] == UInt8(ascii: "\\")
      || p[0] == UInt8(ascii: "(") || p[0] == UInt8(ascii: "<")
    else { return false }
    return tokens.contains { token in
      guard token.count == n else { return false }
      for i in 0..<n {
        let b = p[i]
        let lower = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
        if lower != token[i] { return false }
      }
      return true
    }
  }

  /// ``matches(_:_:)`` for a string (the sampled values of role detection).
  static func matches(_ value: String) -> Bool {
    Array(value.utf8).withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return false }
      let (tp, tn) = NumberParsing.trimmed(base, b.count)
      return matches(tp, tn)
    }
  }
}
