
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mdetag' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mdetag'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mdetag' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add or remove machine tags, or make them exactly a set')
            [CompletionResult]::new('set-value', 'set-value', [CompletionResultType]::ParameterValue, 'Set the device value (asset criticality) of machines')
            [CompletionResult]::new('apply-csv', 'apply-csv', [CompletionResultType]::ParameterValue, 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, check and remove credentials (the secret goes to the OS keyring only)')
            [CompletionResult]::new('machines', 'machines', [CompletionResultType]::ParameterValue, 'Look at machines: the same pickers as the tagging commands')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Look at tags: how many machines carry each, and the problems it has')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Runs kept in the journal: what each did and how it ended')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Continue a run that was stopped or killed: settled operations stay settled, sent ones with no recorded answer are checked against the API first, only the rest are sent')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Undo a run: put back the tags and device values it changed, as a new run')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Run a saved plan (--save-plan) exactly, once, if its machines have not changed since')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make tags and device values match a rules file (tags as code)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell''s completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('generate-assets', 'generate-assets', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages (for packagers and this repository)')
            [CompletionResult]::new('globals', 'globals', [CompletionResultType]::ParameterValue, 'The global options: what each does, its environment variable and default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;tag' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to machines')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from machines')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Make each machine''s tags exactly the given values, with the fewest calls')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that carry it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;tag;add' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'The tag; repeat for several tags')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;tag;remove' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'The tag; repeat for several tags')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;tag;set' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'A tag the machines must have; repeat for several. Tags not listed are removed')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--none', '--none', [CompletionResultType]::ParameterName, 'Remove every tag')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;tag;rename' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;tag;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to machines')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from machines')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Make each machine''s tags exactly the given values, with the fewest calls')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that carry it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;tag;help;add' {
            break
        }
        'mdetag;tag;help;remove' {
            break
        }
        'mdetag;tag;help;set' {
            break
        }
        'mdetag;tag;help;rename' {
            break
        }
        'mdetag;tag;help;help' {
            break
        }
        'mdetag;set-value' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'The device value')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;apply-csv' {
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The field separator, instead of detecting it from the header line ('','' '';'' or tab; an Excel "sep=" first line is honoured too)')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;auth' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Prove an app''s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which profile and credential source is in use, and what a token from it says')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles: tenant, app, cloud, which is the default, and their keyring entries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;auth;login' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the secret from standard input (one line) instead of prompting')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this the default profile (the first profile always is)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;auth;status' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;auth;logout' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;auth;list' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Prove an app''s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which profile and credential source is in use, and what a token from it says')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles: tenant, app, cloud, which is the default, and their keyring entries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;auth;help;login' {
            break
        }
        'mdetag;auth;help;status' {
            break
        }
        'mdetag;auth;help;logout' {
            break
        }
        'mdetag;auth;help;list' {
            break
        }
        'mdetag;auth;help;help' {
            break
        }
        'mdetag;machines' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List machines with their tags, device value, health and last seen')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;machines;list' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;machines;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List machines with their tags, device value, health and last seen')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;machines;help;list' {
            break
        }
        'mdetag;machines;help;help' {
            break
        }
        'mdetag;tags' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every tag on the picked machines (default: all), how many machines carry it, and its problems')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;tags;list' {
            [CompletionResult]::new('--machine', '--machine', [CompletionResultType]::ParameterName, 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable')
            [CompletionResult]::new('--machines-file', '--machines-file', [CompletionResultType]::ParameterName, 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Machines carrying this tag (any case); repeatable')
            [CompletionResult]::new('--tag-prefix', '--tag-prefix', [CompletionResultType]::ParameterName, 'Machines carrying a tag that starts with this; repeatable')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'Machines an advanced hunting query (KQL) returns, by its DeviceId column (else DeviceName); a list, like --machine')
            [CompletionResult]::new('--query-file', '--query-file', [CompletionResultType]::ParameterName, 'The hunting query in a file (''-'' for standard input), e.g. servers.kql')
            [CompletionResult]::new('--query-timespan', '--query-timespan', [CompletionResultType]::ParameterName, 'How far back the hunting query looks (ISO 8601 duration: P30D, PT12H; Graph only)')
            [CompletionResult]::new('--query-max', '--query-max', [CompletionResultType]::ParameterName, 'Refuse a hunting query that picks more machines than this (exit 2, nothing sent)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;tags;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every tag on the picked machines (default: all), how many machines carry it, and its problems')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;tags;help;list' {
            break
        }
        'mdetag;tags;help;help' {
            break
        }
        'mdetag;runs' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recent runs, newest first: ID, start, command, status, counts, journal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A run''s report, from its journal, in any --output')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;runs;list' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;runs;show' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;runs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recent runs, newest first: ID, start, command, status, counts, journal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A run''s report, from its journal, in any --output')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;runs;help;list' {
            break
        }
        'mdetag;runs;help;show' {
            break
        }
        'mdetag;runs;help;help' {
            break
        }
        'mdetag;resume' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;undo' {
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Invert operations whose prior state the run did not record, blindly')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;apply' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--skip-drifted', '--skip-drifted', [CompletionResultType]::ParameterName, 'Skip the operations on machines that changed since the plan was saved, and run the rest')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;sync' {
            [CompletionResult]::new('--max-removals', '--max-removals', [CompletionResultType]::ParameterName, 'Refuse to remove a tag from more than N machines, or N% of those that carry it (never fewer than 10)')
            [CompletionResult]::new('--save-plan', '--save-plan', [CompletionResultType]::ParameterName, 'Plan as --dry-run does, read the state of every machine the plan touches, and save the plan to FILE (mode 0600) for review; nothing is sent. `mdetag apply FILE` runs it')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Print the differences and send nothing: exit 0 when everything matches, 4 when changes are pending')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;completions' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;generate-assets' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'mdetag;globals' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Defender API base URL (http:// only for loopback hosts)')
            [CompletionResult]::new('--authority-host', '--authority-host', [CompletionResultType]::ParameterName, 'Microsoft Entra authority host that issues tokens')
            [CompletionResult]::new('--tenant-id', '--tenant-id', [CompletionResultType]::ParameterName, 'Entra tenant (directory) ID')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile')
            [CompletionResult]::new('--allow-host', '--allow-host', [CompletionResultType]::ParameterName, 'Trust HOST as the endpoint, authority or Graph host although it is not one of the cloud''s own (repeatable; MDETAG_ALLOW_HOST takes a comma-separated list): mdetag sends it the secret or the token')
            [CompletionResult]::new('--graph-endpoint', '--graph-endpoint', [CompletionResultType]::ParameterName, 'Microsoft Graph base URL for hunting queries (http:// only for loopback hosts); default: the cloud''s')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Microsoft cloud: sets the API host, the sign-in host and the token scope')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Regional API host (commercial cloud)')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Most API calls in flight at once')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s')
            [CompletionResult]::new('--hunting-rate-limit', '--hunting-rate-limit', [CompletionResultType]::ParameterName, 'Hard caps on hunting query calls per rolling window, shared by every process of the app')
            [CompletionResult]::new('--hunting-api', '--hunting-api', [CompletionResultType]::ParameterName, 'Which API runs hunting queries: Microsoft Graph (falling back to the Defender API when Graph refuses the app), or only one of them')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Result format on standard output')
            [CompletionResult]::new('--on-duplicate', '--on-duplicate', [CompletionResultType]::ParameterName, 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'Keep this run''s journal in FILE instead of the state directory (MDETAG_STATE_DIR, else ~/.local/state/mdetag/runs): what `resume` and `undo` read')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and print the plan; send no write call')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never show the progress bar')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on standard error (no progress, warnings or notes)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log every API call (method, path, status, time) on standard error; never secrets')
            [CompletionResult]::new('--no-batch', '--no-batch', [CompletionResultType]::ParameterName, 'Send every tag operation as its own call instead of batches of up to 500 machines')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Keep no journal: a run stopped midway can then be neither resumed nor undone')
            [CompletionResult]::new('--no-prior-state', '--no-prior-state', [CompletionResultType]::ParameterName, 'Do not read the machines'' tags and device values before the first write (one listing, or batched reads, whichever costs fewer calls): saves those reads, but `undo` can then restore the run only blindly (--force)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mdetag;help' {
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add or remove machine tags, or make them exactly a set')
            [CompletionResult]::new('set-value', 'set-value', [CompletionResultType]::ParameterValue, 'Set the device value (asset criticality) of machines')
            [CompletionResult]::new('apply-csv', 'apply-csv', [CompletionResultType]::ParameterValue, 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Store, check and remove credentials (the secret goes to the OS keyring only)')
            [CompletionResult]::new('machines', 'machines', [CompletionResultType]::ParameterValue, 'Look at machines: the same pickers as the tagging commands')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Look at tags: how many machines carry each, and the problems it has')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'Runs kept in the journal: what each did and how it ended')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Continue a run that was stopped or killed: settled operations stay settled, sent ones with no recorded answer are checked against the API first, only the rest are sent')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Undo a run: put back the tags and device values it changed, as a new run')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Run a saved plan (--save-plan) exactly, once, if its machines have not changed since')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make tags and device values match a rules file (tags as code)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell''s completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('generate-assets', 'generate-assets', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages (for packagers and this repository)')
            [CompletionResult]::new('globals', 'globals', [CompletionResultType]::ParameterValue, 'The global options: what each does, its environment variable and default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mdetag;help;tag' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add tags to machines')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove tags from machines')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Make each machine''s tags exactly the given values, with the fewest calls')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename a tag: add NEW and remove OLD, in every spelling of its case, on the machines that carry it')
            break
        }
        'mdetag;help;tag;add' {
            break
        }
        'mdetag;help;tag;remove' {
            break
        }
        'mdetag;help;tag;set' {
            break
        }
        'mdetag;help;tag;rename' {
            break
        }
        'mdetag;help;set-value' {
            break
        }
        'mdetag;help;apply-csv' {
            break
        }
        'mdetag;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Prove an app''s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Which profile and credential source is in use, and what a token from it says')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Remove a profile and its keyring secret (other profiles, of this app too, keep theirs)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles: tenant, app, cloud, which is the default, and their keyring entries')
            break
        }
        'mdetag;help;auth;login' {
            break
        }
        'mdetag;help;auth;status' {
            break
        }
        'mdetag;help;auth;logout' {
            break
        }
        'mdetag;help;auth;list' {
            break
        }
        'mdetag;help;machines' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List machines with their tags, device value, health and last seen')
            break
        }
        'mdetag;help;machines;list' {
            break
        }
        'mdetag;help;tags' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every tag on the picked machines (default: all), how many machines carry it, and its problems')
            break
        }
        'mdetag;help;tags;list' {
            break
        }
        'mdetag;help;runs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recent runs, newest first: ID, start, command, status, counts, journal')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A run''s report, from its journal, in any --output')
            break
        }
        'mdetag;help;runs;list' {
            break
        }
        'mdetag;help;runs;show' {
            break
        }
        'mdetag;help;resume' {
            break
        }
        'mdetag;help;undo' {
            break
        }
        'mdetag;help;apply' {
            break
        }
        'mdetag;help;sync' {
            break
        }
        'mdetag;help;completions' {
            break
        }
        'mdetag;help;generate-assets' {
            break
        }
        'mdetag;help;globals' {
            break
        }
        'mdetag;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
