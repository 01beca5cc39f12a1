"""huggingface_hub downloads from `hub serve`: the same bytes as `hub pull --output`, cached by commit."""
import os

import huggingface_hub
import pytest
from huggingface_hub import hf_hub_download, snapshot_download

from cutting_proxy import CuttingProxy

CLIENT_MAJOR = int(huggingface_hub.__version__.split(".")[0])
PULLED_FILES = ["README.md", "manifest.json", "model.safetensors"]  # what `hub pull --output` writes


def files_under(folder):
    """{relative path: bytes} of every file under `folder` (symlinks followed, as users read them)."""
    found = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as file:
                found[os.path.relpath(path, folder)] = file.read()
    return found


def revision_forms(version):
    """Each way a client can name `version`: its tag (and `main` for the head), the commit, the digest."""
    tags = ["main", "latest"] if version.tag == "latest" else [version.tag]
    return tags + [version.commit, version.digest]


@pytest.mark.parametrize("tag", ["v1", "latest"])
def test_snapshot_download_is_byte_identical_to_hub_pull_at_every_revision_form(lite0, pulled, tmp_path, tag):
    version = lite0[tag]
    expected = files_under(pulled(version))
    assert sorted(expected) == PULLED_FILES
    for form in revision_forms(version):
        folder = snapshot_download(version.repo_id, revision=form, cache_dir=str(tmp_path / "hf-cache"))
        assert os.path.basename(folder) == version.commit, form
        got = files_under(folder)
        assert {path: got[path] for path in PULLED_FILES} == expected, form
        # The HF view also has timm's config and, for EfficientNet-Lite, the weights under timm's names.
        assert sorted(got) == sorted(PULLED_FILES + ["config.json", "timm/model.safetensors"]), form


def test_a_derivative_downloads_like_hub_pull(finetuned, pulled, tmp_path):
    expected = files_under(pulled(finetuned))
    folder = snapshot_download(finetuned.repo_id, cache_dir=str(tmp_path / "hf-cache"))
    got = files_under(folder)
    assert {path: got[path] for path in PULLED_FILES} == expected
    assert b"base_model: efficientnet-lite0-imagenet" in got["README.md"]


def test_hf_hub_download_of_one_file_matches(lite0, pulled, tmp_path):
    version = lite0["v1"]
    expected = files_under(pulled(version))
    for name in PULLED_FILES:
        path = hf_hub_download(version.repo_id, name, revision="v1", cache_dir=str(tmp_path / "hf-cache"))
        with open(path, "rb") as file:
            assert file.read() == expected[name], name


def test_a_repeat_download_by_commit_makes_no_request(server, finetuned, tmp_path):
    cache = str(tmp_path / "hf-cache")
    mark = server.log_mark()
    first = snapshot_download(finetuned.repo_id, revision=finetuned.commit, cache_dir=cache)
    sent = [request for request in server.requests_since(mark) if request[1].startswith("/hf/")]
    assert len(sent) >= 4, sent  # the log does see this client: info or tree, then each file
    mark = server.log_mark()
    single = hf_hub_download(finetuned.repo_id, "model.safetensors", revision=finetuned.commit, cache_dir=cache)
    assert os.path.dirname(single) == first
    assert server.requests_since(mark) == []
    again = snapshot_download(finetuned.repo_id, revision=finetuned.commit, cache_dir=cache)
    assert again == first
    if CLIENT_MAJOR >= 1:
        assert server.requests_since(mark) == []
    else:  # 0.x snapshot_download always asks for the model info first, then finds every file cached
        info = f"/hf/api/models/{finetuned.repo_id}/revision/{finetuned.commit}"
        assert [path for _, path, _ in server.requests_since(mark)] == [info]


@pytest.mark.resume
def test_a_dropped_connection_resumes_with_a_range_request(server, lite0, pulled, tmp_path):
    version = lite0["v1"]
    expected = files_under(pulled(version))["model.safetensors"]
    assert len(expected) > 12 * 2**20
    with CuttingProxy(server.url, "/model.safetensors", cut_after=12 * 2**20) as proxy:
        path = hf_hub_download(version.repo_id, "model.safetensors", revision=version.commit,
                               cache_dir=str(tmp_path / "hf-cache"), endpoint=proxy.url + "/hf")
    with open(path, "rb") as file:
        assert file.read() == expected
    gets = [(path, ranged, status) for method, path, ranged, status in proxy.requests
            if method == "GET" and path.endswith("/model.safetensors")]
    # huggingface_hub writes 10 MiB chunks: the first 10 MiB were kept, the rest was asked for again.
    assert [(ranged, status) for _, ranged, status in gets] == [(None, 200), ("bytes=10485760-", 206)], gets


def test_client_version_is_the_pinned_one():
    assert huggingface_hub.__version__ in ("2.4.0", "0.36.0")
