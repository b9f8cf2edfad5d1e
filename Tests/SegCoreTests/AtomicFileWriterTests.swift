import Foundation
import SegTestSupport
import Synchronization
import Testing

@testable import SegCore

#if canImport(Glibc)
import Glibc
#endif

/// The file writes of `export`, `report`, `plot ... to` and `.save` (issue 16, item 1): devices
/// and FIFOs are written in place, symbolic links are followed and kept, the mode and owner of a
/// replaced file are kept, errors carry the system's reason, and stale temporaries are removed.
@Suite struct AtomicFileWriterTests {
  func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Writes and returns the failure's `errno`, or `nil` on success.
  func writeReportingErrno(_ text: String, to path: String) -> Int32? {
    do {
      try AtomicFileWriter.write(text, to: path)
      return nil
    } catch {
      return error.code ?? -1
    }
  }

  func fileType(_ path: String) -> mode_t {
    var info = stat()
    _ = lstat(path, &info)
    return info.st_mode & S_IFMT
  }

  @Test func aNewFileIsCreatedWithItsFolders() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    try AtomicFileWriter.write("a,b\n", to: dir.path("out/deeper/x.csv"))
    #expect(read(dir.path("out/deeper/x.csv")) == "a,b\n")
  }

  @Test func aSymbolicLinkIsFollowedAndKept() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    try "old".write(toFile: dir.path("real.csv"), atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: dir.path("link.csv"), withDestinationPath: "real.csv")
    try AtomicFileWriter.write("new", to: dir.path("link.csv"))
    #expect(fileType(dir.path("link.csv")) == S_IFLNK)
    #expect(read(dir.path("real.csv")) == "new")
  }

  @Test func aReplacedFileKeepsItsModeAndOwner() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.path("private.csv")
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(chmod(path, 0o600) == 0)
    // Running as root, the file can belong to someone else: the replacement must too.
    let otherOwner = geteuid() == 0
    if otherOwner { #expect(chown(path, 4321, 4321) == 0) }
    try AtomicFileWriter.write("new", to: path)
    var info = stat()
    #expect(stat(path, &info) == 0)
    #expect(info.st_mode & 0o7777 == 0o600)
    if otherOwner {
      #expect(info.st_uid == 4321)
      #expect(info.st_gid == 4321)
    }
    #expect(read(path) == "new")
  }

  @Test func aFIFOIsWrittenInPlaceNotReplaced() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.path("pipe")
    #expect(mkfifo(path, 0o600) == 0)
    // A reader on another thread, as a shell's `cat pipe` would be.
    let received = ReceivedBytes()
    let reader = Thread {
      let fd = open(path, O_RDONLY)
      guard fd >= 0 else { return received.set(Data()) }
      var data = Data()
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let n = Glibc.read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        data.append(contentsOf: buffer[0..<n])
      }
      close(fd)
      received.set(data)
    }
    reader.start()
    var lastError: Int32? = ENXIO
    var attempts = 0
    while lastError == ENXIO, attempts < 500 {
      attempts += 1
      lastError = writeReportingErrno("through the pipe", to: path)
      if lastError == ENXIO { usleep(10_000) }  // the reader has not opened its end yet
    }
    #expect(lastError == nil)
    attempts = 0
    while received.get() == nil, attempts < 500 {
      attempts += 1
      usleep(10_000)
    }
    #expect(received.get().map { String(decoding: $0, as: UTF8.self) } == "through the pipe")
    #expect(fileType(path) == S_IFIFO)
  }

  @Test func aFIFONobodyReadsIsRefusedInsteadOfBlocking() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.path("pipe")
    #expect(mkfifo(path, 0o600) == 0)
    #expect(throws: AtomicFileWriter.WriteError.self) { try AtomicFileWriter.write("x", to: path) }
    do {
      try AtomicFileWriter.write("x", to: path)
    } catch {
      #expect(error.code == ENXIO)
      #expect(error.message.contains("ENXIO"))
    }
    #expect(fileType(path) == S_IFIFO)
  }

  @Test func aFullDeviceReportsENOSPCAndStaysADevice() throws {
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    do {
      try AtomicFileWriter.write("x", to: "/dev/full")
      Issue.record("writing /dev/full succeeded")
    } catch {
      #expect(error.code == ENOSPC)
      #expect(error.description == "cannot write '/dev/full': no space left on device (ENOSPC)")
      #expect(error.help.contains("free some space"))
    }
    #expect(fileType("/dev/full") == S_IFCHR)
  }

  @Test func theNullDeviceIsWrittenInPlace() throws {
    guard FileManager.default.fileExists(atPath: "/dev/null") else { return }
    try AtomicFileWriter.write("discarded", to: "/dev/null")
    #expect(fileType("/dev/null") == S_IFCHR)
  }

  @Test func aFolderIsRefusedWithEISDIR() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    #expect(throws: AtomicFileWriter.WriteError.self) {
      try AtomicFileWriter.write("x", to: dir.url.path)
    }
    do {
      try AtomicFileWriter.write("x", to: dir.url.path)
    } catch {
      #expect(error.code == EISDIR)
      #expect(error.message.hasSuffix("(EISDIR)"))
    }
  }

  @Test func aFileInsteadOfAFolderIsRefusedWithENOTDIR() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    try "x".write(toFile: dir.path("file"), atomically: false, encoding: .utf8)
    do {
      try AtomicFileWriter.write("x", to: dir.path("file/out.csv"))
      Issue.record("writing under a file succeeded")
    } catch {
      #expect(error.code == ENOTDIR)
    }
  }

  @Test func staleTemporariesOfDeadWritersAreRemovedByTheNextWrite() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    // A writer killed with SIGKILL leaves its temporary; pid 2^22+1 is above Linux's pid_max
    // default (4,194,304), so no process has it. A live writer's temporary (ours) stays.
    let stale = dir.path(".out.csv" + AtomicFileWriter.temporaryMarker + "4194305-0")
    let live = dir.path(".out.csv" + AtomicFileWriter.temporaryMarker + "\(getpid())-77")
    let other = dir.path(".other.csv" + AtomicFileWriter.temporaryMarker + "4194305-0")
    for path in [stale, live, other] {
      try "partial".write(toFile: path, atomically: false, encoding: .utf8)
    }
    try AtomicFileWriter.write("complete", to: dir.path("out.csv"))
    #expect(!FileManager.default.fileExists(atPath: stale))
    #expect(FileManager.default.fileExists(atPath: live))
    #expect(FileManager.default.fileExists(atPath: other))
    #expect(read(dir.path("out.csv")) == "complete")
  }

  @Test func aFailedWriteLeavesTheOldFileAndNoTemporary() throws {
    let dir = try TemporaryDirectory()
    defer { dir.cleanup() }
    let path = dir.path("out.csv")
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    // The folder is read-only: the temporary cannot be created (as root, permissions do not
    // apply, so this part of the test needs an ordinary user).
    guard geteuid() != 0 else { return }
    #expect(chmod(dir.url.path, 0o500) == 0)
    defer { _ = chmod(dir.url.path, 0o700) }
    #expect(throws: AtomicFileWriter.WriteError.self) {
      try AtomicFileWriter.write("new", to: path)
    }
    #expect(read(path) == "old")
  }
}

/// Bytes handed from a reader thread to the test.
final class ReceivedBytes: Sendable {
  private let value = Mutex<Data?>(nil)
  func set(_ data: Data) { value.withLock { $0 = data } }
  func get() -> Data? { value.withLock { $0 } }
}
