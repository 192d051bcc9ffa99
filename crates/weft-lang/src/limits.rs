//! The budgets of one execution that the program's own code cannot see: instructions (visible
//! or not), a stop request from the caller (the CLI's wall-clock `--time-limit`), and the memory
//! budget checked before every large allocation. Running out of instructions or being stopped
//! halts the machine ([`Machine::halted`]): the execution ends there and is reported as stopped
//! at a limit, since no Python code may catch it. Running out of memory raises MemoryError in the
//! program, as CPython does.
//!
//! Long natives (big-integer arithmetic, `math.factorial`, sorting, building strings, draining an
//! iterator) charge their work with [`Machine::charge`], so a single instruction cannot run for
//! long without the budget seeing it.

use crate::types::Ty;
use crate::value::Value;
use crate::vm::{Machine, PyResult};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use weft_core::LimitHit;

/// Instructions one execution may run by default: about a second of a busy loop on a slow
/// machine, and far more than any scenario needs. `--max-instructions` changes it.
pub const DEFAULT_MAX_INSTRUCTIONS: u64 = 20_000_000;

/// Bytes one allocation of the program (a string, a list's items, a big integer) may take by
/// default. `--max-memory` changes it.
pub const DEFAULT_MAX_MEMORY: u64 = 1 << 30;

/// How deep natives that walk nested data recursively (`==`, `<`, `hash`) may go before they
/// raise RecursionError, as CPython's C recursion limit does. The command thread's large stack
/// (weft-cli `crash.rs`, weft-explore's job threads) holds this depth with room to spare.
pub const NATIVE_DEPTH_LIMIT: usize = 10_000;

/// How often (in instructions) the machine looks at the stop flag.
const STOP_POLL_INTERVAL: u64 = 1 << 12;

/// A request to stop, set by the caller from another thread (the CLI's timer) and polled by the
/// machine. Equal when both are absent or both are the same flag.
#[derive(Clone, Debug, Default)]
pub struct StopFlag(Option<Arc<AtomicBool>>);

impl StopFlag {
    /// A flag the caller can set through the returned handle.
    pub fn new(flag: Arc<AtomicBool>) -> StopFlag {
        StopFlag(Some(flag))
    }
    pub fn is_set(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }
}

impl PartialEq for StopFlag {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}
impl Eq for StopFlag {}

/// What the size of `n` values of a sequence is in bytes, for the memory budget.
pub fn values_bytes(n: usize) -> u64 {
    (n as u64).saturating_mul(std::mem::size_of::<Value>() as u64)
}

/// The work of one pass over big integer `n` (a multiplication by a small factor), in
/// instructions: an interpreted instruction costs about as much as 64 machine words of it.
pub fn bigint_work(n: &malachite_bigint::BigInt) -> u64 {
    1 + n.bits() / (64 * 64)
}

impl Machine {
    /// Count one instruction; false when the machine must halt (budget spent or stop requested).
    #[inline]
    pub(crate) fn count_instruction(&mut self) -> bool {
        self.instructions += 1;
        if self.instructions > self.options.max_instructions {
            self.halt(LimitHit::Instructions {
                limit: self.options.max_instructions,
            });
            return false;
        }
        if self.instructions.is_multiple_of(STOP_POLL_INTERVAL) && self.options.stop.is_set() {
            self.halt(LimitHit::Stopped);
            return false;
        }
        !self.is_halted()
    }

    /// Charge `units` instructions' worth of native work (a loop step, a chunk of big-integer
    /// arithmetic). Err when the machine halts: the error only unwinds the native back to the
    /// run loop, which stops there without running any Python handler.
    pub fn charge(&mut self, units: u64) -> PyResult<()> {
        self.instructions = self.instructions.saturating_add(units);
        if self.instructions > self.options.max_instructions {
            self.halt(LimitHit::Instructions {
                limit: self.options.max_instructions,
            });
        } else if self.options.stop.is_set() {
            self.halt(LimitHit::Stopped);
        }
        if self.is_halted() {
            return Err(self.halting_error());
        }
        Ok(())
    }

    pub(crate) fn halt(&mut self, hit: LimitHit) {
        if self.halted.is_none() {
            self.halted = Some(hit);
        }
    }

    /// How many items iterating heap sequence `id` gives without running code (a range's
    /// length without materialising it); 0 for objects that are not such sequences.
    pub fn seq_len(&self, id: crate::value::ObjId) -> usize {
        use crate::value::Obj;
        match self.obj(id) {
            Obj::List(l) => l.len(),
            Obj::Range { start, stop, step } => {
                crate::ops::range_len(*start, *stop, *step).max(0) as usize
            }
            Obj::Set(s) | Obj::FrozenSet(s) => s.len(),
            _ => 0,
        }
    }

