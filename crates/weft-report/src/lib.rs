//! weft-report: renderers of traces — text (one line per visible step), columns (one column per
//! thread) and JSON — stable so that snapshot tests can compare them byte for byte; of
//! exploration reports (text, JSON, and one self-contained HTML page in [`html`]); and of the
//! lock-order graph (DOT, JSON, Mermaid).

pub mod html;

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
        // One event per row: a long cell runs on to the right instead of being cut.
        let mut cell = e.operation.clone();
        if e.site.line > 0 {
            cell.push_str(&format!(" L{}", e.site.line));
        }
        if !e.effect.is_empty() {
            cell.push_str(&format!(" ({})", truncate(&e.effect, 40)));
        }
        out.push_str(&format!(
            "{:>5}  {}{}\n",
            e.step,
            " ".repeat(col * width),
            cell
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

// ---------------------------------------------------------------------------------------------
// Exploration reports

use weft_explore::{ExploreReport, Finding, LockGraph};

/// A finding with the trace of its (shrunk) schedule, as the renderers take it.
pub struct RenderedFinding<'a> {
    pub finding: &'a Finding,
    pub trace: Vec<TraceEvent>,
}

/// Every finding of `report` with the trace it carries (its shrunk schedule's).
pub fn rendered_findings(report: &ExploreReport) -> Vec<RenderedFinding<'_>> {
    report
        .findings
        .iter()
        .map(|finding| RenderedFinding {
            finding,
            trace: finding.trace.clone(),
        })
        .collect()
}

