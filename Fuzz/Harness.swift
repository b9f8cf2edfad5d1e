// The libFuzzer entry point of every seg fuzz target, chosen with the SEG_FUZZ_TARGET environment
// variable: `csv`, `numbers`, `dates`, `xlsx` (SegCore) and `lexer`, `parser` (the script front end).
//
// scripts/fuzz compiles it (swiftc -sanitize=fuzzer,address) into one module with SegCore's
// sources and the lexer and parser sources of SegLang, their `import SegCore` lines removed, and
// ScriptStubs.swift standing in for the interpreter's types. It is not part of the SwiftPM build.
// The registry below has the shapes of seg's commands: positionals, a condition, options of every
// type; the normal test suite replays the corpora with the real registry (FuzzCorpusTests).

#if canImport(Glibc)
  import Glibc
#endif

let fuzzTarget: String = getenv("SEG_FUZZ_TARGET").map { String(cString: $0) } ?? "csv"

let fuzzRegistry: CommandRegistry = {
  func spec(
    _ name: String, positionals: [ArgumentSpec] = [], expression: ExpressionSpec? = nil,
    options: [OptionSpec] = []
  ) -> CommandSpec {
    CommandSpec(
      name: name, category: .language, summary: name, positionals: positionals,
      expression: expression, options: options, examples: [], run: nil)
  }
  var registry = CommandRegistry()
  registry.register([
    spec(
      "load", positionals: [ArgumentSpec("file", .path, "the file")],
      options: [OptionSpec("customer", .name, "c"), OptionSpec("run", .int, "r", minimum: 1)]),
    spec("filter", expression: ExpressionSpec("condition", "the rows to keep")),
    spec(
      "assert", expression: ExpressionSpec("condition", "c"),
      options: [OptionSpec("msg", .string, "m")]),
    spec(
      "echo",
      positionals: [ArgumentSpec("values", .any, "v", isRequired: false, isVariadic: true)]),
    spec(
      "cluster",
      options: [
        OptionSpec("k", .int, "k", minimum: 2),
        OptionSpec("method", .choice(["kmeans", "gmm"]), "m"),
        OptionSpec("eps", .number, "e"),
      ]),
    spec(
      "choose", positionals: [ArgumentSpec("range", .intRange, "ks")],
      options: [OptionSpec("resamples", .int, "r", minimum: 1)]),
    spec(
      "transform", positionals: [ArgumentSpec("kind", .name, "k")],
      options: [OptionSpec("cols", .names, "c")]),
    spec("rfm", options: [OptionSpec("asof", .date, "a"), OptionSpec("top", .int, "t")]),
    spec("export", positionals: [ArgumentSpec("file", .path, "f")]),
  ])
  return registry
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  let problem: String?
  switch fuzzTarget {
  case "numbers": problem = FuzzEntryPoints.numbers(bytes)
  case "dates": problem = FuzzEntryPoints.dates(bytes)
  case "xlsx": problem = FuzzEntryPoints.xlsx(bytes)
  case "lexer": problem = ScriptFuzzEntryPoints.lexer(bytes)
  case "parser": problem = ScriptFuzzEntryPoints.parser(bytes, registry: fuzzRegistry)
  default: problem = FuzzEntryPoints.csv(bytes)
  }
  if let problem { fatalError("\(fuzzTarget): \(problem)") }
  return 0
}
