import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Feeds thousands of random and mutated inputs (seeded, so failures reproduce) through the
/// lexer, parser, validator, renderer and interpreter: each must end in a diagnostic or a
/// result, never a crash or a hang.
@Suite(.timeLimit(.minutes(2))) struct RobustnessTests {
  static let fragments = [
    "filter", "assert", "set", "param", "echo", "head", "show", "help", " ", " ", "\n", ";", "=",
    "==", "!=", "<", ">=", "(", ")", "[", "]", ",", ":", "..", "\"", "\\", "`", "$", "#", "%",
    "recency", "monetary", "Country", "x", "k", "1", "2.5", "5%", "2011-12-09", "-", "+", "*",
    "/", "and", "or", "not", "in", "true", "mean(", "count()", "share(", "msg=", "int", "é",
    "😀", "\t", "\r\n", "1e999", "2011-02-30", "0", "/ 0", "`Customer ID`", "\"a\"", "[1, 2]",
  ]

  static let seeds = [
    "param k: int = 4\nset seed = $k\nfilter recency > 90 and frequency >= 2\nassert count() > 0, msg=\"x\"\nhead 3\n",
    "echo \"a\" 1 5% 2011-12-09 [1, 2] 1..3 (mean(monetary) / 2)\nfilter Country in [\"France\",\n \"Spain\"]\nshow format=csv",
    "filter not (monetary > 100 or `Customer ID` not in [12346]) \\\n and recency in 1..30\nhelp filter\nset asof = 2011-12-10",
  ]

  /// Parses, validates, renders and (when valid) runs `text`; returns whether anything was
  /// reported or ran.
  func exercise(_ text: String) -> Bool {
    let source = SourceFile(name: "fuzz.seg", text: text)
    let compilation = Compilation(source)
    let renderer = DiagnosticRenderer()
    for d in compilation.diagnostics {
      #expect(!renderer.render(d, in: source).isEmpty)
      #expect(d.range.start >= 0 && d.range.end <= source.bytes.count, "\(d.id) out of range")
    }
    if compilation.hasErrors { return true }
    let host = MemoryHost()
    var workspace = Workspace()
    workspace.setCurrentTable(sampleTable(), name: "customers")
    let outcome = Interpreter(host: host).run(compilation.script, source: source, workspace: &workspace)
    if case .stopped(let e) = outcome { #expect(!renderer.render(e.diagnostic, in: source).isEmpty) }
    return true
  }

  @Test func randomInputsEndInADiagnosticOrAResult() {
    var rng = SeededGenerator(seed: 20_111_209)
    for _ in 0..<3000 {
      let n = rng.nextInt(below: 25)
      var text = ""
      for _ in 0..<n {
        text += RobustnessTests.fragments[rng.nextInt(below: RobustnessTests.fragments.count)]
        if rng.nextInt(below: 3) == 0 { text += " " }
      }
      #expect(exercise(text))
    }
  }

  @Test func randomBytesEndInADiagnosticOrAResult() {
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<1000 {
      let bytes = (0..<rng.nextInt(below: 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      #expect(exercise(String(decoding: bytes, as: UTF8.self)))
    }
  }

  @Test func mutatedScriptsEndInADiagnosticOrAResult() {
    var rng = SeededGenerator(seed: 42)
    for i in 0..<3000 {
      var chars = Array(RobustnessTests.seeds[i % RobustnessTests.seeds.count])
      for _ in 0..<(1 + rng.nextInt(below: 4)) {
        let at = rng.nextInt(below: chars.count + 1)
        switch rng.nextInt(below: 4) {
        case 0 where at < chars.count: chars.remove(at: at)
        case 1:
          let f = RobustnessTests.fragments[rng.nextInt(below: RobustnessTests.fragments.count)]
          chars.insert(contentsOf: Array(f), at: at)
        case 2 where at < chars.count:
          chars[at] = Array("()[]\"`=<>;\n\\$#%.,")[rng.nextInt(below: 17)]
        default:
          let from = rng.nextInt(below: chars.count)
          let to = min(chars.count, from + rng.nextInt(below: 10))
          chars.insert(contentsOf: chars[from..<to], at: at)
        }
      }
      #expect(exercise(String(chars)))
    }
  }
}
