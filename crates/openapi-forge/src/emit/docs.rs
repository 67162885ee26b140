//! Spec prose (CommonMark) to rustdoc that is safe to compile and test.

use proc_macro2::TokenStream;
use quote::quote;

/// Turns Markdown from the spec into rustdoc text: code fences become
/// `text` blocks (so no description turns into a doctest), indented code
/// becomes a fenced `text` block, bare URLs become autolinks and brackets
/// that would read as broken intra-doc links are escaped.
pub fn doc_text(markdown: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut in_indented = false;
    for line in markdown.replace("\r\n", "\n").lines() {
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
        out.push(prose_line(line));
    }
    if in_fence || in_indented {
        out.push("```".into());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// Escapes one line of prose: autolinks for bare URLs, and `[`/`]` that are
/// not part of a Markdown link.
fn prose_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let after_link_open = i > 0 && (chars[i - 1] == '(' || chars[i - 1] == '<');
        if (rest.starts_with("http://") || rest.starts_with("https://")) && !after_link_open {
            let end = chars[i..]
                .iter()
                .position(|c| c.is_whitespace() || matches!(c, '>' | ')' | '"' | '\''))
                .map_or(chars.len(), |n| i + n);
            let mut url: String = chars[i..end].iter().collect();
            let mut tail = String::new();
            while url.ends_with(['.', ',', ';', ':']) {
                tail.insert(0, url.pop().unwrap_or_default());
            }
            out.push('<');
            out.push_str(&url);
            out.push('>');
            out.push_str(&tail);
            i = end;
            continue;
        }
        match chars[i] {
            '[' if !is_link_at(&chars, i) => out.push_str("\\["),
            ']' if !closes_link(&chars, i) => out.push_str("\\]"),
            c => out.push(c),
        }
        i += 1;
    }
    out
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
