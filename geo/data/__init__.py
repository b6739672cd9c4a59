"""The data contract and its life: the schema of every curated file (`schema`), decoding and CSV rows
(`reading`), validation with file/line/column messages (`validate`, `problems_zh`), loading behind the
`DataSource` interface (`load`), the last valid version (`snapshot`), validated saves with history (`store`),
and the filters every page applies (`filters`).

May import: the basics at the root of `geo` (`settings`, `i18n`, `fmt`). Never maps, charts, exports or ui.
"""
