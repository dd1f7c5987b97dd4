//! (generate: being written)
