import SegLang
import Testing

@Suite struct VersionTests {
  @Test func versionIsSemantic() {
    #expect(SegVersion.string.split(separator: ".").count == 3)
  }
}
