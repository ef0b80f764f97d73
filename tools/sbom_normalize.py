#!/usr/bin/env python3
"""Makes cargo-cyclonedx's SBOM reproducible (tools/release.sh runs it).

    tools/sbom_normalize.py RAW.json OUT.json

cargo-cyclonedx 0.5 writes three things that change from one build to the next: the time of
the run (metadata.timestamp), a random serial number, and the checkout's absolute path in the
bom-refs of the crate itself. Here the time becomes SOURCE_DATE_EPOCH (the last commit's, which
the Makefile exports), the serial number a UUID derived from the rest of the document (the
same SBOM, the same number; CycloneDX only asks that it be unique per BOM), and the path
`/cogtok`, as the binary's own paths are remapped. Everything else is kept as the tool wrote it.
"""

import json
import os
import sys
import time
import uuid


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: sbom_normalize.py RAW.json OUT.json")
    raw, out = sys.argv[1], sys.argv[2]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        sys.exit("sbom_normalize.py: SOURCE_DATE_EPOCH must be set to the unix time of the last commit")
    with open(raw, encoding="utf-8") as f:
        text = f.read()
    # The checkout's path, as cargo-cyclonedx writes it into `path+file://…` references.
    here = os.getcwd()
    text = text.replace("file://" + here + "#", "file:///cogtok#")
    if here in text:
        sys.exit(f"sbom_normalize.py: {raw} still names {here} somewhere other than a bom-ref")
    bom = json.loads(text)
    if bom.get("bomFormat") != "CycloneDX":
        sys.exit(f"sbom_normalize.py: {raw} is not a CycloneDX document")
    bom["metadata"]["timestamp"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))
    bom.pop("serialNumber", None)
    digest = json.dumps(bom, sort_keys=True, separators=(",", ":"))
    serial = uuid.uuid5(uuid.NAMESPACE_URL, "urn:cogtok:sbom:" + digest)
    # serialNumber back in its usual place, right after `version`.
    ordered = {}
    for key, value in bom.items():
        ordered[key] = value
        if key == "version":
            ordered["serialNumber"] = f"urn:uuid:{serial}"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(ordered, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
