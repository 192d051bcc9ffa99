//! The exploration report as one self-contained HTML page (`weft explore --html FILE`): the
//! findings (headline and explanation as the text report gives them), for each finding a timeline
//! of its shrunk schedule (a lane per thread, a mark per step, lock holds as bars, waits-for arrows
//! from a blocked thread to the thread it waits on), the trace table, the lock-order graph (cycle
//! edges in red), and the outputs seen.
//!
//! The page needs nothing but itself: inline CSS, inline SVG, no script, no network, no fonts.
//! Every program-derived string (file name, thread and lock names, source text, messages, output)
//! is escaped. The output is a pure function of the report: same report, same bytes (coordinates
//! are printed with one decimal; nothing iterates a hash map).
//!
//! What the timeline knows comes from the trace and the finding: a lock operation's trace line
//! names the lock (`acquire forks[0]`) and says what happened (`acquired`, `released`, `busy`,
//! ...); a hold bar runs from `acquired` to `released` (to the end of the trace when still held);
//! hand-off edges join a release to the next acquire of the same lock by another thread; the
//! blocked threads of a deadlock or a hang, and whom each waits for, come from the finding's
//! details (the trace only holds steps that were performed).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use weft_core::observe::{BlockedThread, WaitTarget};
use weft_core::{ThreadId, TraceEvent};
use weft_explore::{ExploreReport, FindingDetails, LockGraph, LockGraphEdge};

use crate::{coverage_line, finding_headline, replay_command, trace_size, RenderedFinding};

/// The most steps a timeline draws (the last ones, where the finding shows).
const MAX_TIMELINE_STEPS: usize = 2_000;
/// The most rows a trace table lists (the last ones).
const MAX_TABLE_ROWS: usize = 5_000;

/// Thread colours (Okabe and Ito's palette, distinguishable with colour-blindness).
const THREAD_COLOURS: [&str; 8] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9", "#6a3d9a", "#b8860b",
];
/// Lock colours for hold bars (ColorBrewer Set2: light enough for dark text on them).
const LOCK_COLOURS: [&str; 8] = [
    "#8da0cb", "#fc8d62", "#66c2a5", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
];
const RED: &str = "#d62728";

