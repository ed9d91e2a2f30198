#!/usr/bin/env bash
# Derives communes.csv.gz (embedded in Gardefou.Simulation) from the npm package
# @etalab/decoupage-administratif (MIT licence, data: INSEE Code officiel géographique
# and population légale). Run it from anywhere; it works in a temporary folder outside the repo.
#   bash src/Gardefou.Simulation/Data/derive-communes.sh [version]
# Keeps only current communes ("commune-actuelle") with a population, and the columns
# code (INSEE), name, département, région, population. The package has no coordinates.
set -euo pipefail
version="${1:-6.0.0}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@etalab/decoupage-administratif@$version" >/dev/null && tar xzf ./*.tgz)
python3 - "$work/package/data/communes.json" "$work/communes.csv" <<'PY'
import csv, json, sys
rows = [c for c in json.load(open(sys.argv[1], encoding="utf-8"))
        if c.get("type") == "commune-actuelle" and c.get("population", 0) > 0]
rows.sort(key=lambda c: c["code"])
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["code", "name", "departement", "region", "population"])
    for c in rows:
        w.writerow([c["code"], c["nom"], c["departement"], c["region"], c["population"]])
print(f"{len(rows)} communes, {sum(c['population'] for c in rows)} people", file=sys.stderr)
PY
gzip -9 -n -c "$work/communes.csv" > "$here/communes.csv.gz"
