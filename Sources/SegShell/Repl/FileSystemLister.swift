internal import Foundation

/// One entry of a directory, as path completion sees it.
struct DirectoryEntry: Sendable, Equatable {
  /// The file name, without any directory.
  var name: String
  /// Whether it is a directory (after following a symbolic link).
  var isDirectory: Bool

  init(_ name: String, isDirectory: Bool = false) {
    self.name = name
    self.isDirectory = isDirectory
  }
}

/// Lists directories for path completion: the real file system in the REPL, a dictionary in
/// tests.
protocol FileSystemLister {
  /// The entries of `directory`, in any order, or none when it cannot be read.
  ///
  /// - Parameter directory: The directory part of the path being typed, exactly as typed: empty
  ///   for the current directory, otherwise ending in `/` (`data/`, `/tmp/`, `~/`).
  func entries(inDirectory directory: String) -> [DirectoryEntry]
}

/// The real file system: relative paths from the current directory, `~/` from `$HOME`.
struct LocalFileSystemLister: FileSystemLister {
  /// The home directory `~/` stands for, or `nil` to leave `~` alone.
  var home: String?

  init(home: String? = ProcessInfo.processInfo.environment["HOME"]) {
    self.home = home
  }

  func entries(inDirectory directory: String) -> [DirectoryEntry] {
    var path = directory.isEmpty ? "." : directory
    if let home, path == "~" || path.hasPrefix("~/") { path = home + path.dropFirst() }
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: path) else { return [] }
    return names.map { name in
      var isDirectory: ObjCBool = false
      let full = path.hasSuffix("/") ? path + name : path + "/" + name
      _ = manager.fileExists(atPath: full, isDirectory: &isDirectory)
      return DirectoryEntry(name, isDirectory: isDirectory.boolValue)
    }
  }
}
