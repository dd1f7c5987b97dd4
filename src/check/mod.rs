//! (check: being written)
