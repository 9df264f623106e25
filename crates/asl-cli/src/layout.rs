//! `asl layout FILE [-o OUT]`: the geometry JSON of design §2.2 (plus the extras the
//! renderers use), measured with the SVG renderer's font metrics, so it is exactly what
//! `asl render --format svg` draws.

use crate::input::{emit, load};
use crate::Io;
use asl_graph::{layout, render, Graph};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The ASL file to lay out.
    file: PathBuf,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let doc = match load(&args.file, io) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let mut json = layout(&Graph::from(&doc), &render::layout_options()).to_json();
    json.push('\n');
    emit(args.output.as_deref(), json.as_bytes(), io)
}
