package import GRDB

/// The history file's schema, as a sequence of GRDB migrations.
///
/// Never edit a registered migration: files in the wild were made by it. Add `v3`, `v4`, …
/// instead; opening an older file runs the missing migrations, each in its own transaction.
///
/// - v1: `seg_history` (format marker), `run`, `parameter`, `segment`, `customer`.
/// - v2: stable segment names: `run.previous_run_id`, `run.match_threshold` and the
///   `segment_match` table (one row per cluster of every run saved from v2 on).
package enum HistorySchema {
  /// The value of `seg_history.format` that marks a file as a seg history.
  package static let format = "seg-history"

  /// The migration identifiers, oldest first.
  package static let versions = ["v1", "v2"]

  /// The migrator that creates or upgrades a history file.
  package static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE seg_history (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
          );
          INSERT INTO seg_history (key, value) VALUES ('format', '\(format)');
          CREATE TABLE run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            asof TEXT NOT NULL,
            seg_version TEXT NOT NULL,
            script TEXT NOT NULL,
            script_sha256 TEXT NOT NULL,
            input_file TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            seed TEXT NOT NULL,
            method TEXT NOT NULL,
            k INTEGER NOT NULL,
            features TEXT NOT NULL,
            customers INTEGER NOT NULL
          );
          CREATE TABLE parameter (
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (run_id, name)
          );
          CREATE TABLE segment (
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            cluster INTEGER NOT NULL,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            revenue REAL NOT NULL,
            centroid TEXT NOT NULL,
            scaled_centroid TEXT NOT NULL,
            means TEXT NOT NULL,
            PRIMARY KEY (run_id, cluster),
            UNIQUE (run_id, name)
          );
          CREATE TABLE customer (
            run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            customer TEXT NOT NULL,
            cluster INTEGER NOT NULL,
            segment TEXT NOT NULL,
            features TEXT NOT NULL,
            revenue REAL,
            UNIQUE (run_id, customer)
          );
          """)
    }
    migrator.registerMigration("v2") { db in
      try db.execute(
        sql: """
          ALTER TABLE run ADD COLUMN previous_run_id INTEGER REFERENCES run(id);
          ALTER TABLE run ADD COLUMN match_threshold REAL;
          CREATE TABLE segment_match (
            run_id INTEGER NOT NULL,
            cluster INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('matched', 'moved', 'new')),
            previous_cluster INTEGER,
            previous_name TEXT,
            distance REAL,
            PRIMARY KEY (run_id, cluster),
            FOREIGN KEY (run_id, cluster) REFERENCES segment(run_id, cluster) ON DELETE CASCADE
          );
          """)
    }
    return migrator
  }
}
