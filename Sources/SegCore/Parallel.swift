internal import Dispatch
internal import Foundation
internal import Synchronization

/// Runs independent work items on all cores and returns their results in item order.
///
/// The result never depends on scheduling: item `i` always lands at index `i`, so callers that
/// combine results in order get output identical to a serial run.
enum Parallel {
  /// The number of work items worth splitting a job into on this machine.
  static var activeCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Calls `body(i)` for every `i` in `0..<count`, concurrently, and returns the results in order.
  static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    if count <= 1 { return count == 1 ? [body(0)] : [] }
    let slots = Mutex<[T?]>(Array(repeating: nil, count: count))
    DispatchQueue.concurrentPerform(iterations: count) { i in
      let value = body(i)
      slots.withLock { $0[i] = value }
    }
    return slots.withLock { values in values.compactMap { $0 } }
  }

  /// Calls `body(i)` for every `i` in `0..<count`, concurrently when `count > 1`, and returns
  /// when all calls have finished.
  static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    if count <= 1 {
      if count == 1 { body(0) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }
}
