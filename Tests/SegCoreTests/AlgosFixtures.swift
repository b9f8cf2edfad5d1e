import Foundation
import SegCore
import Testing

/// Reads the `algos_*` oracle fixtures written by `scripts/oracle_algos.py`.
enum AlgosFixtures {
  struct Matrix {
    let values: [Double]
    let rows: Int
    let cols: Int
  }

  struct FixtureMissing: Error, CustomStringConvertible {
    let name: String
    var description: String { "fixture \(name) is missing or unreadable" }
  }

  static func url(_ name: String, _ ext: String) throws -> URL {
    guard
      let url = Bundle.module.url(
        forResource: "algos_\(name)", withExtension: ext, subdirectory: "Fixtures")
    else { throw FixtureMissing(name: "algos_\(name).\(ext)") }
    return url
  }

  /// The CSV matrix `algos_<name>.csv` (header row, then numbers).
  static func matrix(_ name: String) throws -> Matrix {
    let text = try String(contentsOf: url(name, "csv"), encoding: .utf8)
    var lines = text.split(separator: "\n")
    let cols = lines.removeFirst().split(separator: ",").count
    var values = [Double]()
    for line in lines {
      for field in line.split(separator: ",") {
        guard let v = Double(field) else { throw FixtureMissing(name: "algos_\(name).csv") }
        values.append(v)
      }
    }
    return Matrix(values: values, rows: lines.count, cols: cols)
  }

  /// The decoded JSON fixture `algos_<name>.json`.
  static func json<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(contentsOf: url(name, "json")))
  }

  /// Whether two labelings describe the same partition (equal up to renaming the labels, with
  /// noise -1 kept as -1 in both).
  static func samePartition(_ a: [Int], _ b: [Int]) -> Bool {
    guard a.count == b.count else { return false }
    var forward = [Int: Int]()
    var backward = [Int: Int]()
    for (x, y) in zip(a, b) {
      if (x == -1) != (y == -1) { return false }
      if let m = forward[x], m != y { return false }
      if let m = backward[y], m != x { return false }
      forward[x] = y
      backward[y] = x
    }
    return true
  }

  static func close(_ a: Double, _ b: Double, absolute: Double = 0, relative: Double = 0) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
  }
}
