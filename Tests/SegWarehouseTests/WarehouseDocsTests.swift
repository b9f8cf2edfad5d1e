import Foundation
import SegTestSupport
import Testing

@testable import SegWarehouse

/// Every example of docs/warehouse.md runs: the seg blocks against the test server (the
/// placeholder connection string replaced by the server's), the dbt model rendered and run on
/// it, and the Spark job's lines found verbatim in scripts/sql_engine.py, which the Spark test
/// runs.
@Suite struct WarehouseDocsTests {
  static let placeholder = "postgresql://seg@localhost/shop"

  static func blocks(_ language: String) throws -> [String] {
    let text = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent("docs/warehouse.md"), encoding: .utf8)
    var blocks: [String] = []
    var current: [Substring]? = nil
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```\(language)" {
        current = []
      } else if current != nil, line == "```" {
        blocks.append((current ?? []).joined(separator: "\n") + "\n")
        current = nil
      } else if current != nil {
        current?.append(line)
      }
    }
    return blocks
  }

  @Test(.enabled(if: TestDatabase.isAvailable, "set SEG_TEST_PG (scripts/test starts a server)"))
  func theSegExamplesRun() throws {
    let blocks = try Self.blocks("seg database")
    #expect(blocks.count == 4)
    let uri = WarehouseScriptTests.uri(user: "postgres")
    for block in blocks {
      #expect(block.contains(Self.placeholder))
      var model: String? = nil
      var scoring: String? = nil
      let r = try WarehouseScriptTests.run(
        block.replacing(Self.placeholder, with: uri), directories: ["models"],
        afterwards: { dir in
          model = try? String(contentsOfFile: dir + "/models/customer_rfm.sql", encoding: .utf8)
          scoring = try? String(contentsOfFile: dir + "/score.sql", encoding: .utf8)
        })
      #expect(r.status == 0, "\(block)\n\(r.all)")
      if let model {
        // dbt would render the source; the rendered model runs on the server.
        #expect(model.contains("FROM {{ source('shop', 'sales') }}"))
        let text = try #require(TestDatabase.connection)
        let db = try PostgresConnection(try #require(ConnectionString(text)))
        let rows = try db.query(model.replacing("{{ source('shop', 'sales') }}", with: "sales")).rows
        #expect(rows.count == 4338)
      }
      if let scoring {
        // The daily job's query labels every customer on the server.
        let text = try #require(TestDatabase.connection)
        let db = try PostgresConnection(try #require(ConnectionString(text)))
        let result = try db.query(scoring)
        #expect(result.columns == ["customer", "cluster", "segment"])
        #expect(result.rows.count == 4338)
        #expect(result.rows.allSatisfy { $0.count == 3 && $0[2] != nil })
      }
    }
  }

  @Test func theSparkJobLinesAreThoseOfTheTestedScript() throws {
    let script = try String(
      contentsOf: RepositoryPaths.root.appendingPathComponent("scripts/sql_engine.py"),
      encoding: .utf8)
    let blocks = try Self.blocks("python")
    #expect(blocks.count == 3)
    for block in blocks {
      #expect(script.contains(block), "not in scripts/sql_engine.py:\n\(block)")
    }
  }
}
