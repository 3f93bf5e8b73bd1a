//! Numbering requests, so that an answer to an older one is told apart and dropped.

use std::{cell::RefCell, rc::Rc};

/// The next number of a request counter.
pub fn next(counter: &Rc<RefCell<u32>>) -> u32 {
    let mut n = counter.borrow_mut();
    *n = n.wrapping_add(1);
    *n
}
