use std::process::ExitCode;

// typst allocates a great deal; mimalloc cuts a deck's wall time by about a fifth
// (see ARCHITECTURE.md). The library leaves the choice of allocator to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    kamdeck::cli::main()
}
