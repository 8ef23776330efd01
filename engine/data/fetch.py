"""Downloading MovieLens releases from GroupLens, checked and moved into place only when whole.

GroupLens publishes ``<name>.zip.md5`` beside every ``<name>.zip``. A download streams into a
temporary file in the destination folder while its MD5 is computed; it is moved over the final
name (an atomic rename on one file system) only when the byte count matches Content-Length, the
MD5 matches the published one and the zip's central directory reads. Anything else removes the
temporary file and raises :class:`DatasetError`, so a truncated or corrupt archive is never left
looking like a good one.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

from engine.data.loader import KNOWN_RELEASES, datasets_dir
from engine.errors import DatasetError

BASE_URL = "https://files.grouplens.org/datasets/movielens"
_MD5 = re.compile(r"\b([0-9a-fA-F]{32})\b")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def release_url(name: str) -> str:
    """The official archive URL of a release, e.g. .../movielens/ml-25m.zip."""
    return f"{BASE_URL}/{name}.zip"


def _published_md5(session, url: str, timeout: float) -> str:
    import requests

    checksum_url = f"{url}.md5"
    try:
        response = session.get(checksum_url, timeout=timeout)
    except requests.RequestException as error:
        raise DatasetError(f"cannot fetch the checksum {checksum_url} ({error}); check the "
                           f"network or give another --url") from error
    if response.status_code != 200:
        raise DatasetError(f"no checksum at {checksum_url} (HTTP {response.status_code}); "
                           f"refusing an unchecked download, give a --url with a .md5 beside it")
    match = _MD5.search(response.text)
    if not match:
        raise DatasetError(f"{checksum_url} does not hold an MD5 checksum")
    return match.group(1).lower()


def fetch_release(name: str, *, dest: Path | None = None, url: str | None = None,
                  progress: bool = True, timeout: float = 60.0, force: bool = False) -> Path:
    """Downloads release ``name`` as ``dest/name.zip`` (dest defaults to cgir_home()/datasets).

    Args:
        name: a GroupLens release (ml-100k ... ml-latest-small); any simple name with ``url``.
        dest: the folder to put the archive in.
        url: download from here instead of GroupLens (its checksum is read from ``url + .md5``).
        progress: show a progress bar on stderr.
        timeout: seconds to wait for the server on connect and between reads.
        force: download again even if a verified archive is already there.

    Returns:
        The path of the verified archive.

    Example:
        >>> fetch_release("ml-latest-small")  # doctest: +SKIP
        PosixPath('/home/me/.cache/cgir/datasets/ml-latest-small.zip')
    """
    import requests
    from tqdm import tqdm

    if url is None and name not in KNOWN_RELEASES:
        raise DatasetError(f"unknown release {name!r}; choose one of {', '.join(KNOWN_RELEASES)} "
                           f"or give --url")
    if not _SAFE_NAME.match(name):
        raise DatasetError(f"{name!r} is not a usable file name; use letters, digits, . _ -")
    url = url or release_url(name)
    folder = Path(dest) if dest is not None else datasets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.zip"
    checksum_file = folder / f"{name}.zip.md5"

    if target.exists() and checksum_file.exists() and not force:
        # Already fetched and verified: re-check it against the checksum kept beside it.
        match = _MD5.search(checksum_file.read_text())
        if match and _md5_of(target) == match.group(1).lower():
            return target
    with requests.Session() as session:
        expected = _published_md5(session, url, timeout)
        handle, temp_name = tempfile.mkstemp(prefix=f".{name}-", suffix=".part", dir=folder)
        temp = Path(temp_name)
        out = os.fdopen(handle, "wb")
        try:
            digest = hashlib.md5()
            received = 0
            try:
                with session.get(url, stream=True, timeout=timeout) as response:
                    if response.status_code != 200:
                        raise DatasetError(f"{url} answered HTTP {response.status_code}; check "
                                           f"the name or give another --url")
                    length = response.headers.get("Content-Length")
                    total = int(length) if length and length.isdigit() else None
                    with tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                              desc=name, file=sys.stderr, disable=not progress) as bar:
                        for chunk in response.iter_content(chunk_size=1 << 20):
                            out.write(chunk)
                            digest.update(chunk)
                            received += len(chunk)
                            bar.update(len(chunk))
            except requests.RequestException as error:
                raise DatasetError(f"the download of {url} broke off after {received} bytes "
                                   f"({error}); nothing was kept, run the fetch again") from error
            out.close()
            if total is not None and received != total:
                raise DatasetError(f"the download of {url} is truncated ({received} of {total} "
                                   f"bytes); nothing was kept, run the fetch again")
            actual = digest.hexdigest()
            if actual != expected:
                raise DatasetError(f"the download of {url} is corrupt: MD5 {actual} but GroupLens "
                                   f"publishes {expected}; nothing was kept, run the fetch again")
            try:
                with zipfile.ZipFile(temp) as archive:
                    archive.namelist()
            except zipfile.BadZipFile as error:
                raise DatasetError(f"{url} is not a zip archive ({error}); nothing was kept")
            os.replace(temp, target)
            checksum_file.write_text(f"{expected}  {target.name}\n")
        finally:
            out.close()
            if temp.exists():
                temp.unlink()
    return target


def _md5_of(path: Path) -> str:
    digest = hashlib.md5()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
