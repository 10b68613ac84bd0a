"""Say exactly which system package is missing before anything fails obscurely."""

import sys


def main() -> int:
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi)
    except OSError as exc:
        print(
            "WeasyPrint cannot load the Pango text library it needs to build PDF reports:\n"
            f"  {exc}\n"
            "Install it, then run the command again:\n"
            "  Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0\n"
            "  Fedora:        sudo dnf install pango\n"
            "  macOS:         brew install pango",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
