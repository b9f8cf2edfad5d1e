import SegLang

/// `seg fmt [--check] FILE...`: rewrites scripts in the canonical layout of ``ScriptFormatter``.
///
/// Files are rewritten in place (atomically) when their layout changes, and named on standard
/// output. With `--check` nothing is written: a unified diff is printed for each file that would
/// change, and the exit status is 1 when any would. `seg fmt -` formats standard input to
/// standard output. A file with syntax errors is reported and left alone (exit status 2).
struct FormatCommand {
  let host: any ScriptHost
  let runner: ScriptRunner

  func run(_ arguments: [String], readStandardInput: () -> String?) -> ExitStatus {
    var isCheck = false
    var paths: [String] = []
    for a in arguments {
      if a == "--check" {
        isCheck = true
      } else if a.hasPrefix("--") {
        let suggestion = EditDistance.suggestion(for: a, among: ["--check"])
        return runner.usage(
          "'seg fmt' has no option '\(a)'",
          help: suggestion.map { "did you mean '\($0)'?" } ?? "seg fmt [--check] FILE...")
      } else {
        paths.append(a)
      }
    }
    guard !paths.isEmpty else {
      return runner.usage("'seg fmt' needs a script file", help: "seg fmt [--check] FILE...")
    }
    var status = ExitStatus.success
    for path in paths {
      let source: SourceFile
      if path == "-" {
        guard let text = readStandardInput() else {
          return runner.usage("cannot read standard input")
        }
        source = SourceFile(name: "<stdin>", text: text)
      } else {
        guard let s = runner.load(path) else { return .usageError }
        source = s
      }
      let formatted: String
      switch ScriptFormatter.format(source, registry: runner.registry) {
      case .success(let text): formatted = text
      case .failure(let error):
        for d in error.diagnostics { host.report(d, in: source) }
        status = .usageError
        continue
      }
      if path == "-" && !isCheck {
        host.writeOutput(formatted)
        continue
      }
      guard formatted != source.text else { continue }
      if isCheck {
        host.writeOutput(UnifiedDiff.diff(source.text, formatted, path: source.name))
        if status == .success { status = .runtimeError }
        continue
      }
      do throws(HostError) {
        try host.writeFileAtomically(Array(formatted.utf8), toPath: path)
        host.writeOutput("\(path): formatted\n")
      } catch {
        _ = runner.usage("cannot write '\(path)': \(error.message)")
        status = .runtimeError
      }
    }
    return status
  }
}
