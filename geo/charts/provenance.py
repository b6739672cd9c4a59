"""The Sources page's view of provenance: records with the figures first and places last, and only the documents
(and full texts) behind the records shown. No Streamlit here."""
from __future__ import annotations

import pandas as pd

# What readers look for first: the reported figures; the gazetteer of places last.
TABLE_ORDER = ("figures", "seizures", "cases", "routes", "demo_sites", "checkpoints")
LAST = "places"


def ordered(records: pd.DataFrame) -> pd.DataFrame:
    """Records (tables.all_records) with the figures first and places last, each table's rows in their order."""
    rank = {name: i for i, name in enumerate(TABLE_ORDER)}
    key = records["table"].map(lambda name: len(TABLE_ORDER) + (name == LAST) if name not in rank else rank[name])
    return records.loc[key.sort_values(kind="stable").index]


def documents(sources: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The source documents of these records, in the documents' own order."""
    return sources[sources["source_file"].isin(set(records["source_file"]))]


def texts(all_texts: dict[str, str], shown: pd.DataFrame) -> dict[str, str]:
    """The full texts of the documents shown (texts are keyed by path; documents by file name)."""
    files = set(shown["source_file"])
    return {name: text for name, text in all_texts.items() if name.rsplit("/", 1)[-1] in files}
