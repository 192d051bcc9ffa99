//! The lock-order graph over all executions (nodes: locks; an edge A -> B: some thread took B while
//! holding A), and its lock-order findings: a cycle whose edges come from pairwise different
//! threads and are not all guarded by one common gate lock is a potential deadlock (the Goodlock
//! idea: Havelund, "Using runtime analysis to guide model checking of Java programs", SPIN 2000;
//! Bensalem and Havelund, "Dynamic deadlock analysis of multi-threaded programs", PADTAD 2005),
//! reported even when no explored execution deadlocked. It may report a cycle that other
//! synchronisation (an event, a join) makes impossible; it never misses a cycle among the edges
//! the explored executions showed. The graph is plain data a renderer can print as DOT, JSON or
//! Mermaid; the renderer lives in weft-report.

use std::collections::BTreeMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use weft_core::observe::{LockEdge, LockId, SourceSite};
use weft_core::Schedule;

use crate::finding::{join_names, Finding, FindingDetails, FindingKind, Origin};

/// An edge of the lock-order graph: `thread_name` took `nodes[to]` at `acquired_site` while
/// holding `nodes[from]` (taken at `held_site`) and the locks in `also_held`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockGraphEdge {
    pub from: usize,
    pub to: usize,
    pub thread_name: String,
    pub held_site: SourceSite,
    pub acquired_site: SourceSite,
    pub also_held: Vec<LockId>,
    /// How many executions showed this edge.
    pub executions: usize,
    /// Whether the edge is on a reported lock-order cycle.
    pub on_cycle: bool,
    /// The first execution that showed it.
    pub schedule: Schedule,
    pub program_seed: u64,
    pub origin: Origin,
}

/// The lock-order graph of an exploration.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockGraph {
    /// The locks, sorted.
    pub nodes: Vec<LockId>,
    /// The edges, sorted by (from, to, thread, sites).
    pub edges: Vec<LockGraphEdge>,
    /// The reported cycles: each a list of edge indices in cycle order.
    pub cycles: Vec<Vec<usize>>,
}

type EdgeKey = (LockId, LockId, String, SourceSite, SourceSite, Vec<LockId>);

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct EdgeSeen {
    executions: usize,
    schedule: Schedule,
    program_seed: u64,
    origin: Origin,
}

/// Accumulates lock edges over executions (and over merged parts of an exploration).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LockGraphBuilder {
    #[serde(with = "edge_list")]
    edges: BTreeMap<EdgeKey, EdgeSeen>,
}

