"""Lets the CUDA build of torchvision that timm pulls in import next to torch+cpu.

Installed by the Makefile into .venv-hf only when `import torchvision` fails there. torchvision's
package __init__ imports `torchvision._meta_registrations`, which registers fake kernels for its compiled
CUDA/C++ ops and fails when those ops cannot load against the CPU torch. Nothing hub's tests use (the
pure-Python model definitions, timm) needs those registrations, so an empty module stands in for it.
"""
import sys
import types

sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))
