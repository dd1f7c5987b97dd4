//! (validate: being written)
