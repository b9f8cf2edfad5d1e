/// Reads JSON Lines (one object per line, as BigQuery and `mongoexport` export tables and
/// Shopify's bulk operations write them) or a JSON array of objects as CSV text, so the loader
/// types the values, finds the roles and reports them exactly as it would a CSV file holding
/// the same values.
///
/// - The columns are every key of every record, in the order they first appear: a first pass
///   over the file collects them (exports leave out a record's null fields, so a key may first
///   appear late). A record without a key has an empty field there (missing).
/// - A nested object's keys are joined to their parent's with a dot (`customer.id`); an array is
///   kept as its JSON text, as one value.
/// - Strings are unescaped (`\u00e9`, surrogate pairs); numbers, `true` and `false` are written
///   as in the JSON; `null` is an empty field.
/// - Line numbers are kept: the record that starts on line *n* of the JSON is line *n* + 1 of
///   the CSV (the header is line 1, blank lines fill the gaps and the loader skips them), so
///   ``TableLoader`` names the JSON's own line in errors.
final class JSONCSVSource: ByteSource {
  private var reader: JSONReader
  private let columns: [[UInt8]: Int]
  private let width: Int
  private var out: [UInt8] = []
  private var outPosition = 0
  private var done = false
  /// The CSV line the next output line is on.
  private var csvLine = 1
  private var isArray = false
  private var started = false
  private var fields: [(key: [UInt8], value: JSONReader.Value)] = []
  private var row: [JSONReader.Value?] = []
  /// The records read so far.
  private(set) var records = 0
  /// Whether the file was gzip-compressed (for the report).
  var wasCompressed = false
  /// The header line, written just above the first record.
  private var header: [UInt8] = []

  var sizeHint: Int? { nil }

