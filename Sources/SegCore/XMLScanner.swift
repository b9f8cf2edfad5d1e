/// A pull scanner for the small XML subset that SpreadsheetML parts use, reading a byte stream
/// (an entry being inflated) through a buffer that holds a few tags at a time.
///
/// It reports start tags (a self-closing tag is a start followed by an end), end tags and text;
/// names are compared by their local part, so `x:row` is `row`. Comments, processing
/// instructions and the document type are skipped; CDATA sections are text taken as written.
/// Entities are decoded on request (``appendDecoded(_:to:)``): the five predefined ones and
/// numeric references; an unknown entity stays as written. Namespaces, DTDs and validation are
/// not: a SpreadsheetML part needs none of them.
///
/// The buffer grows only for a single tag or text longer than it (Excel caps a cell at 32,767
/// characters), and never past ``maximumBuffer``: a malformed part is an error, not a crash or
/// unbounded memory.
final class XMLScanner {
  enum Event: Equatable {
    case start
    case end
    case text
    case endOfDocument
  }

  static let maximumBuffer = 256 << 20

  private let source: any ByteSource
  /// The file and the part, for errors.
  let file: String
  let part: String
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var position = 0
  private var filled = 0
  private var sourceEnded = false
  private var pendingEnd = false
  /// The current tag's local name, attributes and text, as ranges of the buffer; valid until
  /// the next call to ``next()``.
  private(set) var nameStart = 0
  private(set) var nameEnd = 0
  private var attributesStart = 0
  private var attributesEnd = 0
  private(set) var textStart = 0
  private(set) var textEnd = 0
  /// Whether the current text is a CDATA section (no entities to decode).
  private(set) var textIsRaw = false

  init(source: any ByteSource, file: String, part: String, bufferSize: Int = 1 << 20) {
    self.source = source
    self.file = file
    self.part = part
    capacity = max(bufferSize, 64)
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  func malformed(_ what: String) -> LoadError {
    ZipArchive.corrupt(file, "its part '\(part)' is not well-formed XML (\(what))")
  }

  /// Moves the unread bytes to the front and reads more; false at the end of the source.
  private func refill() throws(LoadError) -> Bool {
    if sourceEnded { return false }
    if position > 0 {
      let keep = filled - position
      if keep > 0 { buffer.update(from: buffer + position, count: keep) }
      // Ranges of the current event point into the old positions; the caller rescans.
      filled = keep
      position = 0
    }
    if filled == capacity {
      guard capacity < XMLScanner.maximumBuffer else {
        throw malformed("a tag or text longer than \(XMLScanner.maximumBuffer >> 20) MiB")
      }
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      bigger.update(from: buffer, count: filled)
      buffer.deallocate()
      buffer = bigger
      capacity *= 2
    }
    let n = try source.read(
      into: UnsafeMutableRawBufferPointer(start: buffer + filled, count: capacity - filled))
    if n == 0 {
      sourceEnded = true
      return false
    }
    filled += n
    return true
  }

  /// Finds `pattern` at or after `from`; the offset of its first byte, or `nil`.
  private func find(_ pattern: [UInt8], from: Int) -> Int? {
    var i = from
    let n = pattern.count
    while i + n <= filled {
      if buffer[i] == pattern[0] {
        var k = 1
        while k < n && buffer[i + k] == pattern[k] { k += 1 }
        if k == n { return i }
      }
      i += 1
    }
    return nil
  }

  private static let commentEnd: [UInt8] = Array("-->".utf8)
  private static let cdataEnd: [UInt8] = Array("]]>".utf8)
  private static let piEnd: [UInt8] = Array("?>".utf8)
  private static let cdataStart: [UInt8] = Array("<![CDATA[".utf8)

  /// The next event.
  func next() throws(LoadError) -> Event {
    if pendingEnd {
      pendingEnd = false
      return .end
    }
    while true {
      if position >= filled {
        if try !refill() { return .endOfDocument }
        continue
      }
      if buffer[position] != UInt8(ascii: "<") {
        // Text up to the next tag.
        var i = position
        while true {
          while i < filled && buffer[i] != UInt8(ascii: "<") { i += 1 }
          if i < filled || sourceEnded { break }
          let offset = i - position
          if try !refill() { break }
          i = position + offset
        }
        textStart = position
        textEnd = i
        textIsRaw = false
        position = i
        return .text
      }
      // A tag: make sure all of it is in the buffer.
      guard let end = try tagEnd() else {
        throw malformed("a tag is never closed")
      }
      let second = position + 1 < filled ? buffer[position + 1] : 0
      if second == UInt8(ascii: "!") {
        if find(XMLScanner.cdataStart, from: position) == position {
          textStart = position + 9
          textEnd = end - 2
          textIsRaw = true
          position = end + 1
          return .text
        }
        position = end + 1
        continue
      }
      if second == UInt8(ascii: "?") {
        position = end + 1
        continue
      }
      let isEnd = second == UInt8(ascii: "/")
      var i = position + (isEnd ? 2 : 1)
      let qualifiedStart = i
      var local = i
      while i < end {
        let b = buffer[i]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: "/") { break }
        if b == UInt8(ascii: ":") { local = i + 1 }
        i += 1
      }
      guard i > qualifiedStart else { throw malformed("a tag has no name") }
      nameStart = local
      nameEnd = i
      attributesStart = i
      let selfClosing = !isEnd && buffer[end - 1] == UInt8(ascii: "/")
      attributesEnd = selfClosing ? end - 1 : end
      position = end + 1
      if isEnd { return .end }
      if selfClosing { pendingEnd = true }
      return .start
    }
  }

