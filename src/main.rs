fn main() {
    std::process::exit(krufolio::cli::main());
}
