/// Splits a byte range of CSV text into rows and fields, RFC 4180 style, without copying.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; rows end at LF, CRLF or a
/// lone CR; blank lines are skipped. A quote inside an unquoted field is an ordinary character,
/// and text after a closing quote is kept (`"a"b` reads `ab`), as Python's csv module does.
/// Field bounds are offsets into the buffer; fields that need unescaping (doubled quotes, text
/// after the closing quote) are flagged and keep their raw bounds, quotes included.
struct CSVTokenizer {
  /// Marks, in ``FieldBounds/ends``, a field whose raw bytes must go through ``unescape``.
  static let escapedFlag: UInt32 = 1 << 31

  let delimiter: Delimiter
  /// Fields per row; 0 while reading the header (any count is accepted).
  let columnCount: Int

  /// Where tokenizing stopped and why.
  enum Stop: Equatable {
    /// Every complete row was read; `consumed` is where the next row would start.
    case complete
    /// A row has `found` fields instead of `columnCount`; `offset` is where that row starts.
    case ragged(offset: Int, found: Int)
    /// A quoted field opened at `offset` never closes before the end of the data.
    case unterminatedQuote(offset: Int)
  }

  /// The field bounds of the rows read, row after row.
  struct FieldBounds: Sendable {
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    var rows = 0
    /// Line terminators consumed (LF, CRLF, lone CR), including those inside quoted fields.
    var lineBreaks = 0
    /// Offset just after the last complete row.
    var consumed = 0
  }

