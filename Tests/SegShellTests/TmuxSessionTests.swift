import Foundation
import SegTestSupport
import Testing

extension TmuxSession {
  /// Skips a suite or test, saying why, when tmux is missing.
  static var enabledTrait: ConditionTrait {
    .enabled(if: isAvailable, "tmux is not installed; terminal tests are skipped")
  }
}

@Suite(TmuxSession.enabledTrait) struct TmuxSessionTests {
  @Test func typedTextIsEchoedAndTheProgramSeesIt() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let session = try TmuxSession(
      command: ["sh", "-c", "printf 'ready\\n'; read line; printf 'got <%s>\\n' \"$line\""],
      width: 60, height: 10, environment: TmuxSession.hermeticEnvironment(home: home.url))
    defer { session.kill() }
    try session.waitFor("ready")
    try session.type("a  \"b\" ö")
    try session.sendKeys("Enter")
    let transcript = try session.waitFor("got <")
    #expect(transcript.contains("got <a  \"b\" ö>"))
    #expect(try session.waitForExit() == 0)
  }

  @Test func theExitStatusAndTheLastScreenSurviveTheProgram() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let session = try TmuxSession(
      command: ["sh", "-c", "echo last words; exit 3"], width: 40, height: 5,
      environment: TmuxSession.hermeticEnvironment(home: home.url))
    defer { session.kill() }
    #expect(try session.waitForExit() == 3)
    // The status file can be written before tmux has drawn the program's last output.
    let transcript = try session.waitFor("last words")
    #expect(transcript == "last words")
  }

  @Test func theEnvironmentIsOnlyWhatWasGiven() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let session = try TmuxSession(
      command: ["sh", "-c", "echo \"home=$HOME user=${USER:-none} term=$TERM\""], width: 100,
      height: 5, environment: TmuxSession.hermeticEnvironment(home: home.url))
    defer { session.kill() }
    _ = try session.waitForExit()
    #expect(try session.waitFor("term=") == "home=\(home.url.path) user=none term=xterm-256color")
  }

  @Test func waitingForTextThatNeverComesTimesOutWithTheScreen() throws {
    let home = try TemporaryDirectory()
    defer { home.cleanup() }
    let session = try TmuxSession(
      command: ["sh", "-c", "echo something else; sleep 30"], width: 40, height: 5,
      environment: TmuxSession.hermeticEnvironment(home: home.url))
    defer { session.kill() }
    do {
      try session.waitFor("never", timeout: .milliseconds(500))
      Issue.record("waitFor returned for text that is not there")
    } catch TmuxSession.Failure.timedOut(let waitingFor, let screen) {
      #expect(waitingFor == "'never'")
      #expect(screen.contains("something else"))
    }
  }
}
