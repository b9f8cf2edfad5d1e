import Testing

@testable import SegLang

@Suite struct DiagnosticFormatTests {
  let source = SourceFile(name: "a,b:c.seg", text: "echo 1\nclustr k=4\n")

  var diagnostic: Diagnostic {
    Diagnostic(
      .unknownCommand, "unknown command 'clustr' (100%)", at: SourceRange(start: 7, end: 13),
      fixIt: .didYouMean("cluster", at: SourceRange(start: 7, end: 13))
    ).withNote("line one\r\nline two")
  }

  @Test func githubAnnotationsEscapeDataAndProperties() {
    #expect(
      GitHubAnnotation.render(diagnostic, in: source)
        == "::error file=a%2Cb%3Ac.seg,line=2,col=1,endLine=2,endColumn=7,title=seg unknown-command"
        + "::unknown command 'clustr' (100%25)%0Anote: line one%0D%0Aline two"
        + "%0Ahelp: did you mean 'cluster'?\n")
  }

  @Test func githubEscapingFollowsTheToolkit() {
    #expect(GitHubAnnotation.escapeData("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f")
    #expect(GitHubAnnotation.escapeProperty("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf")
  }

  @Test func warningsAndNotesMapToTheirCommands() {
    var d = diagnostic
    d.severity = .warning
    #expect(GitHubAnnotation.render(d, in: source).hasPrefix("::warning file="))
    d.severity = .note
    #expect(GitHubAnnotation.render(d, in: source).hasPrefix("::notice file="))
  }

  @Test func diagnosticsWithoutSourceHaveNoPosition() {
    let d = Diagnostic(.usage, "cannot read script", at: .none)
    #expect(GitHubAnnotation.render(d, in: nil) == "::error title=seg usage::seg: cannot read script\n")
    #expect(
      DiagnosticJSON.render(d, in: nil)
        == #"{"id":"usage","severity":"error","file":null,"start":null,"end":null,"message":"cannot read script","notes":[],"help":[],"fixit":null}"#
        + "\n")
  }

  @Test func jsonHasEveryField() {
    #expect(
      DiagnosticJSON.render(diagnostic, in: source)
        == #"{"id":"unknown-command","severity":"error","file":"a,b:c.seg","start":{"line":2,"column":1},"end":{"line":2,"column":7},"message":"unknown command 'clustr' (100%)","notes":["line one\r\nline two"],"help":["did you mean 'cluster'?"],"fixit":{"start":{"line":2,"column":1},"end":{"line":2,"column":7},"replacement":"cluster"}}"#
        + "\n")
  }

  @Test func jsonColumnsCountCharacters() {
    let s = SourceFile(name: "t", text: "echo \"é\" x")
    let d = Diagnostic(.unknownName, "x", at: SourceRange(start: 10, end: 11))
    #expect(DiagnosticJSON.render(d, in: s).contains(#""start":{"line":1,"column":10},"end":{"line":1,"column":11}"#))
  }

  @Test func theDefaultFormatFollowsGitHubActions() {
    #expect(DiagnosticFormat.defaultFormat { $0 == "GITHUB_ACTIONS" ? "true" : nil } == .github)
    #expect(DiagnosticFormat.defaultFormat { _ in nil } == .text)
    #expect(DiagnosticFormat.defaultFormat { _ in "false" } == .text)
  }
}