/// The whole page.
pub fn report_html(file: &str, report: &ExploreReport, findings: &[RenderedFinding<'_>]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>weft explore {}</title>", esc(file));
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    header(&mut out, file, report, findings);
    for (i, f) in findings.iter().enumerate() {
        finding_section(&mut out, file, &report.replay_options, i, f);
    }
    lock_graph_section(&mut out, &report.lock_graph);
    outcomes_section(&mut out, report);
    out.push_str(
        "<footer>Made by <code>weft explore --html</code>: one file, no script, no network. \
         Replay a finding with the command under its headline.</footer>\n",
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, file: &str, report: &ExploreReport, findings: &[RenderedFinding<'_>]) {
    let _ = writeln!(
        out,
        "<header>\n<h1>weft explore <code>{}</code></h1>\n<p class=\"coverage\">{}</p>",
        esc(file),
        esc(&coverage_line(report))
    );
    if findings.is_empty() {
        out.push_str("<p class=\"none\">no findings</p>\n");
    } else {
        out.push_str("<ol class=\"overview\">\n");
        for (i, f) in findings.iter().enumerate() {
            let kind = f.finding.kind.as_str();
            let threads = join_names(&f.finding.threads);
            let _ = writeln!(
                out,
                "<li><a href=\"#finding-{n}\"><span class=\"kind kind-{kind}\">{kind}</span> \
                 {}{}</a></li>",
                esc(&threads),
                esc(finding_headline(f.finding).trim_start_matches(kind)),
                n = i + 1,
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</header>\n");
}

/// "a", "a and b", "a, b and c".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn finding_section(
    out: &mut String,
    file: &str,
    replay_options: &str,
    index: usize,
    f: &RenderedFinding<'_>,
) {
    let n = index + 1;
    let fi = f.finding;
    let kind = fi.kind.as_str();
    let _ = writeln!(
        out,
        "<section class=\"finding\" id=\"finding-{n}\" data-kind=\"{kind}\">\n\
         <h2 class=\"headline\"><span class=\"index\">[{n}]</span> \
         <span class=\"kind kind-{kind}\">{kind}</span> {}</h2>",
        esc(finding_headline(fi).trim_start_matches(kind))
    );
    out.push_str("<div class=\"explanation\">\n");
    for line in fi.message.lines() {
        let _ = writeln!(out, "<p>{}</p>", esc(line));
    }
    out.push_str("</div>\n");
    if !fi.threads.is_empty() {
        out.push_str("<p class=\"threads\">threads: ");
        for (i, t) in fi.threads.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "<code>{}</code>", esc(t));
        }
        out.push_str("</p>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"replay\">replay: <code>{}</code></p>",
        esc(&replay_command(file, fi, replay_options))
    );
    if let FindingDetails::Blocked { threads, .. } = &fi.details {
        blocked_table(out, threads, &f.trace);
    }
    if !f.trace.is_empty() {
        // The first finding is shown open; the others fold (a `<details>` needs no script).
        let _ = writeln!(
            out,
            "<details class=\"schedule\"{}>\n<summary>schedule: {}</summary>",
            if index == 0 { " open" } else { "" },
            esc(&trace_size(fi))
        );
        let timeline = Timeline::new(&f.trace, &fi.details);
        let _ = writeln!(out, "<h3>Timeline</h3>");
        timeline.svg(out, n);
        legend(out, &timeline);
        let _ = writeln!(out, "<h3>Trace</h3>");
        trace_table(out, &f.trace, &timeline, n);
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// Who is stuck, what each holds and what it waits for (deadlocks and hangs).
fn blocked_table(out: &mut String, threads: &[BlockedThread], trace: &[TraceEvent]) {
    let name_of = |t: ThreadId| {
        threads
            .iter()
            .map(|b| (b.thread, &b.thread_name))
            .chain(trace.iter().map(|e| (e.thread, &e.thread_name)))
            .find(|(id, _)| *id == t)
            .map_or(format!("thread {t}"), |(_, name)| name.clone())
    };
    out.push_str(
        "<table class=\"blocked\">\n<thead><tr><th>blocked thread</th><th>holds</th>\
         <th>waits for</th><th>at</th></tr></thead>\n<tbody>\n",
    );
    for b in threads {
        let holds: Vec<String> = b
            .holding
            .iter()
            .map(|(lock, site)| format!("{} (line {})", lock.name, site.line))
            .collect();
        let waits = match &b.waits_for {
            WaitTarget::Lock { lock, owner, .. } => match owner {
                Some(_) => format!("{} (held)", lock.name),
                None => format!("{} (held by no thread that can release it)", lock.name),
            },
            WaitTarget::Join { thread } => format!("the end of {}", name_of(*thread)),
            WaitTarget::Other { object, .. } => object.clone(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>line {} <code>{}</code></td></tr>",
            esc(&b.thread_name),
            esc(&if holds.is_empty() {
                "—".to_string()
            } else {
                holds.join(", ")
            }),
            esc(&waits),
            b.site.line,
            esc(&b.site.text)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

// ---------------------------------------------------------------------------------------------
// The timeline

/// What a step did, as the timeline draws it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkKind {
    Read,
    Write,
    Call,
    Acquire,
    Release,
    LockOther,
    Thread,
    Other,
}

impl MarkKind {
    fn of(e: &TraceEvent) -> MarkKind {
        if let Some((_, _)) = lock_operation(e) {
            return match e.effect.as_str() {
                "acquired" => MarkKind::Acquire,
                "released" => MarkKind::Release,
                _ => MarkKind::LockOther,
            };
        }
        let op = bare_operation(&e.operation);
        if op.starts_with("read ") || op.starts_with("iterate ") {
            MarkKind::Read
        } else if op.starts_with("write ") || op.starts_with("delete ") {
            MarkKind::Write
        } else if op.starts_with("call ") {
            MarkKind::Call
        } else if op == "exit"
            || op.starts_with("start")
            || op.starts_with("join")
            || e.operation.starts_with("Thread.")
        {
            MarkKind::Thread
        } else {
            MarkKind::Other
        }
    }

    fn class(self) -> &'static str {
        match self {
            MarkKind::Read => "read",
            MarkKind::Write => "write",
            MarkKind::Call => "call",
            MarkKind::Acquire => "acquire",
            MarkKind::Release => "release",
            MarkKind::LockOther => "lock-other",
            MarkKind::Thread => "thread",
            MarkKind::Other => "sync",
        }
    }
}

/// The operation without the prelude method that performed it (`Condition.wait: acquire cond`
/// is `acquire cond`).
fn bare_operation(operation: &str) -> &str {
    match operation.split_once(": ") {
        Some((method, rest)) if !method.contains(' ') => rest,
        _ => operation,
    }
}

/// `(is_acquire, lock name)` when the step acquired or released a named lock (or tried to).
fn lock_operation(e: &TraceEvent) -> Option<(bool, &str)> {
    let op = bare_operation(&e.operation);
    if let Some(lock) = op
        .strip_prefix("acquire ")
        .or_else(|| op.strip_prefix("try-acquire "))
    {
        return Some((true, lock));
    }
    op.strip_prefix("release ").map(|lock| (false, lock))
}

struct Lane {
    thread: ThreadId,
    name: String,
    /// Rows of hold bars (nested holds stack).
    rows: usize,
    top: f64,
    height: f64,
}

/// A lock held by a lane's thread from `start` to `end` (indices into the trace; `None`: still
/// held when the trace ends).
struct Hold {
    lane: usize,
    lock: String,
    start: usize,
    end: Option<usize>,
    row: usize,
}

/// A thread that cannot run when the trace ends, and what it waits for.
struct Wait {
    lane: usize,
    /// Its last step (it has been waiting since), if it ran at all.
    since: Option<usize>,
    label: String,
    detail: String,
    /// The lane of the thread it waits on, and the lock it waits for.
    target: Option<(usize, Option<String>)>,
}

/// An exception that escaped a thread: drawn after the thread's last step.
struct Raised {
    lane: usize,
    after: Option<usize>,
    label: String,
    detail: String,
}

/// A step the finding points at (a racing access, a lock-order acquire, a raise).
struct Highlight {
    index: usize,
    label: String,
}

struct Timeline<'a> {
    events: &'a [TraceEvent],
    /// Steps before the drawn window (long traces draw their end).
    skipped: usize,
    lanes: Vec<Lane>,
    lane_of: Vec<usize>,
    holds: Vec<Hold>,
    /// (release, acquire) of one lock by two threads.
    handoffs: Vec<(usize, usize)>,
    waits: Vec<Wait>,
    highlights: Vec<Highlight>,
    /// The two accesses of a race, and the location.
    race: Option<(usize, usize, String)>,
    /// The thread an exception escaped, and where.
    raised: Option<Raised>,
    lock_colour: BTreeMap<String, usize>,
    step_width: f64,
}

// Geometry (pixels).
const LABEL_WIDTH: f64 = 210.0;
const AXIS_HEIGHT: f64 = 30.0;
const MARK_Y: f64 = 19.0;
const HOLD_TOP: f64 = 32.0;
const HOLD_ROW: f64 = 14.0;
const HOLD_HEIGHT: f64 = 11.0;
/// The width the timeline has on the page before it scrolls (the section's inner width).
const PAGE_WIDTH: f64 = 1128.0;

impl<'a> Timeline<'a> {
    fn new(trace: &'a [TraceEvent], details: &FindingDetails) -> Timeline<'a> {
        let skipped = trace.len().saturating_sub(MAX_TIMELINE_STEPS);
        let events = &trace[skipped..];
        let mut threads: BTreeMap<ThreadId, String> = BTreeMap::new();
        for e in events {
            threads
                .entry(e.thread)
                .or_insert_with(|| e.thread_name.clone());
        }
        let blocked: &[BlockedThread] = match details {
            FindingDetails::Blocked { threads, .. } => threads,
            _ => &[],
        };
        for b in blocked {
            threads
                .entry(b.thread)
                .or_insert_with(|| b.thread_name.clone());
        }
        let mut lanes: Vec<Lane> = threads
            .into_iter()
            .map(|(thread, name)| Lane {
                thread,
                name,
                rows: 0,
                top: 0.0,
                height: 0.0,
            })
            .collect();
        let lane_index = |t: ThreadId| lanes.iter().position(|l| l.thread == t);
        let lane_of: Vec<usize> = events
            .iter()
            .map(|e| lane_index(e.thread).unwrap_or(0))
            .collect();
        let waits = waits(events, &lane_of, blocked, &lane_index, &lanes);
        let raised = match details {
            FindingDetails::Failure(f) => lane_index(f.thread).map(|lane| Raised {
                lane,
                after: (0..events.len()).rev().find(|&i| lane_of[i] == lane),
                label: format!("raises {} (line {})", f.exception_type, f.site.line),
                detail: format!(
                    "{} in {} at {}: {}",
                    f.exception_type, f.thread_name, f.site, f.message
                ),
            }),
            _ => None,
        };
        let step_width = ((PAGE_WIDTH - LABEL_WIDTH - gutter_width(&waits, raised.as_ref()))
            / events.len().max(1) as f64)
            .clamp(5.0, 26.0);
        let (holds, handoffs) = holds(events, &lane_of);
        let mut lock_colour: BTreeMap<String, usize> = BTreeMap::new();
        for h in &holds {
            let next = lock_colour.len();
            lock_colour.entry(h.lock.clone()).or_insert(next);
        }
        let (highlights, race) = highlights(events, details);
        let mut timeline = Timeline {
            events,
            skipped,
            lanes: Vec::new(),
            lane_of,
            holds,
            handoffs,
            waits,
            highlights,
            race,
            raised,
            lock_colour,
            step_width,
        };
        timeline.stack_holds(&mut lanes);
        let mut top = AXIS_HEIGHT;
        for lane in &mut lanes {
            lane.top = top;
            lane.height = (HOLD_TOP + lane.rows as f64 * HOLD_ROW + 6.0).max(40.0);
            top += lane.height;
        }
        timeline.lanes = lanes;
        timeline
    }

    /// Gives each hold the lowest bar row of its lane that is free when it starts.
    fn stack_holds(&mut self, lanes: &mut [Lane]) {
        let mut row_ends: Vec<Vec<usize>> = vec![Vec::new(); lanes.len()];
        for h in &mut self.holds {
            let ends = &mut row_ends[h.lane];
            let end = h.end.unwrap_or(usize::MAX);
            match ends.iter().position(|&e| e < h.start) {
                Some(r) => {
                    h.row = r;
                    ends[r] = end;
                }
                None => {
                    h.row = ends.len();
                    ends.push(end);
                }
            }
            lanes[h.lane].rows = lanes[h.lane].rows.max(h.row + 1);
        }
    }

    fn x(&self, index: usize) -> f64 {
        LABEL_WIDTH + (index as f64 + 0.5) * self.step_width
    }

    fn track_end(&self) -> f64 {
        LABEL_WIDTH + self.events.len() as f64 * self.step_width
    }

    fn mark_y(&self, lane: usize) -> f64 {
        self.lanes[lane].top + MARK_Y
    }

    fn hold_y(&self, lane: usize, row: usize) -> f64 {
        self.lanes[lane].top + HOLD_TOP + row as f64 * HOLD_ROW
    }

    fn height(&self) -> f64 {
        self.lanes.last().map_or(AXIS_HEIGHT, |l| l.top + l.height) + 8.0
    }

    fn gutter(&self) -> f64 {
        gutter_width(&self.waits, self.raised.as_ref())
    }

    fn svg(&self, out: &mut String, finding: usize) {
        let width = self.track_end() + self.gutter();
        let height = self.height();
        let _ = writeln!(
            out,
            "<div class=\"scroll\">\n<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" \
             width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
             aria-label=\"timeline: one lane per thread, one mark per step\">",
            w = num(width),
            h = num(height),
        );
        out.push_str(&format!(
            "<defs><marker id=\"arrow-red-{finding}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
             markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 \
             L0,10 z\" fill=\"{RED}\"/></marker><marker id=\"arrow-grey-{finding}\" viewBox=\"0 0 10 \
             10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path \
             d=\"M0,0 L10,5 L0,10 z\" fill=\"#888\"/></marker></defs>\n"
        ));
        self.axis(out);
        for (i, _) in self.lanes.iter().enumerate() {
            self.lane(out, i);
        }
        for h in &self.holds {
            self.hold(out, h);
        }
        for &(from, to) in &self.handoffs {
            self.handoff(out, from, to, finding);
        }
        for (i, e) in self.events.iter().enumerate() {
            self.mark(out, i, e, finding);
        }
        self.race_edge(out, finding);
        for h in &self.highlights {
            let (x, y) = (self.x(h.index), self.mark_y(self.lane_of[h.index]));
            let _ = writeln!(
                out,
                "<circle class=\"highlight\" cx=\"{}\" cy=\"{}\" r=\"8.5\"><title>{}</title></circle>",
                num(x),
                num(y),
                esc(&h.label)
            );
        }
        for w in &self.waits {
            self.wait(out, w, finding);
        }
        if let Some(r) = &self.raised {
            self.raise(out, r);
        }
        out.push_str("</svg>\n</div>\n");
    }

    fn axis(&self, out: &mut String) {
        let n = self.events.len();
        let every = tick_interval(self.step_width);
        let bottom = self.height() - 8.0;
        out.push_str("<g class=\"axis\">");
        let _ = write!(
            out,
            "<text class=\"axis-title\" x=\"8\" y=\"18\">step{}</text>",
            if self.skipped > 0 {
                format!(" (the last {n} of {})", n + self.skipped)
            } else {
                String::new()
            }
        );
        for i in (0..n).filter(|i| i % every == 0 || *i == n - 1) {
            if i == n - 1 && i % every != 0 && i % every < every / 2 + 1 {
                continue;
            }
            let x = self.x(i);
            let _ = write!(
                out,
                "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{bottom}\"/><text x=\"{x}\" y=\"20\">{}</text>",
                self.events[i].step,
                x = num(x),
                y1 = num(AXIS_HEIGHT - 4.0),
                bottom = num(bottom),
            );
        }
        out.push_str("</g>\n");
    }

    fn lane(&self, out: &mut String, i: usize) {
        let lane = &self.lanes[i];
        let colour = THREAD_COLOURS[i % THREAD_COLOURS.len()];
        let _ = writeln!(
            out,
            "<g class=\"lane\" data-thread=\"{name}\"><rect class=\"lane-bg{odd}\" x=\"0\" y=\"{top}\" \
             width=\"{w}\" height=\"{h}\"/><rect x=\"0\" y=\"{top}\" width=\"4\" height=\"{h}\" \
             fill=\"{colour}\"/><text class=\"lane-label\" x=\"12\" y=\"{ty}\" fill=\"{colour}\">{short}\
             <title>{name} (thread {id})</title></text><line class=\"lane-line\" x1=\"{x0}\" y1=\"{my}\" \
             x2=\"{x1}\" y2=\"{my}\"/></g>",
            name = esc(&lane.name),
            odd = if i % 2 == 1 { " odd" } else { "" },
            top = num(lane.top),
            w = num(self.track_end() + self.gutter()),
            h = num(lane.height),
            ty = num(lane.top + MARK_Y + 4.0),
            short = esc(&truncate(&lane.name, 27)),
            id = lane.thread,
            x0 = num(LABEL_WIDTH),
            x1 = num(self.track_end()),
            my = num(lane.top + MARK_Y),
        );
    }

    fn hold(&self, out: &mut String, h: &Hold) {
        let x0 = self.x(h.start) - 2.0;
        let x1 = match h.end {
            Some(end) => self.x(end) + 2.0,
            None => self.track_end() + 12.0,
        };
        let y = self.hold_y(h.lane, h.row);
        let colour = LOCK_COLOURS[self.lock_colour[&h.lock] % LOCK_COLOURS.len()];
        let until = match h.end {
            Some(end) => format!(
                "to step {} (line {})",
                self.events[end].step, self.events[end].site.line
            ),
            None => "to the end of the trace: still held".to_string(),
        };
        let title = format!(
            "{} holds {} from step {} (line {}) {until}",
            self.lanes[h.lane].name,
            h.lock,
            self.events[h.start].step,
            self.events[h.start].site.line
        );
        // The lock's name inside the bar, or left of it when the bar is too short.
        let name_width = h.lock.chars().count() as f64 * 5.6;
        let label_fits = (x1 - x0) > name_width + 8.0;
        let _ = writeln!(
            out,
            "<g class=\"hold{open}\" data-lock=\"{lock}\"><title>{title}</title><rect x=\"{x}\" y=\"{y}\" \
             width=\"{w}\" height=\"{hh}\" rx=\"3\" fill=\"{colour}\"/><text class=\"hold-label{outside}\" \
             x=\"{lx}\" y=\"{ly}\">{lock}</text></g>",
            open = if h.end.is_none() { " held-at-end" } else { "" },
            lock = esc(&h.lock),
            title = esc(&title),
            x = num(x0),
            y = num(y),
            w = num(x1 - x0),
            hh = num(HOLD_HEIGHT),
            outside = if label_fits { "" } else { " outside" },
            lx = num(if label_fits { x0 + 4.0 } else { x0 - 3.0 }),
            ly = num(y + HOLD_HEIGHT - 2.0),
        );
    }

    fn handoff(&self, out: &mut String, from: usize, to: usize, finding: usize) {
        let (x1, y1) = (self.x(from), self.mark_y(self.lane_of[from]));
        let (x2, y2) = (self.x(to), self.mark_y(self.lane_of[to]));
        let bend = ((x2 - x1) / 2.0).clamp(4.0, 40.0);
        let lock = lock_operation(&self.events[to]).map_or("", |(_, l)| l);
        let _ = writeln!(
            out,
            "<path class=\"handoff\" d=\"M{} {} C{} {} {} {} {} {}\" marker-end=\"url(#arrow-grey-{finding})\">\
             <title>{}</title></path>",
            num(x1),
            num(y1),
            num(x1 + bend),
            num(y1),
            num(x2 - bend),
            num(y2),
            num(x2),
            num(y2 + if y2 > y1 { -6.0 } else { 6.0 }),
            esc(&format!(
                "{} released {lock} at step {}; {} acquired it at step {}",
                self.events[from].thread_name,
                self.events[from].step,
                self.events[to].thread_name,
                self.events[to].step
            ))
        );
    }

    fn mark(&self, out: &mut String, i: usize, e: &TraceEvent, finding: usize) {
        let kind = MarkKind::of(e);
        let lane = self.lane_of[i];
        let colour = THREAD_COLOURS[lane % THREAD_COLOURS.len()];
        let (x, y) = (self.x(i), self.mark_y(lane));
        let r = (self.step_width * 0.32).clamp(2.5, 5.0);
        let shape = match kind {
            MarkKind::Read | MarkKind::Write => format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                num(x),
                num(y),
                num(r)
            ),
            MarkKind::Thread | MarkKind::Other => format!(
                "<path d=\"M{} {} L{} {} L{} {} L{} {} z\"/>",
                num(x),
                num(y - r - 1.0),
                num(x + r + 1.0),
                num(y),
                num(x),
                num(y + r + 1.0),
                num(x - r - 1.0),
                num(y)
            ),
            _ => format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{s}\" height=\"{s}\" rx=\"1\"/>",
                num(x - r),
                num(y - r),
                s = num(2.0 * r)
            ),
        };
        let filled = matches!(
            kind,
            MarkKind::Write | MarkKind::Acquire | MarkKind::Thread | MarkKind::Call
        );
        let style = if filled {
            format!("fill=\"{colour}\" stroke=\"{colour}\"")
        } else {
            format!("fill=\"#fff\" stroke=\"{colour}\"")
        };
        let _ = writeln!(
            out,
            "<a href=\"#f{finding}-s{step}\"><g class=\"mark mark-{class}\" {style}><title>{title}</title>{shape}</g></a>",
            step = e.step,
            class = kind.class(),
            title = esc(&event_title(e)),
        );
    }

    fn race_edge(&self, out: &mut String, finding: usize) {
        let Some((a, b, location)) = &self.race else {
            return;
        };
        let (x1, y1) = (self.x(*a), self.mark_y(self.lane_of[*a]));
        let (x2, y2) = (self.x(*b), self.mark_y(self.lane_of[*b]));
        let _ = writeln!(
            out,
            "<g class=\"race-edge\"><title>data race on {loc}: steps {} and {}</title><path d=\"M{} {} \
             L{} {}\" marker-end=\"url(#arrow-red-{finding})\"/><text x=\"{}\" y=\"{}\">race on {loc}</text></g>",
            self.events[*a].step,
            self.events[*b].step,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num((x1 + x2) / 2.0 + 6.0),
            num((y1 + y2) / 2.0 - 4.0),
            loc = esc(location),
        );
    }

    fn raise(&self, out: &mut String, r: &Raised) {
        let y = self.mark_y(r.lane);
        let x = r.after.map_or(LABEL_WIDTH + 10.0, |i| {
            self.x(i) + self.step_width.max(14.0)
        });
        let _ = writeln!(
            out,
            "<g class=\"raised\"><title>{}</title><circle cx=\"{x}\" cy=\"{y}\" r=\"7\"/><path \
             d=\"M{a} {b} L{c} {d} M{a} {d} L{c} {b}\"/><text x=\"{tx}\" y=\"{ty}\">{}</text></g>",
            esc(&r.detail),
            esc(&r.label),
            x = num(x),
            y = num(y),
            a = num(x - 3.0),
            b = num(y - 3.0),
            c = num(x + 3.0),
            d = num(y + 3.0),
            tx = num(x + 11.0),
            ty = num(y + 4.0),
        );
    }

    fn wait(&self, out: &mut String, w: &Wait, finding: usize) {
        let y = self.mark_y(w.lane);
        let from = w.since.map_or(LABEL_WIDTH, |i| self.x(i) + 6.0);
        let icon = self.track_end() + 10.0;
        // The label starts where the wait starts, or ends at the last step when it would not fit.
        let label_width = w.label.chars().count() as f64 * 6.4;
        let label_x = if from + 2.0 + label_width <= icon - 8.0 {
            from + 2.0
        } else {
            (icon - 8.0 - label_width).max(LABEL_WIDTH)
        };
        let _ = writeln!(
            out,
            "<g class=\"wait\" data-thread=\"{name}\"><title>{detail}</title><line class=\"waiting\" \
             x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\"/><text class=\"wait-label\" x=\"{tx}\" \
             y=\"{ty}\">{label}</text><circle class=\"blocked-icon\" cx=\"{icon}\" cy=\"{y}\" r=\"6\"/>\
             <line class=\"blocked-bar\" x1=\"{b1}\" y1=\"{y}\" x2=\"{b2}\" y2=\"{y}\"/></g>",
            name = esc(&self.lanes[w.lane].name),
            detail = esc(&w.detail),
            x1 = num(from),
            x2 = num(icon - 6.0),
            y = num(y),
            tx = num(label_x),
            ty = num(y - 9.0),
            label = esc(&w.label),
            icon = num(icon),
            b1 = num(icon - 3.5),
            b2 = num(icon + 3.5),
        );
        let Some((target, lock)) = &w.target else {
            return;
        };
        let target_y = lock
            .as_ref()
            .and_then(|lock| {
                self.holds
                    .iter()
                    .find(|h| h.lane == *target && h.end.is_none() && &h.lock == lock)
            })
            .map_or(self.mark_y(*target), |h| {
                self.hold_y(h.lane, h.row) + HOLD_HEIGHT / 2.0
            });
        let bulge = 34.0 + 24.0 * w.lane.abs_diff(*target) as f64;
        let (sx, ex) = (icon + 7.0, self.track_end() + 14.0);
        let _ = writeln!(
            out,
            "<path class=\"waits-for\" data-from=\"{}\" data-to=\"{}\" d=\"M{} {} C{} {} {} {} {} {}\" \
             marker-end=\"url(#arrow-red-{finding})\"><title>{}</title></path>",
            esc(&self.lanes[w.lane].name),
            esc(&self.lanes[*target].name),
            num(sx),
            num(y),
            num(sx + bulge),
            num(y),
            num(ex + bulge),
            num(target_y),
            num(ex),
            num(target_y),
            esc(&w.detail)
        );
    }
}

/// The room right of the last step: the blocked threads' icons and their waits-for arrows.
fn gutter_width(waits: &[Wait], raised: Option<&Raised>) -> f64 {
    if let Some(r) = raised {
        return 40.0 + r.label.chars().count() as f64 * 6.6;
    }
    let span = waits
        .iter()
        .filter_map(|w| w.target.as_ref().map(|(t, _)| w.lane.abs_diff(*t)))
        .max();
    match span {
        Some(span) => 64.0 + 24.0 * span as f64,
        None if waits.is_empty() => 24.0,
        None => 40.0,
    }
}

/// Steps between axis labels, so that labels stand at least 36 pixels apart.
fn tick_interval(step_width: f64) -> usize {
    let min = (36.0 / step_width).ceil() as usize;
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|&k| k >= min)
        .unwrap_or(1000)
}

/// Hold bars (acquired to released, by lock name) and hand-offs (a release, then the next
/// acquire of that lock by another thread).
fn holds(events: &[TraceEvent], lane_of: &[usize]) -> (Vec<Hold>, Vec<(usize, usize)>) {
    let mut holds: Vec<Hold> = Vec::new();
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    let mut last_release: BTreeMap<&str, usize> = BTreeMap::new();
    let mut handoffs = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let Some((_, lock)) = lock_operation(e) else {
            continue;
        };
        match e.effect.as_str() {
            "acquired" => {
                if let Some(r) = last_release.remove(lock) {
                    if events[r].thread != e.thread {
                        handoffs.push((r, i));
                    }
                }
                open.insert(lock, holds.len());
                holds.push(Hold {
                    lane: lane_of[i],
                    lock: lock.to_string(),
                    start: i,
                    end: None,
                    row: 0,
                });
            }
            "released" => {
                if let Some(h) = open.remove(lock) {
                    holds[h].end = Some(i);
                }
                last_release.insert(lock, i);
            }
            _ => {}
        }
    }
    (holds, handoffs)
}

/// The blocked threads of a deadlock or hang, with whom each waits on.
fn waits(
    events: &[TraceEvent],
    lane_of: &[usize],
    blocked: &[BlockedThread],
    lane_index: &dyn Fn(ThreadId) -> Option<usize>,
    lanes: &[Lane],
) -> Vec<Wait> {
    let mut waits = Vec::new();
    for b in blocked {
        let Some(lane) = lane_index(b.thread) else {
            continue;
        };
        let since = (0..events.len()).rev().find(|&i| lane_of[i] == lane);
        let at = format!("line {}", b.site.line);
        let (label, detail, target) = match &b.waits_for {
            WaitTarget::Lock { lock, owner, .. } => {
                let owner_name = owner.and_then(lane_index);
                let held_by = match owner_name {
                    Some(_) => "held by another thread",
                    None => "held by no thread that can release it",
                };
                (
                    format!("blocked: waits for {} ({at})", lock.name),
                    format!(
                        "{} waits for {} at {}, {held_by}",
                        b.thread_name, lock.name, b.site
                    ),
                    owner_name.map(|l| (l, Some(lock.name.clone()))),
                )
            }
            WaitTarget::Join { thread } => {
                let target = lane_index(*thread);
                let name = target.map_or(format!("thread {thread}"), |l| lanes[l].name.clone());
                (
                    format!("blocked: joins {name} ({at})"),
                    format!("{} waits at {} for {name} to end", b.thread_name, b.site),
                    target.map(|l| (l, None)),
                )
            }
            WaitTarget::Other {
                object,
                explanation,
            } => (
                format!("blocked: waits for {object} ({at})"),
                format!("{} waits at {}: {explanation}", b.thread_name, b.site),
                None,
            ),
        };
        waits.push(Wait {
            lane,
            since,
            label,
            detail,
            target,
        });
    }
    waits
}

/// The steps a finding points at: a race's two accesses, a lock-order cycle's acquires, the exit
/// of a thread that raised.
fn highlights(
    events: &[TraceEvent],
    details: &FindingDetails,
) -> (Vec<Highlight>, Option<(usize, usize, String)>) {
    let mut out = Vec::new();
    let mut race = None;
    match details {
        FindingDetails::Race(r) => {
            let find = |access: &weft_core::observe::AccessSite, before: usize| {
                (0..before).rev().find(|&i| {
                    let e = &events[i];
                    let op = bare_operation(&e.operation);
                    e.thread == access.thread
                        && e.site.line == access.site.line
                        && (op.starts_with(if access.is_write { "write" } else { "read" })
                            || op.starts_with("call "))
                })
            };
            if let Some(b) = find(&r.second, events.len()) {
                if let Some(a) = find(&r.first, b) {
                    race = Some((a, b, r.location.clone()));
                    out.push(Highlight {
                        index: a,
                        label: format!("first access to {}", r.location),
                    });
                }
                out.push(Highlight {
                    index: b,
                    label: format!("second access to {}", r.location),
                });
            }
        }
        FindingDetails::LockOrder { edges } => {
            for edge in edges {
                let found = events.iter().position(|e| {
                    e.thread_name == edge.thread_name
                        && e.site.line == edge.acquired_site.line
                        && e.effect == "acquired"
                        && lock_operation(e).is_some_and(|(_, l)| l == edge.acquired.name)
                });
                if let Some(index) = found {
                    out.push(Highlight {
                        index,
                        label: format!(
                            "{} takes {} while holding {}",
                            edge.thread_name, edge.acquired.name, edge.held.name
                        ),
                    });
                }
            }
        }
        FindingDetails::Failure(_)
        | FindingDetails::Blocked { .. }
        | FindingDetails::Livelock { .. }
        | FindingDetails::Limit { .. } => {}
    }
    (out, race)
}

fn event_title(e: &TraceEvent) -> String {
    let mut t = format!(
        "step {} · {} · line {} · {}",
        e.step, e.thread_name, e.site.line, e.operation
    );
    if !e.effect.is_empty() {
        let _ = write!(t, " · {}", e.effect);
    }
    if !e.site.text.is_empty() {
        let _ = write!(t, "\n{}", e.site.text);
    }
    t
}

/// The legend: only what this timeline draws.
fn legend(out: &mut String, timeline: &Timeline<'_>) {
    const GREY: &str = "#555";
    let circle = |fill: &str| {
        format!("<svg width=\"14\" height=\"14\"><circle cx=\"7\" cy=\"7\" r=\"4\" fill=\"{fill}\" stroke=\"{GREY}\" stroke-width=\"1.6\"/></svg>")
    };
    let square = |fill: &str| {
        format!("<svg width=\"14\" height=\"14\"><rect x=\"3\" y=\"3\" width=\"8\" height=\"8\" fill=\"{fill}\" stroke=\"{GREY}\" stroke-width=\"1.6\"/></svg>")
    };
    let diamond = |fill: &str| {
        format!("<svg width=\"14\" height=\"14\"><path d=\"M7 1.5 L12.5 7 L7 12.5 L1.5 7 z\" fill=\"{fill}\" stroke=\"{GREY}\" stroke-width=\"1.6\"/></svg>")
    };
    let kinds: Vec<MarkKind> = timeline.events.iter().map(MarkKind::of).collect();
    let has = |k: MarkKind| kinds.contains(&k);
    let mut items: Vec<(String, &str)> = Vec::new();
    let entries = [
        (MarkKind::Read, circle("#fff"), "read"),
        (MarkKind::Write, circle(GREY), "write"),
        (MarkKind::Call, square(GREY), "container method"),
        (MarkKind::Acquire, square(GREY), "acquire"),
        (MarkKind::Release, square("#fff"), "release"),
        (
            MarkKind::LockOther,
            square("#fff"),
            "lock not taken (busy, timed out) or still held",
        ),
        (MarkKind::Thread, diamond(GREY), "thread start, join, exit"),
        (
            MarkKind::Other,
            diamond("#fff"),
            "other synchronisation, print, sleep",
        ),
    ];
    for (kind, icon, text) in entries {
        if has(kind) {
            items.push((icon, text));
        }
    }
    if !timeline.holds.is_empty() {
        items.push(("<svg width=\"26\" height=\"12\"><rect x=\"1\" y=\"1\" width=\"24\" height=\"10\" rx=\"3\" fill=\"#8da0cb\"/></svg>".into(), "lock held"));
    }
    if !timeline.handoffs.is_empty() {
        items.push(("<svg width=\"26\" height=\"12\"><path d=\"M1 9 C10 9 14 3 24 3\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/></svg>".into(), "lock handed over (release, then acquire)"));
    }
    if !timeline.waits.is_empty() {
        items.push((format!("<svg width=\"26\" height=\"12\"><path d=\"M1 6 L24 6\" stroke=\"{RED}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/></svg>"), "blocked; the arrow points at the thread it waits on"));
    }
    if timeline.race.is_some() {
        items.push((format!("<svg width=\"26\" height=\"12\"><path d=\"M1 6 L24 6\" stroke=\"{RED}\" stroke-width=\"1.8\" stroke-dasharray=\"5 3\"/></svg>"), "racing accesses"));
    }
    if timeline.raised.is_some() {
        items.push((format!("<svg width=\"14\" height=\"14\"><circle cx=\"7\" cy=\"7\" r=\"6\" fill=\"{RED}\"/></svg>"), "exception escaped the thread"));
    }
    out.push_str("<ul class=\"legend\">");
    for (icon, text) in items {
        let _ = write!(out, "<li>{icon} {text}</li>");
    }
    out.push_str("</ul>\n");
}

fn trace_table(out: &mut String, trace: &[TraceEvent], timeline: &Timeline<'_>, finding: usize) {
    let skipped = trace.len().saturating_sub(MAX_TABLE_ROWS);
    if skipped > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\">The first {skipped} steps are left out; the last {MAX_TABLE_ROWS} follow.</p>"
        );
    }
    let timed = trace.iter().any(|e| e.time.as_seconds() != 0.0);
    let _ = writeln!(
        out,
        "<div class=\"trace-box\">\n<table class=\"trace\" data-finding=\"{finding}\">\n<thead><tr><th>step</th>\
         <th>thread</th><th>line</th><th>operation</th><th>effect</th><th>source</th>{}</tr></thead>\n<tbody>",
        if timed { "<th>time</th>" } else { "" }
    );
    let lane_colour = |t: ThreadId| {
        timeline
            .lanes
            .iter()
            .position(|l| l.thread == t)
            .map_or("#555", |i| THREAD_COLOURS[i % THREAD_COLOURS.len()])
    };
    for e in &trace[skipped..] {
        let kind = MarkKind::of(e);
        let _ = write!(
            out,
            "<tr id=\"f{finding}-s{step}\" class=\"op-{class}\"><td class=\"num\">{step}</td>\
             <td><span class=\"chip\" style=\"background:{colour}\"></span>{thread}</td>\
             <td class=\"num\">{line}</td><td>{op}</td><td>{effect}</td><td><code>{source}</code></td>",
            step = e.step,
            class = kind.class(),
            colour = lane_colour(e.thread),
            thread = esc(&e.thread_name),
            line = e.site.line,
            op = esc(&e.operation),
            effect = esc(&e.effect),
            source = esc(&e.site.text),
        );
        if timed {
            let _ = write!(out, "<td class=\"num\">{}</td>", e.time);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

// ---------------------------------------------------------------------------------------------
// The lock-order graph

fn lock_graph_section(out: &mut String, graph: &LockGraph) {
    out.push_str("<section class=\"lock-graph\" id=\"lock-graph\">\n<h2>Lock-order graph</h2>\n");
    if graph.edges.is_empty() {
        out.push_str(
            "<p class=\"note\">No thread took a lock while holding another in the explored \
             executions.</p>\n</section>\n",
        );
        return;
    }
    out.push_str(
        "<p class=\"note\">A node per lock; an edge A → B when a thread took B while holding A \
         (labelled with the thread and the lines: held at → taken at). Red edges close a cycle: a \
         potential deadlock.</p>\n",
    );
    out.push_str("<div class=\"scroll\">\n");
    lock_graph_svg(out, graph);
    out.push_str("</div>\n");
    out.push_str(
        "<table class=\"lock-edges\">\n<thead><tr><th>held</th><th></th><th>then taken</th>\
         <th>thread</th><th>held at</th><th>taken at</th><th>executions</th></tr></thead>\n<tbody>\n",
    );
    for e in &graph.edges {
        let _ = writeln!(
            out,
            "<tr{}><td><code>{}</code></td><td>→</td><td><code>{}</code></td><td>{}</td>\
             <td>line {} <code>{}</code></td><td>line {} <code>{}</code></td><td class=\"num\">{}</td></tr>",
            if e.on_cycle { " class=\"on-cycle\"" } else { "" },
            esc(&graph.nodes[e.from].name),
            esc(&graph.nodes[e.to].name),
            esc(&e.thread_name),
            e.held_site.line,
            esc(&e.held_site.text),
            e.acquired_site.line,
            esc(&e.acquired_site.text),
            e.executions
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Where a node stands and how big it is.
struct NodeBox {
    x: f64,
    y: f64,
    half_width: f64,
    half_height: f64,
}

/// A box of text the graph places (for the drawing's bounds).
struct Bounds {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
}

impl Bounds {
    fn add(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        self.min_x = self.min_x.min(x0);
        self.min_y = self.min_y.min(y0);
        self.max_x = self.max_x.max(x1);
        self.max_y = self.max_y.max(y1);
    }
}

const GRAPH_CHAR_WIDTH: f64 = 6.7;
const GRAPH_LINE_HEIGHT: f64 = 14.0;

/// The graph drawn with its locks on a circle (in node order, clockwise from the top; two locks
/// side by side), each edge a curve bending to its left so that A → B and B → A stay apart.
fn lock_graph_svg(out: &mut String, graph: &LockGraph) {
    let n = graph.nodes.len();
    let widest = graph
        .nodes
        .iter()
        .map(|l| l.name.chars().count().max(12))
        .max()
        .unwrap_or(12) as f64
        * 7.8
        + 24.0;
    let radius = if n <= 1 {
        0.0
    } else {
        ((widest + 90.0) / (2.0 * (std::f64::consts::PI / n as f64).sin())).max(150.0)
    };
    let start = if n == 2 {
        std::f64::consts::PI
    } else {
        -std::f64::consts::FRAC_PI_2
    };
    let nodes: Vec<NodeBox> = (0..n)
        .map(|i| {
            let angle = start + 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            NodeBox {
                x: radius * angle.cos(),
                y: radius * angle.sin(),
                half_width: widest / 2.0,
                half_height: 21.0,
            }
        })
        .collect();
    let mut groups: BTreeMap<(usize, usize), Vec<&LockGraphEdge>> = BTreeMap::new();
    for e in &graph.edges {
        groups.entry((e.from, e.to)).or_default().push(e);
    }
    let mut bounds = Bounds {
        min_x: f64::MAX,
        min_y: f64::MAX,
        max_x: f64::MIN,
        max_y: f64::MIN,
    };
    for b in &nodes {
        bounds.add(
            b.x - b.half_width,
            b.y - b.half_height,
            b.x + b.half_width,
            b.y + b.half_height,
        );
    }
    let mut body = String::new();
    for ((from, to), edges) in &groups {
        if from == to {
            continue;
        }
        graph_edge(&mut body, &mut bounds, &nodes[*from], &nodes[*to], edges);
    }
    for (i, lock) in graph.nodes.iter().enumerate() {
        let on_cycle = graph
            .edges
            .iter()
            .any(|e| e.on_cycle && (e.from == i || e.to == i));
        let b = &nodes[i];
        let _ = writeln!(
            body,
            "<g class=\"lock{}\" data-lock=\"{name}\"><title>{name}, created at line {line} \
             ({text})</title><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"8\"/>\
             <text class=\"lock-name\" x=\"{cx}\" y=\"{ty}\">{name}</text><text class=\"lock-line\" \
             x=\"{cx}\" y=\"{ly}\">created line {line}</text></g>",
            if on_cycle { " on-cycle" } else { "" },
            name = esc(&lock.name),
            line = lock.created.line,
            text = esc(&lock.created.text),
            x = num(b.x - b.half_width),
            y = num(b.y - b.half_height),
            w = num(2.0 * b.half_width),
            h = num(2.0 * b.half_height),
            cx = num(b.x),
            ty = num(b.y - 2.0),
            ly = num(b.y + 13.0),
        );
    }
    let pad = 16.0;
    let (x0, y0) = (bounds.min_x - pad, bounds.min_y - pad);
    let (w, h) = (
        bounds.max_x - bounds.min_x + 2.0 * pad,
        bounds.max_y - bounds.min_y + 2.0 * pad,
    );
    let _ = writeln!(
        out,
        "<svg class=\"lock-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"{x0} {y0} {w} {h}\" role=\"img\" aria-label=\"lock-order graph\">\
         <defs><marker id=\"lg-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" \
         markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker>\
         <marker id=\"lg-arrow-red\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" \
         markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{RED}\"/></marker></defs>",
        w = num(w),
        h = num(h),
        x0 = num(x0),
        y0 = num(y0),
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
}

/// One drawn edge for all the graph's edges from one lock to another, its label a line per
/// (thread, lines).
fn graph_edge(
    out: &mut String,
    bounds: &mut Bounds,
    from: &NodeBox,
    to: &NodeBox,
    edges: &[&LockGraphEdge],
) {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    // The left normal (on screen, y down): A -> B and B -> A bend to opposite sides.
    let (nx, ny) = (dy / length, -dx / length);
    let bend = length * 0.18;
    let (cx, cy) = (
        (from.x + to.x) / 2.0 + nx * bend,
        (from.y + to.y) / 2.0 + ny * bend,
    );
    let (sx, sy) = box_exit(from, cx, cy, 2.0);
    let (ex, ey) = box_exit(to, cx, cy, 4.0);
    let on_cycle = edges.iter().any(|e| e.on_cycle);
    let lines: Vec<String> = edges
        .iter()
        .map(|e| {
            format!(
                "{}: line {} → {}",
                e.thread_name, e.held_site.line, e.acquired_site.line
            )
        })
        .collect();
    let title = edges
        .iter()
        .map(|e| {
            format!(
                "{} took the second lock at line {} while holding the first (taken at line {}); \
                 seen in {} execution{}",
                e.thread_name,
                e.acquired_site.line,
                e.held_site.line,
                e.executions,
                if e.executions == 1 { "" } else { "s" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    // The label stands beyond the curve's middle, on its outer side.
    let (mx, my) = (
        0.25 * from.x + 0.5 * cx + 0.25 * to.x,
        0.25 * from.y + 0.5 * cy + 0.25 * to.y,
    );
    let text_width =
        lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * GRAPH_CHAR_WIDTH;
    let text_height = lines.len() as f64 * GRAPH_LINE_HEIGHT;
    let (lx, ly) = (mx + nx * 14.0, my + ny * 14.0);
    let (anchor, left) = if nx > 0.35 {
        ("start", lx)
    } else if nx < -0.35 {
        ("end", lx - text_width)
    } else {
        ("middle", lx - text_width / 2.0)
    };
    let top = if ny > 0.35 {
        ly
    } else if ny < -0.35 {
        ly - text_height
    } else {
        ly - text_height / 2.0
    };
    bounds.add(left, top, left + text_width, top + text_height);
    let _ = write!(
        out,
        "<g class=\"edge{}\"><title>{}</title><path d=\"M{} {} Q{} {} {} {}\" marker-end=\"url(#{})\"/>\
         <text class=\"edge-label\" text-anchor=\"{anchor}\" x=\"{}\" y=\"{}\">",
        if on_cycle { " on-cycle" } else { "" },
        esc(&title),
        num(sx),
        num(sy),
        num(cx),
        num(cy),
        num(ex),
        num(ey),
        if on_cycle { "lg-arrow-red" } else { "lg-arrow" },
        num(lx),
        num(top + GRAPH_LINE_HEIGHT - 3.0),
    );
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
            num(lx),
            if i == 0 { "0" } else { "14" },
            esc(line)
        );
    }
    out.push_str("</text></g>\n");
}

/// Where the line from a node's centre towards (tx, ty) leaves its box, `gap` pixels out.
fn box_exit(b: &NodeBox, tx: f64, ty: f64, gap: f64) -> (f64, f64) {
    let (dx, dy) = (tx - b.x, ty - b.y);
    let length = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / length, dy / length);
    let t = (b.half_width / ux.abs().max(1e-9)).min(b.half_height / uy.abs().max(1e-9)) + gap;
    (b.x + ux * t, b.y + uy * t)
}

// ---------------------------------------------------------------------------------------------
// Outcomes, and helpers

fn outcomes_section(out: &mut String, report: &ExploreReport) {
    if report.outcomes.is_empty() {
        return;
    }
    out.push_str(
        "<section class=\"outcomes\" id=\"outcomes\">\n<h2>Outputs</h2>\n<table>\n<thead><tr>\
         <th>executions</th><th>stdout</th></tr></thead>\n<tbody>\n",
    );
    for o in &report.outcomes {
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td><pre>{}</pre></td></tr>",
            o.executions,
            if o.stdout.is_empty() {
                "<span class=\"note\">(nothing)</span>".to_string()
            } else {
                esc(&o.stdout)
            }
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Text made safe for HTML and SVG, in element content and in quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal (trailing `.0` dropped), so output is stable and compact.
fn num(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --bg: #f6f7f9; --red: #d62728; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 40px; }
code, pre, .trace td { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h1 code { font-size: 20px; }
h2 { font-size: 19px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 18px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
header { margin-bottom: 20px; }
.coverage { color: var(--muted); margin: 0 0 10px; }
.overview { margin: 0; padding-left: 22px; }
.overview a { color: inherit; text-decoration: none; }
.overview a:hover { text-decoration: underline; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin: 0 0 22px; }
.kind { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 13px; font-weight: 600;
  color: #fff; background: #5b6475; vertical-align: 1px; }
.kind-deadlock, .kind-assertion, .kind-exception, .kind-race { background: var(--red); }
.kind-lock-order, .kind-hang, .kind-livelock { background: #c25e00; }
.headline { display: flex; gap: 8px; align-items: baseline; }
.headline .index { color: var(--muted); font-weight: 500; }
.explanation p { margin: 6px 0; }
.threads, .replay { margin: 6px 0; color: var(--muted); }
.replay code { color: var(--ink); background: var(--bg); padding: 2px 6px; border-radius: 4px; }
details.schedule { margin-top: 12px; }
details.schedule > summary { cursor: pointer; font-weight: 600; }
.scroll { overflow-x: auto; }
.trace-box { max-height: 460px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.trace-box table { margin: 0; }
.trace-box thead th { position: sticky; top: 0; background: #fff; box-shadow: 0 1px 0 var(--line); }
table { border-collapse: collapse; margin: 8px 0; }
th, td { text-align: left; padding: 3px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.blocked td { font-size: 14px; }
table.trace { width: 100%; }
table.trace td { padding: 1px 10px; white-space: nowrap; }
table.trace tr:hover td { background: #eef3fb; }
table.trace tr:target td { background: #fff3bf; }
table.trace tr.op-acquire td, table.trace tr.op-release td { font-weight: 600; }
.chip { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; vertical-align: 0; }
svg text { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
svg.timeline { display: block; }
.axis text { font-size: 10px; fill: var(--muted); text-anchor: middle; }
.axis .axis-title { text-anchor: start; font-size: 11px; }
.axis line { stroke: #eceef2; }
.lane-bg { fill: #fff; }
.lane-bg.odd { fill: #f8f9fb; }
.lane-label { font-size: 12px; font-weight: 600; }
.lane-line { stroke: #cfd4dc; stroke-width: 1; }
.mark { stroke-width: 1.6; }
.mark:hover { stroke: #000; }
.hold rect { stroke: rgba(0,0,0,.25); stroke-width: .8; }
.hold.held-at-end rect { stroke: var(--red); stroke-width: 1.4; }
.hold-label { font-size: 9px; fill: #1d2330; }
.hold-label.outside { text-anchor: end; fill: var(--muted); paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.handoff { fill: none; stroke: #888; stroke-width: 1.2; stroke-dasharray: 3 2; }
.waiting { stroke: var(--red); stroke-width: 2; stroke-dasharray: 5 3; }
.wait-label { font-size: 10.5px; fill: var(--red); font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.blocked-icon { fill: var(--red); }
.blocked-bar { stroke: #fff; stroke-width: 2; }
.waits-for { fill: none; stroke: var(--red); stroke-width: 2; }
.highlight { fill: none; stroke: var(--red); stroke-width: 2; }
.raised circle { fill: var(--red); }
.raised path { stroke: #fff; stroke-width: 2; }
.raised text { font-size: 11px; fill: var(--red); font-weight: 600; }
.race-edge path { stroke: var(--red); stroke-width: 1.8; stroke-dasharray: 5 3; fill: none; }
.race-edge text { font-size: 11px; fill: var(--red); font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; color: var(--muted); }
.legend svg { vertical-align: -2px; margin-right: 3px; }
svg.lock-graph { display: block; margin: 8px auto; }
.lock rect { fill: #eef3fb; stroke: #5b6475; stroke-width: 1.4; }
.lock.on-cycle rect { fill: #fdecec; stroke: var(--red); stroke-width: 2.2; }
.lock-name { font-size: 13px; font-weight: 700; text-anchor: middle; fill: var(--ink); }
.lock-line { font-size: 10px; text-anchor: middle; fill: var(--muted); }
.edge path { fill: none; stroke: #555; stroke-width: 1.6; }
.edge.on-cycle path { stroke: var(--red); stroke-width: 2.6; }
.edge-label { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 4px; }
.edge.on-cycle .edge-label { fill: #a21b1c; }
table.lock-edges tr.on-cycle td { color: #a21b1c; }
.note { color: var(--muted); font-size: 14px; }
pre { margin: 0; white-space: pre-wrap; }
footer { color: var(--muted); font-size: 13px; text-align: center; }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{7}b"), "a\\u{7}b");
    }

    #[test]
    fn coordinates_have_one_stable_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.01), "0");
    }

    #[test]
    fn lock_operations_are_read_off_the_trace_line() {
        let event = |operation: &str, effect: &str| TraceEvent {
            step: 1,
            thread: ThreadId(1),
            thread_name: "T".into(),
            site: Default::default(),
            operation: operation.into(),
            effect: effect.into(),
            time: Default::default(),
        };
        assert_eq!(
            lock_operation(&event("acquire forks[0]", "acquired")),
            Some((true, "forks[0]"))
        );
        assert_eq!(
            lock_operation(&event("Condition.__exit__: release cond._lock", "released")),
            Some((false, "cond._lock"))
        );
        assert_eq!(lock_operation(&event("read forks[0]", "")), None);
        assert!(MarkKind::of(&event("Condition.wait: acquire", "")) == MarkKind::Other);
    }
}
