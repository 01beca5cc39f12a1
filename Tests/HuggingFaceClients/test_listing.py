"""list_models, and the existence checks that must answer False instead of raising."""
import huggingface_hub
import pytest
from huggingface_hub import HfApi


def ids(models):
    return sorted(model.id for model in models)


@pytest.fixture(scope="module")
def api(lite0, finetuned):
    """The client, once both models are published."""
    return HfApi()


def test_filters_select_by_domain_base_model_author_and_search(api, lite0, finetuned):
    official, derived = lite0["latest"].repo_id, finetuned.repo_id
    assert derived in ids(api.list_models(filter="domain:fashion"))
    assert official not in ids(api.list_models(filter="domain:fashion"))
    assert official in ids(api.list_models(filter="domain:imagenet"))
    assert ids(api.list_models(filter=f"base_model:{official}")) == [derived]
    assert official in ids(api.list_models(filter="arch:efficientnet_lite0"))
    assert derived in ids(api.list_models(filter=["arch:efficientnet_lite0", "domain:fashion"]))
    assert ids(api.list_models(filter=["arch:efficientnet_lite0", "domain:medical"])) == []
    assert derived in ids(api.list_models(author="alice"))
    assert official not in ids(api.list_models(author="alice"))
    assert ids(api.list_models(search="fashion-lite")) == [derived]


@pytest.mark.torch
def test_the_architecture_filter_tells_resnet50_from_mobilenetv2(api, resnet50, mobilenetv2):
    assert ids(api.list_models(filter="arch:resnet50")) == [resnet50.repo_id]
    assert ids(api.list_models(filter="arch:mobilenet_v2")) == [mobilenetv2.repo_id]


def test_model_info_names_the_commit_and_the_files(api, lite0):
    version = lite0["v1"]
    info = api.model_info(version.repo_id, revision="v1", files_metadata=True)
    assert info.sha == version.commit
    siblings = {sibling.rfilename: sibling for sibling in info.siblings}
    assert sorted(siblings) == ["README.md", "config.json", "manifest.json", "model.safetensors",
                                "timm/model.safetensors"]
    assert siblings["model.safetensors"].lfs is not None and siblings["model.safetensors"].size > 10**7


def test_paging_follows_the_link_header_to_the_last_model(api, server, paging_models):
    mark = server.log_mark()
    listed = [model.id for model in api.list_models(filter="domain:paging", limit=1000)]
    pages = [path for method, path, status in server.requests_since(mark) if path == "/hf/api/models"]
    assert sorted(listed) == sorted(paging_models)  # each model once, none missing
    assert len(pages) == 2, pages  # 100 on the first page, the rest on the page its Link named
    assert [model.id for model in api.list_models(filter="domain:paging", limit=101)] == listed[:101]
    assert len(list(api.list_models(filter="domain:paging", limit=3))) == 3


def test_existence_checks_answer_false(api, lite0):
    version = lite0["v1"]
    assert api.repo_exists(version.repo_id)
    assert not api.repo_exists("nobody/no-such-model")
    assert api.file_exists(version.repo_id, "config.json", revision="v1")
    assert not api.file_exists(version.repo_id, "pytorch_model.bin", revision="v1")
    assert api.revision_exists(version.repo_id, version.commit)
    assert not api.revision_exists(version.repo_id, "v999")
    assert not api.revision_exists(version.repo_id, "0" * 40)


def test_refs_list_the_tags(api, lite0):
    refs = api.list_repo_refs(lite0["v1"].repo_id)
    tags = {tag.name: tag.target_commit for tag in refs.tags}
    assert tags == {"v1": lite0["v1"].commit, "latest": lite0["latest"].commit}
    assert [(branch.name, branch.target_commit) for branch in refs.branches] == [("main", lite0["latest"].commit)]


def test_client_version(api):
    assert huggingface_hub.__version__ in ("2.4.0", "0.36.0")
