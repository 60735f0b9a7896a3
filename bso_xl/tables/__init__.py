"""One reader and validator for every input table: figures, projects and contacts files.

A file goes through the same three steps whatever it holds:

1. :func:`load` (``files.py``, ``xlsx.py``): the file → a :class:`Grid` of non-empty
   :class:`Cell` s with the row numbers Excel shows. CSV cells are text; XLSX cells keep their
   type. A file that is not what it claims gets one precise message.
2. :class:`Spec` (``spec.py``): what a kind of file holds, declared once: its columns
   (canonical name, aliases, :class:`Kind`, required), the columns that go together (all or
   none) and its file-level ``# name: value`` lines. Shared kinds are in ``kinds.py``.
3. :func:`validate` (``validate.py``): header → columns, cells → typed values. Every problem is
   collected with file, row, column, the value found and what was expected; the caller adds its
   cross-row checks with :meth:`Table.problem` and ends with :meth:`Table.raise_if_problems`,
   which raises the spec's :class:`~bso_xl.errors.TableError` subclass listing all of them.
   Problems that do not stop the file are :attr:`Table.warnings`.

``figures.py``, ``projects.py`` and ``contacts.py`` are column specs plus their own cross-row
checks on top of this package; nothing here knows about BSO rules.
"""

from .cells import Cell, CellKind, Grid, clean_text
from .files import load
from .kinds import BOOLEAN, COUNT, DATE, DECIMAL, EXPECT_COUNT, MAX_COUNT, NIS, NIS_ALIASES, TEXT, nis_column
from .spec import Column, Invalid, Kind, Spec, enumerate_names, header_key, levenshtein, near_miss
from .validate import Row, Table, header_keys, read, validate

__all__ = [
    "Cell", "CellKind", "Grid", "clean_text", "load",
    "BOOLEAN", "COUNT", "DATE", "DECIMAL", "EXPECT_COUNT", "MAX_COUNT", "NIS", "NIS_ALIASES", "TEXT", "nis_column",
    "Column", "Invalid", "Kind", "Spec", "enumerate_names", "header_key", "levenshtein", "near_miss",
    "Row", "Table", "header_keys", "read", "validate",
]
