//! Prints the snapshot the app would send for a file: `cargo run -p asl-session --example
//! snapshot -- FILE > snapshot.json` (the UI's test fixtures are made this way).

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: snapshot FILE");
        std::process::exit(2);
    };
    match asl_session::Session::open(std::path::Path::new(&path)) {
        Ok(session) => {
            let mut snapshot = session.snapshot();
            // Fixtures must not depend on where the repository is checked out.
            snapshot.path = snapshot.path.map(|p| p.rsplit('/').next().unwrap_or_default().to_owned());
            println!("{}", serde_json::to_string_pretty(&snapshot).expect("serializable"));
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
