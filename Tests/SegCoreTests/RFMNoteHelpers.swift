import Foundation

@testable import SegCore

/// The first note of rfm's report on the log `text` (loaded as file `name`, in blocks of
/// `blockSize` when given) that contains `marker`.
func rfmNote(_ text: String, name: String, containing marker: String, blockSize: Int? = nil)
  throws -> String?
{
  let bytes = Array(text.utf8)
  let loaded =
    try blockSize.map { try TableLoader.load(bytes: bytes, name: name, blockSize: $0) }
    ?? TableLoader.load(bytes: bytes, name: name)
  let result = try RFM.compute(loaded.table, roles: loaded.roles)
  return result.report.notes.map(\.description).first { $0.contains(marker) }
}
