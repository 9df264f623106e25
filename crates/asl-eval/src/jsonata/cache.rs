//! Parsed expressions, kept per thread: a state in a loop parses its expressions once.
//! (The AST is not `Send`; a thread-local cache keeps it where it was made.)

use jsonata_core::ast::AstNode;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Entries kept before the cache starts over (definitions have a bounded number of
/// expressions; this only stops an unbounded stream of distinct ones from growing it).
const CAPACITY: usize = 4096;

thread_local! {
    static PARSED: RefCell<HashMap<String, Rc<AstNode>>> = RefCell::new(HashMap::new());
}

/// The AST of `body`, or the parser's message.
pub(crate) fn parse(body: &str) -> Result<Rc<AstNode>, String> {
    if let Some(ast) = PARSED.with(|c| c.borrow().get(body).cloned()) {
        return Ok(ast);
    }
    let ast = Rc::new(jsonata_core::parser::parse(body).map_err(|e| e.to_string())?);
    PARSED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CAPACITY {
            c.clear();
        }
        c.insert(body.to_string(), ast.clone());
    });
    Ok(ast)
}
