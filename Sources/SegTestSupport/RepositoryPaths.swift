package import Foundation

/// Where tests find the repository's files and the optional shared data set.
package enum RepositoryPaths {
  /// The repository root, found from this source file's location.
  package static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    // Sources/SegTestSupport/RepositoryPaths.swift -> repository root
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  /// The example transaction log that ships with the repository.
  package static var exampleData: URL {
    root.appendingPathComponent("examples/data/online_retail.csv.gz")
  }

  /// `../shared/data/online_retail.csv.gz` beside the checkout, when present.
  package static var sharedData: URL? {
    let url = root.deletingLastPathComponent().appendingPathComponent(
      "shared/data/online_retail.csv.gz")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// The built `seg` binary: `$SEG_BINARY` when set, else the newer of the debug and release
  /// builds in `.build/`.
  package static var segBinary: URL? {
    if let path = ProcessInfo.processInfo.environment["SEG_BINARY"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    let candidates = ["debug", "release"].map {
      root.appendingPathComponent(".build/\($0)/seg")
    }
    let existing = candidates.filter { FileManager.default.isExecutableFile(atPath: $0.path) }
    return existing.max { a, b in
      let da = (try? FileManager.default.attributesOfItem(atPath: a.path)[.modificationDate] as? Date) ?? .distantPast
      let db = (try? FileManager.default.attributesOfItem(atPath: b.path)[.modificationDate] as? Date) ?? .distantPast
      return da < db
    }
  }
}
