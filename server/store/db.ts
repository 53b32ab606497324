// The embedded store: one better-sqlite3 connection per process, schema applied at open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export const MIGRATIONS: string[] = [
  `CREATE TABLE users (
     username TEXT PRIMARY KEY,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('viewer','operator','admin')),
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_user ON sessions(username);
   CREATE TABLE api_tokens (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('viewer','operator','admin')),
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     last_used_at TEXT
   );
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     username TEXT,
     action TEXT NOT NULL,
     target TEXT,
     result TEXT NOT NULL,
     detail TEXT
   );`,
  `CREATE TABLE notification_destinations (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('json','slack','ntfy')),
     url TEXT NOT NULL,
     events TEXT NOT NULL,
     enabled INTEGER NOT NULL DEFAULT 1,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );
   CREATE TABLE notification_deliveries (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     destination_id INTEGER NOT NULL REFERENCES notification_destinations(id) ON DELETE CASCADE,
     event TEXT NOT NULL,
     title TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     status_code INTEGER,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     finished_at TEXT
   );
   CREATE INDEX notification_deliveries_dest ON notification_deliveries(destination_id, id);`,
  // slots: every switch and deploy of a blue/green group, with its step timings and verification samples
  `CREATE TABLE slot_switches (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     group_name TEXT NOT NULL,
     username TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('switch','deploy')),
     from_slot TEXT,
     to_slot TEXT NOT NULL,
     image TEXT,
     result TEXT NOT NULL CHECK (result IN ('ok','failed','refused')),
     duration_ms INTEGER NOT NULL,
     error TEXT,
     steps TEXT NOT NULL,
     samples TEXT NOT NULL
   );
   CREATE INDEX slot_switches_group ON slot_switches(group_name, id);`,
  // backups: the catalog (server/backups/catalog.ts); files live under SLIPWAY_DATA_DIR/backups/
  `CREATE TABLE IF NOT EXISTS backups (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     target TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('postgres','sqlite','volume')),
     status TEXT NOT NULL CHECK (status IN ('running','succeeded','verified','failed','interrupted')),
     size_bytes INTEGER,
     sha256 TEXT,
     file_name TEXT,
     started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     dumped_at TEXT,
     finished_at TEXT,
     trigger TEXT NOT NULL CHECK (trigger IN ('manual','schedule')),
     username TEXT,
     error TEXT,
     verify TEXT,
     source TEXT,
     meta TEXT
   );
   CREATE INDEX IF NOT EXISTS backups_target ON backups(target, id);`,
  // environments added by an admin on the settings page (those of SLIPWAY_ENVIRONMENTS are not stored);
  // TLS material and SSH keys stay in files under SLIPWAY_TLS_DIR, never here
  `CREATE TABLE environments (
     name TEXT PRIMARY KEY,
     url TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );`,
  // slots: a switch is recorded as `running` when it starts, with a journal (the step it is at and the
  // upstream file it is replacing), so a switch cut short by a crash is found and undone at start-up
  // (server/slots/recover.ts). SQLite cannot widen a CHECK in place: the table is rebuilt.
  `CREATE TABLE slot_switches_v2 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     group_name TEXT NOT NULL,
     username TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('switch','deploy')),
     from_slot TEXT,
     to_slot TEXT NOT NULL,
     image TEXT,
     result TEXT NOT NULL CHECK (result IN ('running','ok','failed','refused','interrupted')),
     duration_ms INTEGER NOT NULL,
     error TEXT,
     steps TEXT NOT NULL,
     samples TEXT NOT NULL,
     journal TEXT
   );
   INSERT INTO slot_switches_v2 (id, at, group_name, username, kind, from_slot, to_slot, image, result, duration_ms, error, steps, samples)
     SELECT id, at, group_name, username, kind, from_slot, to_slot, image, result, duration_ms, error, steps, samples FROM slot_switches;
   DROP TABLE slot_switches;
   ALTER TABLE slot_switches_v2 RENAME TO slot_switches;
   CREATE INDEX slot_switches_group ON slot_switches(group_name, id);`,
  // the environment a switch or deploy ran on (server/environments); NULL on rows from before: the default one
  `ALTER TABLE slot_switches ADD COLUMN env TEXT;`,
  // API tokens may expire (issue 15); NULL: no expiry
  `ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;`,
  // registry credentials added by admins (server/registry/credentials.ts); secret is AES-GCM sealed
  `CREATE TABLE registry_credentials (
     registry TEXT PRIMARY KEY,
     username TEXT NOT NULL,
     secret TEXT NOT NULL,
     created_by TEXT,
     created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
   );`,
  // stacks (server/stacks): compose operations with their output (the last 50 per stack are kept) and the
  // previous 10 versions of each compose file and .env saved through Slipway
  `CREATE TABLE stack_operations (
     id TEXT PRIMARY KEY,
     env TEXT NOT NULL,
     stack TEXT NOT NULL,
     action TEXT NOT NULL,
     service TEXT,
     status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed')),
     exit_code INTEGER,
     output TEXT NOT NULL DEFAULT '',
     started_at TEXT NOT NULL,
     ended_at TEXT,
     username TEXT NOT NULL,
     commands TEXT NOT NULL DEFAULT '[]',
     changed TEXT NOT NULL DEFAULT '[]',
     left_running TEXT
   );
   CREATE INDEX stack_operations_stack ON stack_operations(env, stack, started_at);
   CREATE TABLE stack_file_versions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     stack_dir TEXT NOT NULL,
     file TEXT NOT NULL,
     content TEXT NOT NULL,
     at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     username TEXT NOT NULL
   );
   CREATE INDEX stack_file_versions_file ON stack_file_versions(stack_dir, file, id);
   -- adopted stacks seen with their files, so one brought down (no containers, no labels left) stays listed
   CREATE TABLE stack_known (
     env TEXT NOT NULL,
     name TEXT NOT NULL,
     dir TEXT NOT NULL,
     compose_files TEXT NOT NULL,
     env_file TEXT,
     seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     PRIMARY KEY (env, name)
   );`,
  // issue 15.8: the image repositories operators may deploy to a slot (admins choose; admins deploy any)
  `CREATE TABLE slot_image_repositories (
     repository TEXT PRIMARY KEY,
     added_by TEXT NOT NULL,
     added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );`,
  // issue 19: TOTP (secret, enabled, last accepted step against replays), recovery codes (hashed), passkeys,
  // users created by single sign-on, how a session signed in and when it last re-authenticated, and the
  // sign-in settings (which roles must use a second factor)
  `ALTER TABLE users ADD COLUMN totp_secret TEXT;
   ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
   ALTER TABLE users ADD COLUMN source TEXT NOT NULL DEFAULT 'local';
   ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
   ALTER TABLE sessions ADD COLUMN reauth_at INTEGER;
   CREATE TABLE recovery_codes (
     username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE ON UPDATE CASCADE,
     code_hash TEXT NOT NULL,
     used_at TEXT,
     PRIMARY KEY (username, code_hash)
   );
   CREATE TABLE passkeys (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE ON UPDATE CASCADE,
     name TEXT NOT NULL,
     public_key BLOB NOT NULL,
     counter INTEGER NOT NULL DEFAULT 0,
     transports TEXT NOT NULL DEFAULT '[]',
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     last_used_at TEXT
   );
   CREATE INDEX passkeys_user ON passkeys(username);
   CREATE TABLE sign_in_settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // 13: the events timeline (issue 18); a forced password change and what a session list shows (issue 17)
  `CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     env TEXT NOT NULL,
     project TEXT,
     service TEXT,
     container TEXT,
     kind TEXT NOT NULL,
     severity TEXT NOT NULL DEFAULT 'info' CHECK (severity IN ('info','warning','critical')),
     summary TEXT NOT NULL,
     detail TEXT
   );
   CREATE INDEX events_at ON events(at);
   CREATE INDEX events_scope ON events(env, project, service, at);
   CREATE INDEX events_kind ON events(kind, at);
   ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE sessions ADD COLUMN user_agent TEXT;
   ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;`,
  // 14: alert rules and alerts (issue 18.4); destinations gain discord/gotify/email with a config and a sealed
  // secret (SQLite cannot widen a CHECK: both notification tables are rebuilt, deliveries copied first so the
  // cascade of the old parent's drop finds none), a delivery names its alert; a backup's last restore proof
  `CREATE TABLE alert_rules (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     enabled INTEGER NOT NULL DEFAULT 1,
     severity TEXT NOT NULL CHECK (severity IN ('warning','critical')),
     env TEXT, project TEXT, service TEXT,
     params TEXT NOT NULL DEFAULT '{}',
     destinations TEXT NOT NULL DEFAULT '[]',
     group_window_min INTEGER NOT NULL DEFAULT 60,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
   );
   CREATE TABLE alerts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     rule_id INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
     key TEXT NOT NULL,
     env TEXT NOT NULL, project TEXT, service TEXT,
     severity TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open','resolved')),
     summary TEXT NOT NULL,
     count INTEGER NOT NULL DEFAULT 1,
     first_at TEXT NOT NULL, last_at TEXT NOT NULL, resolved_at TEXT, last_sent_at TEXT
   );
   CREATE UNIQUE INDEX alerts_open ON alerts(rule_id, key) WHERE status = 'open';
   CREATE INDEX alerts_recent ON alerts(id);
   CREATE TABLE alert_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE notification_destinations_v2 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('json','slack','ntfy','discord','gotify','email')),
     url TEXT NOT NULL,
     events TEXT NOT NULL,
     enabled INTEGER NOT NULL DEFAULT 1,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     config TEXT,
     secret TEXT
   );
   INSERT INTO notification_destinations_v2 (id, name, kind, url, events, enabled, created_at)
     SELECT id, name, kind, url, events, enabled, created_at FROM notification_destinations;
   CREATE TABLE notification_deliveries_v2 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     destination_id INTEGER NOT NULL REFERENCES notification_destinations_v2(id) ON DELETE CASCADE,
     event TEXT NOT NULL,
     title TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending','delivered','failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     status_code INTEGER,
     created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
     finished_at TEXT,
     alert_id INTEGER
   );
   INSERT INTO notification_deliveries_v2 (id, destination_id, event, title, status, attempts, last_error, status_code, created_at, finished_at)
     SELECT id, destination_id, event, title, status, attempts, last_error, status_code, created_at, finished_at FROM notification_deliveries;
   DROP TABLE notification_deliveries;
   DROP TABLE notification_destinations;
   ALTER TABLE notification_destinations_v2 RENAME TO notification_destinations;
   ALTER TABLE notification_deliveries_v2 RENAME TO notification_deliveries;
   CREATE INDEX notification_deliveries_dest ON notification_deliveries(destination_id, id);
   ALTER TABLE backups ADD COLUMN proven_at TEXT;
   ALTER TABLE backups ADD COLUMN proof TEXT;`,
  // 15: the environment an audit entry happened in (issue 16); null: the default one (older rows), or none
  // (sign-ins, users, tokens: the process's, not an engine's)
  `ALTER TABLE audit_log ADD COLUMN env TEXT;
   CREATE INDEX audit_log_env ON audit_log(env, id);`,
];

/** A store written by a newer Slipway: opening it would risk its data, so start-up stops instead. */
export class StoreTooNewError extends Error {}

/** The schema version of an existing store, read without writing anything (no WAL switch, no migration). */
function storedVersion(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

/**
 * Opens the store and migrates it forward in one transaction: a failing migration leaves the store as it
 * was. A store from a newer version (user_version beyond this build's migrations) is refused untouched.
 */
export function openDb(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const found = storedVersion(file);
  if (found > MIGRATIONS.length)
    throw new StoreTooNewError(
      `the store ${file} has schema version ${found}, newer than this Slipway's ${MIGRATIONS.length}: it was written by a newer release. ` +
        'Run that release (or newer), or restore a backup of the store; it was left untouched.',
    );
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < MIGRATIONS.length) {
    db.transaction(() => {
      for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${MIGRATIONS.length}`);
    })();
  }
  return db;
}
