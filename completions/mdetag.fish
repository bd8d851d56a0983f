# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mdetag_global_optspecs
    string join \n endpoint= authority-host= tenant-id= client-id= profile= allow-host= graph-endpoint= cloud= region= auth= concurrency= rate-limit= hunting-rate-limit= hunting-api= retries= output= dry-run no-progress q/quiet v/verbose no-batch skip-unchanged on-duplicate= sandbox journal= no-journal no-prior-state tenants= tenant-concurrency= h/help V/version
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
complete -c mdetag -n "__fish_mdetag_needs_command" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_needs_command" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_needs_command" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_needs_command" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_needs_command" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_needs_command" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_needs_command" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_needs_command" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_needs_command" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_needs_command" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_needs_command" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_needs_command" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_needs_command" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_needs_command" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_needs_command" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_needs_command" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_needs_command" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_needs_command" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_needs_command" -s V -l version -d 'Print version'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "tag" -d 'Add or remove machine tags, or make them exactly a set'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "set-value" -d 'Set the device value (asset criticality) of machines'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "apply-csv" -d 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "auth" -d 'Store, check and remove credentials (the secret goes to the OS keyring only)'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "machines" -d 'Look at machines: the same pickers as the tagging commands'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "tags" -d 'Look at tags: how many machines carry each, and the problems it has'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "runs" -d 'Runs kept in the journal: what each did and how it ended'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "resume" -d 'Continue a run that was stopped or killed: settled operations stay settled, sent ones with no recorded answer are checked against the API first, only the rest are sent'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "undo" -d 'Undo a run: put back the tags and device values it changed, as a new run'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "apply" -d 'Run a saved plan (--save-plan) exactly, once, if its machines have not changed since'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "sync" -d 'Make tags and device values match a rules file (tags as code)'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "completions" -d 'Print a shell\'s completion script (bash, zsh, fish, powershell, elvish)'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "generate-assets" -d 'Write shell completions and man pages (for packagers and this repository)'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "globals" -d 'The global options: what each does, its environment variable and default'
complete -c mdetag -n "__fish_mdetag_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -f -a "add" -d 'Add tags to machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -f -a "remove" -d 'Remove tags from machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -f -a "set" -d 'Make each machine\'s tags exactly the given values, with the fewest calls'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -f -a "rename" -d 'Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that carry it'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and not __fish_seen_subcommand_from add remove set rename help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l value -d 'The tag; repeat for several tags' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l value -d 'The tag; repeat for several tags' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l value -d 'A tag the machines must have; repeat for several. Tags not listed are removed' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l none -d 'Remove every tag'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add tags to machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove tags from machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "set" -d 'Make each machine\'s tags exactly the given values, with the fewest calls'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that carry it'
complete -c mdetag -n "__fish_mdetag_using_subcommand tag; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l value -d 'The device value' -r -f -a "normal\t''
low\t''
high\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand set-value" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l delimiter -d 'The field separator, instead of detecting it from the header line (\',\' \';\' or tab; an Excel "sep=" first line is honoured too)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply-csv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -f -a "login" -d 'Prove an app\'s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -f -a "status" -d 'Which profile and credential source is in use, and what a token from it says'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -f -a "logout" -d 'Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -f -a "list" -d 'The profiles: tenant, app, cloud, which is the default, and their keyring entries'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and not __fish_seen_subcommand_from login status logout list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l secret-stdin -d 'Read the secret from standard input (one line) instead of prompting'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l default -d 'Make this the default profile (the first profile always is)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l read-only -d 'Check only that the token may read machines (Machine.Read.All or Machine.ReadWrite.All); without it, exit 1 unless it may tag them (Machine.ReadWrite.All)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Prove an app\'s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Which profile and credential source is in use, and what a token from it says'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "list" -d 'The profiles: tenant, app, cloud, which is the default, and their keyring entries'
complete -c mdetag -n "__fish_mdetag_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List machines: name, OS platform, health, device value, last seen and tags'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from help" -f -a "list" -d 'List machines: name, OS platform, health, device value, last seen and tags'
complete -c mdetag -n "__fish_mdetag_using_subcommand machines; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'Every tag on the picked machines (default: all), how many machines carry it, and its problems'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l machine -d 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l machines-file -d 'A file of machine IDs or host names, one a line (\'-\' for standard input); blank lines and # comments skipped' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l filter -d 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq \'Active\' and osPlatform eq \'Windows11\'"; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l tag -d 'Machines carrying this tag (any case); repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l tag-prefix -d 'Machines carrying a tag that starts with this; repeatable' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l query -d 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l query-file -d 'The hunting query in a file (\'-\' for standard input), e.g. servers.kql' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l query-timespan -d 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l query-max -d 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every tag on the picked machines (default: all), how many machines carry it, and its problems'
complete -c mdetag -n "__fish_mdetag_using_subcommand tags; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -f -a "list" -d 'Recent runs, newest first: ID, start, command, status, counts, journal'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -f -a "show" -d 'A run\'s report, from its journal, in any --output'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -f -a "ids" -d 'Run IDs only, newest first: what the shell completions offer for RUN'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and not __fish_seen_subcommand_from list show ids help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from ids" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "list" -d 'Recent runs, newest first: ID, start, command, status, counts, journal'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "show" -d 'A run\'s report, from its journal, in any --output'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "ids" -d 'Run IDs only, newest first: what the shell completions offer for RUN'
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l force -d 'Invert operations whose prior state the run did not record, blindly'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l skip-drifted -d 'Skip the operations on machines that changed since the plan was saved, and run the rest'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l max-removals -d 'Refuse to remove a tag from more than N machines, or N% of those that carry it (never fewer than 10)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l save-plan -d 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l check -d 'Print the differences and send nothing: exit 0 when everything matches, 4 when changes are pending'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand generate-assets" -s h -l help -d 'Print help'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l endpoint -d 'Defender API base URL (http:// only for loopback hosts)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l authority-host -d 'Microsoft Entra authority host that issues tokens' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l tenant-id -d 'Entra tenant (directory) ID' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l client-id -d 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l profile -d 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l allow-host -d 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud\'s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l graph-endpoint -d 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud\'s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l cloud -d 'Microsoft cloud: sets the API host, the sign-in host and the token scope' -r -f -a "commercial\t''
gcc\t''
gcc-high\t''
dod\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l region -d 'Regional API host (commercial cloud)' -r -f -a "us\t''
eu\t''
uk\t''
au\t''
swa\t''
ina\t''
aea\t'Asia East (listed on Microsoft\'s 2026 API pages)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l auth -d 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile\'s keyring secret' -r -f -a "auto\t'The first available, in the documented order'
token\t'MDETAG_TOKEN, a bearer token used as is'
secret\t'AZURE_CLIENT_SECRET'
certificate\t'AZURE_CLIENT_CERTIFICATE_PATH (PEM with the private key)'
keyring\t'The profile\'s secret in the OS keyring (stored by `auth login`)'
managed-identity\t'Managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER (Azure Automation, App Service)'
azure-cli\t'The Azure CLI: `az account get-access-token`'"
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l concurrency -d 'Most API calls in flight at once' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l rate-limit -d 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l hunting-rate-limit -d 'Hard caps on hunting query calls per rolling window, shared by every process of the app' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l hunting-api -d 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them' -r -f -a "auto\t'Graph; the Defender API when Graph refuses the app (said on standard error)'
graph\t'Graph runHuntingQuery only (ThreatHunting.Read.All)'
mde\t'The Defender API\'s advanced hunting only (AdvancedQuery.Read.All; retires 2027-02-01)'"
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l retries -d 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l output -d 'Result format on standard output' -r -f -a "table\t'A table, then a summary line (whole, at the end)'
json\t'One JSON document: summary and results (whole, at the end)'
csv\t'One row per operation, written as each settles'
jsonl\t'One JSON object per operation, written as each settles, then a summary line'"
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l on-duplicate -d 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)' -r -f -a "newest\t''
all\t''
fail\t''"
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l journal -d 'Keep this run\'s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l tenants -d 'Run in every tenant FILE lists (`-`: standard input): a CSV with a TenantId column and an optional Name, or one tenant ID a line. One app (consented in each tenant), a token, pace and journal per tenant, one run ID for them all' -r -F
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l tenant-concurrency -d 'How many tenants run side by side (1 to 64; with --tenants, or for a run or plan over many)' -r
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l dry-run -d 'Validate and print the plan; send no write call'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l no-progress -d 'Never show the progress bar'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -s q -l quiet -d 'Only errors on standard error (no progress, warnings or notes)'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -s v -l verbose -d 'Log every API call (method, path, status, time) on standard error; never secrets'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l no-batch -d 'Send every tag operation as its own call instead of batches of up to 500 machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l skip-unchanged -d 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l sandbox -d 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l no-journal -d 'Keep no journal: a run stopped midway can then be neither resumed nor undone'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -l no-prior-state -d 'Do not read the machines\' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)'
complete -c mdetag -n "__fish_mdetag_using_subcommand globals" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "tag" -d 'Add or remove machine tags, or make them exactly a set'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "set-value" -d 'Set the device value (asset criticality) of machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "apply-csv" -d 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "auth" -d 'Store, check and remove credentials (the secret goes to the OS keyring only)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "machines" -d 'Look at machines: the same pickers as the tagging commands'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "tags" -d 'Look at tags: how many machines carry each, and the problems it has'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "runs" -d 'Runs kept in the journal: what each did and how it ended'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "resume" -d 'Continue a run that was stopped or killed: settled operations stay settled, sent ones with no recorded answer are checked against the API first, only the rest are sent'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "undo" -d 'Undo a run: put back the tags and device values it changed, as a new run'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "apply" -d 'Run a saved plan (--save-plan) exactly, once, if its machines have not changed since'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "sync" -d 'Make tags and device values match a rules file (tags as code)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "completions" -d 'Print a shell\'s completion script (bash, zsh, fish, powershell, elvish)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "generate-assets" -d 'Write shell completions and man pages (for packagers and this repository)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "globals" -d 'The global options: what each does, its environment variable and default'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and not __fish_seen_subcommand_from tag set-value apply-csv auth machines tags runs resume undo apply sync completions generate-assets globals help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "add" -d 'Add tags to machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "remove" -d 'Remove tags from machines'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "set" -d 'Make each machine\'s tags exactly the given values, with the fewest calls'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tag" -f -a "rename" -d 'Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that carry it'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Prove an app\'s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Which profile and credential source is in use, and what a token from it says'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "list" -d 'The profiles: tenant, app, cloud, which is the default, and their keyring entries'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from machines" -f -a "list" -d 'List machines: name, OS platform, health, device value, last seen and tags'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from tags" -f -a "list" -d 'Every tag on the picked machines (default: all), how many machines carry it, and its problems'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "list" -d 'Recent runs, newest first: ID, start, command, status, counts, journal'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "show" -d 'A run\'s report, from its journal, in any --output'
complete -c mdetag -n "__fish_mdetag_using_subcommand help; and __fish_seen_subcommand_from runs" -f -a "ids" -d 'Run IDs only, newest first: what the shell completions offer for RUN'
# Run IDs for `runs show`, `resume` and `undo`, newest first (`mdetag runs ids`; added by mdetag).
complete -c mdetag -n "__fish_mdetag_using_subcommand runs; and __fish_seen_subcommand_from show; and not string match -q -- '-*' (commandline -ct)" -k -a "(mdetag runs ids 2>/dev/null)" -d 'run'
complete -c mdetag -n "__fish_mdetag_using_subcommand resume; and not string match -q -- '-*' (commandline -ct)" -k -a "(mdetag runs ids 2>/dev/null)" -d 'run'
complete -c mdetag -n "__fish_mdetag_using_subcommand undo; and not string match -q -- '-*' (commandline -ct)" -k -a "(mdetag runs ids 2>/dev/null)" -d 'run'
