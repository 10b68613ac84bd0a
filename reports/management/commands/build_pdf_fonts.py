"""Merge the web font's latin and latin-ext subsets into one file per weight for WeasyPrint.

WeasyPrint identifies an embedded font by its family, weight and style, so two
unicode-range subsets of one face end up sharing a PDF font and print the
wrong glyphs for every Latvian letter. One merged file per face avoids that.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

VARIANTS = ["400-normal", "400-italic", "600-normal", "700-normal"]
SOURCE = Path(settings.BASE_DIR) / "static" / "fonts" / "source-sans-3"
TARGET = Path(__file__).resolve().parents[2] / "static" / "reports" / "fonts"


class Command(BaseCommand):
    help = "Rebuild reports/static/reports/fonts/*.woff2 from static/fonts/source-sans-3."

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as tmp:
            for variant in VARIANTS:
                parts = []
                for subset in ("latin", "latin-ext"):
                    font = TTFont(SOURCE / f"source-sans-3-{subset}-{variant}.woff2")
                    font.flavor = None
                    part = Path(tmp) / f"{subset}-{variant}.ttf"
                    font.save(part)
                    parts.append(str(part))
                merged = Merger().merge(parts)
                merged.flavor = "woff2"
                target = TARGET / f"source-sans-3-pdf-{variant}.woff2"
                merged.save(target)
                self.stdout.write(f"Wrote {target.name} ({len(merged.getBestCmap())} characters).")
