"""The `daisuso` command line: a thin layer over `sync.bootstrap` and `sync.app`."""
