import Foundation
import SegTestSupport
import Testing

@Suite struct BinaryTests {
  @Test func versionFlagPrintsTheVersion() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let r = try SegProcess.run(binary, arguments: ["--version"], in: RepositoryPaths.root)
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("seg "))
    // The commit: the checkout's (or $SEG_GIT_COMMIT's) when built in git, else "unknown".
    #expect(r.stdout.wholeMatch(of: /seg [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}|unknown|[0-9A-Za-z._-]+)\)\n/) != nil, "\(r.stdout)")
  }

  @Test func exitStatusesOfTheBinary() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let dir = RepositoryPaths.root
    #expect(try SegProcess.run(binary, arguments: ["-c", "echo 1"], in: dir).status == 0)
    #expect(try SegProcess.run(binary, arguments: ["-c", "head"], in: dir).status == 1)
    #expect(try SegProcess.run(binary, arguments: ["-c", "ech"], in: dir).status == 2)
    #expect(try SegProcess.run(binary, arguments: ["-c", "assert 1 > 2"], in: dir).status == 3)
    #expect(try SegProcess.run(binary, arguments: ["-c", "param k: int = 1", "k=x"], in: dir).status == 2)
  }

  @Test func aScriptOnStandardInputRuns() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let r = try SegProcess.run(binary, arguments: [], in: RepositoryPaths.root, stdin: "echo \"piped\"\n")
    #expect(r.status == 0)
    #expect(r.stdout == "piped\n")
    let dash = try SegProcess.run(binary, arguments: ["run", "-"], in: RepositoryPaths.root, stdin: "assert false\n")
    #expect(dash.status == 3)
  }
}
