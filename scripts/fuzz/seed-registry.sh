#!/usr/bin/env bash
# Publishes a small model (one blob, fuzz/demo:latest) on a running registry, so that API fuzzing also
# reaches search results, summaries, manifests, lineage and blob ranges of data that exists.
# Usage: scripts/fuzz/seed-registry.sh URL WRITE_TOKEN_OF_USER_fuzz
set -euo pipefail
cd "$(dirname "$0")/../.."
url=$1 token=$2
blob=$(mktemp)
trap 'rm -f "$blob" "$blob.json"' EXIT
printf 'hub fuzz blob: a few bytes for range requests' > "$blob"
digest=sha256:$(sha256sum "$blob" | cut -c1-64)
size=$(stat -c %s "$blob")
curl -sf -X PUT -H "Authorization: Bearer $token" --data-binary @"$blob" "$url/v1/blobs/$digest" > /dev/null
python3 - "$digest" "$size" > "$blob.json" <<'PY'
import json, sys
manifest = json.load(open("Fuzz/seeds/manifest/official-no-lineage.json"))
manifest["name"] = "fuzz/demo"
manifest["weights"] = [{"group": "all", "digest": sys.argv[1], "size": int(sys.argv[2]),
                        "mediaType": "application/vnd.hub.weights.safetensors", "parameters": ["w"]}]
print(json.dumps(manifest))
PY
curl -sf -X PUT -H "Authorization: Bearer $token" --data-binary @"$blob.json" "$url/v1/models/fuzz/demo/manifests/latest" > /dev/null
echo "published fuzz/demo:latest with blob $digest"
