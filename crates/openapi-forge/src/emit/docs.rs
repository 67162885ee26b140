//! Spec prose (CommonMark) to rustdoc that is safe to compile and test.
//!
//! Descriptions in real specs are written for a web page, not for rustdoc:
//! they hold code fences in any language (which rustdoc would run as Rust
//! doctests), bare URLs (`rustdoc::bare_urls`), square brackets that read as
//! intra-doc links (`rustdoc::broken_intra_doc_links`) and `<placeholders>`
//! that read as unclosed HTML tags (`rustdoc::invalid_html_tags`). The
//! sanitizer rewrites each of those so that generated crates document
//! cleanly with warnings denied, and leaves everything else as written.

use proc_macro2::TokenStream;
use quote::quote;

/// Turns Markdown from the spec into rustdoc text: code fences become
/// `text` blocks (so no description turns into a doctest), indented code
/// becomes a fenced `text` block, bare URLs become autolinks, brackets
/// that would read as broken intra-doc links are escaped and `<` outside
/// code and autolinks is written as `&lt;`. Inline code spans are kept as
/// they are.
pub fn doc_text(markdown: &str) -> String {
    let normalized: String = markdown
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\t' | '\n' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut in_indented = false;
    let mut block = Block::Paragraph;
    for line in normalized.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if in_indented {
                out.push("```".to_string());
                in_indented = false;
            }
            out.push(if in_fence {
                "```".into()
            } else {
                "```text".into()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        let previous_blank = out.last().is_none_or(|l: &String| l.trim().is_empty());
        if indented && (in_indented || previous_blank) && !trimmed.starts_with(['-', '*']) {
            if !in_indented {
                out.push("```text".into());
                in_indented = true;
            }
            out.push(trimmed.to_string());
            continue;
        }
        if in_indented && !line.trim().is_empty() {
            out.push("```".into());
            in_indented = false;
        }
        let line = lazy_continuation(line, &mut block);
        out.push(prose_line(&line));
    }
    if in_fence || in_indented {
        out.push("```".into());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    while out.first().is_some_and(|l| l.trim().is_empty()) {
        out.remove(0);
    }
    out.join("\n")
}

/// The container block that the previous prose line left open.
#[derive(Clone, Copy)]
enum Block {
    Paragraph,
    /// A list item whose text starts at this column.
    ListItem(usize),
    Quote,
}

/// Indents a line that continues a list item or quote "lazily" (without
/// the item's indentation or the quote's `>`), which CommonMark allows but
/// clippy's `doc_lazy_continuation` rejects; the meaning is unchanged.
fn lazy_continuation(line: &str, block: &mut Block) -> String {
    let indent = line.len() - line.trim_start().len();
    let trimmed = line.trim_start();
    if trimmed.is_empty() {
        *block = Block::Paragraph;
        return line.to_string();
    }
    if let Some(column) = list_item_column(line) {
        *block = Block::ListItem(column);
        return line.to_string();
    }
    if trimmed.starts_with('>') {
        *block = Block::Quote;
        return line.to_string();
    }
    match *block {
        Block::ListItem(column) if indent < column => format!("{}{trimmed}", " ".repeat(column)),
        Block::Quote => format!("> {trimmed}"),
        _ => line.to_string(),
    }
}

/// The column where a list item's text starts, when `line` opens one
/// (`- x`, `* x`, `+ x`, `1. x`, `1) x`).
fn list_item_column(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let marker = match trimmed[digits..].chars().next()? {
        '-' | '*' | '+' if digits == 0 => 1,
        '.' | ')' if (1..=9).contains(&digits) => digits + 1,
        _ => return None,
    };
    let rest = &trimmed[marker..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    (spaces >= 1 && !rest.trim().is_empty()).then_some(indent + marker + spaces.min(4))
}

/// Escapes one line of prose: autolinks for bare URLs, `[`/`]` that are not
/// part of a Markdown link, and `<` that does not open an autolink. Code
/// spans are copied unchanged.
fn prose_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = run_length(&chars, i, '`');
            match closing_backticks(&chars, i + run, run) {
                Some(end) => out.extend(&chars[i..end]),
                None => out.extend(&chars[i..i + run]),
            }
            i = closing_backticks(&chars, i + run, run).unwrap_or(i + run);
            continue;
        }
        if c == '<' {
            if let Some(end) = autolink_end(&chars, i) {
                out.extend(&chars[i..end]);
                i = end;
            } else {
                out.push_str("&lt;");
                i += 1;
            }
            continue;
        }
        if starts_with(&chars, i, "http://") || starts_with(&chars, i, "https://") {
            let in_link_target = i >= 2 && chars[i - 1] == '(' && chars[i - 2] == ']';
            let end = url_end(&chars, i);
            let mut url: String = chars[i..end].iter().collect();
            if in_link_target {
                out.push_str(&url);
            } else {
                let mut tail = String::new();
                while let Some(last) = url.pop() {
                    if matches!(last, '.' | ',' | ';' | ':' | '!' | '?') {
                        tail.insert(0, last);
                    } else {
                        url.push(last);
                        break;
                    }
                }
                out.push('<');
                out.push_str(&url);
                out.push('>');
                out.push_str(&tail);
            }
            i = end;
            continue;
        }
        match c {
            '[' if !is_link_at(&chars, i) => out.push_str("\\["),
            ']' if !closes_link(&chars, i) => out.push_str("\\]"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

fn starts_with(chars: &[char], at: usize, prefix: &str) -> bool {
    prefix
        .chars()
        .enumerate()
        .all(|(n, expected)| chars.get(at + n) == Some(&expected))
}

fn run_length(chars: &[char], at: usize, c: char) -> usize {
    chars[at..].iter().take_while(|&&x| x == c).count()
}

/// The index just past a run of exactly `run` backticks at or after `from`.
fn closing_backticks(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let length = run_length(chars, i, '`');
            if length == run {
                return Some(i + length);
            }
            i += length;
        } else {
            i += 1;
        }
    }
    None
}

/// The index just past `<scheme://...>` when `at` opens an autolink.
fn autolink_end(chars: &[char], at: usize) -> Option<usize> {
    if !(starts_with(chars, at + 1, "http://") || starts_with(chars, at + 1, "https://")) {
        return None;
    }
    let close = chars[at + 1..]
        .iter()
        .position(|&c| c == '>' || c.is_whitespace() || c == '<');
    match close {
        Some(n) if chars.get(at + 1 + n) == Some(&'>') => Some(at + n + 2),
        _ => None,
    }
}

/// Where a bare URL ends: at whitespace or a character that cannot be
/// part of it in prose; a `)` ends it unless the URL opened a parenthesis.
fn url_end(chars: &[char], at: usize) -> usize {
    let mut depth = 0usize;
    let mut i = at;
    while i < chars.len() {
        match chars[i] {
            c if c.is_whitespace() => break,
            '<' | '>' | '"' | '\'' | '`' | '[' | ']' => break,
            '(' => depth += 1,
            ')' if depth == 0 => break,
            ')' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    i
}

fn is_link_at(chars: &[char], open: usize) -> bool {
    let Some(close) = chars[open..].iter().position(|&c| c == ']') else {
        return false;
    };
    chars.get(open + close + 1) == Some(&'(')
}

fn closes_link(chars: &[char], close: usize) -> bool {
    chars.get(close + 1) == Some(&'(') && chars[..close].contains(&'[')
}

/// `#[doc = "..."]` attributes, one per line of [`doc_text`].
pub fn doc_attrs(markdown: &str) -> TokenStream {
    let text = doc_text(markdown);
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `text` as an inline code span, with a fence long enough for the
/// backticks it holds; the empty string, which no code span can show, is
/// written as words.
pub fn code_span(text: &str) -> String {
    if text.is_empty() {
        return "the empty string".into();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::{code_span, doc_text};

    #[test]
    fn fences_become_text_blocks() {
        let text = doc_text("Example:\n```json\n{\"a\": [1]}\n```\n\n    let x = 1;\n");
        assert_eq!(
            text,
            "Example:\n```text\n{\"a\": [1]}\n```\n\n```text\nlet x = 1;\n```"
        );
    }

    #[test]
    fn urls_become_autolinks_once() {
        assert_eq!(doc_text("See https://a.test/x."), "See <https://a.test/x>.");
        assert_eq!(
            doc_text("See <https://a.test/x>."),
            "See <https://a.test/x>."
        );
        assert_eq!(
            doc_text("[docs](https://a.test/x)"),
            "[docs](https://a.test/x)"
        );
        assert_eq!(
            doc_text("(see https://a.test/x)"),
            "(see <https://a.test/x>)"
        );
        assert_eq!(doc_text("(https://a.test/x)"), "(<https://a.test/x>)");
        assert_eq!(
            doc_text("https://a.test/wiki/A_(b)"),
            "<https://a.test/wiki/A_(b)>"
        );
    }

    #[test]
    fn brackets_and_tags_are_escaped_outside_code() {
        assert_eq!(doc_text("one of [a, b]"), "one of \\[a, b\\]");
        assert_eq!(
            doc_text("a <b> tag & `[x] <y>`"),
            "a &lt;b> tag & `[x] <y>`"
        );
        assert_eq!(doc_text("``a`b`` [c]"), "``a`b`` \\[c\\]");
        assert_eq!(doc_text("odd ` tick [x]"), "odd ` tick \\[x\\]");
    }

    #[test]
    fn lazy_continuations_are_indented() {
        let text = doc_text("- one\ntwo\n\nthree\n1. four\n   five\nsix\n> quote\nmore");
        assert_eq!(
            text,
            "- one\n  two\n\nthree\n1. four\n   five\n   six\n> quote\n> more"
        );
        assert_eq!(doc_text("-1 is a number\nnext"), "-1 is a number\nnext");
    }

    #[test]
    fn control_characters_do_not_survive() {
        assert_eq!(doc_text("a\rb\u{0}c\r\n"), "a\nb c");
    }

    #[test]
    fn code_spans_fit_their_text() {
        assert_eq!(code_span("mean"), "`mean`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span(""), "the empty string");
        assert_eq!(code_span(" "), "`   `");
    }
}
