//! Phase 7, size containers: a Map is a titled box around its item processor's layout;
//! a Parallel is a titled box around its branches, side by side in definition order,
//! equally tall; a branch is a padded box around its scope's layout. Scopes are laid
//! out innermost first, so a container is sized from finished contents and then takes
//! part in its own scope's layout as one big node.

use super::options::LayoutOptions;
use super::output::Rect;
use super::sizes::title_width;
use crate::graph::{Contents, Graph, NodeId, NodeKind};

/// Where a container's contents go, relative to its top-left corner.
#[derive(Clone, Debug, Default)]
pub struct Frames {
    /// By `ScopeId::index()`: the offset of the scope's layout inside its owner.
    pub scope_offset: Vec<(f64, f64)>,
    /// By `NodeId::index()`: a branch's box inside its Parallel.
    pub branch_rect: Vec<Option<Rect>>,
}

/// Padding of a Parallel branch (lighter than a titled container's).
pub fn branch_padding(opts: &LayoutOptions) -> f64 {
    (opts.container_padding * 0.75).round()
}

/// The size of container `id`, whose contents' layouts have sizes `scope_size`
/// (by `ScopeId::index()`); records where the contents go.
pub fn size(
    graph: &Graph,
    id: NodeId,
    scope_size: &[(f64, f64)],
    frames: &mut Frames,
    opts: &LayoutOptions,
) -> (f64, f64) {
    let node = graph.node(id);
    let pad = opts.container_padding;
    let title = opts.title_height;
    let least = title_width(opts, node).max(opts.node_min_width);
    match &node.contents {
        Contents::None => (least, title + 2.0 * pad),
        Contents::Scope(sid) if matches!(node.kind, NodeKind::Branch { .. }) => {
            let (w, h) = scope_size[sid.index()];
            let p = branch_padding(opts);
            frames.scope_offset[sid.index()] = (p, p);
            (w + 2.0 * p, h + 2.0 * p)
        }
        Contents::Scope(sid) => {
            let (w, h) = scope_size[sid.index()];
            let width = (w + 2.0 * pad).max(least).ceil();
            frames.scope_offset[sid.index()] = (((width - w) / 2.0).floor(), title + pad);
            (width, title + pad + h + pad)
        }
        Contents::Branches(branches) => {
            let sizes: Vec<(f64, f64)> =
                branches.iter().map(|&b| size(graph, b, scope_size, frames, opts)).collect();
            let tallest = sizes.iter().map(|s| s.1).fold(0.0, f64::max);
            let row = sizes.iter().map(|s| s.0).sum::<f64>()
                + opts.branch_gap * (sizes.len().saturating_sub(1)) as f64;
            let width = (row + 2.0 * pad).max(least).ceil();
            let mut x = ((width - row) / 2.0).floor();
            for (&b, &(w, _)) in branches.iter().zip(&sizes) {
                frames.branch_rect[b.index()] = Some(Rect { x, y: title + pad, width: w, height: tallest });
                x += w + opts.branch_gap;
            }
            (width, title + pad + tallest + pad)
        }
    }
}
