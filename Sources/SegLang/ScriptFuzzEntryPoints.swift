/// The checks the script fuzz targets run on each generated input (`scripts/fuzz`), and the
/// normal test suite replays on the committed corpora (`Fuzz/corpus`, `Fuzz/crashes`).
///
/// Each check returns `nil`, or a description of a broken property; the fuzz harness turns a
/// description into a crash so that libFuzzer keeps the input.
package enum ScriptFuzzEntryPoints {
  /// Lexes `bytes`: tokens follow each other inside the source and end with the end of file;
  /// every diagnostic points inside the source.
  package static func lexer(_ bytes: [UInt8]) -> String? {
    let source = SourceFile(name: "fuzz.seg", text: String(decoding: bytes, as: UTF8.self))
    let (tokens, diagnostics) = Lexer.tokenize(source)
    var end = 0
    for t in tokens {
      guard t.range.start >= end, t.range.end >= t.range.start, t.range.end <= source.bytes.count
      else { return "token \(t.kind) at \(t.range.start)..<\(t.range.end) is out of order" }
      end = t.range.end
    }
    guard tokens.last?.kind == .endOfFile else { return "the last token is not the end of file" }
    return outOfRange(diagnostics, source)
  }

  /// Parses `bytes` with `registry`: diagnostics point inside the source, and a script without
  /// errors prints as text that parses without errors and prints the same again.
  package static func parser(_ bytes: [UInt8], registry: CommandRegistry) -> String? {
    let source = SourceFile(name: "fuzz.seg", text: String(decoding: bytes, as: UTF8.self))
    let (script, diagnostics) = Parser.parse(source, registry: registry)
    if let problem = outOfRange(diagnostics, source) { return problem }
    guard diagnostics.isEmpty else { return nil }
    let printed = Printer.print(script)
    let again = Parser.parse(SourceFile(name: "printed.seg", text: printed), registry: registry)
    guard again.diagnostics.isEmpty else {
      return "the printed script does not parse: \(again.diagnostics[0].message)"
    }
    guard Printer.print(again.script) == printed else { return "printing is not stable" }
    return nil
  }

  static func outOfRange(_ diagnostics: [Diagnostic], _ source: SourceFile) -> String? {
    for d in diagnostics
    where d.range.start < 0 || d.range.end < d.range.start || d.range.end > source.bytes.count {
      return "diagnostic \(d.id) at \(d.range.start)..<\(d.range.end) is outside the source"
    }
    return nil
  }
}
