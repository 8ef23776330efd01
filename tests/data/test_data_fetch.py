"""`cgir data fetch` against a local HTTP server serving archives the test builds itself."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from data_fixtures import write_layout, zip_folder

from engine.data import load_dataset
from engine.data.fetch import fetch_release, release_url
from engine.errors import DatasetError


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Serves good, wrong-checksum, truncated, checksum-less and not-a-zip archives."""
    root = tmp_path_factory.mktemp("served")
    good = zip_folder(write_layout(root, "ml-latest-small"), root / "good.zip").read_bytes()
    md5 = hashlib.md5(good).hexdigest()
    files = {
        "/good.zip": good, "/good.zip.md5": f"MD5 (good.zip) = {md5}\n".encode(),
        "/wrongsum.zip": good, "/wrongsum.zip.md5": f"{'0' * 32}  wrongsum.zip\n".encode(),
        "/cut.zip": good, "/cut.zip.md5": f"{md5}  cut.zip\n".encode(),
        "/nosum.zip": good,
        "/notzip.zip": b"plain text" * 10,
        "/notzip.zip.md5": hashlib.md5(b"plain text" * 10).hexdigest().encode(),
    }
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            hits.append(self.path)
            body = files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.path == "/cut.zip":
                # Promise the whole archive, send half, hang up.
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_official_url_layout():
    assert release_url("ml-25m") == "https://files.grouplens.org/datasets/movielens/ml-25m.zip"


def test_good_download_is_verified_kept_and_loadable(server, tmp_path):
    base, hits = server
    path = fetch_release("tiny", dest=tmp_path, url=f"{base}/good.zip", progress=False)
    assert path == tmp_path / "tiny.zip"
    assert _leftovers(tmp_path) == ["tiny.zip", "tiny.zip.md5"]
    assert load_dataset(path).n_items == 6
    before = len(hits)
    assert fetch_release("tiny", dest=tmp_path, url=f"{base}/good.zip", progress=False) == path
    assert len(hits) == before  # verified copy reused without the network


def test_fetched_name_resolves_in_cgir_home(server, cgir_home):
    base, _ = server
    fetch_release("tinyhome", url=f"{base}/good.zip", progress=False)
    assert (cgir_home / "datasets" / "tinyhome.zip").exists()
    assert load_dataset("tinyhome").n_users == 3


@pytest.mark.parametrize("name,message", [
    ("wrongsum", "corrupt: MD5"),
    ("cut", "broke off|truncated"),
    ("nosum", "no checksum"),
    ("notzip", "not a zip"),
])
def test_bad_downloads_are_reported_and_never_left(server, tmp_path, name, message):
    base, _ = server
    with pytest.raises(DatasetError, match=message):
        fetch_release(name, dest=tmp_path, url=f"{base}/{name}.zip", progress=False)
    assert _leftovers(tmp_path) == []


def test_unknown_release_lists_the_choices(tmp_path):
    with pytest.raises(DatasetError, match="ml-100k.*ml-latest-small"):
        fetch_release("ml-2m", dest=tmp_path)


def test_unreachable_server(tmp_path):
    with pytest.raises(DatasetError, match="cannot fetch the checksum"):
        fetch_release("x", dest=tmp_path, url="http://127.0.0.1:9/x.zip", progress=False,
                      timeout=2)


def test_cli_fetch(server, tmp_path):
    from click.testing import CliRunner

    from bot.cli.data import data

    base, _ = server
    result = CliRunner().invoke(data, ["fetch", "clitiny", "--dest", str(tmp_path), "--url",
                                       f"{base}/good.zip", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "clitiny.zip").exists()
    assert "cgir data stats" in result.output
