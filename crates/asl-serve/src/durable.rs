//! `--data-dir DIR`: machines, activities, tags and executions (with their histories) in
//! an embedded SQLite database (`DIR/asl-serve.sqlite3`), written before a request is
//! acknowledged, read back at start. WAL with `synchronous=NORMAL`: a killed server
//! loses nothing it answered. A running execution's history is written when it ends; one
//! that was running when the server stopped comes back RUNNING with no engine behind it,
//! and StopExecution ends it.

use crate::history::HistoryLog;
use crate::store::{Activity, Alias, ExecutionEntry, MachineVersion, PublishedVersion, Store, Tags};
use asl_model::{Document, Format};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The database of one data folder.
pub struct Durable {
    db: Mutex<Connection>,
}

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS machines (arn TEXT PRIMARY KEY, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS activities (arn TEXT PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tags (arn TEXT PRIMARY KEY, tags TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (arn TEXT PRIMARY KEY, machine TEXT NOT NULL, number INTEGER NOT NULL,
  description TEXT, created INTEGER NOT NULL, version TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS aliases (arn TEXT PRIMARY KEY, alias TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  arn TEXT PRIMARY KEY, name TEXT NOT NULL, machine TEXT NOT NULL, status TEXT NOT NULL,
  start INTEGER NOT NULL, stop INTEGER, input TEXT NOT NULL, output TEXT, error TEXT, cause TEXT,
  history TEXT NOT NULL, version_arn TEXT, alias_arn TEXT);
";

fn millis(d: DateTime<Utc>) -> i64 {
    d.timestamp_millis()
}

fn date(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A machine revision as one JSON text (its definition is re-read at load).
fn version_json(v: &MachineVersion) -> String {
    serde_json::json!({
        "arn": v.arn, "name": v.name, "definition": v.definition, "roleArn": v.role_arn, "express": v.express,
        "created": millis(v.created), "updated": millis(v.updated), "revisionId": v.revision_id,
        "logging": v.logging, "tracing": v.tracing,
    })
    .to_string()
}

fn version_of(text: &str) -> Option<MachineVersion> {
    let v: Value = serde_json::from_str(text).ok()?;
    let s = |k: &str| v[k].as_str().map(str::to_owned);
    let definition = s("definition")?;
    let doc = Document::parse(definition.as_str(), Format::Json).ok()?;
    Some(MachineVersion {
        arn: s("arn")?,
        name: s("name")?,
        doc: Arc::new(doc),
        definition,
        role_arn: s("roleArn")?,
        express: v["express"].as_bool()?,
        created: date(v["created"].as_i64()?),
        updated: date(v["updated"].as_i64()?),
        revision_id: s("revisionId")?,
        logging: v["logging"].clone(),
        tracing: v["tracing"].clone(),
    })
}

impl Durable {
    /// Opens (creating) `dir/asl-serve.sqlite3`.
    pub fn open(dir: &Path) -> Result<Durable, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join("asl-serve.sqlite3");
        let db = Connection::open(&path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        db.execute_batch(SCHEMA).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Durable { db: Mutex::new(db) })
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Everything kept, in the orders the list operations use (insertion order).
    pub fn load(&self) -> Result<Store, rusqlite::Error> {
        let db = self.db();
        let mut store = Store::default();
        let mut versions: HashMap<String, Arc<MachineVersion>> = HashMap::new();
        let mut stmt = db.prepare("SELECT version FROM machines ORDER BY rowid")?;
        for text in stmt.query_map([], |r| r.get::<_, String>(0))? {
            if let Some(v) = version_of(&text?) {
                let v = Arc::new(v);
                versions.insert(v.revision_id.clone(), v.clone());
                store.machine_order.push(v.arn.clone());
                store.machines.insert(v.arn.clone(), v);
            }
        }
        let mut stmt = db.prepare(
            "SELECT arn, machine, number, description, created, version FROM versions ORDER BY number",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        for row in rows {
            let (arn, machine, number, description, created, text) = row?;
            let Some(v) = version_of(&text) else { continue };
            let version = versions.entry(v.revision_id.clone()).or_insert_with(|| Arc::new(v)).clone();
            let counter = store.version_counter.entry(machine.clone()).or_insert(0);
            *counter = (*counter).max(number as u32);
            store.versions.entry(machine).or_default().push(PublishedVersion {
                arn,
                version,
                description,
                created: date(created),
            });
        }
        let mut stmt = db.prepare("SELECT alias FROM aliases ORDER BY rowid")?;
        for text in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let v: Value = serde_json::from_str(&text?).unwrap_or_default();
            let routing: Vec<(String, u32)> =
                serde_json::from_value(v["routing"].clone()).unwrap_or_default();
            if let (Some(arn), Some(name)) = (v["arn"].as_str(), v["name"].as_str()) {
                let alias = Alias {
                    arn: arn.to_owned(),
                    name: name.to_owned(),
                    description: v["description"].as_str().map(str::to_owned),
                    routing,
                    created: date(v["created"].as_i64().unwrap_or_default()),
                    updated: date(v["updated"].as_i64().unwrap_or_default()),
                };
                store.aliases.insert(arn.to_owned(), alias);
            }
        }
        let mut stmt = db.prepare("SELECT arn, name, created FROM activities ORDER BY rowid")?;
        for row in
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
        {
            let (arn, name, created) = row?;
            store.activity_order.push(arn.clone());
            store.activities.insert(arn.clone(), Activity { arn, name, created: date(created) });
        }
        let mut stmt = db.prepare("SELECT arn, tags FROM tags")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (arn, text) = row?;
            let tags: Tags = serde_json::from_str(&text).unwrap_or_default();
            store.tags.insert(arn, tags);
        }
        let mut stmt = db.prepare(
            "SELECT arn, name, machine, status, start, stop, input, output, error, cause, history, version_arn, alias_arn FROM executions ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?],
                (r.get::<_, i64>(4)?, r.get::<_, Option<i64>>(5)?),
                [r.get::<_, Option<String>>(6)?, r.get(7)?, r.get(8)?, r.get(9)?],
                r.get::<_, String>(10)?,
                [r.get::<_, Option<String>>(11)?, r.get(12)?],
            ))
        })?;
        for row in rows {
            let (
                [arn, name, machine, status],
                (start, stop),
                [input, output, error, cause],
                history,
                [version_arn, alias_arn],
            ) = row?;
            let Some(version) = version_of(&machine)
                .map(|v| versions.entry(v.revision_id.clone()).or_insert_with(|| Arc::new(v)).clone())
            else {
                continue;
            };
            let status = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]
                .into_iter()
                .find(|s| *s == status)
                .unwrap_or("FAILED");
            store.executions_of.entry(version.arn.clone()).or_default().push(arn.clone());
            let entry = ExecutionEntry {
                arn: arn.clone(),
                name,
                machine: version,
                version_arn,
                alias_arn,
                status,
                start: date(start),
                stop: stop.map(date),
                input: input.unwrap_or_default(),
                output,
                error,
                cause,
                history: Arc::new(Mutex::new(HistoryLog::from_lines(&history))),
                stop_signal: None,
            };
            store.executions.insert(arn, entry);
        }
        Ok(store)
    }

    pub fn save_machine(&self, v: &MachineVersion) -> rusqlite::Result<()> {
        // An update keeps the row (and so the machine's place in the list).
        self.db().execute(
            "INSERT INTO machines (arn, version) VALUES (?1, ?2) ON CONFLICT(arn) DO UPDATE SET version = ?2",
            params![v.arn, version_json(v)],
        )?;
        Ok(())
    }

    pub fn delete(&self, arn: &str) -> rusqlite::Result<()> {
        let db = self.db();
        db.execute("DELETE FROM machines WHERE arn = ?1", params![arn])?;
        db.execute("DELETE FROM activities WHERE arn = ?1", params![arn])?;
        db.execute("DELETE FROM tags WHERE arn = ?1", params![arn])?;
        db.execute("DELETE FROM versions WHERE arn = ?1", params![arn])?;
        db.execute("DELETE FROM aliases WHERE arn = ?1", params![arn])?;
        Ok(())
    }

    pub fn save_version(&self, v: &PublishedVersion) -> rusqlite::Result<()> {
        let machine = v.arn.rsplit_once(':').map(|(m, _)| m).unwrap_or_default();
        let number: i64 = v.arn.rsplit(':').next().and_then(|n| n.parse().ok()).unwrap_or_default();
        self.db().execute(
            "INSERT OR REPLACE INTO versions (arn, machine, number, description, created, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![v.arn, machine, number, v.description, millis(v.created), version_json(&v.version)],
        )?;
        Ok(())
    }

    pub fn save_alias(&self, a: &Alias) -> rusqlite::Result<()> {
        let text = serde_json::json!({"arn": a.arn, "name": a.name, "description": a.description,
            "routing": a.routing, "created": millis(a.created), "updated": millis(a.updated)})
        .to_string();
        self.db()
            .execute("INSERT OR REPLACE INTO aliases (arn, alias) VALUES (?1, ?2)", params![a.arn, text])?;
        Ok(())
    }

    pub fn save_activity(&self, a: &Activity) -> rusqlite::Result<()> {
        self.db().execute(
            "INSERT OR REPLACE INTO activities (arn, name, created) VALUES (?1, ?2, ?3)",
            params![a.arn, a.name, millis(a.created)],
        )?;
        Ok(())
    }

    pub fn save_tags(&self, arn: &str, tags: &Tags) -> rusqlite::Result<()> {
        let text = serde_json::to_string(tags).unwrap_or_else(|_| "[]".into());
        self.db().execute("INSERT OR REPLACE INTO tags (arn, tags) VALUES (?1, ?2)", params![arn, text])?;
        Ok(())
    }

    /// Writes an execution as it stands (its history as far as it goes).
    pub fn save_execution(&self, e: &ExecutionEntry) -> rusqlite::Result<()> {
        let history = e.history.lock().map(|h| h.to_lines()).unwrap_or_default();
        let db = self.db();
        let known: Option<i64> = db
            .query_row("SELECT rowid FROM executions WHERE arn = ?1", params![e.arn], |r| r.get(0))
            .optional()?;
        let values = params![
            e.arn,
            e.name,
            version_json(&e.machine),
            e.status,
            millis(e.start),
            e.stop.map(millis),
            e.input,
            e.output,
            e.error,
            e.cause,
            history,
            e.version_arn,
            e.alias_arn
        ];
        if known.is_some() {
            db.execute(
                "UPDATE executions SET name = ?2, machine = ?3, status = ?4, start = ?5, stop = ?6, input = ?7, output = ?8, error = ?9, cause = ?10, history = ?11, version_arn = ?12, alias_arn = ?13 WHERE arn = ?1",
                values,
            )?;
        } else {
            db.execute(
                "INSERT INTO executions (arn, name, machine, status, start, stop, input, output, error, cause, history, version_arn, alias_arn) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                values,
            )?;
        }
        Ok(())
    }
}
