#!/usr/bin/python3
"""Checks real HTTP exchanges against the OpenAPI 3.1 document (server/http/openapi.json).

    openapi_check.py DOCUMENT                 the document alone: OpenAPI 3.1, every schema a valid
                                              JSON Schema 2020-12, every $ref resolvable
    openapi_check.py DOCUMENT EXCHANGES.jsonl the document, then each exchange

An exchange is one JSON line {"method","path","status","headers":{lower-case name: value},"body",
"requestBody"?} as the test recorded it from the real server. Each must match a path and method of
the document, a response declared for its status (exact, or a range such as 5XX), the response's
required headers and its media type; a JSON body must validate against the response's schema, and a
JSON request body that was answered 2xx against the operation's requestBody schema.

Validation is Debian's python3-jsonschema (Draft 2020-12, the dialect of OpenAPI 3.1). Prints one
FAIL line per problem and a summary; exit 1 when anything failed, 2 when it cannot run.
"""
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    print("openapi_check: python3-jsonschema is missing: run scripts/setup", file=sys.stderr)
    sys.exit(2)

Validator = jsonschema.Draft202012Validator


def resolve(doc, node):
    """A `{"$ref": "#/..."}` node of the document followed to its target (other nodes unchanged)."""
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local references are supported: {ref}")
        node = doc
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def schema_validator(doc, schema):
    """A validator of `schema` whose "#/components/..." references resolve in `doc`: the schema is
    placed at the root of a copy that carries the document's components, so local JSON pointers
    reach them with any jsonschema version."""
    root = dict(schema)
    root["components"] = doc["components"]
    return Validator(root)


def check_document(doc):
    problems = []
    if not str(doc.get("openapi", "")).startswith("3.1."):
        problems.append(f"openapi is {doc.get('openapi')!r}, not 3.1.x")
    for key in ("info", "paths", "components"):
        if key not in doc:
            problems.append(f"the document has no {key}")
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        try:
            Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            problems.append(f"components.schemas.{name} is not a valid JSON Schema: {e.message}")
    # Every reference resolves.
    text = json.dumps(doc)
    for ref in sorted(set(re.findall(r'"\$ref": "([^"]+)"', text))):
        try:
            resolve(doc, {"$ref": ref})
        except (KeyError, ValueError, TypeError):
            problems.append(f"unresolvable $ref {ref}")
    operation_ids = []
    for path, item in doc.get("paths", {}).items():
        names = re.findall(r"\{([^}]+)\}", path)
        for method, op in item.items():
            operation_ids.append(op.get("operationId"))
            if not op.get("responses"):
                problems.append(f"{method.upper()} {path} declares no responses")
            declared = {p["name"] for p in (resolve(doc, p) for p in op.get("parameters", []))
                        if p.get("in") == "path"}
            if declared != set(names):
                problems.append(f"{method.upper()} {path}: path parameters {sorted(declared)}, "
                                f"template names {sorted(names)}")
    dupes = {i for i in operation_ids if operation_ids.count(i) > 1}
    if None in operation_ids or dupes:
        problems.append(f"operationIds missing or repeated: {sorted(map(str, dupes))}")
    return problems


def path_regex(template):
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p)
                                    for p in parts) + "$")


def find_operation(doc, method, path):
    """(template, operation) for a request path (query dropped); the most literal template wins."""
    bare = path.split("?", 1)[0]
    matches = [t for t in doc["paths"] if path_regex(t).match(bare)]
    matches.sort(key=lambda t: t.count("{"))
    for template in matches:
        op = doc["paths"][template].get(method.lower())
        if op is not None:
            return template, op
    return (matches[0] if matches else None), None


def find_response(doc, op, status):
    responses = op.get("responses", {})
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in responses:
            return key, resolve(doc, responses[key])
    return None, None


def media_type_of(content, content_type):
    """The declared media type an answer's Content-Type matches (image/* matches image/png)."""
    actual = content_type.split(";", 1)[0].strip().lower()
    for declared in content:
        if declared == actual or (declared.endswith("/*") and actual.startswith(declared[:-1])):
            return declared
    return None


def errors_of(validator, value):
    return sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))


def describe(error):
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"at {where}: {error.message[:300]}"


def check_exchange(doc, x):
    """The problems of one recorded exchange; [] when it matches the document."""
    method, path, status = x["method"], x["path"], int(x["status"])
    headers = {k.lower(): v for k, v in x.get("headers", {}).items()}
    template, op = find_operation(doc, method, path)
    if op is None:
        return [f"no operation {method} for {path} (path template {template})"]
    key, response = find_response(doc, op, status)
    if response is None:
        return [f"status {status} is not declared (declared: {sorted(op['responses'])})"]
    problems = []
    for name, header in response.get("headers", {}).items():
        header = resolve(doc, header)
        value = headers.get(name.lower())
        if value is None:
            if header.get("required"):
                problems.append(f"response {key}: required header {name} is missing")
            continue
        if "schema" in header:
            schema = resolve(doc, header["schema"])
            typed = int(value) if schema.get("type") == "integer" and value.isdigit() else value
            for e in errors_of(schema_validator(doc, schema), typed):
                problems.append(f"response {key} header {name}: {describe(e)}")
    body = x.get("body", "")
    content = response.get("content")
    if not content:
        if body:
            problems.append(f"response {key} declares no content but the answer has a body")
        return problems
    content_type = headers.get("content-type", "")
    declared = media_type_of(content, content_type)
    if declared is None:
        if body or status != 302:
            problems.append(f"response {key}: content type {content_type!r} is not one of "
                            f"{sorted(content)}")
        return problems
    if declared == "application/json":
        try:
            value = json.loads(body)
        except ValueError:
            return problems + [f"response {key}: the body is not JSON"]
        schema = content[declared].get("schema", {})
        for e in errors_of(schema_validator(doc, schema), value):
            problems.append(f"response {key}: {describe(e)}")
    request_body = x.get("requestBody")
    if request_body and 200 <= status < 300 and "requestBody" in op:
        schema = op["requestBody"]["content"].get("application/json", {}).get("schema")
        if schema is not None:
            for e in errors_of(schema_validator(doc, schema), json.loads(request_body)):
                problems.append(f"request body: {describe(e)}")
    return problems


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    failed = 0
    for problem in check_document(doc):
        print(f"FAIL document: {problem}")
        failed += 1
    if failed or len(argv) == 2:
        print(f"openapi_check: document {'invalid' if failed else 'valid'}")
        return 1 if failed else 0
    checked, operations = 0, set()
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            x = json.loads(line)
            checked += 1
            template, op = find_operation(doc, x["method"], x["path"])
            if op is not None:
                operations.add((x["method"], template))
            for problem in check_exchange(doc, x):
                print(f"FAIL {x['method']} {x['path']} {x['status']}: {problem}")
                failed += 1
    print(f"openapi_check: {checked} exchanges over {len(operations)} operations, "
          f"{failed} problems")
    unexercised = sorted(f"{m.upper()} {p}" for p, item in doc["paths"].items() for m in item
                         if (m.upper(), p) not in operations)
    if unexercised:
        print(f"openapi_check: not exercised: {', '.join(unexercised)}")
    return 1 if failed or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