/// The edge map as a list of pairs in JSON (its keys are not strings).
mod edge_list {
    use super::{EdgeKey, EdgeSeen};
    use serde::{Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<EdgeKey, EdgeSeen>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.iter())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<EdgeKey, EdgeSeen>, D::Error> {
        Ok(Vec::<(EdgeKey, EdgeSeen)>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

/// The longest lock cycle searched for.
const MAX_CYCLE_LOCKS: usize = 6;
/// A bound on the cycle search's work, so that a dense graph cannot stall a report.
const MAX_SEARCH_STEPS: usize = 100_000;

impl LockGraphBuilder {
    /// Adds the lock edges of one execution.
    pub fn add_execution(
        &mut self,
        edges: &[LockEdge],
        schedule: &Schedule,
        program_seed: u64,
        origin: Origin,
    ) {
        let mut seen_here: Vec<EdgeKey> = Vec::new();
        for edge in edges {
            let mut also_held = edge.also_held.clone();
            also_held.sort();
            also_held.dedup();
            let key = (
                edge.held.clone(),
                edge.acquired.clone(),
                edge.thread_name.clone(),
                edge.held_site.clone(),
                edge.acquired_site.clone(),
                also_held,
            );
            if seen_here.contains(&key) {
                continue;
            }
            match self.edges.get_mut(&key) {
                Some(seen) => seen.executions += 1,
                None => {
                    self.edges.insert(
                        key.clone(),
                        EdgeSeen {
                            executions: 1,
                            schedule: schedule.clone(),
                            program_seed,
                            origin,
                        },
                    );
                }
            }
            seen_here.push(key);
        }
    }

    /// Adds another builder's edges (counts add up; the earliest occurrence is kept).
    pub fn merge(&mut self, other: LockGraphBuilder) {
        for (key, seen) in other.edges {
            match self.edges.get_mut(&key) {
                Some(mine) => {
                    mine.executions += seen.executions;
                    if seen.origin < mine.origin {
                        mine.schedule = seen.schedule;
                        mine.program_seed = seen.program_seed;
                        mine.origin = seen.origin;
                    }
                }
                None => {
                    self.edges.insert(key, seen);
                }
            }
        }
    }

    pub fn build(&self) -> LockGraph {
        let mut nodes: Vec<LockId> = self
            .edges
            .keys()
            .flat_map(|k| [k.0.clone(), k.1.clone()])
            .collect();
        nodes.sort();
        nodes.dedup();
        let index = |lock: &LockId| nodes.binary_search(lock).unwrap();
        let mut edges: Vec<LockGraphEdge> = self
            .edges
            .iter()
            .map(|(key, seen)| LockGraphEdge {
                from: index(&key.0),
                to: index(&key.1),
                thread_name: key.2.clone(),
                held_site: key.3.clone(),
                acquired_site: key.4.clone(),
                also_held: key.5.clone(),
                executions: seen.executions,
                on_cycle: false,
                schedule: seen.schedule.clone(),
                program_seed: seen.program_seed,
                origin: seen.origin,
            })
            .collect();
        edges.sort_by(|a, b| {
            (a.from, a.to, &a.thread_name, &a.held_site, &a.acquired_site).cmp(&(
                b.from,
                b.to,
                &b.thread_name,
                &b.held_site,
                &b.acquired_site,
            ))
        });
        let cycles = find_cycles(nodes.len(), &edges);
        for cycle in &cycles {
            for &e in cycle {
                edges[e].on_cycle = true;
            }
        }
        LockGraph {
            nodes,
            edges,
            cycles,
        }
    }
}

/// Qualifying cycles: for each elementary cycle of locks (up to [`MAX_CYCLE_LOCKS`]), the first
/// choice of one edge per step with pairwise different threads and no lock common to all the
/// edges' `also_held` (a gate lock).
fn find_cycles(node_count: usize, edges: &[LockGraphEdge]) -> Vec<Vec<usize>> {
    let mut graph: DiGraph<usize, ()> = DiGraph::new();
    let ids: Vec<NodeIndex> = (0..node_count).map(|i| graph.add_node(i)).collect();
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for (i, e) in edges.iter().enumerate() {
        if e.from != e.to {
            if !out_edges[e.from].iter().any(|&j| edges[j].to == e.to) {
                graph.add_edge(ids[e.from], ids[e.to], ());
            }
            out_edges[e.from].push(i);
        }
    }
    let mut budget = MAX_SEARCH_STEPS;
    let mut cycles = Vec::new();
    let mut components = tarjan_scc(&graph);
    for component in &mut components {
        component.sort();
    }
    components.sort();
    for component in components.iter().filter(|c| c.len() > 1) {
        let members: Vec<usize> = component.iter().map(|n| graph[*n]).collect();
        for &start in &members {
            let mut path = vec![start];
            lock_cycles(
                start,
                &members,
                edges,
                &out_edges,
                &mut path,
                &mut cycles,
                &mut budget,
            );
        }
    }
    cycles
}

/// Elementary cycles through `start` whose other locks are greater than `start` (each cycle once).
fn lock_cycles(
    start: usize,
    members: &[usize],
    edges: &[LockGraphEdge],
    out_edges: &[Vec<usize>],
    path: &mut Vec<usize>,
    cycles: &mut Vec<Vec<usize>>,
    budget: &mut usize,
) {
    let at = *path.last().unwrap();
    let mut nexts: Vec<usize> = out_edges[at].iter().map(|&e| edges[e].to).collect();
    nexts.sort();
    nexts.dedup();
    for next in nexts {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        if next == start && path.len() > 1 {
            if let Some(chosen) = choose_edges(path, edges, out_edges, budget) {
                cycles.push(chosen);
            }
        } else if next > start
            && members.contains(&next)
            && !path.contains(&next)
            && path.len() < MAX_CYCLE_LOCKS
        {
            path.push(next);
            lock_cycles(start, members, edges, out_edges, path, cycles, budget);
            path.pop();
        }
    }
}

/// One edge per step of the lock cycle `path` (closing back to its start), with pairwise
/// different threads and no common gate lock.
fn choose_edges(
    path: &[usize],
    edges: &[LockGraphEdge],
    out_edges: &[Vec<usize>],
    budget: &mut usize,
) -> Option<Vec<usize>> {
    fn pick(
        step: usize,
        path: &[usize],
        edges: &[LockGraphEdge],
        out_edges: &[Vec<usize>],
        chosen: &mut Vec<usize>,
        budget: &mut usize,
    ) -> bool {
        if step == path.len() {
            let first = &edges[chosen[0]].also_held;
            let gated = first
                .iter()
                .any(|g| chosen.iter().all(|&e| edges[e].also_held.contains(g)));
            return !gated;
        }
        let from = path[step];
        let to = path[(step + 1) % path.len()];
        for &e in &out_edges[from] {
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            if edges[e].to != to
                || chosen
                    .iter()
                    .any(|&c| edges[c].thread_name == edges[e].thread_name)
            {
                continue;
            }
            chosen.push(e);
            if pick(step + 1, path, edges, out_edges, chosen, budget) {
                return true;
            }
            chosen.pop();
        }
        false
    }
    let mut chosen = Vec::new();
    pick(0, path, edges, out_edges, &mut chosen, budget).then_some(chosen)
}

impl LockGraph {
    /// One lock-order finding per reported cycle. Its schedule is that of the cycle edge seen
    /// last (the execution that completed the cycle); `explore` later prefers a schedule whose
    /// single execution shows every edge of the cycle.
    pub fn order_findings(&self, seed: Option<u64>) -> Vec<Finding> {
        self.cycles
            .iter()
            .map(|cycle| self.order_finding(cycle, seed))
            .collect()
    }

    fn order_finding(&self, cycle: &[usize], seed: Option<u64>) -> Finding {
        let edges: Vec<&LockGraphEdge> = cycle.iter().map(|&e| &self.edges[e]).collect();
        let parts: Vec<String> = edges
            .iter()
            .map(|e| {
                format!(
                    "{} takes {} at {} while holding {} (taken at {})",
                    e.thread_name,
                    self.nodes[e.to].name,
                    e.acquired_site,
                    self.nodes[e.from].name,
                    e.held_site
                )
            })
            .collect();
        let locks: Vec<String> = edges
            .iter()
            .map(|e| self.nodes[e.from].name.clone())
            .collect();
        let message = format!(
            "lock-order inversion between {}: {}; run at the same time, these threads can \
             deadlock (a potential deadlock, whether or not an explored schedule hit it)",
            join_names(&locks),
            parts.join("; ")
        );
        let key_parts: Vec<String> = edges
            .iter()
            .map(|e| {
                format!(
                    "{}@{}->{}@{}",
                    self.nodes[e.from].name, e.held_site, self.nodes[e.to].name, e.acquired_site
                )
            })
            .collect();
        let latest = edges.iter().max_by_key(|e| e.origin).unwrap();
        let details = FindingDetails::LockOrder {
            edges: edges
                .iter()
                .map(|e| LockEdge {
                    held: self.nodes[e.from].clone(),
                    acquired: self.nodes[e.to].clone(),
                    thread: weft_core::ThreadId(0),
                    thread_name: e.thread_name.clone(),
                    held_site: e.held_site.clone(),
                    acquired_site: e.acquired_site.clone(),
                    also_held: e.also_held.clone(),
                })
                .collect(),
        };
        Finding {
            kind: FindingKind::LockOrder,
            key: key_parts.join(";"),
            message,
            schedule: latest.schedule.clone(),
            seed,
            program_seed: latest.program_seed,
            threads: edges.iter().map(|e| e.thread_name.clone()).collect(),
            trace: Vec::new(),
            executions: edges.iter().map(|e| e.executions).min().unwrap_or(0),
            preemptions: 0,
            steps: 0,
            origin: latest.origin,
            details,
        }
    }
}
