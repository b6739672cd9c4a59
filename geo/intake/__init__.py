"""Report intake: a new report (txt, html, docx, pdf) becomes proposed records, each with its verbatim quote.
Reading the file (`source`), the text as rules see it (`text`), numbers (`numbers`), places (`places`), periods
(`periods`), the document date (`dates`), figures (`spots`), subject and period of each (`context`), records
(`extract`, `propose`) and rows for the data files (`rows`); the word lists are CSV tables in `vocab/`. Proposal
sets on disk (`sheets`: JSON and the review .xlsx) and a set saved as one change through a TableStore (`batch`).

May import: `geo.data` and the basics. Never maps, charts, exports or ui. The command line (`__main__`) is ranked
above `geo.backend` and saves through the store it picks.
"""
