import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard input.
struct StandardInput {
  /// Whether standard input is a terminal.
  var isTerminal: Bool { isatty(0) == 1 }

  /// All of standard input as text (invalid UTF-8 repaired), or `nil` when it cannot be read.
  func readAll() -> String? {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self)
  }
}