  /// Reads the keys from one copy of the file (`open()`), then streams from a second.
  init(file: String, open: () throws(LoadError) -> any ByteSource) throws(LoadError) {
    var keys: [[UInt8]] = []
    var index: [[UInt8]: Int] = [:]
    var scan = JSONReader(source: try open(), file: file)
    var fields: [(key: [UInt8], value: JSONReader.Value)] = []
    let array = try scan.start()
    while try scan.nextRecord(inArray: array, into: &fields) {
      for (key, _) in fields where index[key] == nil {
        guard keys.count < LoadOptions.maximumColumns else {
          throw scan.failure("its records have more than \(LoadOptions.maximumColumns) keys")
        }
        index[key] = keys.count
        keys.append(key)
      }
    }
    guard !keys.isEmpty else {
      var error = scan.failure("it holds no object with a key")
      error.line = nil
      throw error
    }
    self.columns = index
    width = keys.count
    reader = JSONReader(source: try open(), file: file)
    row = Array(repeating: nil, count: width)
    for (k, key) in keys.enumerated() {
      if k > 0 { header.append(UInt8(ascii: ",")) }
      JSONCSVSource.appendField(key, quotedIfNeeded: true, to: &header)
    }
    header.append(0x0A)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(LoadError) -> Int {
    while out.count - outPosition < buffer.count && !done {
      if outPosition > 0 && outPosition == out.count {
        out.removeAll(keepingCapacity: true)
        outPosition = 0
      }
      if !started {
        isArray = try reader.start()
        started = true
      }
      guard try reader.nextRecord(inArray: isArray, into: &fields) else {
        done = true
        break
      }
      records += 1
      writeRecord()
    }
    let n = min(buffer.count, out.count - outPosition)
    if n > 0, let to = buffer.baseAddress {
      out.withUnsafeBytes { from in
        if let base = from.baseAddress { to.copyMemory(from: base + outPosition, byteCount: n) }
      }
      outPosition += n
    }
    return n
  }

  /// Whether the records are in one array (else JSON Lines), once reading has started.
  var isJSONArray: Bool { isArray }

  private func writeRecord() {
    // The record's first line: blank lines up to it keep the JSON's line numbers, and the header
    // stands on the line just above the first record (a blank line between them would hide it).
    let target = reader.recordLine + 1
    if !header.isEmpty {
      while csvLine < target - 1 {
        out.append(0x0A)
        csvLine += 1
      }
      out.append(contentsOf: header)
      header = []
      csvLine += 1
    }
    while csvLine < target {
      out.append(0x0A)
      csvLine += 1
    }
    for k in row.indices { row[k] = nil }
    for (key, value) in fields {
      if let k = columns[key] { row[k] = value }
    }
    for (k, value) in row.enumerated() {
      if k > 0 { out.append(UInt8(ascii: ",")) }
      switch value {
      case nil, .null?: break
      case .text(let bytes)?: JSONCSVSource.appendField(bytes, quotedIfNeeded: true, to: &out)
      case .raw(let bytes)?: JSONCSVSource.appendField(bytes, quotedIfNeeded: true, to: &out)
      }
    }
    out.append(0x0A)
    csvLine += 1
  }

  /// Appends a CSV field, quoted when it holds a delimiter, a quote or a line break, or is empty
  /// text (a quoted empty field, which the loader reads as missing too).
  static func appendField(_ bytes: [UInt8], quotedIfNeeded: Bool, to out: inout [UInt8]) {
    let needsQuotes =
      bytes.isEmpty
      || bytes.contains {
        $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
      }
      || bytes.first == 0x20 || bytes.last == 0x20
    guard needsQuotes else {
      out.append(contentsOf: bytes)
      return
    }
    out.append(UInt8(ascii: "\""))
    for b in bytes {
      if b == UInt8(ascii: "\"") { out.append(b) }
      out.append(b)
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Whether the first bytes of a (decompressed) file start JSON records: `{`, or `[` then `{`,
  /// after white space and a byte order mark.
  static func looksLikeJSON(_ prefix: [UInt8]) -> Bool {
    var i = 0
    if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    func skipSpace() {
      while i < prefix.count, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[i]) { i += 1 }
    }
    skipSpace()
    guard i < prefix.count else { return false }
    if prefix[i] == UInt8(ascii: "{") {
      i += 1
      skipSpace()
      return i < prefix.count && (prefix[i] == UInt8(ascii: "\"") || prefix[i] == UInt8(ascii: "}"))
    }
    guard prefix[i] == UInt8(ascii: "[") else { return false }
    i += 1
    skipSpace()
    return i < prefix.count && prefix[i] == UInt8(ascii: "{")
  }
}

/// A pull reader of JSON records over a byte source, a buffer at a time.
struct JSONReader {
  enum Value: Equatable {
    /// A string's bytes, unescaped.
    case text([UInt8])
    /// A number, `true`, `false`, or an array's JSON text, as written.
    case raw([UInt8])
    case null
  }

  private let source: any ByteSource
  let file: String
  private var buffer = [UInt8](repeating: 0, count: 1 << 16)
  private var position = 0
  private var filled = 0
  private var eof = false
  /// The 1-based line of the next byte, and of the record being read.
  private(set) var line = 1
  private(set) var recordLine = 1
  /// Records read so far (in an array, each after the first follows a comma).
  private var recordsRead = 0
  /// Nesting deeper than this is refused (a file of `[[[[…` must not exhaust the stack).
  static let maximumDepth = 64

  init(source: any ByteSource, file: String) {
    self.source = source
    self.file = file
  }

  func failure(_ what: String, line: Int? = nil) -> LoadError {
    LoadError(
      code: .invalidJSON, file: file, line: line ?? self.line,
      message: "'\(file)' cannot be read as JSON records: \(what)",
      hint: "each record must be a JSON object: one per line (JSON Lines), or all in one array")
  }

  private mutating func peek() throws(LoadError) -> UInt8? {
    if position == filled {
      if eof { return nil }
      let source = self.source
      filled = try ZipArchive.fill(&buffer, from: 0) { raw throws(LoadError) in
        try source.read(into: raw)
      }
      position = 0
      if filled == 0 {
        eof = true
        return nil
      }
    }
    return buffer[position]
  }

  private mutating func advance() {
    if buffer[position] == 0x0A { line += 1 }
    position += 1
  }

  private mutating func skipSpace() throws(LoadError) {
    while let b = try peek(), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { advance() }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(LoadError) {
    try skipSpace()
    guard try peek() == byte else { throw failure("expected \(what)") }
    advance()
  }

  /// Skips a byte order mark and white space; returns whether the records are in an array.
  mutating func start() throws(LoadError) -> Bool {
    if try peek() == 0xEF {
      for b: UInt8 in [0xEF, 0xBB, 0xBF] {
        guard try peek() == b else { throw failure("it starts with a byte that is not JSON") }
        advance()
      }
    }
    try skipSpace()
    if try peek() == UInt8(ascii: "[") {
      advance()
      return true
    }
    return false
  }

  /// Reads the next record's fields, flattened; false at the end.
  mutating func nextRecord(
    inArray: Bool, into fields: inout [(key: [UInt8], value: Value)]
  ) throws(LoadError) -> Bool {
    fields.removeAll(keepingCapacity: true)
    try skipSpace()
    if inArray {
      if try peek() == UInt8(ascii: ",") {
        guard recordsRead > 0 else { throw failure("a comma before the first record") }
        advance()
        try skipSpace()
      } else if recordsRead > 0, let next = try peek(), next != UInt8(ascii: "]") {
        throw failure("expected a comma between the array's records")
      }
      if try peek() == UInt8(ascii: "]") {
        advance()
        try skipSpace()
        guard try peek() == nil else { throw failure("there is more after the array's end") }
        return false
      }
      guard try peek() != nil else { throw failure("the array is never closed with ]") }
    } else if try peek() == nil {
      return false
    }
    recordLine = line
    guard try peek() == UInt8(ascii: "{") else { throw failure("a record is not an object") }
    var prefix: [UInt8] = []
    try object(prefix: &prefix, depth: 0, into: &fields)
    recordsRead += 1
    if !inArray {
      // JSON Lines: white space, then the next record or the end.
      try skipSpace()
    }
    return true
  }

  private mutating func object(
    prefix: inout [UInt8], depth: Int, into fields: inout [(key: [UInt8], value: Value)]
  ) throws(LoadError) {
    guard depth < JSONReader.maximumDepth else {
      throw failure("objects nest deeper than \(JSONReader.maximumDepth) levels")
    }
    advance()  // {
    try skipSpace()
    if try peek() == UInt8(ascii: "}") {
      advance()
      return
    }
    while true {
      try skipSpace()
      guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
      let key = try string()
      try expect(UInt8(ascii: ":"), "a colon after a key")
      try skipSpace()
      let mark = prefix.count
      if !prefix.isEmpty { prefix.append(UInt8(ascii: ".")) }
      prefix.append(contentsOf: key)
      if try peek() == UInt8(ascii: "{") {
        try object(prefix: &prefix, depth: depth + 1, into: &fields)
      } else {
        // A repeated key is written twice; the row takes the last.
        fields.append((prefix, try value(depth: depth + 1)))
      }
      prefix.removeSubrange(mark...)
      try skipSpace()
      guard let b = try peek() else { throw failure("an object is never closed with }") }
      advance()
      if b == UInt8(ascii: "}") { return }
      guard b == UInt8(ascii: ",") else { throw failure("expected , or } in an object") }
    }
  }

  private mutating func value(depth: Int) throws(LoadError) -> Value {
    guard let b = try peek() else { throw failure("a value is missing at the end") }
    switch b {
    case UInt8(ascii: "\""):
      return .text(try string())
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      var text: [UInt8] = []
      try raw(into: &text, depth: depth)
      return .raw(text)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "t"):
      try literal("true")
      return .raw(Array("true".utf8))
    case UInt8(ascii: "f"):
      try literal("false")
      return .raw(Array("false".utf8))
    default:
      var text: [UInt8] = []
      while let c = try peek(),
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
          || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c | 0x20 == UInt8(ascii: "e")
      {
        text.append(c)
        advance()
      }
      guard !text.isEmpty else { throw failure("a value is not a string, number, object, array, true, false or null") }
      return .raw(text)
    }
  }

  private mutating func literal(_ word: String) throws(LoadError) {
    for b in word.utf8 {
      guard try peek() == b else { throw failure("a value is not a string, number, object, array, true, false or null") }
      advance()
    }
  }

  /// Copies an array or object as compact JSON text.
  private mutating func raw(into text: inout [UInt8], depth: Int) throws(LoadError) {
    guard depth < JSONReader.maximumDepth else {
      throw failure("values nest deeper than \(JSONReader.maximumDepth) levels")
    }
    guard let open = try peek() else { return }
    let close = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
    text.append(open)
    advance()
    try skipSpace()
    if try peek() == close {
      text.append(close)
      advance()
      return
    }
    while true {
      try skipSpace()
      if open == UInt8(ascii: "{") {
        guard try peek() == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
        JSONReader.appendQuoted(try string(), to: &text)
        try expect(UInt8(ascii: ":"), "a colon after a key")
        text.append(UInt8(ascii: ":"))
        try skipSpace()
      }
      guard let b = try peek() else { throw failure("an array or object is never closed") }
      if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
        try raw(into: &text, depth: depth + 1)
      } else {
        switch try value(depth: depth + 1) {
        case .text(let s): JSONReader.appendQuoted(s, to: &text)
        case .raw(let r): text.append(contentsOf: r)
        case .null: text.append(contentsOf: Array("null".utf8))
        }
      }
      try skipSpace()
      guard let c = try peek() else { throw failure("an array or object is never closed") }
      advance()
      if c == close {
        text.append(close)
        return
      }
      guard c == UInt8(ascii: ",") else { throw failure("expected a comma between values") }
      text.append(c)
    }
  }

  private static func appendQuoted(_ s: [UInt8], to text: inout [UInt8]) {
    text.append(UInt8(ascii: "\""))
    for b in s {
      switch b {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        text.append(UInt8(ascii: "\\"))
        text.append(b)
      case 0x0A: text.append(contentsOf: Array("\\n".utf8))
      case 0x0D: text.append(contentsOf: Array("\\r".utf8))
      case 0x09: text.append(contentsOf: Array("\\t".utf8))
      default: text.append(b)
      }
    }
    text.append(UInt8(ascii: "\""))
  }

  /// Reads a string at `"`, unescaped, as UTF-8.
  private mutating func string() throws(LoadError) -> [UInt8] {
    advance()  // "
    var out: [UInt8] = []
    while true {
      guard let b = try peek() else { throw failure("a string is never closed") }
      if b == 0x0A { throw failure("a string runs onto the next line") }
      advance()
      if b == UInt8(ascii: "\"") { return out }
      guard b == UInt8(ascii: "\\") else {
        out.append(b)
        continue
      }
      guard let e = try peek() else { throw failure("a string is never closed") }
      advance()
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          // A surrogate pair: the low half must follow.
          guard try peek() == UInt8(ascii: "\\") else { throw failure("a lone surrogate in \\u escapes") }
          advance()
          guard try peek() == UInt8(ascii: "u") else { throw failure("a lone surrogate in \\u escapes") }
          advance()
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in \\u escapes") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw failure("a lone surrogate in \\u escapes")
        }
        guard let u = Unicode.Scalar(scalar) else { throw failure("a \\u escape is not a character") }
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default:
        throw failure("a string has an unknown escape")
      }
    }
  }

  private mutating func hex4() throws(LoadError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let b = try peek() else { throw failure("a \\u escape is cut short") }
      let d: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw failure("a \\u escape has a character that is not hexadecimal")
      }
      v = v << 4 | d
      advance()
    }
    return v
  }
}
