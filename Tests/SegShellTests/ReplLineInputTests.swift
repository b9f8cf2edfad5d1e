import Testing

@testable import SegShell

@Suite struct ReplUTF8InputDecoderTests {
  private func decode(_ bytes: [UInt8]) -> [UTF8InputDecoder.Step] {
    var decoder = UTF8InputDecoder()
    return bytes.map { decoder.feed($0) }
  }

  @Test func asciiIsOneStepPerByte() {
    #expect(decode([0x61, 0x09]) == [.scalar("a"), .scalar("\t")])
  }

  @Test(arguments: ["ö", "€", "𝄞"])
  func multiByteCharactersArriveWhole(character: String) {
    let bytes = Array(character.utf8)
    let steps = decode(bytes)
    #expect(steps.dropLast().allSatisfy { $0 == .needMore })
    #expect(steps.last == .scalar(character.unicodeScalars.first ?? "?"))
  }

  @Test func aStrayContinuationByteIsDropped() {
    #expect(decode([0x80, 0x61]) == [.invalid, .scalar("a")])
  }

  @Test func aBrokenSequenceIsDroppedAndTheBreakingByteStartsAfresh() {
    #expect(decode([0xC3, 0x61]) == [.needMore, .scalar("a")])
    #expect(decode([0xE2, 0x82, 0xC3, 0xB6]) == [.needMore, .needMore, .needMore, .scalar("ö")])
  }

  @Test func overlongFormsAndSurrogatesAreInvalid() {
    #expect(decode([0xC0, 0xAF]) == [.invalid, .invalid])
    #expect(decode([0xE0, 0x80, 0xAF]) == [.needMore, .needMore, .invalid])
    #expect(decode([0xED, 0xA0, 0x80]) == [.needMore, .needMore, .invalid])
  }

  @Test func resetForgetsAPartialSequence() {
    var decoder = UTF8InputDecoder()
    #expect(decoder.feed(0xC3) == .needMore)
    decoder.reset()
    #expect(decoder.feed(0x62) == .scalar("b"))
  }
}

@Suite struct ReplLineEditorTests {
  @Test func withoutATerminalThereIsNoLineEditor() {
    // `swift test` never runs on a terminal's stdin *and* stdout; when it does (a developer
    // running tests by hand), there is nothing to check here.
    guard !TerminalInfo.isInteractive else { return }
    let editor = LineEditor(environment: [:])
    let wasMade: Bool
    switch consume editor {
    case .some: wasMade = true
    case .none: wasMade = false
    }
    #expect(!wasMade)
  }
}
