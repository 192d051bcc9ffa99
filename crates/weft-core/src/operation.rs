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
/// nothing shared (it commutes with everything, e.g. starting to sleep).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operation {
    pub location: Option<Location>,
    pub access: Access,
}

impl Operation {
    pub const LOCAL: Operation = Operation {
        location: None,
        access: Access::Read,
    };
    pub fn read(location: Location) -> Operation {
        Operation {
            location: Some(location),
            access: Access::Read,
        }
    }
    pub fn write(location: Location) -> Operation {
        Operation {
            location: Some(location),
            access: Access::Write,
        }
    }
    /// The dependency relation of partial-order reduction: same location, at least one write.
    pub fn conflicts_with(&self, other: &Operation) -> bool {
        match (&self.location, &other.location) {
            (Some(a), Some(b)) => {
                a.overlaps(b) && (self.access == Access::Write || other.access == Access::Write)
            }
            _ => false,
        }
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
}
