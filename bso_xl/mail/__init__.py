"""``bso-xl mail``: each municipality its own workbook, by e-mail, safely and once (issue #10).

Modules, one job each:

- :mod:`.config`   settings: command-line options over a TOML file, validated in Dutch;
- :mod:`.safety`   which workbook may go to which municipality (three NIS codes agree, size);
- :mod:`.content`  the key figures, the next test and the changes a mail tells (template context);
- :mod:`.templates` Jinja2 subject, text and HTML bodies; errors name the file and the line;
- :mod:`.message`  the ``EmailMessage`` (headers safe against injection, the attachment);
- :mod:`.sendlog`  the append-only send log that makes a rerun resume without duplicates;
- :mod:`.sender`   SMTP with verified TLS, a rate limit and retries with back-off;
- :mod:`.summary`  the summary table (screen and ``overzicht.csv``);
- :mod:`.run`      the order of work: check everything, build everything, then send.
"""
