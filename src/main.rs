use std::process::ExitCode;

fn main() -> ExitCode {
    let invocation = mdetag::commands::parse(std::env::args_os());
    mdetag::commands::run(invocation).into()
}
