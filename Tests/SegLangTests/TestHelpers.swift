import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Compiles `text` (parse + validate) with the standard registry.
func compile(_ text: String) -> Compilation {
  Compilation(SourceFile(name: "test.seg", text: text))
}

/// The single diagnostic that `marked` produces; `#expect`s its ID and that its range starts at
/// marker 1️⃣ (and ends at marker 2️⃣ when present).
@discardableResult
func expectDiagnostic(
  _ marked: String, _ id: DiagnosticID, message: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) -> Diagnostic? {
  let m = MarkedSource(marked)
  let diagnostics = compile(m.text).diagnostics
  #expect(diagnostics.count == 1, "diagnostics: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
  guard let d = diagnostics.first else { return nil }
  #expect(d.id == id, "got \(d.id): \(d.message)", sourceLocation: sourceLocation)
  #expect(d.range.start == m.offset("1️⃣"), "range \(d.range)", sourceLocation: sourceLocation)
  if let end = m.offset("2️⃣") {
    #expect(d.range.end == end, "range \(d.range)", sourceLocation: sourceLocation)
  }
  if let message {
    #expect(d.message == message, sourceLocation: sourceLocation)
  }
  return d
}

/// A small customer table: ids, recency, frequency, monetary (one missing), country.
func sampleTable() -> Table {
  Table(columns: [
    Column(name: "Customer ID", data: .integer([12346, 12347, 12348, 12349, 12350])),
    Column(name: "recency", data: .integer([326, 2, 75, 19, 310])),
    Column(name: "frequency", data: .integer([1, 7, 4, 1, 1])),
    Column(name: "monetary", data: .decimal([77183.6, 4310.0, 1797.24, .nan, 334.4])),
    Column(name: "Country", data: .text(["United Kingdom", "Iceland", "Finland", "Italy", "Norway"])),
  ])
}

/// Runs `text` against a workspace holding ``sampleTable()`` (as "customers") and returns the
/// host and the outcome.
func run(
  _ text: String, table: Table? = sampleTable(), registry: CommandRegistry = .standard
) -> (host: MemoryHost, outcome: RunOutcome, workspace: Workspace) {
  let host = MemoryHost()
  let source = SourceFile(name: "test.seg", text: text)
  var workspace = Workspace()
  if let table { workspace.setCurrentTable(table, name: "customers") }
  let compilation = Compilation(source, registry: registry)
  for d in compilation.diagnostics { host.report(d, in: source) }
  guard !compilation.hasErrors else {
    return (host, .stopped(RuntimeError(compilation.diagnostics[0])), workspace)
  }
  let outcome = Interpreter(registry: registry, host: host).run(
    compilation.script, source: source, workspace: &workspace)
  if case .stopped(let e) = outcome { host.report(e.diagnostic, in: source) }
  return (host, outcome, workspace)
}

/// The runtime error a run stopped with, if any.
func stoppedError(_ outcome: RunOutcome) -> RuntimeError? {
  if case .stopped(let e) = outcome { e } else { nil }
}
