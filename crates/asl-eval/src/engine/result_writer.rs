//! ResultWriter of a Distributed Map: `SUCCEEDED_0.json` and `FAILED_0.json` (AWS's
//! shape of each child execution) written as children finish, then `manifest.json`. The
//! results go straight to the files, so a map run that writes them keeps none in memory.

use super::distributed::Child;
use crate::record::Status;
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

/// `SUCCEEDED_0.json` and `FAILED_0.json` written as children finish (JSON arrays), then
/// `manifest.json`. Without a writable folder nothing is written (the details still are).
pub(crate) struct ResultFiles {
    bucket: String,
    dir_key: String,
    pub(crate) folder: Option<PathBuf>,
    map_run_arn: String,
    succeeded: Option<(std::io::BufWriter<std::fs::File>, u64)>,
    failed: Option<(std::io::BufWriter<std::fs::File>, u64)>,
}

impl ResultFiles {
    pub(crate) fn new(
        bucket: String,
        dir_key: String,
        folder: Option<PathBuf>,
        map_run_arn: String,
    ) -> Result<ResultFiles, String> {
        if let Some(f) = &folder {
            std::fs::create_dir_all(f).map_err(|e| format!("Cannot create {}: {e}", f.display()))?;
        }
        Ok(ResultFiles { bucket, dir_key, folder, map_run_arn, succeeded: None, failed: None })
    }

    pub(crate) fn add(&mut self, child: &Child, machine_arn: &str, start: &str) -> Result<(), String> {
        let Some(folder) = &self.folder else { return Ok(()) };
        let ok = child.status == Status::Succeeded;
        let slot = if ok { &mut self.succeeded } else { &mut self.failed };
        if slot.is_none() {
            let file_name = if ok { "SUCCEEDED_0.json" } else { "FAILED_0.json" };
            let path = folder.join(file_name);
            let file =
                std::fs::File::create(&path).map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
            *slot = Some((std::io::BufWriter::new(file), 0));
        }
        let Some((out, n)) = slot.as_mut() else { return Ok(()) };
        let name = child.arn.rsplit(':').next().unwrap_or_default();
        let input = child.input.as_deref().unwrap_or("null");
        let output = match (ok, &child.output) {
            (true, Some(v)) => v.to_string(),
            _ => "null".into(),
        };
        let write = |out: &mut std::io::BufWriter<std::fs::File>| -> Result<(), std::io::Error> {
            let text = |out: &mut std::io::BufWriter<std::fs::File>, s: &str| {
                serde_json::to_writer(out, s).map_err(std::io::Error::other)
            };
            out.write_all(if *n == 0 { b"[{\"ExecutionArn\":" } else { b",{\"ExecutionArn\":" })?;
            text(out, &child.arn)?;
            out.write_all(b",\"Input\":")?;
            text(out, input)?;
            out.write_all(b",\"InputDetails\":{\"Included\":true},\"Name\":")?;
            text(out, name)?;
            if ok {
                out.write_all(b",\"Output\":")?;
                text(out, &output)?;
                out.write_all(b",\"OutputDetails\":{\"Included\":true},\"RedriveCount\":0,\"RedriveStatus\":\"NOT_REDRIVABLE\",\"RedriveStatusReason\":\"Execution is SUCCEEDED and cannot be redriven\"")?;
            } else {
                if let Some(e) = &child.error {
                    out.write_all(b",\"Error\":")?;
                    text(out, e)?;
                }
                if let Some(c) = &child.cause {
                    out.write_all(b",\"Cause\":")?;
                    text(out, c)?;
                }
                out.write_all(b",\"RedriveCount\":0,\"RedriveStatus\":\"REDRIVABLE\"")?;
            }
            out.write_all(b",\"StartDate\":")?;
            text(out, start)?;
            out.write_all(b",\"StateMachineArn\":")?;
            text(out, machine_arn)?;
            out.write_all(b",\"Status\":")?;
            text(out, child.status.as_str())?;
            out.write_all(b",\"StopDate\":")?;
            text(out, start)?;
            out.write_all(b"}")
        };
        write(out).map_err(|e| e.to_string())?;
        *n += 1;
        Ok(())
    }

    /// Closes the files and writes the manifest: `(bucket, manifest key)`.
    pub(crate) fn finish(self) -> Result<(String, String), String> {
        let manifest_key = format!("{}/manifest.json", self.dir_key);
        let Some(folder) = &self.folder else { return Ok((self.bucket, manifest_key)) };
        let mut files = serde_json::Map::new();
        for (kind, slot) in [("FAILED", self.failed), ("PENDING", None), ("SUCCEEDED", self.succeeded)] {
            let mut list = Vec::new();
            if let Some((mut out, _)) = slot {
                out.write_all(b"]").and_then(|_| out.flush()).map_err(|e| e.to_string())?;
                let file_name = format!("{kind}_0.json");
                let size = std::fs::metadata(folder.join(&file_name)).map(|m| m.len()).unwrap_or(0);
                list.push(json!({"Key": format!("{}/{file_name}", self.dir_key), "Size": size}));
            }
            files.insert(kind.into(), Value::Array(list));
        }
        let manifest = json!({
            "DestinationBucket": self.bucket,
            "MapRunArn": self.map_run_arn,
            "ResultFiles": files,
        });
        let path = folder.join("manifest.json");
        std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap_or_default())
            .map_err(|e| format!("Cannot write {}: {e}", path.display()))?;
        Ok((self.bucket, manifest_key))
    }
}
