//! (io: being written)
