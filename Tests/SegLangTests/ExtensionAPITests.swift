import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// The way features add commands, values and functions, exercised end to end: a command in its
/// own spec, typed arguments, output, warnings, session state, and errors at a token.
@Suite struct ExtensionAPITests {
  static let segmentCommand = CommandSpec(
    name: "segment", category: .segmentation,
    summary: "Splits customers into k groups (test double).",
    positionals: [ArgumentSpec("label", .string, "a label", isRequired: false)],
    options: [
      OptionSpec("k", .int, "number of groups", isRequired: true),
      OptionSpec("method", .choice(["kmeans", "kmedoids"]), "algorithm", default: .string("kmeans")),
      OptionSpec("cols", .names, "columns to use", default: .list([.string("recency")])),
      OptionSpec("sweep", .intRange, "a range of k"),
    ],
    examples: ["segment k=4"]
  ) { context, arguments throws(RuntimeError) in
    let k = arguments.int("k") ?? 0
    guard k >= 1 else {
      throw RuntimeError(.invalidValue, "k must be at least 1", at: arguments.range(of: "k"))
    }
    let table = try context.requireTable(at: arguments.command.nameRange)
    for name in arguments.names("cols") ?? [] where table.columnIndex(named: name) == nil {
      throw RuntimeError(.unknownName, "no column '\(name)'", at: arguments.range(of: "cols"))
    }
    if k > table.rowCount {
      context.warn("more groups than rows", at: arguments.range(of: "k"))
    }
    var generator = context.workspace.makeGenerator()
    let first = generator.nextInt(below: 1000)
    context.workspace.variables["segments"] = .number(Double(k))
    context.write(
      "\(arguments.string("label") ?? "-") k=\(k) method=\(arguments.string("method") ?? "") "
        + "cols=\(arguments.names("cols") ?? []) sweep=\(arguments.intRange("sweep").map { "\($0)" } ?? "none") "
        + "draw=\(first)")
  }

  var registry: CommandRegistry {
    var r = CommandRegistry.standard
    r.register([ExtensionAPITests.segmentCommand])
    r.register(scalars: [
      ScalarSpec(name: "groups", summary: "k of the last segmentation", unavailableHelp: "run 'segment' first") {
        $0.variables["segments"]
      }
    ])
    r.register(functions: [
      FunctionSpec(name: "twice", signature: "twice(X)", summary: "doubles", arity: 1...1) {
        arguments, call throws(RuntimeError) in
        guard case .number(let x) = arguments[0] else {
          throw RuntimeError(.typeError, "twice needs a number", at: call.argumentRange(0))
        }
        return .number(2 * x)
      }
    ])
    return r
  }

  @Test func aRegisteredCommandParsesValidatesAndRuns() {
    let r = run("segment \"first\" k=2 method=kmedoids cols=[recency, frequency] sweep=2..5\necho groups", registry: registry)
    #expect(r.outcome == .completed)
    #expect(r.host.output.hasPrefix("first k=2 method=kmedoids cols=[\"recency\", \"frequency\"] sweep=2...5 draw="))
    #expect(r.host.output.hasSuffix("\n2\n"))
  }

  @Test func defaultsApplyAndTheSeedMakesDrawsRepeatable() {
    let a = run("segment k=2", registry: registry).host.output
    let b = run("segment k=2", registry: registry).host.output
    let c = run("set seed = 1\nsegment k=2", registry: registry).host.output
    #expect(a.hasPrefix("- k=2 method=kmeans cols=[\"recency\"] sweep=none"))
    #expect(a == b)
    #expect(a != c)
  }

  @Test func theRegistryDrivesValidation() {
    let c = Compilation(SourceFile(name: "t", text: "segment method=kmean sweep=5..2\nsegment k=\"x\""), registry: registry)
    #expect(c.diagnostics.map(\.id) == [.missingOption, .invalidChoice, .typeMismatch, .typeMismatch])
    // A bare name may be a built-in value (k=groups), so it is checked when the script runs.
    let e = stoppedError(run("segment k=x", registry: registry).outcome)
    #expect(e?.diagnostic.id == .unknownName)
    #expect(c.diagnostics[1].fixIt?.replacement == "kmeans")
  }

  @Test func handlerErrorsPointAtTheArgument() throws {
    let e = try #require(stoppedError(run("segment k=0", registry: registry).outcome))
    #expect(e.diagnostic.range == SourceRange(start: 10, end: 11))
    let w = run("segment k=9", registry: registry)
    #expect(w.host.diagnostics.map(\.severity) == [.warning])
    #expect(w.host.errors.hasPrefix("test.seg:1:11: warning: more groups than rows"))
  }

  @Test func builtinValuesAndFunctionsAreReadable() throws {
    let e = try #require(stoppedError(run("echo groups", registry: registry).outcome))
    #expect(e.diagnostic.id == .unavailable)
    #expect(e.diagnostic.notes.first?.message == "run 'segment' first")
    #expect(run("segment k=3\necho groups $groups (twice(groups))", registry: registry).host.output.hasSuffix("3 3 6\n"))
  }

  @Test func helpAndDocsIncludeTheNewCommand() {
    #expect(HelpText.overview(registry).contains("\n  segment "))
    #expect(CommandReference.markdown(for: registry).contains("### `segment`\n\n```\nsegment [LABEL] k=INT [method=kmeans|kmedoids]"))
  }
}
