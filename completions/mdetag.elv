
use builtin;
use str;

set edit:completion:arg-completer[mdetag] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mdetag'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mdetag'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tag 'Add or remove machine tags'
            cand set-value 'Set the device value (asset criticality) of machines'
            cand apply-csv 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value'
            cand auth 'Store, check and remove credentials (the secret goes to the OS keyring only)'
            cand machines 'Look at machines: the same pickers as the tagging commands'
            cand generate-assets 'Write shell completions and man pages (for packagers and this repository)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;tag'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Add tags to machines'
            cand remove 'Remove tags from machines'
            cand set 'Make each machine''s tags exactly the given values, with the fewest calls'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;tag;add'= {
            cand --machine 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable'
            cand --machines-file 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped'
            cand --filter 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable'
            cand --tag 'Machines carrying this tag (any case); repeatable'
            cand --tag-prefix 'Machines carrying a tag that starts with this; repeatable'
            cand --value 'The tag; repeat for several tags'
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;tag;remove'= {
            cand --machine 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable'
            cand --machines-file 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped'
            cand --filter 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable'
            cand --tag 'Machines carrying this tag (any case); repeatable'
            cand --tag-prefix 'Machines carrying a tag that starts with this; repeatable'
            cand --value 'The tag; repeat for several tags'
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;tag;set'= {
            cand --machine 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable'
            cand --machines-file 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped'
            cand --filter 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable'
            cand --tag 'Machines carrying this tag (any case); repeatable'
            cand --tag-prefix 'Machines carrying a tag that starts with this; repeatable'
            cand --value 'A tag the machines must have; repeat for several. Tags not listed are removed'
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --none 'Remove every tag'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;tag;help'= {
            cand add 'Add tags to machines'
            cand remove 'Remove tags from machines'
            cand set 'Make each machine''s tags exactly the given values, with the fewest calls'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;tag;help;add'= {
        }
        &'mdetag;tag;help;remove'= {
        }
        &'mdetag;tag;help;set'= {
        }
        &'mdetag;tag;help;help'= {
        }
        &'mdetag;set-value'= {
            cand --machine 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable'
            cand --machines-file 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped'
            cand --filter 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable'
            cand --tag 'Machines carrying this tag (any case); repeatable'
            cand --tag-prefix 'Machines carrying a tag that starts with this; repeatable'
            cand --value 'The device value'
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;apply-csv'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;auth'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand login 'Prove an app''s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile'
            cand status 'Which profile and credential source is in use, and what a token from it says'
            cand logout 'Remove a profile and its keyring secret'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;auth;login'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --secret-stdin 'Read the secret from standard input (one line) instead of prompting'
            cand --default 'Make this the default profile (the first profile always is)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;auth;status'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;auth;logout'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;auth;help'= {
            cand login 'Prove an app''s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile'
            cand status 'Which profile and credential source is in use, and what a token from it says'
            cand logout 'Remove a profile and its keyring secret'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;auth;help;login'= {
        }
        &'mdetag;auth;help;status'= {
        }
        &'mdetag;auth;help;logout'= {
        }
        &'mdetag;auth;help;help'= {
        }
        &'mdetag;machines'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List machines with their tags, device value, health and last seen'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;machines;list'= {
            cand --machine 'A machine ID (40 hexadecimal characters) or host name (computerDnsName, any case); repeatable'
            cand --machines-file 'A file of machine IDs or host names, one a line (''-'' for standard input); blank lines and # comments skipped'
            cand --filter 'Machines matching an OData filter of the machine list call, e.g. "healthStatus eq ''Active'' and osPlatform eq ''Windows11''"; repeatable'
            cand --tag 'Machines carrying this tag (any case); repeatable'
            cand --tag-prefix 'Machines carrying a tag that starts with this; repeatable'
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;machines;help'= {
            cand list 'List machines with their tags, device value, health and last seen'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;machines;help;list'= {
        }
        &'mdetag;machines;help;help'= {
        }
        &'mdetag;generate-assets'= {
            cand --endpoint 'Defender API base URL (http:// only for loopback hosts)'
            cand --authority-host 'Microsoft Entra authority host that issues tokens'
            cand --tenant-id 'Entra tenant (directory) ID'
            cand --client-id 'Application (client) ID; the secret comes from AZURE_CLIENT_SECRET, never a flag'
            cand --profile 'Profile saved by `auth login` (tenant, app, cloud); default: the default profile'
            cand --cloud 'Microsoft cloud: sets the API host, the sign-in host and the token scope'
            cand --region 'Regional API host (commercial cloud)'
            cand --auth 'Credential source; auto tries MDETAG_TOKEN, AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then the profile''s keyring secret'
            cand --concurrency 'Most API calls in flight at once'
            cand --rate-limit 'Hard caps on calls started per rolling window, e.g. 100/1m,1500/1h or 20/2s'
            cand --retries 'Retries for 5xx, timeouts and connection errors (with backoff and jitter)'
            cand --output 'Result format on standard output'
            cand --on-duplicate 'When a host name matches several machines: the most recently seen one, all of them, or fail that name (records merged into another machine are ignored)'
            cand --dry-run 'Validate and print the plan; send no write call'
            cand --no-progress 'Never show the progress bar'
            cand -q 'Only errors on standard error (no progress, warnings or notes)'
            cand --quiet 'Only errors on standard error (no progress, warnings or notes)'
            cand -v 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --verbose 'Log every API call (method, path, status, time) on standard error; never secrets'
            cand --no-batch 'Send every tag operation as its own call instead of batches of up to 500 machines'
            cand --skip-unchanged 'Read current tags and device values first; operations that would change nothing are reported skipped (unchanged) and not sent'
            cand --sandbox 'Run against a simulated Defender API started in-process on a loopback port, with its own credentials: try mdetag with no tenant. Everything else is the real code path'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mdetag;help'= {
            cand tag 'Add or remove machine tags'
            cand set-value 'Set the device value (asset criticality) of machines'
            cand apply-csv 'Apply a CSV of changes: columns MachineId, Action (Add|Remove|SetValue), Value'
            cand auth 'Store, check and remove credentials (the secret goes to the OS keyring only)'
            cand machines 'Look at machines: the same pickers as the tagging commands'
            cand generate-assets 'Write shell completions and man pages (for packagers and this repository)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mdetag;help;tag'= {
            cand add 'Add tags to machines'
            cand remove 'Remove tags from machines'
            cand set 'Make each machine''s tags exactly the given values, with the fewest calls'
        }
        &'mdetag;help;tag;add'= {
        }
        &'mdetag;help;tag;remove'= {
        }
        &'mdetag;help;tag;set'= {
        }
        &'mdetag;help;set-value'= {
        }
        &'mdetag;help;apply-csv'= {
        }
        &'mdetag;help;auth'= {
            cand login 'Prove an app''s client secret by fetching a token, then keep the secret in the OS keyring and the rest (tenant, app, cloud, endpoint) in a profile'
            cand status 'Which profile and credential source is in use, and what a token from it says'
            cand logout 'Remove a profile and its keyring secret'
        }
        &'mdetag;help;auth;login'= {
        }
        &'mdetag;help;auth;status'= {
        }
        &'mdetag;help;auth;logout'= {
        }
        &'mdetag;help;machines'= {
            cand list 'List machines with their tags, device value, health and last seen'
        }
        &'mdetag;help;machines;list'= {
        }
        &'mdetag;help;generate-assets'= {
        }
        &'mdetag;help;help'= {
        }
    ]
    $completions[$command]
}
