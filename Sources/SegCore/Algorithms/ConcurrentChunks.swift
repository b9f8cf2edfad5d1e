/// Runs `body` on contiguous chunks of `0..<count` concurrently and returns the chunk results in
/// chunk order.
///
/// The chunking depends only on `count` and `minimumChunk`, never on the machine, and each chunk
/// is computed by the same code whatever thread runs it, so callers that combine the results in
/// order get output identical to a serial run.
func concurrentChunks<T: Sendable>(
  count: Int, minimumChunk: Int = 256, maximumChunks: Int = 16,
  _ body: @Sendable (Range<Int>) -> T
) -> [T] {
  let chunks = max(1, min(maximumChunks, count / max(minimumChunk, 1)))
  if chunks == 1 { return [body(0..<count)] }
  return Parallel.map(chunks) { c in body((count * c / chunks)..<(count * (c + 1) / chunks)) }
}

/// `concurrentChunks` for per-row results: each chunk returns one value per row of its range and
/// the values are concatenated in row order.
func concurrentMap<T: Sendable>(
  count: Int, minimumChunk: Int = 256, _ transform: @Sendable (Int) -> T
) -> [T] {
  concurrentChunks(count: count, minimumChunk: minimumChunk) { range in range.map(transform) }
    .flatMap { $0 }
}
