import Foundation
import SegTestSupport
import Testing

/// `scripts/install PREFIX` with the built binary (`SEG_INSTALL_BINARY`, so the test needs no
/// release build): the binary, the man page and the three completion scripts land where each
/// tool looks, and work from there.
@Suite struct InstallTests {
  @Test func installPutsEveryPieceInItsStandardPlace() throws {
    let binary = try #require(RepositoryPaths.segBinary, "build seg first")
    let prefix = try TemporaryDirectory()
    defer { prefix.cleanup() }
    let r = try SegProcess.run(
      URL(fileURLWithPath: "/bin/bash"),
      arguments: [RepositoryPaths.root.appendingPathComponent("scripts/install").path, prefix.url.path],
      in: RepositoryPaths.root, environment: ["SEG_INSTALL_BINARY": binary.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("installed seg "))
    let fm = FileManager.default
    let installed = prefix.url.appendingPathComponent("bin/seg").path
    #expect(fm.isExecutableFile(atPath: installed))
    for (path, generated) in [
      ("share/man/man1/seg.1", ["man"]),
      ("share/bash-completion/completions/seg", ["completions", "bash"]),
      ("share/zsh/site-functions/_seg", ["completions", "zsh"]),
      ("share/fish/vendor_completions.d/seg.fish", ["completions", "fish"]),
    ] {
      let text = try String(contentsOf: prefix.url.appendingPathComponent(path), encoding: .utf8)
      let expected = try SegProcess.run(binary, arguments: generated, in: prefix.url).stdout
      #expect(text == expected, "\(path)")
      #expect(!text.isEmpty)
    }
    // The installed binary runs, and bash loads the installed completion.
    let version = try SegProcess.run(URL(fileURLWithPath: installed), arguments: ["--version"], in: prefix.url)
    #expect(version.stdout.hasPrefix("seg "))
    let bash = try SegProcess.run(
      URL(fileURLWithPath: "/bin/bash"),
      arguments: ["-c", "source share/bash-completion/completions/seg && complete -p seg"], in: prefix.url)
    #expect(bash.stdout == "complete -F _seg seg\n")
  }
}
