import Foundation
import GRDB
import SegHistory

/// Writes history files as an older seg did, for the migration tests.
enum LegacyHistory {
  /// Creates a history at schema v1 holding one small run (3 customers, 2 segments), written
  /// with the SQL of that version, not with today's `save`.
  static func writeVersion1(at path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try HistorySchema.migrator.migrate(queue, upTo: "v1")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO run (created_at, asof, seg_version, script, script_sha256, input_file,
            input_sha256, seed, method, k, features, customers)
          VALUES ('2011-09-01T06:00:00.000Z', '2011-09-01', '0.0.9', 'rfm\n', ?, 'old.csv',
            '', '7', 'kmeans', 2, '["recency","monetary"]', 3);
          INSERT INTO parameter (run_id, name, value) VALUES (1, 'asof', '2011-09-01');
          INSERT INTO segment VALUES
            (1, 0, 'Champions', 2, 300.0, '[10.0,150.0]', '[-0.7,0.7]', '[10.0,150.0]'),
            (1, 1, 'Lost', 1, 20.0, '[300.0,20.0]', '[1.4,-1.4]', '[300.0,20.0]');
          INSERT INTO customer (run_id, customer, cluster, segment, features, revenue) VALUES
            (1, '17850', 0, 'Champions', '[8.0,160.0]', 160.0),
            (1, '13047', 0, 'Champions', '[12.0,140.0]', 140.0),
            (1, '12583', 1, 'Lost', '[300.0,20.0]', 20.0);
          """, arguments: [SHA256.hex("rfm\n".utf8)])
    }
  }
}
