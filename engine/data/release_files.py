"""The files of one MovieLens release (a folder or a zip) and a reader that types their columns.

`Source` finds files by base name; `FileReader` parses one file with pyarrow's CSV reader into
typed columns and reports a malformed row by file and line (or skips it when lenient). The
layouts themselves (which files, which columns) are engine.data.layouts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from engine.errors import DatasetError

_INT = r"^\s*-?\d+\s*$"
_FLOAT = r"^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"


class Source:
    """A folder or a zip archive holding one release; files are found by base name."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._files: dict[str, str] = {}
        if self.path.is_dir():
            folder = self.path
            entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
            # An extracted archive often nests one folder (ml-latest-small/ml-latest-small/...).
            if not any(p.is_file() for p in entries):
                subdirs = [p for p in entries if p.is_dir()]
                if len(subdirs) == 1:
                    folder = subdirs[0]
            self._files = {p.name: str(p) for p in folder.iterdir() if p.is_file()}
        elif self.path.is_file():
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as error:
                raise DatasetError(f"{self.path} is not a readable zip archive ({error}); "
                                   f"fetch it again with `cgir data fetch`") from error
            for info in self._zip.infolist():
                if info.is_dir() or "__MACOSX" in info.filename:
                    continue
                self._files.setdefault(Path(info.filename).name, info.filename)
        else:
            raise DatasetError(f"{self.path} does not exist; give a MovieLens folder or .zip, "
                               f"a fetched name (`cgir data fetch NAME`), or `demo`")

    def has(self, name: str) -> bool:
        return name in self._files

    def where(self, name: str) -> str:
        return f"{self.path}:{self._files[name]}" if self._zip else self._files[name]

    def read_bytes(self, name: str) -> bytes:
        if self._zip is not None:
            try:
                return self._zip.read(self._files[name])
            except (zipfile.BadZipFile, OSError, EOFError) as error:
                raise DatasetError(f"cannot read {name} from {self.path} ({error}); the archive "
                                   f"looks damaged, fetch it again") from error
        return Path(self._files[name]).read_bytes()

    def stream(self, name: str):
        """A file-like object for pyarrow, without loading big files into Python bytes."""
        if self._zip is not None:
            return pa.PythonFile(self._zip.open(self._files[name]), mode="r")
        return self._files[name]

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


