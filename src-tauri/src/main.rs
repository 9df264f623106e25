// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

// Counted per thread, so a runaway JSONata query in a run is stopped at its memory
// limit instead of taking the app (and the user's unsaved work) down with it.
#[global_allocator]
static GLOBAL: asl_alloc::Counting<std::alloc::System> = asl_alloc::Counting(std::alloc::System);

fn main() {
    asl_studio::run();
}
