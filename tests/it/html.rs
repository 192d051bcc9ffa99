//! The HTML report (`weft explore --html`) as a browser sees it: headless Chromium renders the page
//! to a PNG and dumps the DOM it built from the file, and that DOM holds the finding's headline, a
//! timeline with a lane per thread of the trace, a mark per step, lock hold bars and waits-for
//! edges, the lock-order graph with its cycle highlighted, and a trace row per step. The page is
//! byte-identical across runs and self-contained. Needs `chromium` on PATH: scripts/install-chromium
//! installs it (`make test` and CI run it first); without it these tests fail, they never skip.

use crate::{root, weft_bin};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCENARIO: &str = "scenarios/classic/philosophers_3_deadlock.py";

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("weft-html-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn weft(args: &[&str]) -> Output {
    Command::new(weft_bin())
        .current_dir(root())
        .args(args)
        .output()
        .expect("the weft binary runs (make test builds it first)")
}

fn explore_html(out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["explore", SCENARIO, "--html", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = weft(&args);
    assert_eq!(
        run.status.code(),
        Some(1),
        "the scenario deadlocks: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read(out).expect("weft wrote the HTML report")
}

/// Runs headless Chromium on `args` (with a private profile), failing loudly when it is missing.
fn chromium(dir: &Path, args: &[String]) -> Output {
    let installed = Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        installed,
        "chromium is not installed: run scripts/install-chromium (as root, or with sudo) to run the \
         HTML report tests; `make test` runs it first"
    );
    // `timeout` keeps a wedged browser from stalling the suite.
    let out = Command::new("timeout")
        .arg("120")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed ({:?}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_html_report_is_byte_identical_across_runs_and_self_contained() {
    let dir = scratch("determinism");
    let first = explore_html(&dir.join("a.html"), &[]);
    let second = explore_html(&dir.join("b.html"), &[]);
    assert!(first == second, "two runs gave different HTML");
    let parallel = explore_html(&dir.join("c.html"), &["--jobs", "2"]);
    assert!(first == parallel, "--jobs 2 gave different HTML");
    let page = String::from_utf8(first).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("<script"), "the page needs no script");
    for (at, _) in page.match_indices("http") {
        assert!(
            page[at..].starts_with("http://www.w3.org/2000/svg"),
            "a network reference: {}",
            &page[at..at + 60]
        );
    }
    for (at, _) in page.match_indices("url(") {
        assert!(page[at..].starts_with("url(#"), "an external asset");
    }
    assert!(!page.contains(" src="), "an external asset");
    // The text report is unchanged by --html.
    let with = weft(&[
        "explore",
        SCENARIO,
        "--html",
        dir.join("d.html").to_str().unwrap(),
    ]);
    let without = weft(&["explore", SCENARIO]);
    assert_eq!(with.stdout, without.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn program_text_is_escaped_in_the_html_report() {
    let dir = scratch("escape");
    let program = dir.join("esc.py");
    std::fs::write(
        &program,
        "import threading\n\
         a = threading.Lock()\n\
         b = threading.Lock()\n\
         def f():\n    with a:\n        with b:\n            print('<i>&amp;</i>')\n\
         def g():\n    with b:\n        with a:\n            pass\n\
         t = threading.Thread(target=f, name='<b>\"x\"</b>')\n\
         u = threading.Thread(target=g, name=\"<script>alert('y')</script>\")\n\
         t.start(); u.start(); t.join(); u.join()\n",
    )
    .unwrap();
    let html = dir.join("esc.html");
    let run = Command::new(weft_bin())
        .args(["explore"])
        .arg(&program)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&#39;y&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;i&gt;&amp;amp;&lt;/i&gt;"));
    assert!(!page.contains("<b>") && !page.contains("<script") && !page.contains("<i>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_html_report_renders_in_a_browser_with_timeline_graph_and_trace() {
    let dir = scratch("browser");
    let html = dir.join("report.html");
    explore_html(&html, &[]);
    let url = format!("file://{}", html.display());

    let shot = dir.join("shot.png");
    chromium(
        &dir,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
            url.clone(),
        ],
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let dimension = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((dimension(16), dimension(20)), (1280, 2000), "PNG size");
    assert!(
        png.len() > 40_000,
        "a {}-byte screenshot is too small to show the report",
        png.len()
    );

    let dump = chromium(&dir, &["--dump-dom".into(), url]);
    let dom = Dom::parse(&String::from_utf8_lossy(&dump.stdout));
    check_structure(&dom, &expected_first_finding());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The first finding as the JSON report gives it: kind, message, and its trace's threads and steps.
struct Expected {
    kind: String,
    message: String,
    threads: BTreeSet<String>,
    steps: usize,
}

fn expected_first_finding() -> Expected {
    let run = weft(&["explore", SCENARIO, "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let finding = &report["findings"][0];
    let trace = finding["trace"].as_array().unwrap();
    Expected {
        kind: finding["kind"].as_str().unwrap().to_string(),
        message: finding["message"].as_str().unwrap().to_string(),
        threads: trace
            .iter()
            .map(|e| e["thread_name"].as_str().unwrap().to_string())
            .collect(),
        steps: trace.len(),
    }
}

fn check_structure(dom: &Dom, expected: &Expected) {
    assert_eq!(expected.kind, "deadlock");
    assert!(dom.all().all(|n| dom.nodes[n].name != "script"));

    // The finding: headline and explanation.
    let finding = dom.find(None, |n| n.attr("id") == Some("finding-1"));
    assert_eq!(dom.nodes[finding].attr("data-kind"), Some("deadlock"));
    let headline = dom.find(Some(finding), |n| n.has_class("headline"));
    let text = dom.text(headline);
    assert!(
        text.contains("deadlock") && text.contains("seen in"),
        "{text}"
    );
    let explanation = dom.find(Some(finding), |n| n.has_class("explanation"));
    assert!(dom.text(explanation).contains(&expected.message));

    // The timeline: one lane per thread of the trace, one mark per step, holds, waits-for edges.
    let timeline = dom.find(Some(finding), |n| {
        n.name == "svg" && n.has_class("timeline")
    });
    let lanes: Vec<&str> = dom
        .select(timeline, |n| n.has_class("lane"))
        .map(|i| dom.nodes[i].attr("data-thread").unwrap())
        .collect();
    assert_eq!(lanes.len(), expected.threads.len(), "{lanes:?}");
    assert_eq!(
        lanes.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>(),
        expected.threads
    );
    let marks = dom.select(timeline, |n| n.has_class("mark")).count();
    assert_eq!(marks, expected.steps, "a mark per step");
    let holds: Vec<usize> = dom.select(timeline, |n| n.has_class("hold")).collect();
    assert!(!holds.is_empty(), "no hold bar");
    let held_at_end: BTreeSet<&str> = holds
        .iter()
        .filter(|&&h| dom.nodes[h].has_class("held-at-end"))
        .map(|&h| dom.nodes[h].attr("data-lock").unwrap())
        .collect();
    let forks: BTreeSet<&str> = ["forks[0]", "forks[1]", "forks[2]"].into();
    assert_eq!(
        held_at_end, forks,
        "each philosopher holds a fork at the end"
    );
    let waits_from: BTreeSet<&str> = dom
        .select(timeline, |n| n.has_class("waits-for"))
        .map(|i| dom.nodes[i].attr("data-from").unwrap())
        .collect();
    for philosopher in ["Thread-1", "Thread-2", "Thread-3"] {
        assert!(
            waits_from.iter().any(|t| t.starts_with(philosopher)),
            "no waits-for edge from {philosopher}: {waits_from:?}"
        );
    }

    // The trace table: a row per step.
    let table = dom.find(Some(finding), |n| n.name == "table" && n.has_class("trace"));
    let rows = dom
        .select(table, |n| n.name == "tr" && n.attr("id").is_some())
        .count();
    assert_eq!(rows, expected.steps, "a trace row per step");

    // The lock-order graph: the forks, and the cycle in red.
    let graph = dom.find(None, |n| n.name == "svg" && n.has_class("lock-graph"));
    let locks: BTreeSet<&str> = dom
        .select(graph, |n| n.has_class("lock"))
        .filter(|&i| dom.nodes[i].has_class("on-cycle"))
        .map(|i| dom.nodes[i].attr("data-lock").unwrap())
        .collect();
    assert_eq!(locks, forks, "the fork locks, on the cycle");
    let cycle_edges = dom
        .select(graph, |n| n.has_class("edge") && n.has_class("on-cycle"))
        .count();
    assert_eq!(cycle_edges, 3, "the three edges of the cycle");
}

// ---------------------------------------------------------------------------------------------
// A small reader of the DOM Chromium serialises: elements with attributes, parents and text.

struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    parent: Option<usize>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }
}

struct Dom {
    nodes: Vec<Node>,
}

const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

impl Dom {
    fn parse(html: &str) -> Dom {
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                Self::add_text(&mut nodes, &open, rest);
                break;
            };
            Self::add_text(&mut nodes, &open, &rest[..lt]);
            rest = &rest[lt..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = comment.split_once("-->").map_or("", |(_, r)| r);
            } else if rest.starts_with("<!") {
                rest = rest.split_once('>').map_or("", |(_, r)| r);
            } else if let Some(close) = rest.strip_prefix("</") {
                let (name, r) = close.split_once('>').unwrap_or((close, ""));
                let name = name.trim().to_ascii_lowercase();
                if let Some(at) = open.iter().rposition(|&i| nodes[i].name == name) {
                    open.truncate(at);
                }
                rest = r;
            } else {
                let (tag, r) = Self::tag(&rest[1..]);
                rest = r;
                let (name, attrs) = tag;
                let raw_text = name == "style" || name == "script";
                nodes.push(Node {
                    name: name.clone(),
                    attrs,
                    parent: open.last().copied(),
                    text: String::new(),
                });
                if raw_text {
                    let end = format!("</{name}>");
                    rest = rest.split_once(&end).map_or("", |(_, r)| r);
                } else if !VOID_ELEMENTS.contains(&name.as_str()) {
                    open.push(nodes.len() - 1);
                }
            }
        }
        Dom { nodes }
    }

    fn add_text(nodes: &mut [Node], open: &[usize], text: &str) {
        let text = unescape(text);
        for &i in open {
            nodes[i].text.push_str(&text);
        }
    }

    /// A start tag's name and attributes (after its `<`), and what follows its `>`.
    fn tag(s: &str) -> ((String, Vec<(String, String)>), &str) {
        let name_end = s
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(s.len());
        let name = s[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut rest = &s[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if let Some(r) = rest.strip_prefix('>') {
                return ((name, attrs), r);
            }
            if rest.is_empty() {
                return ((name, attrs), rest);
            }
            let key_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let key = rest[..key_end].to_ascii_lowercase();
            rest = &rest[key_end..];
            let mut value = String::new();
            if let Some(r) = rest.strip_prefix('=') {
                let quote = r.chars().next().filter(|&c| c == '"' || c == '\'');
                match quote {
                    Some(q) => {
                        let (v, r) = r[1..].split_once(q).unwrap_or((&r[1..], ""));
                        value = unescape(v);
                        rest = r;
                    }
                    None => {
                        let end = r
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(r.len());
                        value = unescape(&r[..end]);
                        rest = &r[end..];
                    }
                }
            }
            attrs.push((key, value));
        }
    }

    fn all(&self) -> impl Iterator<Item = usize> + '_ {
        0..self.nodes.len()
    }

    fn is_within(&self, node: usize, ancestor: usize) -> bool {
        let mut at = self.nodes[node].parent;
        while let Some(p) = at {
            if p == ancestor {
                return true;
            }
            at = self.nodes[p].parent;
        }
        false
    }

    /// The elements under `root` that match.
    fn select<'a>(
        &'a self,
        root: usize,
        matches: impl Fn(&Node) -> bool + 'a,
    ) -> impl Iterator<Item = usize> + 'a {
        self.all()
            .filter(move |&i| self.is_within(i, root) && matches(&self.nodes[i]))
    }

    /// The first matching element (under `root`, when given); panics when there is none.
    fn find(&self, root: Option<usize>, matches: impl Fn(&Node) -> bool) -> usize {
        self.all()
            .find(|&i| root.is_none_or(|r| self.is_within(i, r)) && matches(&self.nodes[i]))
            .expect("an element the page should have")
    }

    fn text(&self, node: usize) -> &str {
        &self.nodes[node].text
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}
