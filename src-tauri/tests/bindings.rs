//! The UI's IPC types are generated from the Rust ones: the committed
//! `ui/src/ipc/generated.ts` must be what the Rust types declare now (CI runs this), so a
//! DTO changed on one side only fails here instead of at run time.

#[test]
fn the_generated_typescript_types_are_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/generated.ts");
    let text = asl_studio::bindings::typescript();
    if std::env::var_os("ASL_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "ui/src/ipc/generated.ts is stale: run `ASL_WRITE_FIXTURES=1 cargo test -p asl-studio --test bindings`"
    );
}
