import Testing

@testable import SegCore

/// The `C` prefix evidence when invoice numbers grow a digit: the first 100,000 invoices of a long
/// log are six digits, most of its cancellations seven.
@Suite struct GrowingInvoiceNumberTests {
  @Test func aRunOfDigitsIsOneShape() {
    #expect(CancellationEvidence.shape(Array("536365".utf8)) == Array("9".utf8))
    #expect(CancellationEvidence.shape(Array("1036365".utf8)) == Array("9".utf8))
    #expect(CancellationEvidence.shape(Array("US-2017-108966".utf8)) == Array("AA-9-9".utf8))
    #expect(CancellationEvidence.shape(Array("A-2017-108966".utf8)) == Array("A-9-9".utf8))
  }

  @Test func cancellationsOfLaterLongerNumbersStillFollowThePrefix() {
    var evidence = CancellationEvidence()
    // In order of first appearance, as a 50M-line log has them: 100,000 six-digit invoices fill
    // the cap before the first seven-digit one; the cancellations come throughout.
    for n in 536_365..<(536_365 + 100_000) {
      evidence.add(Array(String(n).utf8))
      if n % 50 == 0 { evidence.add(Array("C\(n + 30)".utf8)) }
    }
    for n in 1_000_000..<1_040_000 where n % 50 == 0 { evidence.add(Array("C\(n)".utf8)) }
    let decision = evidence.decision(column: "InvoiceNo")
    #expect(decision.rule == .prefix("C"))
    #expect(decision.reason == "invoices starting with C (C536430 beside 536365)")
  }
}
