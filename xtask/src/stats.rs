//! The `--stats` line of the `openapi-forge` binary, as the corpus and
//! bench commands read it.

/// The numbers of one `--stats` line (a flat JSON object).
#[derive(Debug, Default)]
pub struct Stats(serde_json::Map<String, serde_json::Value>);

impl Stats {
    /// Reads the last line of `stdout` that holds a JSON object; missing or
    /// unreadable output gives empty stats.
    pub fn parse(stdout: &str) -> Stats {
        stdout
            .lines()
            .rev()
            .find(|line| line.trim_start().starts_with('{'))
            .and_then(|line| serde_json::from_str(line).ok())
            .map(Stats)
            .unwrap_or_default()
    }

    /// The number under `key`, or 0 when absent.
    pub fn get(&self, key: &str) -> f64 {
        self.0
            .get(key)
            .and_then(serde_json::Value::as_f64)
            .unwrap_or(0.0)
    }

    /// Whether the line has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::Stats;

    #[test]
    fn reads_the_last_object_line() {
        let stats = Stats::parse("noise\n{\"lines\":12,\"total_ms\":3.5}\n");
        assert_eq!(stats.get("lines"), 12.0);
        assert_eq!(stats.get("total_ms"), 3.5);
        assert!(!stats.has("types"));
        assert_eq!(Stats::parse("").get("lines"), 0.0);
    }
}
