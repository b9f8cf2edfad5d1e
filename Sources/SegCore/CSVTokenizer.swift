#if arch(x86_64)
  internal import _Builtin_intrinsics.intel
#endif

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
  /// Whether rows without quotes or lone CRs are read 64 bytes at a time (``scanRows``); off
  /// only to test that both ways read the same.
  var vectorized = true

  init(delimiter: Delimiter, columnCount: Int, vectorized: Bool = true) {
    self.delimiter = delimiter
    self.columnCount = columnCount
    self.vectorized = vectorized
  }

  /// Where tokenizing stopped and why.
  enum Stop: Equatable {
    /// Every complete row was read; `consumed` is where the next row would start.
    case complete
    /// A row has `found` fields instead of `columnCount`; `offset` is where that row starts.
    case ragged(offset: Int, found: Int)
    /// A quoted field opened at `offset` never closes before the end of the data.
    case unterminatedQuote(offset: Int)
  }

  /// The field bounds of the rows read, row after row: the first ``fields`` entries of
  /// ``starts`` and ``ends`` (the arrays may be longer: they are reused without being cleared).
  struct FieldBounds: Sendable {
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    var fields = 0
    var rows = 0
    /// Line terminators consumed (LF, CRLF, lone CR), including those inside quoted fields.
    var lineBreaks = 0
    /// Offset just after the last complete row.
    var consumed = 0
    /// Rows skipped because every field is empty and unquoted (`,,,,`, as spreadsheets write the
    /// rows below a table): like blank lines, they are not rows. Only with a known column count
    /// above 1.
    var emptyRows = 0
  }

  /// Reads rows from `start` up to `end`. When `isFinal` is false, a row that reaches `end`
  /// without a terminator is left for later (`consumed` stops before it); when true, the end of
  /// the data ends the row. Reads at most `maxRows` rows.
  func tokenize(
    _ buffer: UnsafeBufferPointer<UInt8>,
    from start: Int,
    to end: Int,
    isFinal: Bool,
    maxRows: Int = .max,
    into bounds: inout FieldBounds
  ) -> Stop {
    guard let p = buffer.baseAddress else { return .complete }
    var state = State(
      position: start,
      fields: bounds.fields,
      rows: bounds.rows,
      lineBreaks: bounds.lineBreaks
    )
    state.emptyRows = bounds.emptyRows
    var starts = bounds.starts
    var ends = bounds.ends
    bounds.starts = []
    bounds.ends = []
    // Room for a field every 8 bytes; arrays kept from earlier use are not cleared.
    let wanted = max(64, state.fields + (end - start) / 8)
    if starts.count < wanted {
      starts.append(contentsOf: repeatElement(0, count: wanted - starts.count))
      ends.append(contentsOf: repeatElement(0, count: wanted - ends.count))
    }
    var stop = Stop.complete
    while true {
      let outcome = starts.withUnsafeMutableBufferPointer { sp in
        ends.withUnsafeMutableBufferPointer { ep in
          run(p, end: end, isFinal: isFinal, maxRows: maxRows, sp, ep, &state)
        }
      }
      if let outcome {
        stop = outcome
        break
      }
      starts.append(contentsOf: repeatElement(0, count: starts.count))
      ends.append(contentsOf: repeatElement(0, count: ends.count))
    }
    bounds.starts = starts
    bounds.ends = ends
    bounds.fields = state.fields
    bounds.rows = state.rows
    bounds.lineBreaks = state.lineBreaks
    bounds.consumed = state.consumed
    bounds.emptyRows = state.emptyRows
    return stop
  }

  /// Where a run of the tokenizer is.
  private struct State {
    var position: Int
    var fields: Int
    var rows: Int
    var lineBreaks: Int
    var consumed: Int
    var emptyRows = 0

    init(position: Int, fields: Int, rows: Int, lineBreaks: Int) {
      self.position = position
      self.fields = fields
      self.rows = rows
      self.lineBreaks = lineBreaks
      consumed = position
    }
  }

  /// `0x80` in each byte of `w` that equals `b` (exact for the lowest such byte).
  @inline(__always)
  private static func bytes(_ w: UInt64, equalTo b: UInt64) -> UInt64 {
    let x = w ^ b
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
  }

  /// Tokenizes until done (a ``Stop``) or until the field arrays are full (`nil`: the caller
  /// grows them and calls again; the unfinished row is rolled back).
  private func run(
    _ p: UnsafePointer<UInt8>,
    end: Int,
    isFinal: Bool,
    maxRows: Int,
    _ sp: UnsafeMutableBufferPointer<UInt32>,
    _ ep: UnsafeMutableBufferPointer<UInt32>,
    _ state: inout State
  ) -> Stop? {
    let quote = UInt8(ascii: "\"")
    let whitespace = delimiter == .whitespace
    var delim: UInt8 = 0
    if case .character(let d) = delimiter { delim = d }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let delimWord = whitespace ? ones &* 0x20 : ones &* UInt64(delim)
    let tabWord = whitespace ? ones &* 0x09 : ones &* UInt64(delim)
    let lfWord = ones &* 0x0A
    let crWord = ones &* 0x0D
    @inline(__always) func isStop(_ b: UInt8) -> Bool {
      b == 0x0A || b == 0x0D || (whitespace ? (b == 0x20 || b == 0x09) : b == delim)
    }
    /// The first byte at or after `from` that ends an unquoted field, eight bytes at a time.
    @inline(__always) func findStop(_ from: Int) -> Int {
      var i = from
      while i + 8 <= end {
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let m =
          CSVTokenizer.bytes(w, equalTo: delimWord)
          | (whitespace ? CSVTokenizer.bytes(w, equalTo: tabWord) : 0)
          | CSVTokenizer.bytes(w, equalTo: lfWord) | CSVTokenizer.bytes(w, equalTo: crWord)
        if m != 0 { return i + m.trailingZeroBitCount >> 3 }
        i += 8
      }
      while i < end && !isStop(p[i]) { i += 1 }
      return i
    }
    let capacity = sp.count
    var i = state.position
    var nf = state.fields
    var rows = state.rows
    var lineBreaks = state.lineBreaks
    var consumed = state.consumed
    var emptyRows = state.emptyRows
    defer {
      state.position = i
      state.fields = nf
      state.rows = rows
      state.lineBreaks = lineBreaks
      state.consumed = consumed
      state.emptyRows = emptyRows
    }
    let scans = vectorized && columnCount > 0 && !whitespace && maxRows == .max
      && delim != quote && delim != 0x0A && delim != 0x0D
    rowLoop: while i < end && rows < maxRows {
      if scans && i + 64 <= end {
        let scan = CSVTokenizer.scanRows(
          p, end: end, delimiter: delim, columnCount: columnCount, sp, ep,
          position: &i, fields: &nf, rows: &rows, lineBreaks: &lineBreaks, consumed: &consumed,
          emptyRows: &emptyRows)
        switch scan {
        case .handOver: break
        case .full: return nil
        case .stop(let stop): return stop
        }
        if i >= end { break rowLoop }
      }
      let rowStart = i
      let fieldsBefore = nf
      let breaksBefore = lineBreaks
      var fields = 0
      if whitespace {
        while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
      }
      fieldLoop: while true {
        if nf == capacity {
          (i, nf, lineBreaks) = (rowStart, fieldsBefore, breaksBefore)
          return nil
        }
        if i < end && p[i] == quote {
          let open = i
          i += 1
          var escaped = false
          while true {
            if i >= end {
              if isFinal { return .unterminatedQuote(offset: open) }
              (i, nf, lineBreaks) = (rowStart, fieldsBefore, breaksBefore)
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
                (i, nf, lineBreaks) = (rowStart, fieldsBefore, breaksBefore)
                break rowLoop
              }
              i += 1
              break
            }
            if b == 0x0A || (b == 0x0D && (i + 1 >= end || p[i + 1] != 0x0A)) {
              lineBreaks += 1
            }
            i += 1
          }
          let close = i - 1
          if i < end && !isStop(p[i]) {
            escaped = true
            while i < end && !isStop(p[i]) { i += 1 }
          }
          if escaped {
            sp[nf] = UInt32(open)
            ep[nf] = UInt32(i) | CSVTokenizer.escapedFlag
          } else {
            sp[nf] = UInt32(open + 1)
            ep[nf] = UInt32(close)
          }
        } else {
          let fieldStart = i
          i = findStop(i)
          sp[nf] = UInt32(fieldStart)
          ep[nf] = UInt32(i)
        }
        nf += 1
        fields += 1
        if whitespace {
          while i < end && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        }
        if i >= end {
          if !isFinal {
            (i, nf, lineBreaks) = (rowStart, fieldsBefore, breaksBefore)
            break rowLoop
          }
          break fieldLoop
        }
        let b = p[i]
        if b == 0x0A {
          i += 1
          lineBreaks += 1
          break fieldLoop
        }
        if b == 0x0D {
          i += 1
          if i < end && p[i] == 0x0A {
            i += 1
          } else if i == end && !isFinal {
            // A CR at the end of the data may be the first half of CRLF.
            (i, nf, lineBreaks) = (rowStart, fieldsBefore, breaksBefore)
            break rowLoop
          }
          lineBreaks += 1
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
        || (fields == 1 && ep[fieldsBefore] == sp[fieldsBefore] && p[rowStart] != quote)
      {
        nf = fieldsBefore
        consumed = i
        continue rowLoop
      }
      // A row of empty unquoted fields only (`,,,,`) is skipped too: its last field ends one
      // byte per delimiter after the row's start, which no row with a value or a quote does.
      if columnCount > 1 && fields == columnCount && !whitespace
        && Int(ep[nf - 1]) == rowStart + columnCount - 1
      {
        nf = fieldsBefore
        consumed = i
        emptyRows += 1
        continue rowLoop
      }
      if columnCount > 0 && fields != columnCount {
        (nf, lineBreaks) = (fieldsBefore, breaksBefore)
        return .ragged(offset: rowStart, found: fields)
      }
      rows += 1
      consumed = i
    }
    return .complete
  }

  /// Why ``scanRows`` returned.
  private enum Scan {
    /// At a row start that the byte-by-byte reader must take: a quote or a lone CR is near, or
    /// the data ends within 64 bytes.
    case handOver
    /// The field arrays are full; the position is at a row start.
    case full
    /// A ragged row.
    case stop(Stop)
  }

  /// Reads whole rows 64 bytes at a time from `position`, a row start: each 64-byte window gives
  /// bit masks of its delimiters and line feeds, and fields are cut at the set bits. Rows are
  /// left to the byte-by-byte reader from the first one that holds a quote or a CR not followed
  /// by LF, or that may reach past the data, so both readers always agree.
  @inline(__always)
  private static func scanRows(
    _ p: UnsafePointer<UInt8>,
    end: Int,
    delimiter: UInt8,
    columnCount: Int,
    _ sp: UnsafeMutableBufferPointer<UInt32>,
    _ ep: UnsafeMutableBufferPointer<UInt32>,
    position: inout Int,
    fields nf: inout Int,
    rows: inout Int,
    lineBreaks: inout Int,
    consumed: inout Int,
    emptyRows: inout Int
  ) -> Scan {
    let capacity = sp.count
    // The row being read: where it starts, its first field's index, its fields so far.
    var rowStart = position
    var rowBase = nf
    var fieldStart = position
    var fieldsInRow = 0
    var i = position
    defer {
      // Back to the start of the unfinished row.
      position = rowStart
      nf = rowBase
    }
    while i + 64 <= end {
      if nf + 64 > capacity { return .full }
      let m = ByteMasks(p + i, delimiter: delimiter)
      var cuts = m.delimiters | m.lineFeeds
      var last = false
      if m.quotesOrReturns != 0 {
        // Returns followed by a line feed end rows like a line feed alone; anything else (a
        // quote, a lone CR) is left to the byte-by-byte reader, from its row on.
        var lineFeedNext = m.lineFeeds >> 1
        if i + 64 < end && p[i + 64] == 0x0A { lineFeedNext |= 1 << 63 }
        let hazards = m.quotes | (m.returns & ~lineFeedNext)
        if hazards != 0 {
          cuts &= (1 << UInt64(hazards.trailingZeroBitCount)) &- 1
          last = true
        }
      }
      while cuts != 0 {
        let bit = cuts & (0 &- cuts)
        cuts ^= bit
        let at = i + bit.trailingZeroBitCount
        if m.lineFeeds & bit != 0 {
          var fieldEnd = at
          if fieldEnd > fieldStart && p[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
          if fieldsInRow == 0 && fieldEnd == fieldStart {
            // A blank line is skipped.
            lineBreaks += 1
            consumed = at + 1
            rowStart = at + 1
            fieldStart = at + 1
            continue
          }
          if columnCount > 1 && fieldsInRow + 1 == columnCount
            && fieldEnd == rowStart + columnCount - 1
          {
            // A row of empty fields only (`,,,,`) is skipped, as the byte-by-byte reader does.
            nf = rowBase
            emptyRows += 1
            lineBreaks += 1
            consumed = at + 1
            rowStart = at + 1
            fieldStart = at + 1
            fieldsInRow = 0
            continue
          }
          sp[nf] = UInt32(truncatingIfNeeded: fieldStart)
          ep[nf] = UInt32(truncatingIfNeeded: fieldEnd)
          nf += 1
          if fieldsInRow + 1 != columnCount {
            return .stop(.ragged(offset: rowStart, found: fieldsInRow + 1))
          }
          rows += 1
          lineBreaks += 1
          consumed = at + 1
          rowStart = at + 1
          rowBase = nf
          fieldStart = at + 1
          fieldsInRow = 0
        } else {
          sp[nf] = UInt32(truncatingIfNeeded: fieldStart)
          ep[nf] = UInt32(truncatingIfNeeded: at)
          nf += 1
          fieldsInRow += 1
          fieldStart = at + 1
          // A row with far too many fields would outgrow the arrays: the byte-by-byte reader
          // reports it.
          if fieldsInRow > columnCount { return .handOver }
        }
      }
      if last { return .handOver }
      i += 64
    }
    return .handOver
  }

  /// The unescaped bytes of a flagged field: the quoted part without its quotes and with `""`
  /// read as `"`, then any text after the closing quote.
  static func unescape(
    _ p: UnsafePointer<UInt8>,
    from start: Int,
    to end: Int,
    into out: inout [UInt8]
  ) {
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

/// Bit masks of the bytes of a 64-byte window that matter to ``CSVTokenizer``: bit `k` is byte
/// `k`.
struct ByteMasks {
  var delimiters: UInt64
  var lineFeeds: UInt64
  /// Quotes and carriage returns together (`quotes` and `returns` are filled only when this is
  /// not zero).
  var quotesOrReturns: UInt64
  var quotes: UInt64 = 0
  var returns: UInt64 = 0

  @inline(__always)
  init(_ p: UnsafePointer<UInt8>, delimiter: UInt8) {
    #if arch(x86_64)
      // SSE2, which every x86-64 processor has: compare 16 bytes at a time, then take the top
      // bit of each byte.
      let d = SIMD16<UInt8>(repeating: delimiter)
      let lf = SIMD16<UInt8>(repeating: 0x0A)
      let cr = SIMD16<UInt8>(repeating: 0x0D)
      let quote = SIMD16<UInt8>(repeating: 0x22)
      let raw = UnsafeRawPointer(p)
      var delimiters: UInt64 = 0
      var lineFeeds: UInt64 = 0
      var hazards: UInt64 = 0
      for k in 0..<4 {
        let v = raw.loadUnaligned(fromByteOffset: 16 * k, as: SIMD16<UInt8>.self)
        delimiters |= ByteMasks.bits(v .== d) << (16 * k)
        lineFeeds |= ByteMasks.bits(v .== lf) << (16 * k)
        hazards |= ByteMasks.bits((v .== cr) .| (v .== quote)) << (16 * k)
      }
      self.delimiters = delimiters
      self.lineFeeds = lineFeeds
      quotesOrReturns = hazards
      if hazards != 0 {
        for k in 0..<4 {
          let v = raw.loadUnaligned(fromByteOffset: 16 * k, as: SIMD16<UInt8>.self)
          quotes |= ByteMasks.bits(v .== quote) << (16 * k)
          returns |= ByteMasks.bits(v .== cr) << (16 * k)
        }
      }
    #else
      // Eight bytes at a time in a word.
      delimiters = ByteMasks.word(p, equalTo: delimiter)
      lineFeeds = ByteMasks.word(p, equalTo: 0x0A)
      quotes = ByteMasks.word(p, equalTo: 0x22)
      returns = ByteMasks.word(p, equalTo: 0x0D)
      quotesOrReturns = quotes | returns
    #endif
  }

  #if arch(x86_64)
    @inline(__always)
    private static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
      UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(mask, to: __m128i.self))))
    }
  #endif

  /// The mask of the 64 bytes at `p` equal to `b`, from eight words.
  @inline(__always)
  static func word(_ p: UnsafePointer<UInt8>, equalTo b: UInt8) -> UInt64 {
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let splat = 0x0101_0101_0101_0101 &* UInt64(b)
    var result: UInt64 = 0
    for k in 0..<8 {
      let x = UnsafeRawPointer(p).loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self) ^ splat
      // 0x80 exactly in the bytes that are zero.
      let zero = ~(((x & low) &+ low) | x | low)
      // Gathers the eight top bits into one byte (each product bit lands apart, no carries).
      result |= (((zero >> 7) &* 0x0102_0408_1020_4080) >> 56) << (8 * k)
    }
    return result
  }
}
