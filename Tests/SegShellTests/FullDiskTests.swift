import Foundation
import SegLang
import SegShell
import SegTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Writes on a full disk (issue 16, item 1).
///
/// A small tmpfs is mounted and filled, then `export`
/// and `save` must fail with ENOSPC, leave no temporary file, and leave no empty history. Mounting
/// needs root (CI containers run as root); elsewhere the test returns without checking.
@Suite(.serialized) struct FullDiskTests {
  /// Mounts a 256 KiB tmpfs at a fresh folder and fills it; `nil` when mounting is not allowed.
  static func fullDisk() throws -> (TemporaryDirectory, String)? {
    guard geteuid() == 0 else { return nil }
    let dir = try TemporaryDirectory()
    let mount = dir.path("full")
    try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/mount")
    process.arguments = ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mount]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else {
      dir.cleanup()
      return nil
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      dir.cleanup()
      return nil
    }
    // Fill it: write until the disk refuses.
    let fd = open(mount + "/filler", O_WRONLY | O_CREAT, 0o600)
    let chunk = [UInt8](repeating: 7, count: 4096)
    while write(fd, chunk, chunk.count) > 0 {}
    close(fd)
    return (dir, mount)
  }

  static func unmount(_ dir: TemporaryDirectory, _ mount: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/umount")
    process.arguments = [mount]
    try? process.run()
    process.waitUntilExit()
    dir.cleanup()
  }

  func run(_ script: String, in dir: TemporaryDirectory) throws -> (
    SegShell.ExitStatus, RecordingHost
  ) {
    try Data(BadInputCatalogueTests.log.utf8).write(to: URL(fileURLWithPath: dir.path("log.csv")))
    let path = dir.path("case.seg")
    try Data(script.replacingOccurrences(of: "DIR", with: dir.url.path).utf8)
      .write(to: URL(fileURLWithPath: path))
    let host = RecordingHost()
    let status = SegCommandLine.main(
      arguments: ["run", path], host: host, isInputTerminal: false, readStandardInput: { nil })
    return (status, host)
  }

  @Test func anExportToAFullDiskFailsWithENOSPCAndLeavesNoTemporary() throws {
    guard let (dir, mount) = try Self.fullDisk() else { return }
    defer { Self.unmount(dir, mount) }
    let (status, host) = try run(
      BadInputCatalogueTests.load + "export \"DIR/full/out.csv\"", in: dir)
    #expect(status == .runtimeError)
    let error = try #require(host.reports.first { $0.diagnostic.severity == .error })
    #expect(error.diagnostic.id == .fileError)
    #expect(error.diagnostic.message.hasSuffix("(ENOSPC)"))
    let left = try FileManager.default.contentsOfDirectory(atPath: mount).sorted()
    #expect(left == ["filler"])
  }

  @Test func aFailedFirstSaveOnAFullDiskLeavesNoEmptyHistory() throws {
    guard let (dir, mount) = try Self.fullDisk() else { return }
    defer { Self.unmount(dir, mount) }
    let (status, host) = try run(
      BadInputCatalogueTests.segmented + "save \"DIR/full/h.db\"", in: dir)
    #expect(status == .runtimeError)
    let error = try #require(host.reports.first { $0.diagnostic.severity == .error })
    #expect(error.location == "case.seg:6:6")
    let left = try FileManager.default.contentsOfDirectory(atPath: mount).sorted()
    #expect(left == ["filler"], "a failed save left \(left)")
  }
}
