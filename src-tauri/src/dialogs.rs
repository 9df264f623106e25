//! Native file dialogs (rfd on GTK). Async, so the window keeps painting while one is open.

use std::path::PathBuf;

const ASL: &[&str] = &["asl.json", "asl.yaml", "json", "yaml", "yml"];

pub async fn pick_open() -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title("Open state machine")
        .add_filter("State machines", ASL)
        .add_filter("All files", &["*"])
        .pick_file()
        .await
        .map(|f| f.path().to_owned())
}

pub async fn pick_save(title: &str, suggested: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(filter.0, filter.1)
        .save_file()
        .await
        .map(|f| f.path().to_owned())
}

/// Asks before replacing a file the save dialog did not ask about (its name gained an
/// extension after the dialog closed).
pub async fn confirm_replace(path: &std::path::Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let answer = rfd::AsyncMessageDialog::new()
        .set_title("Replace file?")
        .set_description(format!("{name} already exists. Replace it?"))
        .set_buttons(rfd::MessageButtons::YesNo)
        .show()
        .await;
    answer == rfd::MessageDialogResult::Yes
}
