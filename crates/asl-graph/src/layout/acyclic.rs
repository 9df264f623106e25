//! Phase 1, break cycles: a depth-first search from Start, following each state's
//! transitions in document order (Next first, then rules, Default, catchers), marks the
//! edges that return to a node still on the search path as back edges. Loops in state
//! machines (retry via a Choice, a Catch back to an earlier handler) are thereby broken
//! at the edge that goes back, and the main path stays a tree path. Self-loops are set
//! aside: they never enter the layering.

use super::lgraph::LGraph;

const NEW: u8 = 0;
const ON_PATH: u8 = 1;
const DONE: u8 = 2;

pub fn run(g: &mut LGraph) {
    let n = g.real;
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in g.edges.iter().enumerate() {
        if !e.self_loop {
            out[e.from].push(i);
        }
    }
    let mut state = vec![NEW; n];
    // Iterative: a 10,000-state chain is 10,000 levels deep.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let roots = std::iter::once(g.start).chain(0..n);
    for root in roots {
        if state[root] != NEW {
            continue;
        }
        state[root] = ON_PATH;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if next < out[v].len() {
                top.1 += 1;
                let e = out[v][next];
                let w = g.edges[e].to;
                match state[w] {
                    NEW => {
                        state[w] = ON_PATH;
                        stack.push((w, 0));
                    }
                    ON_PATH => g.edges[e].reversed = true,
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
}
