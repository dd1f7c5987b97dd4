//! The `rota` executable: everything happens in `rota::cli`.

fn main() {
    std::process::exit(rota::cli::run(std::env::args_os()));
}
