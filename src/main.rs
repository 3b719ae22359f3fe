use std::process::ExitCode;

fn main() -> ExitCode {
    kamdeck::cli::main()
}
