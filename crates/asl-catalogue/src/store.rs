//! The embedded catalogue as `gen/catalogue.py` writes it: a little-endian u32 length, the
//! zlib-compressed index, then one zlib stream per service. The index is inflated on first
//! use; a service's shapes only when one of its actions is asked for.

use flate2::read::ZlibDecoder;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

pub(crate) static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalogue.bin"));

#[derive(Deserialize)]
pub(crate) struct Index {
    pub botocore: String,
    pub services: Vec<ServiceEntry>,
    pub actions: Vec<ActionEntry>,
    #[serde(rename = "extraErrors")]
    pub extra_errors: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
pub(crate) struct ServiceEntry {
    /// Java v2's client name: the aws-sdk resource name lowercased, the error prefix as is.
    pub sdk: String,
    #[serde(rename = "serviceId")]
    pub service_id: String,
    #[serde(rename = "fullName")]
    pub full_name: String,
    pub at: (usize, usize),
}

/// `[service, kind, resource service, action, operation key, pattern bits, doc, error prefix]`
#[derive(Deserialize)]
pub(crate) struct ActionEntry(
    pub usize,
    pub String,
    pub String,
    pub String,
    pub String,
    pub u8,
    pub String,
    pub String,
);

#[derive(Deserialize)]
pub(crate) struct ServiceBlob {
    pub ops: HashMap<String, RawOp>,
    pub shapes: HashMap<String, RawShape>,
}

#[derive(Deserialize)]
pub(crate) struct RawOp {
    /// The model's error shape names, and the same as the AWS SDK for Java v2 names them.
    pub e: Vec<String>,
    pub je: Vec<String>,
    pub i: Option<String>,
    /// The response shape (TestState checks mock results against it).
    #[serde(default)]
    pub o: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct RawShape {
    pub t: String,
    #[serde(default)]
    pub d: String,
    #[serde(default)]
    pub e: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Structure members: `[name, shape, required, doc]`.
    #[serde(default)]
    pub m: Vec<(String, String, u8, String)>,
    pub i: Option<String>,
    pub k: Option<String>,
    pub v: Option<String>,
    #[serde(default)]
    pub u: u8,
}

pub(crate) struct Store {
    pub index: Index,
    blobs: Vec<OnceLock<ServiceBlob>>,
    /// Resource without a pattern suffix -> action index.
    pub by_resource: HashMap<String, usize>,
}

fn inflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    ZlibDecoder::new(bytes).read_to_end(&mut out).expect("the embedded catalogue inflates");
    out
}

impl Store {
    pub fn get() -> &'static Store {
        static STORE: OnceLock<Store> = OnceLock::new();
        STORE.get_or_init(|| {
            let len = u32::from_le_bytes(DATA[..4].try_into().unwrap()) as usize;
            let index: Index = serde_json::from_slice(&inflate(&DATA[4..4 + len]))
                .expect("the embedded catalogue index parses");
            let blobs = index.services.iter().map(|_| OnceLock::new()).collect();
            let by_resource = index.actions.iter().enumerate().map(|(i, a)| (resource_of(a), i)).collect();
            Store { index, blobs, by_resource }
        })
    }

    pub fn blob(&self, service: usize) -> &ServiceBlob {
        self.blobs[service].get_or_init(|| {
            let len = u32::from_le_bytes(DATA[..4].try_into().unwrap()) as usize;
            let (at, n) = self.index.services[service].at;
            let start = 4 + len + at;
            serde_json::from_slice(&inflate(&DATA[start..start + n]))
                .expect("an embedded service model parses")
        })
    }
}

/// The Task `Resource` of an action, without a pattern suffix.
pub(crate) fn resource_of(a: &ActionEntry) -> String {
    if a.1 == "sdk" {
        format!("arn:aws:states:::aws-sdk:{}:{}", a.2, a.3)
    } else {
        format!("arn:aws:states:::{}:{}", a.2, a.3)
    }
}
