/// The checks the libFuzzer targets run on each generated input (`scripts/fuzz`), and the normal
/// test suite replays on the committed corpora (`Fuzz/corpus`, `Fuzz/crashes`).
///
/// Each check returns `nil`, or a description of a broken property; the fuzz harness turns a
/// description into a crash so that libFuzzer keeps the input. Crashes, traps and sanitizer
/// reports are found by running the code at all.
package enum FuzzEntryPoints {
  /// Loads `bytes` as a CSV file twice, in 64-byte blocks and in one block: both must give the
  /// same table, or the same error.
  ///
  /// The loader sniffs the delimiter, and looks for binary data, in the first 64 KiB of the first
  /// block, so a 64-byte block sees less: the delimiter sniffed from the whole input is given to
  /// both loads, and input with a NUL byte is loaded once only. (The first libFuzzer run found
  /// this: `InvoiceNo;Quantity;...;2,5iceDate` sniffs as `,` in 64 bytes and `;` in all.)
  package static func csv(_ bytes: [UInt8]) -> String? {
    let delimiter = bytes.withUnsafeBufferPointer { b in
      Delimiter.sniff(UnsafeBufferPointer(rebasing: b[0..<min(b.count, 65_536)]))
    }
    func outcome(_ blockSize: Int) -> Result<Table, LoadError> {
      do {
        return .success(
          try TableLoader.load(
            bytes: bytes, name: "fuzz.csv", options: LoadOptions(delimiter: delimiter),
            blockSize: blockSize
          ).table)
      } catch {
        return .failure(error)
      }
    }
    if bytes.prefix(65_536).contains(0) {
      _ = outcome(TableLoader.defaultBlockSize)
      return nil
    }
    return compareBlockSizes(outcome)
  }

  /// Loads `bytes` as an Excel workbook (whatever its first bytes: the ZIP signature is put in
  /// front when missing, so mutations reach the archive's directory and entries) twice, in
  /// 64-byte blocks and in one block: a damaged workbook must give a ``LoadError`` (never a crash
  /// or a hang), and both block sizes must agree.
  package static func xlsx(_ bytes: [UInt8]) -> String? {
    let input = ZipArchive.hasZipSignature(bytes.prefix(4)) ? bytes : [0x50, 0x4B, 3, 4] + bytes
    func outcome(_ blockSize: Int) -> Result<Table, LoadError> {
      do {
        return .success(
          try TableLoader.load(bytes: input, name: "fuzz.xlsx", blockSize: blockSize).table)
      } catch {
        return .failure(error)
      }
    }
    return compareBlockSizes(outcome)
  }

  /// Loads in 64-byte blocks and in one block: `nil` when both give the same table or fail
  /// with the same error code, else what differs.
  private static func compareBlockSizes(_ outcome: (Int) -> Result<Table, LoadError>) -> String? {
    switch (outcome(64), outcome(TableLoader.defaultBlockSize)) {
    case (.success(let a), .success(let b)):
      return a == b ? nil : "64-byte blocks and one block load different tables"
    case (.failure(let a), .failure(let b)):
      return a.code == b.code ? nil : "block sizes fail differently: \(a.code) and \(b.code)"
    case (.success, .failure(let e)), (.failure(let e), .success):
      return "one block size loads, the other fails with \(e.code)"
    }
  }

  /// Reads `bytes` with every number reader: the fast paths must agree with the general reader,
  /// and the general reader with the standard library's correctly rounded parser.
  package static func numbers(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { b -> String? in
      guard let p = b.baseAddress else { return nil }
      let n = b.count
      let decimal = NumberParsing.parseDecimal(p, n)
      if let d = decimal, !d.isFinite { return "parseDecimal returned \(d)" }
      if let plain = NumberParsing.plainDecimal(p, n), plain.bitPattern != decimal?.bitPattern {
        return "plainDecimal \(plain) differs from parseDecimal \(String(describing: decimal))"
      }
      if let (v, _) = NumberParsing.parseInteger(p, n) {
        if let (w, _) = NumberParsing.plainInteger(p, n), w != v {
          return "plainInteger \(w) differs from parseInteger \(v)"
        }
        if let d = decimal, Double(v) != d { return "integer \(v) reads as the decimal \(d)" }
      }
      if let d = decimal {
        let (tp, tn) = NumberParsing.trimmed(p, n)
        let text = String(decoding: UnsafeBufferPointer(start: tp, count: tn), as: UTF8.self)
        if let reference = Double(text), reference.bitPattern != d.bitPattern {
          return "parseDecimal \(d) differs from the standard library's \(reference)"
        }
      }
      return nil
    }
  }

  /// Reads `bytes` with every date reader: an ISO date must print back as itself.
  package static func dates(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { b -> String? in
      guard let p = b.baseAddress else { return nil }
      let n = b.count
      _ = DateParsing.parseCompact(p, n)
      _ = DateParsing.parseSlash(p, n)
      _ = DateParsing.parseSlash(p, n, zones: true)
      _ = DateParsing.parseNamedMonthWithYear(p, n, zones: true)
      _ = DateParsing.parseISOZoned(p, n)
      _ = WrittenZone.refusedName(p, n)
      _ = SlashDate.patterns(for: bytes)
      if let (seconds, unit) = DateParsing.parseEpoch(p, n),
        !DateParsing.epochRange.contains(seconds)
      {
        return "an epoch time in \(unit.name) read as \(seconds), outside the epoch range"
      }
      _ = DateFormat.daysSinceOrigin(String(decoding: bytes, as: UTF8.self))
      _ = DateFormat("days since 2019-12-31")?.parse(p, n)
      guard let seconds = DateParsing.parseISO(p, n) else { return nil }
      let text = CivilCalendar.isoText(seconds: seconds)
      guard CivilCalendar.parseISO(text) == seconds else {
        return "the ISO date \(seconds) prints as \(text), which does not read back"
      }
      return nil
    }
  }
}