/// DESIGN.md's JSON contract: `file, strategy, complete, executions, findings, outcomes`, and more.
pub fn report_json(file: &str, report: &ExploreReport, findings: &[RenderedFinding<'_>]) -> String {
    let findings: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "kind": f.finding.kind.as_str(),
                "message": f.finding.message,
                "schedule": f.finding.schedule.to_string(),
                "replay": replay_command(file, f.finding, &report.replay_options),
                "seed": f.finding.seed,
                "program_seed": f.finding.program_seed,
                "threads": f.finding.threads,
                "executions": f.finding.executions,
                "preemptions": f.finding.preemptions,
                "steps": f.finding.steps,
                "trace": f.trace.iter().map(event_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let outcomes: Vec<serde_json::Value> = report
        .outcomes
        .iter()
        .map(|o| serde_json::json!({ "stdout": o.stdout, "executions": o.executions }))
        .collect();
    let mut value = serde_json::json!({
        "file": file,
        "strategy": report.strategy,
        "complete": report.complete,
        "executions": report.executions,
        "incomplete_reason": report.incomplete_reason,
        "pruned_cycles": report.pruned_cycles,
        "cached_states": report.cached_states,
        "steps_total": report.steps_total,
        "program_seed": report.program_seed,
        "phases": report.phases.iter().map(|p| serde_json::json!({
            "strategy": p.strategy, "executions": p.executions, "complete": p.complete, "stopped": p.stopped,
        })).collect::<Vec<_>>(),
        "findings": findings,
        "outcomes": outcomes,
    });
    if let Some((index, count)) = report.shard {
        // A shard's report carries the whole exploration state `weft merge` needs to combine
        // the shards exactly as one run would have reported (lock edges included).
        value["shard"] = serde_json::json!({ "index": index + 1, "count": count });
        value["merge_data"] = serde_json::to_value(report).unwrap_or_default();
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// A shard's report read back from its JSON (`report_json` of a `--shard` exploration): the
/// program file and the report, or why the text is not one.
pub fn shard_report_from_json(text: &str) -> Result<(String, ExploreReport), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    let file = value["file"]
        .as_str()
        .ok_or("not a weft report (no \"file\")")?
        .to_string();
    let data = value
        .get("merge_data")
        .ok_or("not the report of a shard (explore with --shard I/N --json)")?;
    let report: ExploreReport = serde_json::from_value(data.clone())
        .map_err(|e| format!("a shard report this weft cannot read: {e}"))?;
    if report.shard.is_none() {
        return Err("not the report of a shard".into());
    }
    Ok((file, report))
}

/// The terminal report: a headline per finding, its explanation, the shrunk trace in the column
/// view, and the replay command; then the outcomes and how far the search got.
pub fn report_text(
    file: &str,
    report: &ExploreReport,
    findings: &[RenderedFinding<'_>],
    show_outcomes: bool,
) -> String {
    let mut out = String::new();
    for (i, f) in findings.iter().enumerate() {
        let fi = f.finding;
        out.push_str(&format!("[{}] {}\n", i + 1, finding_headline(fi)));
        for line in fi.message.lines() {
            out.push_str(&format!("    {line}\n"));
        }
        if !f.trace.is_empty() {
            out.push_str(&format!("  trace ({}):\n", trace_size(fi)));
            for line in trace_columns(&f.trace).lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        out.push_str(&format!(
            "  replay: {}\n\n",
            replay_command(file, fi, &report.replay_options)
        ));
    }
    if findings.is_empty() {
        out.push_str("no findings\n");
    }
    if show_outcomes {
        out.push_str("outcomes:\n");
        for o in &report.outcomes {
            out.push_str(&format!("  {:>6}  {:?}\n", o.executions, o.stdout));
        }
    }
    out.push_str(&coverage_line(report));
    out.push('\n');
    out
}

/// `1 step`, `2 steps`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A finding's headline as every report prints it: `deadlock — seen in 16 executions`.
pub fn finding_headline(finding: &Finding) -> String {
    format!(
        "{} — seen in {}",
        finding.kind,
        plural(finding.executions, "execution")
    )
}

/// The size of a finding's (shrunk) trace: `49 steps, 1 preemption`.
pub fn trace_size(finding: &Finding) -> String {
    format!(
        "{}, {}",
        plural(finding.steps, "step"),
        plural(finding.preemptions, "preemption")
    )
}

/// The command that replays a finding: `weft replay FILE SCHEDULE --seed N` and the model
/// options the exploration ran with (`options`, e.g. ` --time=free`).
pub fn replay_command(file: &str, finding: &Finding, options: &str) -> String {
    format!(
        "weft replay {file} {} --seed {}{options}",
        finding.schedule, finding.program_seed
    )
}

/// How far the search got: `106 executions (auto), complete: every schedule was covered`.
pub fn coverage_line(report: &ExploreReport) -> String {
    let cached = if report.cached_states > 0 {
        format!(
            ", {} ended at a state already explored",
            report.cached_states
        )
    } else {
        String::new()
    };
    format!(
        "{} ({}{cached}), {}",
        plural(report.executions, "execution"),
        report.strategy,
        if report.complete {
            "complete: every schedule was covered".to_string()
        } else {
            format!(
                "incomplete: {}",
                report
                    .incomplete_reason
                    .clone()
                    .unwrap_or_else(|| "budget reached".into())
            )
        }
    )
}

/// The lock-order graph in Graphviz DOT; edges on a cycle are red.
pub fn lock_graph_dot(graph: &LockGraph) -> String {
    let mut out = String::from(
        "digraph lock_order {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n",
    );
    for (i, n) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "  n{i} [label=\"{} (line {})\"];\n",
            escape(&n.name),
            n.created.line
        ));
    }
    for e in &graph.edges {
        out.push_str(&format!(
            "  n{} -> n{} [label=\"{}: line {} then {}\"{}];\n",
            e.from,
            e.to,
            escape(&e.thread_name),
            e.held_site.line,
            e.acquired_site.line,
            if e.on_cycle {
                ", color=red, penwidth=2"
            } else {
                ""
            }
        ));
    }
    out.push_str("}\n");
    out
}

/// The lock-order graph in Mermaid; cycle edges are drawn thick.
pub fn lock_graph_mermaid(graph: &LockGraph) -> String {
    let mut out = String::from("graph LR\n");
    for (i, n) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "  n{i}[\"{} (line {})\"]\n",
            n.name.replace('"', "'"),
            n.created.line
        ));
    }
    for e in &graph.edges {
        let arrow = if e.on_cycle { "==>" } else { "-->" };
        out.push_str(&format!(
            "  n{} {arrow}|\"{}: line {} then {}\"| n{}\n",
            e.from,
            e.thread_name.replace('"', "'"),
            e.held_site.line,
            e.acquired_site.line,
            e.to
        ));
    }
    out
}

/// The lock-order graph as JSON.
pub fn lock_graph_json(graph: &LockGraph) -> String {
    let value = serde_json::json!({
        "nodes": graph.nodes.iter().map(|n| serde_json::json!({
            "name": n.name, "created_line": n.created.line, "ordinal": n.ordinal,
        })).collect::<Vec<_>>(),
        "edges": graph.edges.iter().map(|e| serde_json::json!({
            "from": e.from, "to": e.to, "thread": e.thread_name,
            "held_line": e.held_site.line, "acquired_line": e.acquired_site.line,
            "executions": e.executions, "on_cycle": e.on_cycle,
        })).collect::<Vec<_>>(),
        "cycles": graph.cycles,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}
