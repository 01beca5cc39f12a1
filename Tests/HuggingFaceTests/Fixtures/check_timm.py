"""Loads the timm view hub serves (written by `HUB_TIMM_VIEW_DIR=DIR swift test --filter TimmViewTests`) in timm:
each DIR/<architecture>/ holds config.json and model.safetensors as hub serves them to timm, and
hub-names.safetensors (hub's own names). Checks that timm accepts the config (only PretrainedCfg fields),
loads the weights strictly, derives hub's preprocessing from it, and, for mobilenetv2_100, gives the same
logits as torchvision's mobilenet_v2 on hub's own file.
    /work/venv-hf/bin/python check_timm.py DIR
"""
import json, os, sys, types
sys.modules['torchvision._meta_registrations'] = types.ModuleType('x')  # CUDA torchvision wheel next to torch+cpu
import torch, timm, torchvision
from safetensors.torch import load_file

root = sys.argv[1]
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    config = json.load(open(os.path.join(folder, "config.json")))
    model = timm.create_model(f"local-dir:{folder}", pretrained=True).eval()   # strict load of model.safetensors
    data = timm.data.resolve_data_config({}, model=model)
    transform = timm.data.create_transform(**data)
    print(name, "loaded strictly;", "classes", model.num_classes, "; data config", data)
    print("   ", transform.transforms[:2])
    assert model.pretrained_cfg["label_names"] == config["label_names"]
    if name == "mobilenetv2_100":
        reference = torchvision.models.mobilenet_v2(num_classes=model.num_classes).eval()
        reference.load_state_dict(load_file(os.path.join(folder, "hub-names.safetensors")), strict=True)
        x = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(0))
        with torch.no_grad():
            difference = (model(x) - reference(x)).abs().max().item()
        print("    max |timm - torchvision| logits:", difference)
        assert difference < 1e-4
print("ok")
