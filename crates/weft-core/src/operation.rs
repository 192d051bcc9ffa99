//! Visible operations: what a thread is about to do, described just enough for scheduling and for
//! partial-order reduction (which shared location it touches, and whether it writes it).

/// A shared location. `object` names a shared object (a global namespace, a heap object, a lock, a
/// thread, stdout); `part` optionally names a part of it (a global's name, an attribute, a container
/// element). An access without a part touches the whole object and so conflicts with every part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub object: u64,
    pub part: Option<u64>,
}

impl Location {
    pub const fn whole(object: u64) -> Location {
        Location { object, part: None }
    }
    pub const fn part(object: u64, part: u64) -> Location {
        Location {
            object,
            part: Some(part),
        }
    }
    /// Two locations overlap when they are the same object and not two different parts of it.
    pub fn overlaps(&self, other: &Location) -> bool {
        self.object == other.object
            && match (self.part, other.part) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// How an operation uses its location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Access {
    /// Observes the location; two reads commute.
    Read,
    /// Changes the location (or synchronises through it: lock acquire and release, notify, put, ...).
    Write,
}

/// A visible operation as the scheduler sees it. `location` is `None` for an operation that touches
/// nothing shared (it commutes with everything, e.g. starting to sleep). Some operations also read
/// further locations in the same atomic step (`print(lst)` writes stdout and reads `lst`;
/// `str(d)` reads `d` and the lists it holds): up to [`Operation::MAX_ALSO_READS`] of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    pub location: Option<Location>,
    pub access: Access,
    /// Further locations the operation reads, atomically with the first (the first `None` ends
    /// the list).
    pub also_reads: [Option<Location>; Operation::MAX_ALSO_READS],
}

impl Operation {
    /// How many further locations one operation can read. A step that reads more announces what
    /// fits and reports the overrun (`StepMachine`'s `footprint_exceeded`).
    pub const MAX_ALSO_READS: usize = 3;
    pub const LOCAL: Operation = Operation {
        location: None,
        access: Access::Read,
        also_reads: [None; Operation::MAX_ALSO_READS],
    };
    pub fn read(location: Location) -> Operation {
        Operation {
            location: Some(location),
            access: Access::Read,
            also_reads: [None; Operation::MAX_ALSO_READS],
        }
    }
    pub fn write(location: Location) -> Operation {
        Operation {
            location: Some(location),
            access: Access::Write,
            also_reads: [None; Operation::MAX_ALSO_READS],
        }
    }
    /// The same operation, also reading `location`.
    pub fn reading_also(self, location: Option<Location>) -> Operation {
        self.reading_all(location)
    }
    /// The same operation, also reading each of `locations` (at most `MAX_ALSO_READS`; the
    /// caller announces an overrun).
    pub fn reading_all(mut self, locations: impl IntoIterator<Item = Location>) -> Operation {
        let mut slots = self.also_reads.iter_mut().filter(|s| s.is_none());
        for l in locations {
            match slots.next() {
                Some(slot) => *slot = Some(l),
                None => {
                    debug_assert!(false, "more than {} further reads", Self::MAX_ALSO_READS);
                    break;
                }
            }
        }
        self
    }
    /// Every location the operation touches, with how.
    pub fn accesses(&self) -> impl Iterator<Item = (Location, Access)> + '_ {
        self.location
            .map(|l| (l, self.access))
            .into_iter()
            .chain(self.also_reads.iter().flatten().map(|l| (*l, Access::Read)))
    }
    /// The dependency relation of partial-order reduction: an overlapping location, at least one
    /// of the two accesses to it a write.
    pub fn conflicts_with(&self, other: &Operation) -> bool {
        self.accesses().any(|(a, x)| {
            other
                .accesses()
                .any(|(b, y)| a.overlaps(&b) && (x == Access::Write || y == Access::Write))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_one_object_are_independent_but_the_whole_object_conflicts_with_each() {
        let e0 = Operation::write(Location::part(1, 0));
        let e1 = Operation::write(Location::part(1, 1));
        let whole = Operation::read(Location::whole(1));
        assert!(!e0.conflicts_with(&e1));
        assert!(e0.conflicts_with(&whole));
        assert!(!whole.conflicts_with(&Operation::read(Location::part(1, 0))));
        assert!(!Operation::LOCAL.conflicts_with(&e0));
    }

    #[test]
    fn a_second_read_location_conflicts_with_writes_of_it_only() {
        let print_list =
            Operation::write(Location::whole(9)).reading_also(Some(Location::whole(1)));
        assert!(print_list.conflicts_with(&Operation::write(Location::part(1, 3))));
        assert!(!print_list.conflicts_with(&Operation::read(Location::whole(1))));
        assert!(print_list.conflicts_with(&Operation::write(Location::whole(9))));
        assert!(!print_list.conflicts_with(&Operation::write(Location::whole(2))));
    }
}
