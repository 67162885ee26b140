#!/usr/bin/env python3
"""Check an OpenAPI 3.0 description with tools that owe nothing to openapi-forge.

Usage: validate.py [SPEC] [--self-test]

SPEC defaults to roundtable.yaml beside this script. The checks:

1. Every value is plain JSON: YAML that a loader would read as a timestamp, a date or a
   non-string key (an unquoted `200:` response code) is rejected, since tools disagree on it.
2. The document is a valid OpenAPI 3.0 description, according to openapi-spec-validator.
3. Every example (schema and property `example`, media type and parameter `example` and
   `examples`) and every schema `default` matches its schema, checked with jsonschema after
   turning the OpenAPI 3.0 schema dialect into JSON Schema draft 4 (`nullable`, `$ref` to
   components, annotations).
   Examples must not carry properties that their schema does not declare, unless the schema
   sets `additionalProperties`, so a misspelt property name fails.
4. Every request body, response body and parameter shows an example.

It prints each check and exits with status 1 when any fails, naming the JSON pointer.
Known limits: examples under `callbacks` are not walked (reported as unchecked), a schema
`$ref` must point into `#/components/schemas` of the same file, and the `email` and `uri`
format checks test the shape of a value, not every rule of their RFCs.

`--self-test` then feeds deliberately broken copies of SPEC to the same checks and fails
unless every one is rejected, which shows the checks can fail at all.
"""

import argparse
import copy
import datetime
import math
import pathlib
import re
import sys
from urllib.parse import urlsplit

import yaml
from jsonschema import Draft4Validator, FormatChecker
from openapi_spec_validator import OpenAPIV30SpecValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

# The base URI under which the converted schemas are registered, so that a `$ref` resolves
# the same way wherever the schema using it sits.
SPEC_URI = "urn:openapi-spec"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# OpenAPI keywords that JSON Schema would misread or that only annotate.
OAS_ONLY_KEYWORDS = {
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
}


