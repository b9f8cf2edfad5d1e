/// Where the REPL loop gets its statements: the libedit ``LineEditor`` on a terminal, plain
/// standard input otherwise, or a scripted list of lines in tests.
///
/// Noncopyable conformers (the line editor) are allowed; the loop only borrows its source.
protocol LineSource: ~Copyable {
  /// Reads the next statement: one line, or several joined with `\n` until `isComplete`
  /// accepts them; a dot-command is always one line.
  func readStatement(isComplete: (String) -> Bool) -> LineEditor.ReadResult
  /// Makes `entry` (as history kept it) reachable with the arrow keys and Ctrl-R.
  func addHistory(_ entry: String)
  /// What Tab completes; the loop sets it before each statement.
  var completionModel: CompletionModel { get nonmutating set }
}

extension LineEditor: LineSource {}
