"""Saves models with timm (save_for_hf, as push_to_hf_hub does), lets hub import them and serve them back
(`HUB_TIMM_SAVED_DIR=DIR swift test --filter TimmSavedRoundTripTests`), then loads hub's view in timm and
compares its logits with the original model's.
    /work/venv-hf/bin/python check_timm_saved.py save DIR
    HUB_TIMM_SAVED_DIR=DIR swift test --skip-build --filter TimmSavedRoundTripTests
    /work/venv-hf/bin/python check_timm_saved.py check DIR
"""
import os, sys, types
sys.modules['torchvision._meta_registrations'] = types.ModuleType('x')  # CUDA torchvision wheel next to torch+cpu
import torch, timm
from timm.models._hub import save_for_hf

NAMES = ["tf_efficientnet_lite0", "mobilenetv2_100", "resnet18", "vgg16", "convnext_atto"]
mode, root = sys.argv[1], sys.argv[2]
x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(0))
for name in NAMES:
    folder = os.path.join(root, name)
    if mode == "save":
        model = timm.create_model(name, pretrained=False, num_classes=3).eval()
        save_for_hf(model, folder, model_config={"label_names": ["cat", "dog", "bird"]}, safe_serialization=True)
        with torch.no_grad():
            torch.save(model(x), os.path.join(folder, "logits.pt"))
    else:
        model = timm.create_model(f"local-dir:{os.path.join(folder, 'hub-view')}", pretrained=True).eval()
        with torch.no_grad():
            difference = (model(x) - torch.load(os.path.join(folder, "logits.pt"))).abs().max().item()
        print(f"{name}: hub's view loads strictly in timm, max |logit difference| {difference:.3g}")
        assert difference < 1e-5, name
print("ok")
