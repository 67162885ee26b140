//! Command-line flags of the `roundtable-sandbox` binary, parsed by hand:
//! three flags do not need a parser crate.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The secret Stripe events are signed with when `--webhook-secret` is not
/// given. It is public, like everything else about the sandbox.
pub const DEFAULT_WEBHOOK_SECRET: &str = "whsec_roundtable_sandbox";

/// The database file used when `--db` is not given.
pub const DEFAULT_DB: &str = "roundtable-sandbox.db";

/// The address used when `--listen` is not given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// The `--help` text.
pub const HELP: &str = "\
roundtable-sandbox: a local Roundtable API server for development

USAGE:
    roundtable-sandbox [--listen ADDR] [--db FILE] [--webhook-secret SECRET]

OPTIONS:
    --listen ADDR             Address to serve on [default: 127.0.0.1:8080]
    --db FILE                 SQLite file that keeps the data across restarts
                              [default: roundtable-sandbox.db]
    --webhook-secret SECRET   Secret that Stripe-Signature headers are checked with
                              [default: whsec_roundtable_sandbox]
    -h, --help                Print this help

On first start the database is seeded with one organization (an owner, an
admin and a member, each with an API key) and a second organization whose
ids answer 404 to the first. The keys are printed at every start.

Billing is FAKE: checkout and portal URLs point at checkout.stripe.test and
billing.stripe.test, which do not exist; nothing is ever charged. Complete a
checkout by sending a signed checkout.session.completed event to
/api/v1/billing/webhook.
";

/// What the binary was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print [`HELP`].
    Help,
    /// Serve.
    Serve(Options),
}

/// The serving options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub listen: SocketAddr,
    pub db: PathBuf,
    pub webhook_secret: String,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut listen = None;
    let mut db = None;
    let mut secret = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let slot = match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--listen" => &mut listen,
            "--db" => &mut db,
            "--webhook-secret" => &mut secret,
            _ => return Err(format!("unknown argument {arg:?}; see --help")),
        };
        let value = match inline.or_else(|| args.next()) {
            Some(value) if !value.is_empty() => value,
            _ => return Err(format!("{flag} needs a value; see --help")),
        };
        *slot = Some(value);
    }
    let listen = listen.unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
    let listen = listen
        .parse()
        .map_err(|_| format!("--listen {listen:?} is not an address such as 127.0.0.1:8080"))?;
    Ok(Command::Serve(Options {
        listen,
        db: PathBuf::from(db.unwrap_or_else(|| DEFAULT_DB.to_owned())),
        webhook_secret: secret.unwrap_or_else(|| DEFAULT_WEBHOOK_SECRET.to_owned()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| (*arg).to_owned()).collect()
    }

    #[test]
    fn defaults() {
        let Ok(Command::Serve(options)) = parse(args(&[])) else {
            panic!("expected options")
        };
        assert_eq!(options.listen.to_string(), DEFAULT_LISTEN);
        assert_eq!(options.db, PathBuf::from(DEFAULT_DB));
        assert_eq!(options.webhook_secret, DEFAULT_WEBHOOK_SECRET);
    }

    #[test]
    fn every_flag_in_both_spellings() {
        let expected = Command::Serve(Options {
            listen: "0.0.0.0:9000".parse().unwrap(),
            db: PathBuf::from("x.db"),
            webhook_secret: "whsec_x".to_owned(),
        });
        let spaced = args(&[
            "--listen",
            "0.0.0.0:9000",
            "--db",
            "x.db",
            "--webhook-secret",
            "whsec_x",
        ]);
        assert_eq!(parse(spaced), Ok(expected.clone()));
        let joined = args(&[
            "--listen=0.0.0.0:9000",
            "--db=x.db",
            "--webhook-secret=whsec_x",
        ]);
        assert_eq!(parse(joined), Ok(expected));
    }

    #[test]
    fn help_and_mistakes() {
        assert_eq!(parse(args(&["--db", "x", "--help"])), Ok(Command::Help));
        assert!(parse(args(&["--listen"])).is_err());
        assert!(parse(args(&["--listen", "nowhere"])).is_err());
        assert!(parse(args(&["--db="])).is_err());
        assert!(parse(args(&["serve"])).is_err());
    }

    #[test]
    fn help_says_billing_is_fake() {
        assert!(HELP.contains("FAKE"));
        assert!(HELP.contains("checkout.stripe.test"));
    }
}
