"""Command line: `python -m geo.validate [DATA_DIR]` checks a data folder (the rules live in geo.data.validate).

Without DATA_DIR it checks the configured store (geo.backend): the data folder, or, when DASHBOARD_DATABASE_URL is
set, the database's data (exported to a scratch folder and checked by the same rules)."""
import sys
import tempfile
from pathlib import Path

from geo import backend
from geo.data.validate import main as validate_folder


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    url = backend.database_url()
    if args or not url:
        return validate_folder(args)
    import sqlalchemy as sa

    from geo.db import transfer

    with tempfile.TemporaryDirectory(prefix="dashboard-validate-") as tmp:
        try:
            transfer.export_dir(url, Path(tmp))
        except sa.exc.OperationalError as exc:
            print(f"{backend.describe()} unreachable: {str(exc.orig).strip().splitlines()[0]}", file=sys.stderr)
            return 3
        print(f"checking {backend.describe()}", file=sys.stderr)
        return validate_folder([tmp])


if __name__ == "__main__":
    sys.exit(main())
