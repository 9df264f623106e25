//! `asl render FILE [--format svg|mermaid|dot] [--theme light|dark] [-o OUT]`: the
//! diagram. SVG is drawn from our layout; Mermaid and DOT carry the structure and let
//! their tools lay it out.

use crate::input::{emit, load};
use crate::Io;
use asl_graph::render::{self, Theme, ThemeName};
use asl_graph::{layout, Graph};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The ASL file to draw.
    file: PathBuf,
    /// What to write: an SVG picture, a Mermaid flowchart (for markdown), or Graphviz DOT.
    #[arg(long, value_enum, default_value_t = Target::Svg)]
    format: Target,
    /// Colours (SVG and DOT; Mermaid output suits light and dark pages alike).
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    theme: ThemeArg,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Target {
    Svg,
    Mermaid,
    Dot,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ThemeArg {
    Light,
    Dark,
}

pub fn run(args: Args, io: &mut Io) -> u8 {
    let doc = match load(&args.file, io) {
        Ok(doc) => doc,
        Err(code) => return code,
    };
    let graph = Graph::from(&doc);
    let theme = Theme::by_name(match args.theme {
        ThemeArg::Light => ThemeName::Light,
        ThemeArg::Dark => ThemeName::Dark,
    });
    let text = match args.format {
        Target::Svg => {
            let opts = render::layout_options();
            render::svg(&layout(&graph, &opts), &opts, &theme)
        }
        Target::Mermaid => render::mermaid(&graph),
        Target::Dot => render::dot(&graph, &theme),
    };
    emit(args.output.as_deref(), text.as_bytes(), io)
}
