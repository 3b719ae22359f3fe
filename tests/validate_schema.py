"""Validates portfolio YAML files against kamdeck's JSON Schema with an independent validator.

Usage: validate_schema.py SCHEMA FILE...  Prints `FILE: ok` or `FILE: invalid: <first error>`
per file. YAML dates stay text, as kamdeck reads them (`2026-11-15` is a string to the schema).
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# Dates are text in a portfolio: drop the timestamp resolver PyYAML would turn them into dates.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    try:
        data = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
    except Exception as e:  # not YAML at all: not the schema's to judge
        print(f"{path}: not yaml: {type(e).__name__}")
        continue
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    print(f"{path}: ok" if not errors else f"{path}: invalid: {errors[0].message[:200]}")
