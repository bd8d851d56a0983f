//! Run IDs in the shell completions of `runs show`, `resume` and `undo`: clap's scripts are
//! static, so mdetag adds a call to its hidden `mdetag runs ids` (the newest runs, IDs only)
//! where those commands take their RUN, in bash, zsh and fish. clap_complete's own dynamic
//! completions are behind its `unstable-dynamic` feature and replace the shipped scripts with
//! a call into the binary for every word; these stay files that packagers install.
//!
//! Each patch finds its anchor in the generated text or fails: a clap_complete that writes
//! its scripts differently stops `generate-assets` instead of shipping a script without it.

use anyhow::{Result, bail};
use clap_complete::Shell;

/// The commands whose RUN argument completes to run IDs, as clap names them in the bash
/// script, and as fish conditions.
const RUN_COMMANDS: &[(&[&str], &str, &str)] = &[
    (
        &["runs", "show"],
        "mdetag__subcmd__runs__subcmd__show",
        "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show",
    ),
    (
        &["resume"],
        "mdetag__subcmd__resume",
        "__fish_mdetag_using_subcommand resume",
    ),
    (
        &["undo"],
        "mdetag__subcmd__undo",
        "__fish_mdetag_using_subcommand undo",
    ),
];

/// How many runs the completions offer.
pub const OFFERED: usize = 100;

/// `script`, clap's completion script for `shell`, with run IDs where a RUN is expected.
pub fn add_run_ids(shell: Shell, cmd: &clap::Command, script: String) -> Result<String> {
    match shell {
        Shell::Bash => bash(cmd, script),
        Shell::Zsh => zsh(script),
        Shell::Fish => Ok(fish(script)),
        _ => Ok(script),
    }
}

/// The options of these commands that take a value: the word after one is its value, never a run.
fn value_options(cmd: &clap::Command) -> Vec<String> {
    let mut options = Vec::new();
    for (path, _, _) in RUN_COMMANDS {
        let mut sub = cmd;
        for name in *path {
            sub = sub
                .get_subcommands()
                .find(|s| s.get_name() == *name)
                .unwrap_or(sub);
        }
        for arg in sub.get_arguments().chain(cmd.get_arguments()) {
            if arg.is_positional() || !arg.get_action().takes_values() {
                continue;
            }
            let names = arg.get_long().map(|l| format!("--{l}")).into_iter();
            let names = names.chain(arg.get_short().map(|s| format!("-{s}")));
            for name in names {
                if !options.contains(&name) {
                    options.push(name);
                }
            }
        }
    }
    options
}

fn bash(cmd: &clap::Command, script: String) -> Result<String> {
    let helper = format!(
        r#"# Run IDs for `runs show`, `resume` and `undo`, newest first (`mdetag runs ids`; added
# by mdetag to clap's script). An option, an option's value or a path completes as before.
__mdetag_run_ids() {{
    case "$1" in -*|*/*) return 1 ;; esac
    case "$2" in {options}) return 1 ;; esac
    local ids
    ids="$(mdetag runs ids 2>/dev/null)" || return 1
    COMPREPLY=( $(compgen -W "${{ids}}" -- "$1") )
    [[ ${{#COMPREPLY[@]}} -gt 0 ]]
}}

"#,
        options = value_options(cmd).join("|")
    );
    let mut script = script;
    for (_, case, _) in RUN_COMMANDS {
        let label = format!("\n        {case})\n");
        let Some(at) = script.find(&label) else {
            bail!("the bash completions have no `{case})` case to add run IDs to");
        };
        script.insert_str(
            at + label.len(),
            "            if __mdetag_run_ids \"${cur}\" \"${prev}\"; then\n                return 0\n            fi\n",
        );
    }
    Ok(helper + &script)
}

fn zsh(script: String) -> Result<String> {
    const HELPER: &str = r#"(( $+functions[_mdetag_run_ids] )) ||
_mdetag_run_ids() {
    local -a ids expl
    ids=(${(f)"$(_call_program run-ids mdetag runs ids 2>/dev/null)"})
    _wanted -V run-ids expl 'run ID (newest first)' compadd -a ids
    _files
}

"#;
    let mut patched = 0;
    let lines: Vec<String> = script
        .split_inclusive('\n')
        .map(|line| {
            let is_run = line.starts_with("':run -- ") || line.starts_with("'::run -- ");
            match line.strip_suffix(":_default' \\\n") {
                Some(head) if is_run => {
                    patched += 1;
                    format!("{head}:_mdetag_run_ids' \\\n")
                }
                _ => line.to_string(),
            }
        })
        .collect();
    let end = "if [ \"$funcstack[1]\" = \"_mdetag\" ]; then";
    let mut script = lines.concat();
    match script.rfind(end) {
        Some(at) if patched == RUN_COMMANDS.len() => script.insert_str(at, HELPER),
        _ => bail!("the zsh completions have no RUN arguments to add run IDs to"),
    }
    Ok(script)
}

fn fish(mut script: String) -> String {
    script.push_str(
        "# Run IDs for `runs show`, `resume` and `undo`, newest first (`mdetag runs ids`; added by mdetag).\n",
    );
    for (_, _, condition) in RUN_COMMANDS {
        script.push_str(&format!(
            "complete -c mdetag -n \"{condition}; and not string match -q -- '-*' (commandline -ct)\" -k -a \"(mdetag runs ids 2>/dev/null)\" -d 'run'\n"
        ));
    }
    script
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn generated(shell: Shell) -> String {
        let mut cmd = crate::cli::Cli::command();
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd, "mdetag", &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_run_argument_gets_run_ids_and_nothing_else_does() {
        let cmd = crate::cli::Cli::command();
        let bash = add_run_ids(Shell::Bash, &cmd, generated(Shell::Bash)).unwrap();
        assert_eq!(bash.matches("if __mdetag_run_ids").count(), 3);
        assert!(bash.contains("|--save-plan)"), "undo's own value option");
        assert!(bash.contains("|--output|"), "a global value option");
        assert!(!bash.contains("|--force|"), "a flag takes no value");
        let zsh = add_run_ids(Shell::Zsh, &cmd, generated(Shell::Zsh)).unwrap();
        assert_eq!(zsh.matches(":_mdetag_run_ids'").count(), 3);
        assert!(zsh.contains("':plan -- "), "apply's PLAN stays a file");
        let fish = add_run_ids(Shell::Fish, &cmd, generated(Shell::Fish)).unwrap();
        assert_eq!(fish.matches("(mdetag runs ids 2>/dev/null)").count(), 3);
        let elvish = generated(Shell::Elvish);
        assert_eq!(
            add_run_ids(Shell::Elvish, &cmd, elvish.clone()).unwrap(),
            elvish
        );
    }

    #[test]
    fn a_script_without_the_anchors_is_refused() {
        let cmd = crate::cli::Cli::command();
        assert!(add_run_ids(Shell::Bash, &cmd, "_mdetag() { :; }\n".into()).is_err());
        assert!(add_run_ids(Shell::Zsh, &cmd, "#compdef mdetag\n".into()).is_err());
    }
}
