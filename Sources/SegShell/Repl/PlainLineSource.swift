internal import Foundation

/// Statements from standard input without line editing.
///
/// The REPL reads this way when standard input is a terminal but standard output is not
/// (`seg > out.txt`). Prompts go to standard error.
///
/// A Ctrl-C pressed while a line is being typed takes effect when Enter is pressed: that line
/// is dropped (``LineEditor/ReadResult/interrupted``).
final class PlainLineSource: LineSource {
  /// Writes a prompt.
  private let writePrompt: (String) -> Void
  /// Reads one line without its line break, or `nil` at end of input.
  private let readLine: () -> String?
  /// Whether Ctrl-C was pressed since the last reset; cleared by each read.
  private let interrupts: any InterruptSource

  var completionModel = CompletionModel()

  init(
    interrupts: any InterruptSource,
    writePrompt: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
    readLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) }
  ) {
    self.interrupts = interrupts
    self.writePrompt = writePrompt
    self.readLine = readLine
  }

  func readStatement(isComplete: (String) -> Bool) -> LineEditor.ReadResult {
    interrupts.reset()
    var lines = StatementLines()
    while true {
      writePrompt(lines.isEmpty ? "seg> " : "...> ")
      guard let line = readLine() else {
        writePrompt("\n")
        return .endOfInput
      }
      if interrupts.isRequested() {
        interrupts.reset()
        return .interrupted
      }
      if let entry = lines.add(line, isComplete: isComplete) { return .statement(entry) }
    }
  }

  func addHistory(_ entry: String) {}
}
