//! `roundtable-sandbox`: serves the Roundtable API from a local SQLite file.

use std::process::ExitCode;

use roundtable_sandbox::cli::{self, Command};
use roundtable_sandbox::server::{serve, ServeConfig};

#[tokio::main]
async fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", cli::HELP);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Serve(options)) => options,
        Err(message) => {
            eprintln!("roundtable-sandbox: {message}");
            return ExitCode::from(2);
        }
    };
    let config = ServeConfig {
        listen: options.listen,
        db: options.db.clone(),
        webhook_secret: options.webhook_secret,
    };
    let (addr, server) = match serve(config).await {
        Ok(started) => started,
        Err(error) => {
            eprintln!("roundtable-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    for key in server.keys() {
        println!("api key for {}: {}", key.label, key.key);
    }
    println!("database: {}", options.db.display());
    println!("billing is fake: checkout and portal URLs point at *.stripe.test");
    println!("listening on http://{addr}");

    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("roundtable-sandbox: cannot wait for Ctrl-C: {error}");
    }
    println!("stopping");
    server.stop().await;
    ExitCode::SUCCESS
}