    /// `sep.join(items)`: MemoryError unless the result fits in the memory budget (the
    /// items that are not strings are left to the join's own TypeError).
    pub fn check_join(&mut self, sep: &str, items: &[Value]) -> PyResult<()> {
        let text: u64 = items
            .iter()
            .map(|v| match v {
                Value::Str(s) => s.len() as u64,
                _ => 0,
            })
            .fold(0, u64::saturating_add);
        let seps = (sep.len() as u64).saturating_mul(items.len().saturating_sub(1) as u64);
        self.charge(items.len() as u64 / 64)?;
        self.check_alloc(text.saturating_add(seps))
    }

    /// One more level of a native's recursion over nested data; RecursionError past
    /// [`NATIVE_DEPTH_LIMIT`] ("maximum recursion depth exceeded" + `context`, CPython's words).
    /// The caller decrements `native_depth` when the level returns.
    pub(crate) fn enter_native(&mut self, context: &str) -> PyResult<()> {
        if self.native_depth >= NATIVE_DEPTH_LIMIT {
            let message = if context.is_empty() {
                "maximum recursion depth exceeded".to_string()
            } else {
                format!("maximum recursion depth exceeded {context}")
            };
            return Err(self.exc(Ty::RecursionError, message));
        }
        self.native_depth += 1;
        Ok(())
    }

    /// Big-integer arithmetic `x op y`: MemoryError unless the result fits in the memory
    /// budget, and the work charged (schoolbook cost, an upper bound for malachite's fast
    /// multiplication). Powers and shifts have their own bounds (`num.rs`).
    pub(crate) fn charge_bigint(
        &mut self,
        op: crate::code::BinOp,
        x: &crate::num::Num,
        y: &crate::num::Num,
    ) -> PyResult<()> {
        use crate::code::BinOp;
        let bits = |n: &crate::num::Num| match n {
            crate::num::Num::Big(b) => b.bits(),
            _ => 64,
        };
        let (a, b) = (bits(x), bits(y));
        let words = |bits: u64| 1 + bits / 64;
        let (result_bits, work) = match op {
            BinOp::Mul => (a + b, words(a).saturating_mul(words(b))),
            BinOp::FloorDiv | BinOp::Mod | BinOp::TrueDiv => {
                (a.max(b), words(a).saturating_mul(words(b)))
            }
            _ => (a.max(b) + 1, words(a) + words(b)),
        };
        self.check_alloc(result_bits / 8)?;
        self.charge(work / (64 * 64))
    }

    pub fn is_halted(&self) -> bool {
        self.halted.is_some()
    }

    /// The value a halted native returns as its error. It never reaches Python code: the run
    /// loop checks `halted` before unwinding. No allocation (the heap may be full).
    pub(crate) fn halting_error(&self) -> Value {
        Value::None
    }

    /// MemoryError (CPython's: no message) unless `bytes` fit in the memory budget.
    pub fn check_alloc(&mut self, bytes: u64) -> PyResult<()> {
        if bytes > self.options.max_memory {
            return Err(self.exc(Ty::MemoryError, ""));
        }
        // Building a large value is work: one instruction's worth per 256 bytes, so that a loop
        // that builds a 100 MB string each time ends at the instruction limit, not after hours
        // (and a value doubled up to the memory limit still meets MemoryError first).
        self.charge(bytes / 256)
    }

    /// [`Machine::check_alloc`] for `n` items of `item_bytes` each (saturating).
    pub fn check_alloc_items(&mut self, n: u64, item_bytes: u64) -> PyResult<()> {
        self.check_alloc(n.saturating_mul(item_bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_flags_are_equal_only_when_they_are_the_same_flag() {
        let a = Arc::new(AtomicBool::new(false));
        assert_eq!(StopFlag::default(), StopFlag::default());
        assert_eq!(StopFlag::new(a.clone()), StopFlag::new(a.clone()));
        assert_ne!(
            StopFlag::new(a),
            StopFlag::new(Arc::new(AtomicBool::new(false)))
        );
    }

    #[test]
    fn a_set_flag_is_seen() {
        let a = Arc::new(AtomicBool::new(false));
        let flag = StopFlag::new(a.clone());
        assert!(!flag.is_set());
        a.store(true, Ordering::Relaxed);
        assert!(flag.is_set());
    }
}
