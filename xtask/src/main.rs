//! `cargo xtask`: the project's automation, in Rust so it needs nothing but
//! cargo.

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  codegen [--check]                       regenerate generated/ and the test fixtures
  codegen --spec FILE --out DIR [--name NAME]
                                          generate a crate for any description
  test                                    run every test (installs what it needs)
  corpus [DIR] [--quick] [--no-compile]   generate and compile every description of DIR
  bench [--no-check] [--no-runtime] [DIR] measure generation, compile time and runtime overhead
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => xtask::codegen::main(&args[1..]),
        Some("test") => xtask::test::main(&args[1..]),
        Some("corpus") => xtask::corpus::main(&args[1..]),
        Some("bench") => xtask::bench::main(&args[1..]),
        Some("-h" | "--help") | None => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
