//! Prints the geometry JSON of an ASL file: `cargo run -p asl-graph --example layout -- FILE`.

use asl_graph::{layout, Graph, LayoutOptions};
use asl_model::{Document, Format};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: layout FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let doc = match Document::parse(text, Format::from_path(path.as_ref())) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!("{}", layout(&Graph::from(&doc), &LayoutOptions::default()).to_json());
}
