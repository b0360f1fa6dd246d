"""Validates instances with Python's jsonschema (Draft 2020-12, no format checker).

Reads a JSON list of {"id", "schema", "instance"} on stdin (schema: a file path) and
prints a JSON list of {"id", "valid", "keywords"} on stdout, where keywords are every
JSON Schema keyword that failed, including those inside anyOf/oneOf branches.
"""
import json
import sys

from jsonschema import Draft202012Validator


def keywords_of(errors):
    found = set()
    for error in errors:
        found.add(error.validator)
        # jsonschema reports a failed `then` by the keyword inside it; Ajv and TypeBox
        # name the `if` as well, so fixtures named for `if` compare alike.
        if "then" in error.schema_path or "else" in error.schema_path:
            found.add("if")
        found |= keywords_of(error.context or [])
    return found


def main():
    jobs = json.load(sys.stdin)
    validators = {}
    verdicts = []
    for job in jobs:
        path = job["schema"]
        if path not in validators:
            with open(path, encoding="utf-8") as handle:
                schema = json.load(handle)
            Draft202012Validator.check_schema(schema)
            validators[path] = Draft202012Validator(schema)
        errors = list(validators[path].iter_errors(job["instance"]))
        verdicts.append({"id": job["id"], "valid": not errors, "keywords": sorted(keywords_of(errors))})
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main()
