#!/usr/bin/env bash
# Makes `import torchvision` work in the virtual environment VENV (the Makefile's .venv-hf).
#
#   scripts/hf/install-torchvision-shim.sh VENV
#
# timm depends on torchvision, and the torchvision wheel pip picks next to torch 2.13.0+cpu is a CUDA
# build: its package __init__ imports torchvision._meta_registrations, which registers its compiled ops
# and fails to load against the CPU torch. Only when that import fails, this installs
# scripts/hf/torchvision_shim.py as VENV's site-packages/hub_torchvision_shim.py plus a one-line .pth
# file that imports it at start-up; the shim pre-seeds sys.modules with an empty
# torchvision._meta_registrations, which is all the pure-Python model code (and timm) needs.
set -euo pipefail
venv=${1:?usage: install-torchvision-shim.sh VENV}
python="$venv/bin/python"
here=$(cd "$(dirname "$0")" && pwd)
if "$python" -c 'import torchvision' 2>/dev/null; then exit 0; fi
site=$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
cp "$here/torchvision_shim.py" "$site/hub_torchvision_shim.py"
echo 'import hub_torchvision_shim' > "$site/hub_torchvision_shim.pth"
"$python" -c 'import torchvision, timm' \
    || { echo "install-torchvision-shim: torchvision still does not import in $venv" >&2; exit 1; }
echo "install-torchvision-shim: torchvision's compiled ops are skipped in $venv (CUDA build next to torch+cpu)"
