complete -c burrow -l connect-timeout -d 'Seconds to wait for a connection to each address, 1–86400 [default: 10, or the config\'s]' -r
complete -c burrow -l idle-timeout -d 'Seconds the server may stay silent before the transfer is abandoned, 1–86400 [default: 30, or the config\'s]' -r
complete -c burrow -l total-timeout -d 'Seconds a page may take to arrive in all, 1–86400 (raw downloads have no total limit) [default: 300, or the config\'s]' -r
complete -c burrow -l proxy -d 'Connect through a SOCKS5 proxy, e.g. socks5://127.0.0.1:9050 for Tor. Host names are resolved by the proxy. Overrides `proxy` in the config file' -r
complete -c burrow -l config -d 'Read this config file instead of the standard one' -r -F
complete -c burrow -l log -d 'Write a debug log to this file (requests, timings, TLS decisions, errors; never page contents). It is appended to. Without --log nothing is logged' -r -F
complete -c burrow -l raw -d 'Write the reply\'s exact bytes to standard output and exit (works for any item type)'
complete -c burrow -l print -d 'Write the page as plain text to standard output and exit'
complete -c burrow -l no-session -d 'Start on a fresh tab instead of reopening the last session, and leave the saved session as it is for the next run (`restore_session = false` in the config turns sessions off)'
complete -c burrow -l print-default-config -d 'Print the example config file (every key, commented out, with its default) and exit'
complete -c burrow -s h -l help -d 'Print help (see more with \'--help\')'
complete -c burrow -s V -l version -d 'Print version'
