// The footer rule of stage 3: short lines at the end of a report export (eBay's `315
// record(s) downloaded`, a `Total` line) are its footer, not rows. See ``LoadSession`` and
// docs/rfm.md, "Footers".

extension LoadSession {
  /// What a piece's short row means for the footer rule.
  enum FooterStep {
    /// Nothing: no short row, or one that stays an error.
    case none
    /// The short row begins the file's footer (``takeFooter(_:_:from:to:regionStart:firstLine:)``).
    case footer
    /// The short row is within the last 4 KiB of a block that is not the file's last: it may
    /// begin the footer, so the block ends before it, and the next block (with the rest of the
    /// file, or more rows) decides.
    case deferred
  }

  /// The footer rule for a piece whose tokenizing stopped: in the file's last block,
  /// ``takeFooter(_:_:from:to:regionStart:firstLine:)``; in an earlier block, a short row within
  /// its last 4 KiB is left for the next block, whatever block size splits the footer.
  mutating func footerStep(
    _ outcome: inout PieceOutcome, _ buffer: [UInt8], from start: Int, to end: Int, isFinal: Bool,
    regionStart: Int, firstLine: Int
  ) -> FooterStep {
    if isFinal {
      return takeFooter(
        &outcome, buffer, from: start, to: end, regionStart: regionStart, firstLine: firstLine)
        ? .footer : .none
    }
    guard footer == nil, case .ragged(let offset, let found) = outcome.stop, found < names.count,
      end - offset <= LoadSession.maximumFooterBytes
    else { return .none }
    outcome.stop = .complete
    return .deferred
  }

  /// Whether a blank line stands right before `offset`: the block's bytes from `regionStart`,
  /// and before them the last bytes of the blocks before (``bytesBeforeRegion``).
  func blankLine(before offset: Int, in buffer: [UInt8], from regionStart: Int) -> Bool {
    func byte(_ i: Int) -> UInt8? {
      if i >= regionStart { return buffer[i] }
      let back = regionStart - i
      return back <= bytesBeforeRegion.count ? bytesBeforeRegion[bytesBeforeRegion.count - back] : nil
    }
    guard byte(offset - 1) == 0x0A else { return false }
    return byte(offset - 2) == 0x0A || (byte(offset - 2) == 0x0D && byte(offset - 3) == 0x0A)
  }

  /// Keeps the last bytes before `position`, where the next block's rows start, for
  /// ``blankLine(before:in:from:)``.
  mutating func keepBytes(before position: Int, in buffer: [UInt8], from regionStart: Int) {
    let own = Array(buffer[max(regionStart, position - 3)..<position])
    bytesBeforeRegion = Array((bytesBeforeRegion + own).suffix(3))
  }

  /// Whether the piece stops at a short row that begins the file's footer: the rest of the file
  /// is short lines (``footerLines(_:from:to:delimiter:columns:)``), set apart from the rows by a
  /// blank line (eBay's report) or starting with a label where the first column holds numbers or
  /// dates (`Total,9` below `1,2,3`). Then the rows before it are the piece's, the footer is kept for the
  /// report's warning, and `outcome` is marked complete. A short last row without either, as a
  /// file cut off in the middle of a row ends, stays an error. `to` must be the end of the file;
  /// `regionStart` is where the block's bytes begin.
  mutating func takeFooter(
    _ outcome: inout PieceOutcome, _ buffer: [UInt8], from start: Int, to end: Int,
    regionStart: Int, firstLine: Int
  ) -> Bool {
    guard footer == nil, case .ragged(let offset, let found) = outcome.stop, found < names.count,
      let (lines, label) = LoadSession.footerLines(
        buffer, from: offset, to: end, delimiter: delimiter, columns: names.count)
    else { return false }
    let blankBefore = blankLine(before: offset, in: buffer, from: regionStart)
    // The first column's kind in the rows before the footer: this piece's, else the blocks'
    // before it (the sampled kinds may have counted the footer itself).
    var kind = outcome.bounds.rows > 0 && !outcome.columns.isEmpty ? outcome.columns[0].kind : .empty
    if kind == .empty, let first = accumulators.first { kind = first.value.kind }
    let labelled =
      kind != .text && kind != .empty && label.unicodeScalars.contains { $0.properties.isAlphabetic }
    guard blankBefore || labelled else { return false }
    footer = Footer(line: lineOf(offset, in: buffer, from: start, base: firstLine), lines: lines)
    outcome.stop = .complete
    return true
  }

  /// The lines of a report export's footer (eBay's `3 record(s) downloaded`, a `Total` line, a
  /// `Seller ID:` line) from `start` to the end of the file: at most
  /// ``maximumFooterLines`` lines in at most 4 KiB, each with fewer fields than the header's
  /// `columns`, as written, and the first line's first field; `nil` when the rest of the file is
  /// not such lines.
  static func footerLines(
    _ buffer: [UInt8], from start: Int, to end: Int, delimiter: Delimiter, columns: Int
  ) -> (lines: [String], label: String)? {
    guard end - start <= maximumFooterBytes else { return nil }
    var lines: [String] = []
    var label = ""
    var position = start
    var bounds = CSVTokenizer.FieldBounds()
    let found: Bool = buffer.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return false }
      while position < end {
        bounds.fields = 0
        bounds.rows = 0
        bounds.lineBreaks = 0
        bounds.consumed = position
        let stop = CSVTokenizer(delimiter: delimiter, columnCount: 0).tokenize(
          b, from: position, to: end, isFinal: true, maxRows: 1, into: &bounds)
        if case .unterminatedQuote = stop { return false }
        guard bounds.consumed > position else { break }
        if bounds.rows == 1 {
          guard bounds.fields < columns, lines.count < maximumFooterLines else { return false }
          if lines.isEmpty {
            let s = Int(bounds.starts[0])
            let e = bounds.ends[0]
            if e & CSVTokenizer.escapedFlag == 0 {
              label = String(decoding: UnsafeBufferPointer(start: p + s, count: Int(e) - s), as: UTF8.self)
            } else {
              var scratch: [UInt8] = []
              CSVTokenizer.unescape(p, from: s, to: Int(e & ~CSVTokenizer.escapedFlag), into: &scratch)
              label = String(decoding: scratch, as: UTF8.self)
            }
          }
          // The line as written: from its first field's line start to its line break.
          var s = Int(bounds.starts[0])
          while s > position && p[s - 1] != 0x0A { s -= 1 }
          var e = Int(bounds.ends[bounds.fields - 1] & ~CSVTokenizer.escapedFlag)
          while e < bounds.consumed && p[e] != 0x0A && p[e] != 0x0D { e += 1 }
          lines.append(
            String(decoding: UnsafeBufferPointer(start: p + s, count: max(0, e - s)), as: UTF8.self))
        }
        position = bounds.consumed
      }
      return !lines.isEmpty
    }
    return found ? (lines, label) : nil
  }

  /// How many lines, and bytes, at the end of a file may be read as its footer.
  static let maximumFooterLines = 10
  static let maximumFooterBytes = 4096
}
