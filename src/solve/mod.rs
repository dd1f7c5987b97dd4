//! (solve: being written)
