//! Line and column of a JSON pointer in a YAML or JSON source.
//!
//! Positions are found on demand by replaying the source through an event
//! parser until the node is reached; nothing is indexed up front, so large
//! specs pay only when a diagnostic needs a position. JSON is read by the
//! same parser, as YAML's flow style.
//!
//! Known shortcoming: nodes reached only through a YAML alias (`*name`) have
//! no position of their own, so diagnostics there carry none.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use super::pointer;

enum Frame {
    /// A mapping, expecting a key (`false`) or the key's value (`true`).
    Map {
        in_value: bool,
    },
    Seq {
        index: usize,
    },
}

fn line_col(marker: &Marker) -> (usize, usize) {
    (marker.line(), marker.col() + 1)
}

/// The 1-based line and column where the node at `pointer` starts (its key,
/// for a mapping entry), or `None` when the source has no such node.
pub fn find(source: &str, target: &str) -> Option<(usize, usize)> {
    let target = pointer::tokens(target);
    if target.is_empty() {
        return Some((1, 1));
    }
    let mut parser = Parser::new_from_str(source);
    let mut stack: Vec<Frame> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    // A block mapping starts where its first key is known, which is past
    // the key; the key's own position is reported instead.
    let mut report_next_scalar: Option<Marker> = None;
    loop {
        let (event, marker) = parser.next_token().ok()?;
        if let Some(start) = report_next_scalar {
            return Some(match event {
                Event::Scalar(..) => line_col(&marker),
                _ => line_col(&start),
            });
        }
        let starts_container = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let is_node = starts_container || matches!(event, Event::Scalar(..) | Event::Alias(..));
        match event {
            Event::StreamEnd => return None,
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                finish_node(&mut stack, &mut path);
                continue;
            }
            _ if !is_node => continue,
            _ => {}
        }
        match stack.last_mut() {
            Some(Frame::Map { in_value }) if !*in_value => {
                let key = match event {
                    Event::Scalar(value, ..) => value,
                    _ => String::new(),
                };
                path.push(key);
                if path == target {
                    return Some(line_col(&marker));
                }
                *in_value = true;
                if starts_container {
                    // Complex keys do not occur in OpenAPI documents; the
                    // positions after one are approximate.
                    stack.push(Frame::Seq { index: 0 });
                }
                continue;
            }
            Some(Frame::Map { .. }) => {}
            Some(Frame::Seq { index }) => {
                path.push(index.to_string());
                if path == target {
                    if !matches!(event, Event::MappingStart(..)) {
                        return Some(line_col(&marker));
                    }
                    report_next_scalar = Some(marker);
                }
            }
            None => {}
        }
        if starts_container {
            let is_map = matches!(event, Event::MappingStart(..));
            stack.push(if is_map {
                Frame::Map { in_value: false }
            } else {
                Frame::Seq { index: 0 }
            });
        } else {
            finish_node(&mut stack, &mut path);
        }
    }
}

/// Updates the parent after one of its nodes ended.
fn finish_node(stack: &mut [Frame], path: &mut Vec<String>) {
    match stack.last_mut() {
        Some(Frame::Map { in_value }) => {
            if *in_value {
                path.pop();
            }
            *in_value = false;
        }
        Some(Frame::Seq { index }) => {
            path.pop();
            *index += 1;
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "openapi: 3.0.3\ninfo:\n  title: T\npaths:\n  /a:\n    get:\n      \
                        parameters:\n        - name: x\n          in: query\n";

    #[test]
    fn finds_yaml_nodes() {
        assert_eq!(find(YAML, ""), Some((1, 1)));
        assert_eq!(find(YAML, "/info/title"), Some((3, 3)));
        assert_eq!(find(YAML, "/paths/~1a/get"), Some((6, 5)));
        assert_eq!(find(YAML, "/paths/~1a/get/parameters/0"), Some((8, 11)));
        assert_eq!(find(YAML, "/paths/~1a/get/parameters/0/in"), Some((9, 11)));
        assert_eq!(find(YAML, "/nothing"), None);
    }

    #[test]
    fn finds_json_nodes() {
        let json = "{\n  \"a\": [1, {\"b\": true}],\n  \"c\": {}\n}";
        assert_eq!(find(json, "/a/1/b"), Some((2, 13)));
        assert_eq!(find(json, "/c"), Some((3, 3)));
    }
}
