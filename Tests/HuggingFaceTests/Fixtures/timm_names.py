"""Writes timm 1.0.31's state-dict names (without num_batches_tracked) of the architectures hub shares
with timm, one file per model: timm-names-<architecture>.txt. Run by hand with a Python that has timm:
    python timm_names.py
"""
import sys, types
sys.modules['torchvision._meta_registrations'] = types.ModuleType('x')  # the CUDA torchvision wheel next to torch+cpu
import timm

for name in ["resnet18", "resnet34", "resnet50", "mobilenetv2_100",
             "tf_efficientnet_lite0", "tf_efficientnet_lite1", "tf_efficientnet_lite2"]:
    model = timm.create_model(name, pretrained=False, num_classes=7)
    keys = [k for k in model.state_dict().keys() if not k.endswith("num_batches_tracked")]
    with open(f"timm-names-{name}.txt", "w") as f:
        f.write("\n".join(keys) + "\n")
    print(name, len(keys))
