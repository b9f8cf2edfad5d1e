import Foundation
import SegTestSupport
import Testing

@Suite struct BinaryTests {
  @Test func versionFlagPrintsTheVersion() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let p = Process()
    p.executableURL = binary
    p.arguments = ["--version"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    p.waitUntilExit()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(p.terminationStatus == 0)
    #expect(text.hasPrefix("seg "))
  }
}