def _encoding(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf8"
    except UnicodeDecodeError:
        return "latin-1"


class FileReader:
    """Reads one file of a source into typed Arrow columns, reporting bad rows by file and line."""

    def __init__(self, source: Source, lenient: bool, skipped: dict[str, int]):
        self.source = source
        self.lenient = lenient
        self.skipped = skipped

    def _count(self, name: str, n: int) -> None:
        if n:
            self.skipped[name] = self.skipped.get(name, 0) + n

    def _bad_row(self, name: str, line: int | None, text: str, why: str) -> DatasetError:
        where = f"line {line}" if line is not None else "a row"
        return DatasetError(f"{self.source.where(name)}, {where}: {why}: {text[:120]!r}; fix the "
                            f"file or load it with lenient parsing (--lenient) to skip such rows")

    def csv(self, name: str, types: dict[str, pa.DataType], *, header: bool = True,
            column_names: list[str] | None = None, delimiter: str = ",", quoting: bool = True,
            text: bool = False) -> pa.Table:
        """Typed columns ``types`` of a delimited file (other columns are not materialised)."""
        data = self.source.read_bytes(name) if text else None
        encoding = _encoding(data) if data is not None else "utf8"

        def input_():
            return pa.BufferReader(data) if data is not None else self.source.stream(name)

        read = pacsv.ReadOptions(encoding=encoding, column_names=column_names,
                                 autogenerate_column_names=False, block_size=1 << 24)
        invalid: list = []

        def on_invalid(row) -> str:
            invalid.append(row)
            return "skip"

        # Text files (titles, tags) may hold a quoted newline; numeric files never do, and
        # skipping that check keeps the 25M-row ratings parse fast.
        parse = pacsv.ParseOptions(delimiter=delimiter, quote_char='"' if quoting else False,
                                   newlines_in_values=text and quoting,
                                   invalid_row_handler=on_invalid)
        convert = pacsv.ConvertOptions(column_types=types, include_columns=list(types),
                                       strings_can_be_null=False, quoted_strings_can_be_null=False)
        try:
            table = pacsv.read_csv(input_(), read_options=read, parse_options=parse,
                                   convert_options=convert)
        except pa.ArrowInvalid as error:
            message = str(error)
            if "conversion error" in message or "invalid value" in message:
                # A value that does not parse as its type: find the line via a string read.
                strings = {k: pa.string() for k in types}
                convert_s = pacsv.ConvertOptions(column_types=strings, include_columns=list(types),
                                                 strings_can_be_null=False, check_utf8=False)
                invalid.clear()
                table = pacsv.read_csv(input_(), read_options=read, parse_options=parse,
                                       convert_options=convert_s)
                return self._typed(name, table, types, first_line=2 if header else 1,
                                   invalid=len(invalid))
            raise DatasetError(f"cannot parse {self.source.where(name)}: {message}") from error
        except (pa.ArrowKeyError, KeyError) as error:
            raise DatasetError(f"{self.source.where(name)} lacks a column the layout needs "
                               f"({', '.join(types)}); is the header row intact?") from error
        if invalid:
            if not self.lenient:
                row = self._first_bad_row(input_, read, parse, types) or invalid[0]
                raise self._bad_row(name, row.number, row.text,
                                    f"expected {row.expected_columns} fields, "
                                    f"found {row.actual_columns}")
            self._count(name, len(invalid))
        return table

    def _first_bad_row(self, input_, read, parse, types):
        """The first row with a wrong field count, with its line (single-threaded re-read)."""
        found: list = []

        def on_invalid(row) -> str:
            found.append(row)
            return "skip"

        single = pacsv.ReadOptions(encoding=read.encoding, column_names=read.column_names,
                                   use_threads=False, block_size=read.block_size)
        parse = pacsv.ParseOptions(delimiter=parse.delimiter, quote_char=parse.quote_char,
                                   newlines_in_values=parse.newlines_in_values,
                                   invalid_row_handler=on_invalid)
        convert = pacsv.ConvertOptions(column_types={k: pa.string() for k in types},
                                       include_columns=list(types), check_utf8=False)
        pacsv.read_csv(input_(), read_options=single, parse_options=parse,
                       convert_options=convert)
        return found[0] if found else None

    def _typed(self, name: str, table: pa.Table, types: dict[str, pa.DataType], *,
               first_line: int, invalid: int = 0) -> pa.Table:
        """Casts string columns to ``types``; rows that do not parse raise or are skipped."""
        ok = None
        for column, kind in types.items():
            if pa.types.is_integer(kind):
                valid = pc.match_substring_regex(table[column], _INT)
            elif pa.types.is_floating(kind):
                valid = pc.match_substring_regex(table[column], _FLOAT)
            else:
                continue
            valid = pc.fill_null(valid, False)
            ok = valid if ok is None else pc.and_(ok, valid)
        if ok is not None:
            good = np.asarray(ok.to_numpy(zero_copy_only=False), dtype=bool)
            if not good.all():
                bad = int(np.flatnonzero(~good)[0])
                if not self.lenient:
                    shown = " ".join(str(table[c][bad].as_py()) for c in types)
                    raise self._bad_row(name, bad + first_line, shown,
                                        "a value does not parse as a number")
                self._count(name, int((~good).sum()))
                table = table.filter(pa.array(good))
        if invalid:
            if not self.lenient:
                raise self._bad_row(name, None, "", "wrong number of fields")
            self._count(name, invalid)
        columns = {}
        for column, kind in types.items():
            values = table[column]
            if not pa.types.is_string(kind):
                values = pc.cast(pc.utf8_trim_whitespace(values), kind)
            columns[column] = values
        return pa.table(columns)

    def dat(self, name: str, pattern: str, types: dict[str, pa.DataType]) -> pa.Table:
        """A ``::``-separated file: whole lines split by an anchored regex (see module doc)."""
        data = self.source.read_bytes(name)
        encoding = _encoding(data)
        read = pacsv.ReadOptions(encoding=encoding, column_names=["line"], block_size=1 << 24)
        # \x1e never occurs in MovieLens text, so each physical line is one field.
        parse = pacsv.ParseOptions(delimiter="\x1e", quote_char=False, escape_char=False)
        convert = pacsv.ConvertOptions(column_types={"line": pa.string()},
                                       strings_can_be_null=False)
        try:
            lines = pacsv.read_csv(pa.BufferReader(data), read_options=read, parse_options=parse,
                                   convert_options=convert)["line"]
        except pa.ArrowInvalid as error:
            raise DatasetError(f"cannot parse {self.source.where(name)}: {error}") from error
        lines = lines.combine_chunks() if isinstance(lines, pa.ChunkedArray) else lines
        fields = pc.extract_regex(lines, pattern)
        matched = np.asarray(fields.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        if not matched.all():
            bad = int(np.flatnonzero(~matched)[0])
            if not self.lenient:
                raise self._bad_row(name, bad + 1, lines[bad].as_py(),
                                    f"expected {len(types)} fields separated by '::'")
            self._count(name, int((~matched).sum()))
            fields = fields.filter(pa.array(matched))
        table = pa.table({k: fields.field(k) for k in types})
        return self._typed(name, table, types, first_line=1)
