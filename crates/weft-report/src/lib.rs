//! weft-report: renderers of traces — text (one line per visible step), columns (one column per
//! thread) and JSON — stable so that snapshot tests can compare them byte for byte.

use weft_core::TraceEvent;

/// One line per visible step: step, thread, file:line, operation and effect.
pub fn trace_text(events: &[TraceEvent]) -> String {
    let mut out = String::new();
    for e in events {
        out.push_str(&format!(
            "{:>5}  {:<24} {}:{:<4} {}{}\n",
            e.step,
            e.thread_name,
            e.site.file,
            e.site.line,
            e.operation,
            if e.effect.is_empty() {
                String::new()
            } else {
                format!("  {}", e.effect)
            }
        ));
    }
    out
}

/// One column per thread, in order of first appearance.
pub fn trace_columns(events: &[TraceEvent]) -> String {
    let mut threads: Vec<&str> = Vec::new();
    for e in events {
        if !threads.contains(&e.thread_name.as_str()) {
            threads.push(&e.thread_name);
        }
    }
    let width = 34;
    let mut out = format!("{:>5}  ", "step");
    for t in &threads {
        out.push_str(&format!("{:<width$}", truncate(t, width - 2)));
    }
    out.push('\n');
    for e in events {
        let col = threads
            .iter()
            .position(|t| *t == e.thread_name)
            .unwrap_or(0);
        let cell = format!("{} L{}", e.operation, e.site.line);
        out.push_str(&format!(
            "{:>5}  {}{}\n",
            e.step,
            " ".repeat(col * width),
            truncate(&cell, width - 2)
        ));
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// The trace as a JSON array of events.
pub fn trace_json(events: &[TraceEvent]) -> String {
    let items: Vec<serde_json::Value> = events.iter().map(event_json).collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}

pub fn event_json(e: &TraceEvent) -> serde_json::Value {
    serde_json::json!({
        "step": e.step,
        "thread": e.thread.0,
        "thread_name": e.thread_name,
        "file": e.site.file,
        "line": e.site.line,
        "source": e.site.text,
        "operation": e.operation,
        "effect": e.effect,
        "time": e.time.as_seconds(),
    })
}