  /// The offset of the `>` that ends the tag at ``position`` (comments, CDATA and processing
  /// instructions by their own terminators; quotes in attribute values respected), reading more
  /// as needed; `nil` when the document ends first.
  private func tagEnd() throws(LoadError) -> Int? {
    while true {
      if let end = scanTagEnd() { return end }
      let consumed = position
      if try !refill() { return nil }
      _ = consumed
    }
  }

  private func scanTagEnd() -> Int? {
    let start = position
    guard start + 1 < filled else { return nil }
    let second = buffer[start + 1]
    if second == UInt8(ascii: "!") {
      guard start + 4 <= filled else { return nil }
      if buffer[start + 2] == UInt8(ascii: "-") && buffer[start + 3] == UInt8(ascii: "-") {
        return find(XMLScanner.commentEnd, from: start + 4).map { $0 + 2 }
      }
      if start + 9 > filled { return nil }
      if find(XMLScanner.cdataStart, from: start) == start {
        return find(XMLScanner.cdataEnd, from: start + 9).map { $0 + 2 }
      }
    } else if second == UInt8(ascii: "?") {
      return find(XMLScanner.piEnd, from: start + 2).map { $0 + 1 }
    }
    var quote: UInt8 = 0
    var i = start + 1
    while i < filled {
      let b = buffer[i]
      if quote != 0 {
        if b == quote { quote = 0 }
      } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
        quote = b
      } else if b == UInt8(ascii: ">") {
        return i
      }
      i += 1
    }
    return nil
  }

  /// Whether the current tag's local name is `name` (ASCII).
  func isNamed(_ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    guard nameEnd - nameStart == n else { return false }
    let p = name.utf8Start
    for k in 0..<n where buffer[nameStart + k] != p[k] { return false }
    return true
  }

  /// The raw value of the current tag's attribute whose local name is `name`, as a range of
  /// the buffer.
  func attribute(_ name: StaticString) -> Range<Int>? {
    let n = name.utf8CodeUnitCount
    let p = name.utf8Start
    var i = attributesStart
    let end = attributesEnd
    while i < end {
      while i < end && (buffer[i] == 0x20 || buffer[i] == 0x09 || buffer[i] == 0x0A || buffer[i] == 0x0D) {
        i += 1
      }
      let qualifiedStart = i
      var local = i
      while i < end && buffer[i] != UInt8(ascii: "=") && buffer[i] != 0x20 && buffer[i] != 0x09
        && buffer[i] != 0x0A && buffer[i] != 0x0D
      {
        if buffer[i] == UInt8(ascii: ":") { local = i + 1 }
        i += 1
      }
      let nameEnd = i
      while i < end && buffer[i] != UInt8(ascii: "=") { i += 1 }
      i += 1
      while i < end && buffer[i] != UInt8(ascii: "\"") && buffer[i] != UInt8(ascii: "'") { i += 1 }
      guard i < end else { return nil }
      let quote = buffer[i]
      i += 1
      let valueStart = i
      while i < end && buffer[i] != quote { i += 1 }
      let valueEnd = i
      i += 1
      if nameEnd > qualifiedStart && nameEnd - local == n {
        var same = true
        for k in 0..<n where buffer[local + k] != p[k] {
          same = false
          break
        }
        if same { return valueStart..<valueEnd }
      }
    }
    return nil
  }

  /// An attribute's value decoded as text.
  func attributeText(_ name: StaticString) -> String? {
    guard let r = attribute(name) else { return nil }
    var bytes: [UInt8] = []
    appendDecoded(r, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A non-negative decimal integer attribute (`s="3"`, `r="7"`), `nil` when absent or not one.
  func integerAttribute(_ name: StaticString) -> Int? {
    guard let r = attribute(name), !r.isEmpty, r.count <= 12 else { return nil }
    var v = 0
    for i in r {
      let d = buffer[i] &- 48
      guard d < 10 else { return nil }
      v = v * 10 + Int(d)
    }
    return v
  }

  /// The current text's range.
  var text: Range<Int> { textStart..<textEnd }

  /// Calls `body` with the bytes of a range of the buffer.
  func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    body(UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count))
  }

  /// Appends a range of the buffer with entities decoded (CDATA text as written).
  func appendDecoded(_ range: Range<Int>, to out: inout [UInt8]) {
    if textIsRaw && range == text {
      out.append(contentsOf: UnsafeBufferPointer(start: buffer + range.lowerBound, count: range.count))
      return
    }
    var i = range.lowerBound
    let end = range.upperBound
    var runStart = i
    while i < end {
      guard buffer[i] == UInt8(ascii: "&") else {
        i += 1
        continue
      }
      out.append(contentsOf: UnsafeBufferPointer(start: buffer + runStart, count: i - runStart))
      var j = i + 1
      while j < end && j - i <= 12 && buffer[j] != UInt8(ascii: ";") { j += 1 }
      if j < end && buffer[j] == UInt8(ascii: ";"), let scalar = entity(i + 1, j) {
        TextEncoding.appendUTF8(scalar, to: &out)
        i = j + 1
      } else {
        out.append(UInt8(ascii: "&"))
        i += 1
      }
      runStart = i
    }
    out.append(contentsOf: UnsafeBufferPointer(start: buffer + runStart, count: end - runStart))
  }

  /// The code point of the entity whose name is `buffer[from..<to]`, or `nil` if unknown.
  private func entity(_ from: Int, _ to: Int) -> UInt32? {
    let n = to - from
    func named(_ s: StaticString) -> Bool {
      guard s.utf8CodeUnitCount == n else { return false }
      for k in 0..<n where buffer[from + k] != s.utf8Start[k] { return false }
      return true
    }
    if named("amp") { return 0x26 }
    if named("lt") { return 0x3C }
    if named("gt") { return 0x3E }
    if named("quot") { return 0x22 }
    if named("apos") { return 0x27 }
    guard n >= 2, buffer[from] == UInt8(ascii: "#") else { return nil }
    var v: UInt32 = 0
    if buffer[from + 1] | 0x20 == UInt8(ascii: "x") {
      guard n >= 3 else { return nil }
      for k in (from + 2)..<to {
        let b = buffer[k]
        let d: UInt32
        switch b {
        case 0x30...0x39: d = UInt32(b - 0x30)
        case 0x61...0x66: d = UInt32(b - 0x61 + 10)
        case 0x41...0x46: d = UInt32(b - 0x41 + 10)
        default: return nil
        }
        v = v * 16 + d
        if v > 0x10FFFF { return nil }
      }
    } else {
      for k in (from + 1)..<to {
        let d = buffer[k] &- 48
        guard d < 10 else { return nil }
        v = v * 10 + UInt32(d)
        if v > 0x10FFFF { return nil }
      }
    }
    guard Unicode.Scalar(v) != nil else { return nil }
    return v
  }
}
