/// Decides each column's ``NumberStyle`` from the values of the file's first block, before its
/// rows are parsed, so that every piece reads the column the same way.
///
/// The decimal separator is decided from evidence across the column (``WrittenNumber/Evidence``):
/// `261,96` or `1.234,56` can only have a decimal comma, `2.55`, `1,234.50` or `12,345,678` only
/// a decimal point. A column with both stops the load (`ambiguous-decimal`). A column whose
/// values all fit both (`1,234`, `1.234`) gets the reading its file's delimiter suggests (a
/// decimal comma in `;` files, else a decimal point) and the load summary says what was
/// assumed. `decimal=` overrides the evidence.
enum NumberSniffer {
  struct Decision: Sendable {
    var styles: [NumberStyle]
    /// Per column, what was assumed for values that fit both readings.
    var assumptions: [Int: Remark] = [:]
    /// A column with values of both readings: the column and the offsets of a decimal-comma
    /// value and a decimal-point value.
    var conflict: (column: Int, comma: Int, point: Int)? = nil
  }

  /// Evidence counts of one column.
  private struct Tally {
    var comma = 0
    var point = 0
    var ambiguousComma = 0
    var ambiguousPoint = 0
    var firstComma = -1
    var firstPoint = -1
    /// Whether a value needed the written-number reader (currency, thousands, comma …).
    var needsWritten = false
    /// Whether some value is neither a plain nor a written number (the column is not numeric).
    var other = false
  }

  static func decide(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isFinal: Bool,
    delimiter: Delimiter, policies: [ColumnPolicy], forced: DecimalSeparator?
  ) -> Decision {
    let columns = policies.count
    var decision = Decision(styles: Array(repeating: .plain, count: columns))
    guard let base = buffer.baseAddress, columns > 0 else { return decision }
    var bounds = CSVTokenizer.FieldBounds()
    _ = CSVTokenizer(delimiter: delimiter, columnCount: columns).tokenize(
      buffer, from: start, to: end, isFinal: isFinal, into: &bounds)
    var scratch: [UInt8] = []
    for c in 0..<columns {
      let isNumber = policies[c] == .number
      guard isNumber || policies[c] == .infer else { continue }
      var t = Tally()
      for r in 0..<bounds.rows {
        let k = r * columns + c
        let s = Int(bounds.starts[k])
        let e = bounds.ends[k]
        let (p, n): (UnsafePointer<UInt8>, Int)
        if e & CSVTokenizer.escapedFlag == 0 {
          (p, n) = (base + s, Int(e) - s)
        } else {
          CSVTokenizer.unescape(base, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
          (p, n) = scratch.withUnsafeBufferPointer { b in (b.baseAddress ?? base, b.count) }
        }
        note(p, n, offset: s, into: &t)
        // A text column is settled at its first value that is no number.
        if t.other && !isNumber { break }
      }
      var style = NumberStyle()
      if let forced {
        style.decimal = forced
      } else if t.comma > 0 && t.point > 0 {
        if decision.conflict == nil && (isNumber || !t.other) {
          decision.conflict = (c, t.firstComma, t.firstPoint)
        }
        continue
      } else if t.comma > 0 {
        style.decimal = .comma
      } else if t.point == 0 && (t.ambiguousComma > 0 || t.ambiguousPoint > 0) {
        // Every separator fits both readings: the file's convention decides, and says so.
        let semicolons = delimiter == .semicolon
        style.decimal = semicolons ? .comma : .point
        if t.ambiguousComma > 0 && !semicolons {
          decision.assumptions[c] =
            "1,234 read as 1234 (a thousands comma); give \(setting: .decimal, "\",\"") if the comma is decimal"
        } else if t.ambiguousPoint > 0 && semicolons {
          decision.assumptions[c] =
            "1.234 read as 1234 (a thousands point, as in ;-separated files); give \(setting: .decimal, "\".\"") if the point is decimal"
        } else if semicolons {
          decision.assumptions[c] =
            "1,234 read as 1.234 (a decimal comma, as in ;-separated files); give \(setting: .decimal, "\".\"") if the comma separates thousands"
        }
      }
      style.written = isNumber || (!t.other && (t.needsWritten || style.decimal == .comma))
      decision.styles[c] = style
    }
    return decision
  }

  /// Adds one value's evidence to a column's tally.
  private static func note(_ p0: UnsafePointer<UInt8>, _ n0: Int, offset: Int, into t: inout Tally) {
    let (p, n) = NumberParsing.trimmed(p0, n0)
    guard n > 0 else { return }
    let plain = NumberParsing.plainInteger(p, n) != nil || NumberParsing.plainDecimal(p, n) != nil
    switch WrittenNumber.evidence(p, n) {
    case .none: break
    case .comma:
      if t.firstComma < 0 { t.firstComma = offset }
      t.comma += 1
    case .point:
      if t.firstPoint < 0 { t.firstPoint = offset }
      t.point += 1
    case .ambiguousComma: t.ambiguousComma += 1
    case .ambiguousPoint: t.ambiguousPoint += 1
    }
    if plain { return }
    // Not plain: a written number under either reading, or something else.
    if WrittenNumber.parse(p, n, decimal: .point) != nil
      || WrittenNumber.parse(p, n, decimal: .comma) != nil
    {
      t.needsWritten = true
    } else if NumberParsing.parseDecimal(p, n) == nil {
      t.other = true
    }
  }
}
