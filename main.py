"""XHHT Desktop entry point: the window by default, the CLI when a command is given."""

import sys

CLI_FLAGS_WITH_VALUE = {"--db"}


def _is_cli(argv: list[str]) -> bool:
    args = list(argv)
    while args:
        head = args.pop(0)
        if head in CLI_FLAGS_WITH_VALUE:
            if args:
                args.pop(0)
            continue
        if head.startswith("--db="):
            continue
        if head in ("--self-test", "--gui"):
            return False
        return True  # a command name, --help or --version
    return False


def main() -> int:
    argv = sys.argv[1:]
    if _is_cli(argv):
        # The CLI logs to the same file as the window (the data folder's logs/xhht.log).
        from xhht_desktop.diagnostics import run_cli
        return run_cli(argv)
    from ui.app import run
    return run(argv)


if __name__ == "__main__":
    # The merge opens large batches of packages in a spawned helper process (sync/merge_read.Opener):
    # in the frozen app (PyInstaller) the helper is this executable, which must run it and stop here.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
