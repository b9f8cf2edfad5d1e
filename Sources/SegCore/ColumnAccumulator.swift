/// One column of the whole file, built up piece by piece in file order.
///
/// Pieces are parsed independently, so one piece may find integers where the next finds text.
/// The accumulator widens as the pieces arrive: empty → any type, integer ↔ decimal → decimal,
/// and anything else → text. Integers become text exactly when every one was written canonically
/// (`536365`, not `0536365`); other widenings to text need the original bytes of earlier blocks,
/// which are gone, so the loader starts over with the column read as text (``needsRestart``).
struct ColumnAccumulator {
  var kind: PieceColumn.Kind = .empty
  var rows = 0
  var ints: [Int64] = []
  var doubles: [Double] = []
  var codes: [UInt32] = []
  var pool = ByteStringPool(capacity: 1024)
  var canonical = true
  /// First lines (1-based) of slash dates that are not valid month-first / day-first.
  var monthFirstInvalidLine: Int? = nil
  /// Whether a slash date had a two-digit year (`12/31/21`), for the load summary.
  var twoDigitYears = false
  /// The column's first slash date as written (``SlashDate/patterns(for:)``).
  var slashExample: [UInt8]? = nil
  var dayFirstInvalidLine: Int? = nil
  /// How the date column's values were read, once a piece with dates has said.
  var dateReading: DateReading? = nil
  /// Whether dates with dots that fit both orders were read day first (for the load summary).
  var dottedDayFirst = false
  /// The zone abbreviations read (``PieceColumn/zoneNames``).
  var zoneNames: UInt64 = 0
  /// Whether an ISO date-time had an offset other than zero (``PieceColumn/shiftedOffsets``).
  var shiftedOffsets = false
  /// Rows expected in total, for reserving capacity once.
  var expectedRows = 0
  /// What the column's written numbers showed, and their currency (see ``PieceColumn``).
  var spelling: WrittenNumber.Spelling = []
  var currency: UInt8 = 0
  /// Values written as a null read as missing, and the first (see ``PieceColumn``).
  var nullTokens = 0
  var nullExample: [UInt8]? = nil

  /// The kind two parts of a column share.
  static func join(_ a: PieceColumn.Kind, _ b: PieceColumn.Kind) -> PieceColumn.Kind {
    if a == .empty { return b }
    if b == .empty || a == b { return a }
    if (a == .integer && b == .decimal) || (a == .decimal && b == .integer) { return .decimal }
    return .text
  }

  /// Whether the values so far can become text without the original bytes.
  var canBecomeText: Bool {
    switch kind {
    case .empty, .text: true
    case .integer: canonical
    default: false
    }
  }

  private mutating func reserve() {
    let n = max(expectedRows, rows)
    switch kind {
    case .integer, .datetime, .slashDate: ints.reserveCapacity(n)
    case .decimal: doubles.reserveCapacity(n)
    case .text: codes.reserveCapacity(n)
    case .empty: break
    }
  }

  /// Turns the values so far into text; only valid when ``canBecomeText``.
  mutating func convertToText() {
    switch kind {
    case .empty:
      kind = .text
      reserve()
      codes.append(contentsOf: repeatElement(Column.missingCode, count: rows))
    case .integer:
      kind = .text
      var newCodes: [UInt32] = []
      newCodes.reserveCapacity(max(expectedRows, rows))
      for v in ints {
        if v == Column.missingInteger {
          newCodes.append(Column.missingCode)
        } else {
          newCodes.append(pool.intern(Array(String(v).utf8)))
        }
      }
      ints = []
      codes = newCodes
    default:
      break
    }
  }

  /// Appends a piece whose kind joins with this column's kind to something other than text, or a
  /// text piece when this column is already text.
  mutating func append(_ piece: PieceColumn) {
    let target = ColumnAccumulator.join(kind, piece.kind)
    if kind == .empty && target != .empty {
      let missing = rows
      kind = target
      reserve()
      switch target {
      case .integer, .datetime, .slashDate:
        ints.append(contentsOf: repeatElement(Column.missingInteger, count: missing))
      case .decimal: doubles.append(contentsOf: repeatElement(.nan, count: missing))
      case .text: codes.append(contentsOf: repeatElement(Column.missingCode, count: missing))
      case .empty: break
      }
    }
    if kind == .integer && target == .decimal {
      var converted: [Double] = []
      converted.reserveCapacity(max(expectedRows, rows))
      for v in ints { converted.append(v == Column.missingInteger ? .nan : Double(v)) }
      doubles = converted
      ints = []
      kind = .decimal
    }
    rows += piece.rows
    if !piece.canonical { canonical = false }
    spelling.formUnion(piece.spelling)
    if currency == 0 { currency = piece.currency }
    nullTokens += piece.nullTokens
    if nullExample == nil { nullExample = piece.nullExample }
    switch (kind, piece.kind) {
    case (_, .empty):
      switch kind {
      case .integer, .datetime, .slashDate:
        ints.append(contentsOf: repeatElement(Column.missingInteger, count: piece.rows))
      case .decimal: doubles.append(contentsOf: repeatElement(.nan, count: piece.rows))
      case .text: codes.append(contentsOf: repeatElement(Column.missingCode, count: piece.rows))
      case .empty: break
      }
    case (.decimal, .integer):
      for v in piece.ints { doubles.append(v == Column.missingInteger ? .nan : Double(v)) }
    case (.decimal, _):
      doubles.append(contentsOf: piece.doubles)
    case (.text, .text):
      // Codes are the dictionary's already, except those marked local (values new to the file
      // when the piece was parsed).
      let first = codes.count
      codes.append(contentsOf: piece.codes)
      guard piece.pool.count > 0 else { break }
      let map = pool.intern(contentsOf: piece.pool)
      map.withUnsafeBufferPointer { m in
        codes.withUnsafeMutableBufferPointer { out in
          for k in first..<out.count {
            let code = out[k]
            if code & PieceColumn.localCode != 0 && code != Column.missingCode {
              out[k] = m[Int(code & ~PieceColumn.localCode)]
            }
          }
        }
      }
    default:
      ints.append(contentsOf: piece.ints)
    }
  }
}

/// One column's accumulator, shared by reference so that columns can be merged in parallel.
///
/// `@unchecked Sendable` is safe because of how ``LoadSession`` uses it: while a parallel merge
/// runs, box `c` is touched only by the task for column `c`; outside it, only by the loading
/// thread. No box is ever reached from two threads at once.
final class AccumulatorBox: @unchecked Sendable {
  var value = ColumnAccumulator()
}
