/// Turns bytes read one at a time from the terminal into Unicode scalars for libedit.
///
/// Invalid input never stops the editor: a byte that cannot start a sequence is dropped, and a
/// sequence broken by a byte that cannot continue it is dropped while that byte starts afresh
/// (libedit's own reader does the same). Overlong forms and surrogates are invalid.
struct UTF8InputDecoder: Sendable {
  /// The outcome of one byte.
  enum Step: Sendable, Equatable {
    /// A complete character.
    case scalar(Unicode.Scalar)
    /// The byte started or continued a sequence that is not finished yet.
    case needMore
    /// The byte (or the sequence it ended) was dropped.
    case invalid
  }

  private var pending: [UInt8] = []
  private var expected = 0

  init() {}

  /// Feeds one byte.
  mutating func feed(_ byte: UInt8) -> Step {
    if pending.isEmpty { return start(byte) }
    guard byte & 0xC0 == 0x80 else {
      reset()
      let restarted = start(byte)
      return restarted == .needMore ? .needMore : restarted
    }
    pending.append(byte)
    guard pending.count == expected else { return .needMore }
    defer { reset() }
    guard let scalar = String(validating: pending, as: UTF8.self)?.unicodeScalars.first else {
      return .invalid
    }
    return .scalar(scalar)
  }

  /// Forgets a partly read sequence (after Ctrl-C).
  /// Whether no sequence is half read.
  var isIdle: Bool { pending.isEmpty }

  mutating func reset() {
    pending.removeAll(keepingCapacity: true)
    expected = 0
  }

  private mutating func start(_ byte: UInt8) -> Step {
    switch byte {
    case 0x00...0x7F: return .scalar(Unicode.Scalar(byte))
    case 0xC2...0xDF: expected = 2
    case 0xE0...0xEF: expected = 3
    case 0xF0...0xF4: expected = 4
    default: return .invalid
    }
    pending.append(byte)
    return .needMore
  }
}