  /// Reads rows from `start` up to `end`. When `isFinal` is false, a row that reaches `end`
  /// without a terminator is left for later (`consumed` stops before it); when true, the end of
  /// the data ends the row. Reads at most `maxRows` rows.
  func tokenize(
    _ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isFinal: Bool,
    maxRows: Int = .max, into bounds: inout FieldBounds
  ) -> Stop {
    guard let p = buffer.baseAddress else { return .complete }
    let quote = UInt8(ascii: "\"")
    let whitespace = delimiter == .whitespace
    var delim: UInt8 = 0
    if case .character(let d) = delimiter { delim = d }
    // Bytes that end an unquoted field.
    var stops = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    func setStop(_ b: UInt8) {
      switch b >> 6 {
      case 0: stops.0 |= 1 << UInt64(b & 63)
      case 1: stops.1 |= 1 << UInt64(b & 63)
      case 2: stops.2 |= 1 << UInt64(b & 63)
      default: stops.3 |= 1 << UInt64(b & 63)
      }
    }
    setStop(0x0A)
    setStop(0x0D)
    if whitespace {
      setStop(0x20)
      setStop(0x09)
    } else {
      setStop(delim)
    }
    // Delimiters and line breaks are all below 128.
    let low = stops.0
    let high = stops.1
    @inline(__always) func isStop(_ b: UInt8) -> Bool {
      b < 64 ? (low >> UInt64(b)) & 1 != 0 : (b < 128 && (high >> UInt64(b & 63)) & 1 != 0)
    }

    var i = start
    bounds.consumed = start
    rowLoop: while i < end && bounds.rows < maxRows {
      let rowStart = i
      let fieldsBefore = bounds.starts.count
      let breaksBefore = bounds.lineBreaks
      var fields = 0
      if whitespace {
        while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
      }
      fieldLoop: while true {
        if i < end && p[i] == quote {
          let open = i
          i += 1
          var escaped = false
          while true {
            if i >= end {
              if isFinal { return .unterminatedQuote(offset: open) }
              bounds.starts.removeSubrange(fieldsBefore...)
              bounds.ends.removeSubrange(fieldsBefore...)
              bounds.lineBreaks = breaksBefore
              break rowLoop
            }
            let b = p[i]
            if b == quote {
              if i + 1 < end && p[i + 1] == quote {
                escaped = true
                i += 2
                continue
              }
              if i + 1 == end && !isFinal {
                // The next byte, unseen yet, might be a second quote.
                bounds.starts.removeSubrange(fieldsBefore...)
                bounds.ends.removeSubrange(fieldsBefore...)
                bounds.lineBreaks = breaksBefore
                break rowLoop
              }
              i += 1
              break
            }
            if b == 0x0A || (b == 0x0D && (i + 1 >= end || p[i + 1] != 0x0A)) {
              bounds.lineBreaks += 1
            }
            i += 1
          }
          let close = i - 1
          if i < end && !isStop(p[i]) {
            escaped = true
            while i < end && !isStop(p[i]) { i += 1 }
          }
          if escaped {
            bounds.starts.append(UInt32(open))
            bounds.ends.append(UInt32(i) | CSVTokenizer.escapedFlag)
          } else {
            bounds.starts.append(UInt32(open + 1))
            bounds.ends.append(UInt32(close))
          }
        } else {
          let fieldStart = i
          while i < end && !isStop(p[i]) { i += 1 }
          bounds.starts.append(UInt32(fieldStart))
          bounds.ends.append(UInt32(i))
        }
        fields += 1
        if whitespace {
          while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        }
        if i >= end {
          if !isFinal {
            bounds.starts.removeSubrange(fieldsBefore...)
            bounds.ends.removeSubrange(fieldsBefore...)
            bounds.lineBreaks = breaksBefore
            break rowLoop
          }
          break fieldLoop
        }
        let b = p[i]
        if b == 0x0A {
          i += 1
          bounds.lineBreaks += 1
          break fieldLoop
        }
        if b == 0x0D {
          i += 1
          if i < end && p[i] == 0x0A {
            i += 1
          } else if i == end && !isFinal {
            // A CR at the end of the data may be the first half of CRLF.
            bounds.starts.removeSubrange(fieldsBefore...)
            bounds.ends.removeSubrange(fieldsBefore...)
            bounds.lineBreaks = breaksBefore
            break rowLoop
          }
          bounds.lineBreaks += 1
          break fieldLoop
        }
        if whitespace {
          continue fieldLoop
        }
        // The delimiter: another field follows, possibly empty at the end of the line.
        i += 1
      }
      // A blank line (one empty unquoted field, or none in whitespace mode) is skipped.
      if fields == 0
        || (fields == 1 && bounds.ends[fieldsBefore] == bounds.starts[fieldsBefore]
          && p[rowStart] != quote)
      {
        bounds.starts.removeSubrange(fieldsBefore...)
        bounds.ends.removeSubrange(fieldsBefore...)
        bounds.consumed = i
        continue rowLoop
      }
      if columnCount > 0 && fields != columnCount {
        bounds.starts.removeSubrange(fieldsBefore...)
        bounds.ends.removeSubrange(fieldsBefore...)
        bounds.lineBreaks = breaksBefore
        return .ragged(offset: rowStart, found: fields)
      }
      bounds.rows += 1
      bounds.consumed = i
    }
    return .complete
  }

  /// The unescaped bytes of a flagged field: the quoted part without its quotes and with `""`
  /// read as `"`, then any text after the closing quote.
  static func unescape(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    var i = start + 1
    let quote = UInt8(ascii: "\"")
    while i < end {
      if p[i] == quote {
        if i + 1 < end && p[i + 1] == quote {
          out.append(quote)
          i += 2
          continue
        }
        i += 1
        break
      }
      out.append(p[i])
      i += 1
    }
    while i < end {
      out.append(p[i])
      i += 1
    }
  }

  /// Counts line breaks (LF, CRLF, lone CR) in `start..<end`, for turning offsets into lines.
  static func lineBreaks(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
    var n = 0
    var i = start
    while i < end {
      if p[i] == 0x0A {
        n += 1
      } else if p[i] == 0x0D && (i + 1 >= end || p[i + 1] != 0x0A) {
        n += 1
      }
      i += 1
    }
    return n
  }
}
