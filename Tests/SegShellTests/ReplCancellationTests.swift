import Foundation
import SegLang
import SegTestSupport
import Synchronization
import Testing

@testable import SegShell

/// Ctrl-C while a statement runs, and the progress line, with commands registered by the test.
@Suite struct ReplCancellationTests {
  /// The standard language plus `commands`.
  private func registry(_ commands: [CommandSpec]) -> CommandRegistry {
    var registry = CommandRegistry.standard
    registry.register(commands)
    return registry
  }

  @Test func ctrlCCancelsAStepThatNeverPollsAndItsLateWorkIsDropped() {
    let started = Signal()
    let release = Signal()
    let interrupts = ScriptedInterrupts()
    let lateWrite = Mutex<String?>(nil)
    // A step that ignores cancellation: it blocks until released, then prints, writes a file and
    // changes the workspace, as a core algorithm that never polls would when it finally ends.
    let block = CommandSpec(
      name: "block", category: .language, summary: "Blocks.", examples: ["block"]
    ) { context, _ throws(RuntimeError) in
      started.fire()
      interrupts.press()
      release.wait()
      context.write("late output")
      do throws(HostError) {
        try context.host.writeFileAtomically(Array("late".utf8), toPath: "late.txt")
      } catch {
        lateWrite.withLock { $0 = error.message }
      }
      context.workspace.variables["late"] = .number(1)
    }
    let run = runRepl(
      ["set k = 1", "block", "echo $k", "echo \"after\""], registry: registry([block]),
      interrupts: interrupts
    ) { lines in
      // Release the blocked worker only after the prompt came back; `echo $k` then waits for it.
      lines.beforeRead[2] = { release.fire() }
    }
    #expect(started.wait(seconds: 0))
    #expect(run.console.status == "cancelled\n")
    #expect(run.host.output == "1\nafter\n")
    #expect(run.host.file(atPath: "late.txt") == nil)
    #expect(lateWrite.withLock { $0 } == "the statement was cancelled")
    #expect(run.repl.session.workspace.variables["late"] == nil)
    #expect(run.repl.session.log.map(Printer.print) == ["set k = 1", "echo $k", "echo \"after\""])
  }

  @Test func aStepThatPollsStopsAndTheStatementsBeforeItInTheEntryStay() {
    let interrupts = ScriptedInterrupts()
    let spin = CommandSpec(
      name: "spin", category: .language, summary: "Spins.", examples: ["spin"]
    ) { context, _ throws(RuntimeError) in
      interrupts.press()
      while true {
        try context.checkCancellation()
        usleep(1_000)
      }
    }
    let run = runRepl(
      ["set a = 1; spin; set b = 2", "echo $a"], registry: registry([spin]),
      interrupts: interrupts)
    #expect(run.console.status == "cancelled\n")
    #expect(run.host.output == "1\n")
    #expect(run.repl.session.workspace.variables["b"] == nil)
    #expect(run.host.errors == "")
  }

  @Test func aLongStepShowsAProgressLineThatIsClearedBeforeOutput() {
    let console = MemoryConsole(showsProgress: true, outputWidth: 100)
    let slow = CommandSpec(
      name: "slow", category: .language, summary: "Reports progress.", examples: ["slow"]
    ) { context, _ throws(RuntimeError) in
      context.reportProgress("step 1 of 2", fraction: 0.5)
      // Wait (without a time threshold) until the REPL has drawn the line.
      for _ in 0..<3_000 where !console.status.contains("step 1 of 2") { usleep(10_000) }
      context.write("done")
    }
    let run = runRepl(["slow"], registry: registry([slow]), console: console)
    #expect(run.host.output == "done\n")
    let status = console.status
    #expect(status.hasPrefix("\rslow · step 1 of 2 · 50% · "))
    #expect(status.contains(" · Ctrl-C cancels\u{1B}[K"))
    #expect(status.hasSuffix(ProgressLine.clear))
  }

  @Test func noProgressLineWhenStandardErrorIsNotATerminal() {
    let console = MemoryConsole(showsProgress: false, outputWidth: nil)
    let slow = CommandSpec(
      name: "slow", category: .language, summary: "Sleeps.", examples: ["slow"]
    ) { context, _ throws(RuntimeError) in
      context.reportProgress("working")
      usleep(700_000)
      context.write("done")
    }
    let run = runRepl(["slow"], registry: registry([slow]), console: console)
    #expect(run.host.output == "done\n")
    #expect(console.status == "")
  }

  @Test(
    arguments: [
      ("cluster", nil, nil, Duration.milliseconds(3_250), 100, "cluster · 3.2s · Ctrl-C cancels"),
      (
        "elbow 2..10", "k = 4 of 10", 0.4, .seconds(125), 100,
        "elbow 2..10 · k = 4 of 10 · 40% · 2m05s · Ctrl-C cancels"
      ),
      ("elbow 2..10", "k = 4 of 10", 0.4, .seconds(1), 20, "elbow 2..10 · k = …"),
    ] as [(String, String?, Double?, Duration, Int, String)])
  func theProgressLineSaysWhatRunsAndFitsTheWidth(
    label: String, message: String?, fraction: Double?, elapsed: Duration, width: Int,
    expected: String
  ) {
    #expect(
      ProgressLine.text(
        label: label, message: message, fraction: fraction, elapsed: elapsed, width: width)
        == expected)
  }
}
