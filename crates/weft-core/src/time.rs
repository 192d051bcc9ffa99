//! Virtual time: nanoseconds since the start of the execution. Nothing reads the host clock.

/// A point in virtual time, in nanoseconds from the start of the execution.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct VirtualTime(pub u64);

/// The virtual time one visible step takes in `--time=strict` (100,000 steps a virtual second):
/// a thread in a timed wait wakes once the other threads have taken its duration's worth of
/// steps (weft-lang's `worktime.rs`).
pub const STEP_COST: VirtualTime = VirtualTime(10_000);

impl VirtualTime {
    pub const ZERO: VirtualTime = VirtualTime(0);
    pub const NANOS_PER_SECOND: u64 = 1_000_000_000;

    /// The time `seconds` after `self`, saturating; negative and NaN durations add nothing, and a
    /// positive one adds at least a nanosecond (so a deadline loop that waits for the tiny
    /// remainder float rounding leaves always makes progress).
    pub fn after_seconds(self, seconds: f64) -> VirtualTime {
        let nanos = if seconds.is_nan() || seconds <= 0.0 {
            0
        } else {
            let n = seconds * Self::NANOS_PER_SECOND as f64;
            if n >= u64::MAX as f64 {
                u64::MAX
            } else {
                (n.round() as u64).max(1)
            }
        };
        VirtualTime(self.0.saturating_add(nanos))
    }
    pub fn as_seconds(self) -> f64 {
        self.0 as f64 / Self::NANOS_PER_SECOND as f64
    }
}

impl std::fmt::Display for VirtualTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.3}s", self.as_seconds())
    }
}
