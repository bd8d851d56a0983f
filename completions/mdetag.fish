# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mdetag_global_optspecs
    string join \n endpoint= authority-host= tenant-id= client-id= concurrency= rate-limit= retries= output= dry-run no-progress q/quiet v/verbose sandbox h/help V/version
end

function __fish_mdetag_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mdetag_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mdetag_using_subcommand
    set -l cmd (__fish_mdetag_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mdetag -n "__fish_mdetag_needs_command" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_needs_command" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_needs_command" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_needs_command" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_needs_command" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_needs_command" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_needs_command" -s V -l version -d 'Print version'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "tag" -d 'Add or remove machine tags'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "set-value" -d 'Set the device value (asset criticality) of machines'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "apply-csv" -d 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "generate-assets" -d 'Write shell completions and man pages (for packagers and this repository)'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -f -a "add" -d 'Add tags to machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -f -a "remove" -d 'Remove tags from machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l machine -d 'A machine ID (40 hexadecimal characters); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l machines-file -d 'A file of machine IDs, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l value -d 'The tag; repeat for several tags' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l machine -d 'A machine ID (40 hexadecimal characters); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l machines-file -d 'A file of machine IDs, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l value -d 'The tag; repeat for several tags' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add tags to machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove tags from machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l machine -d 'A machine ID (40 hexadecimal characters); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l machines-file -d 'A file of machine IDs, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l value -d 'The device value' -r -f -a "normal\t''
low\t''
high\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l output -d 'Result format on standard output' -r -f -a "table\t''
json\t''
csv\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv generate-assets help" -f -a "tag" -d 'Add or remove machine tags'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv generate-assets help" -f -a "set-value" -d 'Set the device value (asset criticality) of machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv generate-assets help" -f -a "apply-csv" -d 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv generate-assets help" -f -a "generate-assets" -d 'Write shell completions and man pages (for packagers and this repository)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv generate-assets help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "add" -d 'Add tags to machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "remove" -d 'Remove tags from machines'
