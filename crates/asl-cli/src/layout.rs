//! `asl layout FILE [-o OUT]`: the geometry JSON of design §2.2 (plus the extras the
//! renderers use), measured with the SVG renderer's font metrics, so it is exactly what
//! `asl render --format svg` draws.

use crate::input::{emit, load};
use crate::Io;
use asl_graph::{layout, render, Graph};
use std::io::Write;
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
    // Each stage's input is freed before the next stage allocates: the allocator hands
    // the same pages out again, where fresh ones cost a page fault and a clear each.
    let graph = Graph::from(&doc);
    drop(doc);
    let geometry = layout(&graph, &render::layout_options());
    drop(graph);
    if args.output.is_none() {
        // Streamed: a big machine's geometry is megabytes of JSON, and building it in a
        // String first cost twice that in fresh memory (a tenth of `asl layout real-5000`).
        let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut *io.out);
        let written = serde_json::to_writer(&mut out, &geometry)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        return match written {
            Ok(()) => crate::exit::OK,
            Err(e) => {
                drop(out);
                let _ = writeln!(io.err, "asl: cannot write output: {e}");
                crate::exit::USAGE
            }
        };
    }
    let mut json = geometry.to_json();
    json.push('\n');
    emit(args.output.as_deref(), json.as_bytes(), io)
}