def escape(token):
    """Escapes one JSON pointer token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join(pointer, *tokens):
    return pointer + "".join("/" + escape(t) for t in tokens)


def resolve_pointer(doc, pointer):
    """Returns the value at a local JSON pointer, or None when there is none."""
    node = doc
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def describe(error):
    """A one-line account of an exception; some quote the whole document otherwise."""
    ref = getattr(error, "ref", None)
    if isinstance(ref, str):
        return f"{type(error).__name__}: cannot resolve {ref}"
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if len(text) <= 200 else text[:200] + "..."


class Report:
    """What was checked and what failed, in the order found."""

    def __init__(self, verbose):
        self.verbose = verbose
        self.checked = 0
        self.failures = []

    def ok(self, message):
        self.checked += 1
        if self.verbose:
            print(f"ok    {message}")

    def fail(self, pointer, message):
        self.checked += 1
        self.failures.append((pointer, message))
        if self.verbose:
            print(f"FAIL  {pointer}: {message}")


# 1. Plain JSON values.


def check_json_values(node, pointer, report):
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                report.fail(
                    join(pointer, key),
                    f"key {key!r} is a {type(key).__name__}, not a string; quote it",
                )
            check_json_values(value, join(pointer, key), report)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            check_json_values(value, join(pointer, index), report)
    elif isinstance(node, float) and not math.isfinite(node):
        report.fail(pointer or "/", "a number that is not finite is not JSON")
    elif node is not None and not isinstance(node, (str, int, float, bool)):
        report.fail(
            pointer or "/",
            f"YAML reads this as a {type(node).__name__}, which is not JSON; quote it",
        )


def to_json(node):
    """A copy holding only JSON values, so that later checks can run on a flawed document."""
    if isinstance(node, dict):
        return {str(k): to_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_json(v) for v in node]
    if node is None or isinstance(node, (str, int, float, bool)):
        return node
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return str(node)


# 2. The OpenAPI 3.0 structure.


def check_structure(doc, report):
    before = len(report.failures)
    try:
        errors = list(OpenAPIV30SpecValidator(doc).iter_errors())
    except Exception as error:  # The validator raises on some broken documents.
        report.fail("/", f"openapi-spec-validator stopped: {describe(error)}")
        return
    for error in errors:
        path = getattr(error, "absolute_path", None) or getattr(error, "path", None) or []
        pointer = join("", *path) or "/"
        report.fail(pointer, f"OpenAPI 3.0: {error.message}")
    if len(report.failures) == before:
        report.ok("/ is a valid OpenAPI 3.0 description (openapi-spec-validator)")


# 3. and 4. Examples.


class Sites:
    """Schemas, examples and example-less bodies found by walking the document."""

    def __init__(self):
        self.schemas = []  # Pointers of every schema object.
        self.examples = []  # (pointer of an example or default, pointer of its schema).
        self.missing = []  # (pointer, what lacks an example).
        self.unchecked = []  # (pointer, why the example cannot be checked).


def walk_schema(node, pointer, sites):
    if not isinstance(node, dict):
        return
    sites.schemas.append(pointer)
    for key in ("example", "default"):
        if key in node and "$ref" not in node:
            sites.examples.append((join(pointer, key), pointer))
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name, sub in properties.items():
            walk_schema(sub, join(pointer, "properties", name), sites)
    for key in ("items", "not", "additionalProperties"):
        walk_schema(node.get(key), join(pointer, key), sites)
    for key in ("allOf", "oneOf", "anyOf"):
        members = node.get(key)
        if isinstance(members, list):
            for index, sub in enumerate(members):
                walk_schema(sub, join(pointer, key, index), sites)


def walk_examples_map(doc, holder, pointer, schema_pointer, sites):
    """Records the entries of an `examples` map, following `$ref`s to components."""
    examples = holder.get("examples")
    if not isinstance(examples, dict):
        return
    for name, entry in examples.items():
        entry_pointer = join(pointer, "examples", name)
        if isinstance(entry, dict) and isinstance(entry.get("$ref"), str):
            ref = entry["$ref"]
            target = resolve_pointer(doc, ref[1:]) if ref.startswith("#") else None
            if not isinstance(target, dict):
                sites.unchecked.append((entry_pointer, f"cannot follow $ref {ref}"))
                continue
            entry_pointer, entry = ref[1:], target
        if isinstance(entry, dict) and "value" in entry:
            sites.examples.append((join(entry_pointer, "value"), schema_pointer))
        elif isinstance(entry, dict) and "externalValue" in entry:
            sites.unchecked.append((entry_pointer, "externalValue is not fetched"))


def walk_media_types(doc, content, pointer, sites, what):
    if not isinstance(content, dict):
        return
    for media_type, media in content.items():
        media_pointer = join(pointer, media_type)
        if not isinstance(media, dict):
            continue
        schema_pointer = join(media_pointer, "schema")
        walk_schema(media.get("schema"), schema_pointer, sites)
        has_schema = isinstance(media.get("schema"), dict)
        if "example" in media:
            if has_schema:
                sites.examples.append((join(media_pointer, "example"), schema_pointer))
            else:
                sites.unchecked.append((media_pointer, "example without a schema"))
        if has_schema:
            walk_examples_map(doc, media, media_pointer, schema_pointer, sites)
        if "example" not in media and not media.get("examples"):
            sites.missing.append((media_pointer, f"{what} has no example"))


def walk_parameter(doc, node, pointer, sites, what="parameter"):
    if not isinstance(node, dict) or "$ref" in node:
        return
    schema_pointer = join(pointer, "schema")
    if isinstance(node.get("schema"), dict):
        walk_schema(node["schema"], schema_pointer, sites)
        if "example" in node:
            sites.examples.append((join(pointer, "example"), schema_pointer))
        walk_examples_map(doc, node, pointer, schema_pointer, sites)
        if "example" not in node and not node.get("examples"):
            sites.missing.append((pointer, f"{what} has no example"))
    walk_media_types(doc, node.get("content"), join(pointer, "content"), sites, what)


def walk_response(doc, node, pointer, sites):
    if not isinstance(node, dict) or "$ref" in node:
        return
    walk_media_types(doc, node.get("content"), join(pointer, "content"), sites, "response body")
    headers = node.get("headers")
    if isinstance(headers, dict):
        for name, header in headers.items():
            walk_parameter(doc, header, join(pointer, "headers", name), sites, "header")


def walk_request_body(doc, node, pointer, sites):
    if not isinstance(node, dict) or "$ref" in node:
        return
    walk_media_types(doc, node.get("content"), join(pointer, "content"), sites, "request body")


def walk_parameters(doc, node, pointer, sites):
    if isinstance(node, list):
        for index, parameter in enumerate(node):
            walk_parameter(doc, parameter, join(pointer, index), sites)


def walk_document(doc):
    sites = Sites()
    paths = doc.get("paths")
    if isinstance(paths, dict):
        for path, item in paths.items():
            if not isinstance(item, dict):
                continue
            item_pointer = join("", "paths", path)
            walk_parameters(doc, item.get("parameters"), join(item_pointer, "parameters"), sites)
            for method in HTTP_METHODS:
                operation = item.get(method)
                if not isinstance(operation, dict):
                    continue
                op_pointer = join(item_pointer, method)
                walk_parameters(
                    doc, operation.get("parameters"), join(op_pointer, "parameters"), sites
                )
                walk_request_body(
                    doc, operation.get("requestBody"), join(op_pointer, "requestBody"), sites
                )
                responses = operation.get("responses")
                if isinstance(responses, dict):
                    for status, response in responses.items():
                        walk_response(doc, response, join(op_pointer, "responses", status), sites)
                if operation.get("callbacks"):
                    sites.unchecked.append((op_pointer, "callbacks are not walked"))
    components = doc.get("components")
    if isinstance(components, dict):
        sections = {
            "schemas": walk_schema,
            "parameters": lambda n, p, s: walk_parameter(doc, n, p, s),
            "headers": lambda n, p, s: walk_parameter(doc, n, p, s, "header"),
            "responses": lambda n, p, s: walk_response(doc, n, p, s),
            "requestBodies": lambda n, p, s: walk_request_body(doc, n, p, s),
        }
        for section, walk in sections.items():
            entries = components.get(section)
            if isinstance(entries, dict):
                for name, node in entries.items():
                    walk(node, join("", "components", section, name), sites)
    return sites


def convert_schema(node, strict, in_all_of=False):
    """Turns one OpenAPI 3.0 schema object into JSON Schema draft 4, recursively."""
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        # OpenAPI 3.0 ignores every keyword beside a `$ref`, as draft 4 does.
        ref = node["$ref"]
        return {"$ref": SPEC_URI + ref if isinstance(ref, str) and ref.startswith("#") else ref}
    out = {}
    for key, value in node.items():
        if key in OAS_ONLY_KEYWORDS or key.startswith("x-"):
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: convert_schema(sub, strict) for name, sub in value.items()}
        elif key in ("items", "not", "additionalProperties") and isinstance(value, dict):
            out[key] = convert_schema(value, strict)
        elif key in ("allOf", "oneOf", "anyOf") and isinstance(value, list):
            out[key] = [convert_schema(sub, strict, key == "allOf") for sub in value]
        else:
            out[key] = copy.deepcopy(value)
    # A closed object would reject the properties that its allOf siblings declare, so only
    # schemas outside any allOf are closed.
    if (
        strict
        and "properties" in out
        and "additionalProperties" not in node
        and "allOf" not in node
        and not in_all_of
    ):
        out["additionalProperties"] = False
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if isinstance(out.get("enum"), list) and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
        else:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def format_checker():
    """Checks the formats used by OpenAPI 3.0 specs, with no optional dependency."""
    checker = FormatChecker(formats=())
    date_time = re.compile(
        r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
    )

    @checker.checks("date-time")
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        if not date_time.match(value):
            return False
        try:
            datetime.datetime.fromisoformat(value[:19])
        except ValueError:
            return False
        return True

    @checker.checks("date")
    def is_date(value):
        if not isinstance(value, str):
            return True
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None

    @checker.checks("email")
    def is_email(value):
        return not isinstance(value, str) or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value)

    @checker.checks("uri")
    def is_uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme)) and not re.search(
            r"\s", value
        )

    @checker.checks("uuid")
    def is_uuid(value):
        return not isinstance(value, str) or re.fullmatch(
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", value
        )

    @checker.checks("int32")
    def is_int32(value):
        return not isinstance(value, int) or -(2**31) <= value < 2**31

    @checker.checks("int64")
    def is_int64(value):
        return not isinstance(value, int) or -(2**63) <= value < 2**63

    return checker


def check_examples(doc, report, strict=True):
    sites = walk_document(doc)
    converted = {}
    for pointer in sites.schemas:
        converted[pointer] = convert_schema(resolve_pointer(doc, pointer), strict)
    # A `$ref` in an OpenAPI 3.0 schema points into `components/schemas`; one to anywhere else
    # fails to resolve and is reported as unchecked.
    registry_doc = {"components": {"schemas": {}}}
    for pointer, schema in converted.items():
        tokens = pointer.split("/")[1:]
        if len(tokens) == 3 and tokens[:2] == ["components", "schemas"]:
            name = tokens[2].replace("~1", "/").replace("~0", "~")
            registry_doc["components"]["schemas"][name] = schema
    registry = Registry().with_resource(
        SPEC_URI, Resource(contents=registry_doc, specification=DRAFT4)
    )
    checker = format_checker()

    for example_pointer, schema_pointer in sites.examples:
        schema = converted.get(schema_pointer)
        value = resolve_pointer(doc, example_pointer)
        validator = Draft4Validator(schema, registry=registry, format_checker=checker)
        try:
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
        except Exception as error:  # An unresolvable $ref, or a broken schema.
            why = f"cannot check against {schema_pointer}: {describe(error)}"
            report.fail(example_pointer, why)
            continue
        if errors:
            for error in errors:
                where = join(example_pointer, *error.absolute_path)
                report.fail(where, f"example does not match {schema_pointer}: {error.message}")
        else:
            report.ok(f"{example_pointer} matches {schema_pointer}")
    for pointer, what in sites.missing:
        report.fail(pointer, what)
    for pointer, why in sites.unchecked:
        report.fail(pointer, f"example not checked: {why}")
    return len(sites.examples)


def check(doc, verbose=True):
    report = Report(verbose)
    check_json_values(doc, "", report)
    doc = to_json(doc)
    if not isinstance(doc, dict):
        report.fail("/", "the document is not a mapping")
        return report
    check_structure(doc, report)
    count = check_examples(doc, report)
    if verbose:
        print(f"{count} examples checked, {len(report.failures)} failures")
    return report


# Self-test: each case breaks a copy of the spec in one way and names where it must be caught.


def first_object_example(doc):
    """The pointer of the first example whose schema is an object with properties."""
    sites = walk_document(doc)
    for example_pointer, schema_pointer in sites.examples:
        schema = resolve_pointer(doc, schema_pointer)
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            schema = resolve_pointer(doc, schema["$ref"][1:])
        value = resolve_pointer(doc, example_pointer)
        if isinstance(schema, dict) and "properties" in schema and isinstance(value, dict):
            return example_pointer
    return None


def first_response_media_example(doc):
    for pointer, _ in walk_document(doc).examples:
        if "/responses/" in pointer and "/content/" in pointer and pointer.endswith("/example"):
            return pointer
    return None


def first_operation(doc):
    for path, item in (doc.get("paths") or {}).items():
        for method in HTTP_METHODS:
            if isinstance(item, dict) and isinstance(item.get(method), dict):
                return join("", "paths", path, method)
    return None


def set_at(doc, pointer, value):
    *parents, last = pointer.split("/")[1:]
    holder = resolve_pointer(doc, "/" + "/".join(parents)) if parents else doc
    holder[last.replace("~1", "/").replace("~0", "~")] = value


def delete_at(doc, pointer):
    *parents, last = pointer.split("/")[1:]
    holder = resolve_pointer(doc, "/" + "/".join(parents)) if parents else doc
    del holder[last.replace("~1", "/").replace("~0", "~")]


def self_test(doc):
    baseline = check(doc, verbose=False)
    if baseline.failures:
        print("self-test: the spec itself fails, so a rejection would prove nothing")
        return False

    example = first_object_example(doc)
    response_example = first_response_media_example(doc)
    operation = first_operation(doc)
    if not (example and response_example and operation):
        print("self-test: the spec has no object example, response example or operation")
        return False

    def wrong_type(broken):
        set_at(broken, example, "not an object")
        return example

    def misspelt_property(broken):
        resolve_pointer(broken, example)["misspeltPropertyName"] = 1
        return example

    def structurally_invalid(broken):
        delete_at(broken, join(operation, "responses"))
        return operation

    def yaml_timestamp(broken):
        broken["info"]["x-released"] = datetime.datetime(2026, 5, 21, 17, 30)
        return "/info/x-released"

    def missing_example(broken):
        delete_at(broken, response_example)
        return response_example[: -len("/example")]

    cases = [
        ("an example of the wrong type", wrong_type),
        ("an example with a property its schema lacks", misspelt_property),
        ("an operation without responses", structurally_invalid),
        ("a value that YAML reads as a timestamp", yaml_timestamp),
        ("a response body without an example", missing_example),
    ]
    passed = 0
    for name, breaker in cases:
        broken = copy.deepcopy(doc)
        expected = breaker(broken)
        report = check(broken, verbose=False)
        caught = [f"{p}: {m}" for p, m in report.failures if p.startswith(expected)]
        if caught:
            passed += 1
            print(f"self-test ok    {name}: rejected at {caught[0]}")
        else:
            found = "; ".join(f"{p}: {m}" for p, m in report.failures) or "nothing"
            print(f"self-test FAIL  {name}: expected a failure at {expected}, got {found}")
    print(f"self-test: {passed} of {len(cases)} broken copies rejected")
    return passed == len(cases)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_spec = pathlib.Path(__file__).resolve().parent / "roundtable.yaml"
    parser.add_argument("spec", nargs="?", default=str(default_spec), help="the spec to check")
    parser.add_argument(
        "--self-test", action="store_true", help="also prove the checks reject broken copies"
    )
    args = parser.parse_args()

    try:
        with open(args.spec, encoding="utf-8") as file:
            doc = yaml.safe_load(file)
    except (OSError, yaml.YAMLError) as error:
        print(f"{args.spec}: cannot read: {error}")
        return 1
    print(f"checking {args.spec}")
    report = check(doc)
    if report.failures:
        print(f"{args.spec}: {len(report.failures)} problems")
        return 1
    print(f"{args.spec}: valid, {report.checked} checks passed")
    if args.self_test and not self_test(doc):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
