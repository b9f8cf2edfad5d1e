import Foundation
import SegCore
import SegTestSupport
import Testing

@testable import SegLang

/// Replays the fuzz corpora through the checks of `scripts/fuzz`.
///
/// `Fuzz/corpus` holds seeds, `Fuzz/crashes` inputs that once crashed, hung or broke a property.
/// Here the parser runs with the real command registry. An input that crashes again crashes this
/// test.
@Suite struct FuzzCorpusTests {
  static func inputs(_ target: String) -> [String] {
    var out: [String] = []
    for folder in ["Fuzz/corpus", "Fuzz/crashes"] {
      let dir = RepositoryPaths.root.appendingPathComponent("\(folder)/\(target)")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      out += names.sorted().map { "\(folder)/\(target)/\($0)" }
    }
    return out
  }

  static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: RepositoryPaths.root.appendingPathComponent(path)))
  }

  @Test(arguments: inputs("csv"))
  func csvInputLoadsAlikeInAnyBlockSize(_ path: String) throws {
    #expect(FuzzEntryPoints.csv(try Self.bytes(path)) == nil)
  }

  @Test(arguments: inputs("numbers"))
  func numberInputReadsAlikeInEveryReader(_ path: String) throws {
    #expect(FuzzEntryPoints.numbers(try Self.bytes(path)) == nil)
  }

  @Test(arguments: inputs("dates"))
  func dateInputPrintsBackAsItself(_ path: String) throws {
    #expect(FuzzEntryPoints.dates(try Self.bytes(path)) == nil)
  }

  @Test(arguments: inputs("xlsx"))
  func workbookInputLoadsOrFailsCleanly(_ path: String) throws {
    #expect(FuzzEntryPoints.xlsx(try Self.bytes(path)) == nil)
  }

  @Test(arguments: inputs("lexer"))
  func lexerInputGivesOrderedTokens(_ path: String) throws {
    #expect(ScriptFuzzEntryPoints.lexer(try Self.bytes(path)) == nil)
  }

  @Test(arguments: inputs("parser"))
  func parserInputRoundTrips(_ path: String) throws {
    #expect(ScriptFuzzEntryPoints.parser(try Self.bytes(path), registry: .standard) == nil)
  }

  @Test func everyTargetHasSeeds() {
    for target in ["csv", "numbers", "dates", "xlsx", "lexer", "parser"] {
      #expect(!Self.inputs(target).isEmpty, "\(target)")
    }
  }
}
