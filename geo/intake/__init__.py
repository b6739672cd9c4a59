"""Report intake: a new report (txt, html, docx, pdf) becomes proposed records, each with its verbatim quote."""
