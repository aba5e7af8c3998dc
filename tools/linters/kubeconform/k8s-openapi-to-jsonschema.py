#!/usr/bin/env python3
"""Kubernetes OpenAPI v2 (swagger.json) -> kubeconform "standalone-strict" JSON schemas, offline.

    k8s-openapi-to-jsonschema.py SWAGGER_JSON OUT_DIR

Used by scripts/lint-k8s.sh (docs/security.md). Input: `api/openapi-spec/swagger.json` of the
k8s.io/kubernetes module zip in the Go module cache (or a cluster's /openapi/v2). Output: one file
per group/version/kind in kubeconform's default layout, `{kind}{-group}-{version}.json` (lower
case; `group` is the first DNS label, none for the core group), e.g. `deployment-apps-v1.json`,
`service-v1.json`, `networkpolicy-networking-v1.json`. The same conventions as
yannh/kubernetes-json-schema's `*-standalone-strict` folders:

* standalone: every `$ref` is inlined; a reference cycle (only `JSONSchemaProps` of the
  CustomResourceDefinition kind has one) is cut with `{}`;
* strict: every object schema with `properties` gets `additionalProperties: false`, so unknown
  fields are rejected (what `kubectl --validate=strict` does);
* `IntOrString` -> `oneOf [string, integer]`, `Quantity` -> `oneOf [string, number]`;
* `apiVersion` and `kind` are pinned with an `enum` to the file's group/version/kind.

Optional fields are NOT made nullable: the program never renders `null`, and one would be a bug.
Standard library only; deterministic output (sorted keys), so the cache key can be trusted.
"""
import json
import os
import sys

INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
PREFIX = "#/definitions/"


def main(swagger_path: str, out_dir: str) -> int:
    with open(swagger_path, encoding="utf-8") as f:
        definitions = json.load(f)["definitions"]

    def special(name):
        if name == INT_OR_STRING:
            return {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        if name == QUANTITY:
            return {"oneOf": [{"type": "string"}, {"type": "number"}]}
        return None

    def expand(node, stack):
        if isinstance(node, list):
            return [expand(x, stack) for x in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"][len(PREFIX):]
            fixed = special(name)
            if fixed is not None:
                return fixed
            if name in stack:  # recursive type (JSONSchemaProps): accept anything below
                return {}
            out = expand(definitions[name], stack | {name})
            # siblings of $ref (e.g. a description) are kept
            for k, v in node.items():
                if k != "$ref":
                    out.setdefault(k, expand(v, stack))
            return out
        out = {}
        for k, v in node.items():
            if k == "properties" and isinstance(v, dict):
                out[k] = {pk: expand(pv, stack) for pk, pv in v.items()}
            else:
                out[k] = expand(v, stack)
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        if out.get("format") == "int-or-string":
            return {"oneOf": [{"type": "string"}, {"type": "integer"}]}
        return out

    os.makedirs(out_dir, exist_ok=True)
    written = 0
    for name in sorted(definitions):
        gvks = definitions[name].get("x-kubernetes-group-version-kind") or []
        for gvk in gvks:
            group, version, kind = gvk.get("group", ""), gvk["version"], gvk["kind"]
            # Only real top-level kinds: their schema has apiVersion/kind/metadata.
            props = definitions[name].get("properties", {})
            if "apiVersion" not in props or "kind" not in props:
                continue
            schema = expand(definitions[name], frozenset([name]))
            api_version = f"{group}/{version}" if group else version
            schema["properties"]["apiVersion"] = dict(schema["properties"]["apiVersion"], enum=[api_version])
            schema["properties"]["kind"] = dict(schema["properties"]["kind"], enum=[kind])
            suffix = f"-{group.split('.')[0]}" if group else ""
            filename = f"{kind}{suffix}-{version}.json".lower()
            with open(os.path.join(out_dir, filename), "w", encoding="utf-8") as f:
                json.dump(schema, f, sort_keys=True, separators=(",", ":"))
                f.write("\n")
            written += 1
    print(f"{written} schemas written to {out_dir}")
    return 0 if written > 0 else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} SWAGGER_JSON OUT_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))
