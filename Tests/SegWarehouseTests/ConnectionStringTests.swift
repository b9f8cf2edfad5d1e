import Testing

@testable import SegWarehouse

@Suite struct ConnectionStringTests {
  @Test func passwordsAreRedactedInURIsAndKeyValueStrings() {
    let cases: [(String, String)] = [
      ("postgresql://seg:s3cret@db.example:5432/shop", "postgresql://seg:********@db.example:5432/shop"),
      ("postgres://seg@db/shop?password=s3cret&sslmode=require", "postgres://seg@db/shop?password=********&sslmode=require"),
      ("host=/tmp dbname=shop user=seg password=s3cret", "host=/tmp dbname=shop user=seg password=********"),
      (#"host=/tmp password='it\'s s3cret' dbname=shop"#, "host=/tmp password='********' dbname=shop"),
      ("postgresql://seg@db/shop", "postgresql://seg@db/shop"),
    ]
    for (raw, shown) in cases {
      let c = ConnectionString(raw)
      #expect(c != nil)
      #expect(c?.redacted == shown)
      #expect(!(c?.redacted.contains("s3cret") ?? true))
    }
  }

  @Test func maskingKeepsColumns() {
    let line = #"load "postgresql://seg:s3cret@h/db" table=sales"#
    let masked = ConnectionString.maskPasswords(in: line)
    #expect(masked == #"load "postgresql://seg:******@h/db" table=sales"#)
    #expect(masked.count == line.count)
  }

  @Test func filePathsAreNotConnectionStrings() {
    #expect(ConnectionString("examples/data/online_retail.csv.gz") == nil)
    #expect(ConnectionString("a=b.csv") == nil)
    #expect(ConnectionString("dbname=shop") != nil)
  }
}
