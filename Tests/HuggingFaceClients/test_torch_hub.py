"""torch.hub.load_state_dict_from_url on a version's per-content URL, with check_hash=True."""
import hashlib
import os
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.torch


def torch_hub_url(server, published, sha256):
    """GET /v1/models/{namespace or _}/{name}/torch/{digest}/{stem}-{sha256 prefix}.safetensors: the stem is
    the model name with '-', '.' and '/' as '_' (torch takes the first '-<hex>.' as the hash prefix)."""
    namespace, _, name = published.name.rpartition("/")
    stem = "".join("_" if character in "-./" else character for character in published.name)
    return (f"{server.url}/v1/models/{namespace or '_'}/{name}/torch/{published.digest}/"
            f"{stem}-{sha256[:16]}.safetensors")


def test_load_state_dict_from_url_checks_the_hash_and_gives_the_pulled_weights(server, finetuned, pulled):
    import torch
    from safetensors.torch import load_file

    weights = os.path.join(pulled(finetuned), "model.safetensors")
    with open(weights, "rb") as file:
        sha256 = hashlib.sha256(file.read()).hexdigest()
    url = torch_hub_url(server, finetuned, sha256)
    state = torch.hub.load_state_dict_from_url(url, check_hash=True, weights_only=True)
    expected = load_file(weights)
    assert sorted(state) == sorted(expected)
    assert all(torch.equal(state[name], expected[name]) for name in expected)
    mark = server.log_mark()
    again = torch.hub.load_state_dict_from_url(url, check_hash=True, weights_only=True)
    assert sorted(again) == sorted(state) and server.requests_since(mark) == []  # cached by the file name


def test_another_hash_prefix_is_not_served(server, finetuned):
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(torch_hub_url(server, finetuned, "0" * 64), timeout=30)
    assert refused.value.code == 404
