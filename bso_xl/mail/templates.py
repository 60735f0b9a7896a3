"""The mail's subject, text body and HTML body, rendered from Jinja2 templates.

Built-in templates live in ``templates/`` (installed as ``bso_xl.templates``):
``mail_subject.txt.j2``, ``mail_body.txt.j2`` and ``mail_body.html.j2``. ``--templates DIR``
puts the sender's own folder first; a file it lacks comes from the built-in set. The HTML body
is autoescaped (a municipality name or a change sentence can never become markup); the text
templates are not. A name the template uses but the context lacks is an error (StrictUndefined),
and every template error names the file and the line. Sandboxed: a template cannot reach Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..errors import UserError

SUBJECT, TEXT, HTML = "mail_subject.txt.j2", "mail_body.txt.j2", "mail_body.html.j2"
NAMES = (SUBJECT, TEXT, HTML)


class TemplateError(UserError):
    """A template that cannot be read or rendered: file, line and what is wrong."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def getal(value) -> str:
    """2185 → '2.185' (Belgian thousands separator); text passes unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return "" if value is None else str(value)
    return f"{int(value):,}".replace(",", ".")


def euro(value) -> str:
    """1078002.24 → '€ 1.078.002,24' (rounded half away from zero, as the workbook); text passes."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return "" if value is None else str(value)
    amount = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    whole, cents = f"{abs(amount):,.2f}".split(".")
    return f"{'−' if amount < 0 else ''}€ {whole.replace(',', '.')},{cents}"


WORDS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf")


def woord(value) -> str:
    """3 → 'drie' (0–12); larger numbers as digits."""
    return WORDS[value] if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(WORDS) else getal(value)


def opsomming(items, last: str = "en") -> str:
    """['a', 'b', 'c'] → 'a, b en c'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}" if items else ""


class Templates:
    def __init__(self, folder: Path | None = None):
        loaders = []
        if folder is not None:
            if not folder.is_dir():
                raise TemplateError(f"{folder}: map met sjablonen niet gevonden (--templates)")
            if not any((folder / name).is_file() for name in NAMES):
                raise TemplateError(f"{folder}: geen sjablonen gevonden; verwacht: een of meer van {', '.join(NAMES)}")
            loaders.append(jinja2.FileSystemLoader(str(folder)))
        builtin = Path(str(resources.files("bso_xl.templates")))
        loaders.append(jinja2.FileSystemLoader(str(builtin)))
        self.env = SandboxedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=lambda name: bool(name) and name.endswith(".html.j2"),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters.update(getal=getal, euro=euro, woord=woord, opsomming=opsomming)
        self.templates = {name: self._load(name) for name in NAMES}  # syntax errors now, before any mail

    def _load(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(f"{error.filename or name}, regel {error.lineno}: fout in het sjabloon "
                                f"({error.message}); verwacht: geldige Jinja2, bv. {{{{ gemeente }}}}") from None
        except (UnicodeDecodeError, OSError) as error:
            raise TemplateError(f"{name}: kan het sjabloon niet lezen ({error}); verwacht: tekst in UTF-8") from None

    def path(self, name: str) -> str:
        return self.templates[name].filename or name

    def render(self, context: dict) -> Rendered:
        subject = " ".join(self._render(SUBJECT, context).split())
        if not subject:
            raise TemplateError(f"{self.path(SUBJECT)}: het onderwerp is leeg; verwacht: één regel tekst")
        return Rendered(subject, self._render(TEXT, context).strip() + "\n", self._render(HTML, context).strip() + "\n")

    def _render(self, name: str, context: dict) -> str:
        template = self.templates[name]
        try:
            return template.render(context)
        except jinja2.UndefinedError as error:
            error_ = error
            problem = f"onbekende naam ({error.message}); verwacht: een van {', '.join(sorted(context))}"
        except jinja2.TemplateError as error:
            error_, problem = error, error.message or type(error).__name__
        except (TypeError, ValueError, ArithmeticError, LookupError) as error:
            error_, problem = error, f"{type(error).__name__}: {error}"
        file, line = _template_line(error_, template.filename or name)
        raise TemplateError(f"{file}, regel {line}: fout in het sjabloon bij {context.get('nis', '')} "
                            f"{context.get('gemeente', '')}: {problem}")


def _template_line(error: BaseException, default: str) -> tuple[str, int | str]:
    """File and line of the template the error was raised in: Jinja rewrites the traceback so its
    frames carry the template's file name and line; the innermost such frame (an include counts)."""
    tb, found = error.__traceback__, (default, "?")
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
