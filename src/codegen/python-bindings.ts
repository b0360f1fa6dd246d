/**
 * Stage: the published schemas → `generated/python/`, an installable package
 * `kaizen_schedule_contracts` with a TypedDict model of every contract, the schemas as
 * package data, `get_schema(name)` and `validate(name, document)`.
 *
 * TypedDicts (not dataclasses) because a consumer's documents are plain `json.load` /
 * `yaml.safe_load` results: a TypedDict types them as they are, with no conversion step
 * and no runtime dependency. `jsonschema` is imported only by `validate`, and only when
 * called, so reading the types and schemas needs nothing beyond the standard library.
 */
import type { Artifact } from './artifacts.ts'
import { BANNER_TEXT } from './banner.ts'
import { buildContractModel, type Literal, type ObjectDef, type TypeRef } from './bindings-model.ts'
import type { JsonSchema } from './json-schema.ts'
import { typeNameOf } from './typescript-types.ts'

/** The Python distribution and import names. */
export const PYTHON_DIR = 'generated/python'
export const PYTHON_PACKAGE = 'kaizen_schedule_contracts'
export const PYTHON_DISTRIBUTION = 'kaizen-schedule-contracts'

/** What the Python stage needs of each contract. */
export interface BindingInput {
  readonly name: string
  readonly schema: JsonSchema
  readonly schemaFile: string
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
)

const isIdentifier = (key: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !KEYWORDS.has(key)

/** `schedule-manifest` → `schedule_manifest`, the module of one contract. */
export const pythonModuleOf = (contractName: string): string => contractName.replaceAll('-', '_')

const pythonBanner = (source: string): string => `# This file was ${BANNER_TEXT}.\n# Source: ${source}`

const pyLiteral = (value: Literal): string =>
  value === null ? 'None' : typeof value === 'boolean' ? (value ? 'True' : 'False') : JSON.stringify(value)

/** A docstring body that cannot end the string early. */
const docstring = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll('"""', '\\"\\"\\"')

/** The Python type expression of a model type. */
export function pythonType(type: TypeRef): string {
  switch (type.kind) {
    case 'string':
      return 'str'
    case 'number':
      return 'float'
    case 'integer':
      return 'int'
    case 'boolean':
      return 'bool'
    case 'null':
      return 'None'
    case 'any':
      return 'Any'
    case 'literal': {
      const values = type.values.filter((v) => v !== null)
      const literal = values.length > 0 ? `Literal[${values.map(pyLiteral).join(', ')}]` : ''
      return [literal, ...(type.values.includes(null) ? ['None'] : [])].filter(Boolean).join(' | ')
    }
    case 'array':
      return `list[${pythonType(type.items)}]`
    case 'map':
      return `dict[str, ${pythonType(type.values)}]`
    case 'object':
      return type.name
    case 'union': {
      // `None` last: `X | None` reads as Optional and evaluates at runtime on 3.10+.
      const members = [...type.members].sort((a, b) => Number(a.kind === 'null') - Number(b.kind === 'null'))
      return members.map(pythonType).join(' | ')
    }
  }
}

const fieldType = (field: { type: TypeRef; required: boolean }): string =>
  field.required ? pythonType(field.type) : `NotRequired[${pythonType(field.type)}]`

function renderObject(object: ObjectDef): string {
  const note = object.open ? 'It may carry further keys the schema does not declare.' : ''
  const doc = [object.description ?? '', note].filter(Boolean).join('\n\n')
  if (object.fields.every((f) => isIdentifier(f.key))) {
    const body = object.fields.flatMap((f) => [
      `    ${f.key}: ${fieldType(f)}`,
      ...(f.description ? [`    """${docstring(f.description)}"""`] : []),
    ])
    const classDoc = docstring(doc).replaceAll('\n', '\n    ').replaceAll('\n    \n', '\n\n')
    return [`class ${object.name}(TypedDict):`, `    """${classDoc}"""`, '', ...body].join('\n')
  }
  // Keys that are not Python identifiers need the functional form.
  const entries = object.fields.map((f) => `        ${JSON.stringify(f.key)}: ${fieldType(f)},`)
  return [
    ...doc.split('\n').map((line) => `# ${line}`.trimEnd()),
    `${object.name} = TypedDict(`,
    `    ${JSON.stringify(object.name)},`,
    '    {',
    ...entries,
    '    },',
    ')',
  ].join('\n')
}

/** The `typing` names a module body uses, so no import is unused. */
const typingImportsOf = (body: string): string[] =>
  ['Any', 'Literal', 'NotRequired', 'TypeAlias', 'TypedDict'].filter((name) => new RegExp(`\\b${name}\\b`).test(body))

/** The module of one contract: its TypedDicts, root last. */
export function renderPythonModule({ name, schema, schemaFile }: BindingInput): string {
  const rootName = typeNameOf(name)
  const model = buildContractModel(name, rootName, schema)
  const blocks = model.objects.map(renderObject)
  const rootIsObject = model.root.kind === 'object' && model.root.name === rootName
  if (!rootIsObject) blocks.push(`${rootName}: TypeAlias = ${pythonType(model.root)}`)
  const title = typeof schema.title === 'string' ? schema.title : name
  return [
    pythonBanner(schemaFile),
    `"""Typed model of the ${title} (${String(schema.$id)})."""`,
    '',
    `from typing import ${typingImportsOf(blocks.join('\n')).join(', ')}`,
    '',
    `__all__ = [${JSON.stringify(rootName)}]`,
    '',
    ...blocks.flatMap((b) => ['', b, '']),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n\n')
    .replace(/\n*$/, '\n')
}

function renderInit(contracts: readonly BindingInput[]): string {
  const imports = contracts.map((c) => `from .${pythonModuleOf(c.name)} import ${typeNameOf(c.name)}`)
  const names = [
    'CONTRACT_NAMES',
    'ContractName',
    'ContractValidationError',
    'get_schema',
    'validate',
    ...contracts.map((c) => typeNameOf(c.name)),
  ]
  return [
    pythonBanner('contracts/index.ts'),
    '"""Typed models, published JSON Schemas and a validator for the kaizen-agentic schedule contracts.',
    '',
    'Every document type is a TypedDict named after its contract (``ScheduleManifest``, ...);',
    '``get_schema(name)`` returns the published schema and ``validate(name, document)`` checks a',
    'document against it (needs the optional ``jsonschema`` package).',
    '"""',
    '',
    'from ._schemas import CONTRACT_NAMES, ContractName, ContractValidationError, get_schema, validate',
    ...imports,
    '',
    `__all__ = [${names.map((n) => JSON.stringify(n)).join(', ')}]`,
    '',
  ].join('\n')
}

function renderSchemasModule(contracts: readonly BindingInput[]): string {
  const names = contracts.map((c) => JSON.stringify(c.name))
  return `${pythonBanner('contracts/index.ts')}
"""The published schemas, shipped as package data, and validation against them."""

import importlib
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal, get_args

ContractName = Literal[${names.join(', ')}]
"""The name of every contract, as its schema file is named."""

CONTRACT_NAMES: tuple[ContractName, ...] = get_args(ContractName)


class ContractValidationError(ValueError):
    """A document does not satisfy its contract's schema; \`\`errors\`\` lists each problem."""

    def __init__(self, name: str, errors: list[str]) -> None:
        self.name = name
        self.errors = errors
        listing = "\\n".join(f"  - {error}" for error in errors)
        super().__init__(f"not a valid {name} document ({len(errors)} problem(s)):\\n{listing}")


def _check_name(name: str) -> None:
    if name not in CONTRACT_NAMES:
        raise KeyError(f"unknown contract {name!r}; known: {', '.join(CONTRACT_NAMES)}")


def get_schema(name: ContractName) -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a contract, as a fresh dict."""
    _check_name(name)
    text = files("${PYTHON_PACKAGE}").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=None)
def _validator(name: ContractName) -> Any:
    try:
        # Imported by name and on first use: the types and schemas work without jsonschema.
        jsonschema = importlib.import_module("jsonschema")
    except ImportError as error:
        raise ImportError(
            "kaizen_schedule_contracts.validate needs the 'jsonschema' package (4.0 or later): "
            "pip install 'kaizen-schedule-contracts[validate]' or apt-get install python3-jsonschema"
        ) from error
    return jsonschema.Draft202012Validator(_in_python_dialect(get_schema(name)))


# ECMA-262's WhiteSpace and LineTerminator: what its \\s matches (Python's also takes
# U+001C-U+001F, and not U+FEFF); its \\d and \\w are ASCII (Python's are Unicode).
_ECMA_SPACE = r"\\t\\n\\x0b\\x0c\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_ECMA_CLASS_ESCAPES = {
    r"\\d": "[0-9]",
    r"\\D": "[^0-9]",
    r"\\w": "[A-Za-z0-9_]",
    r"\\W": "[^A-Za-z0-9_]",
    r"\\s": f"[{_ECMA_SPACE}]",
    r"\\S": f"[^{_ECMA_SPACE}]",
}
# Inside a character class only the positive sets can be spelled out.
_ECMA_CLASS_ESCAPES_IN_CLASS = {r"\\d": "0-9", r"\\w": "A-Za-z0-9_", r"\\s": _ECMA_SPACE}


def _ecma_pattern(pattern: str) -> str:
    """An ECMA-262 regular expression, as JSON Schema means it, in Python's dialect.

    Python's \`\`$\`\` also matches before a final newline (so a key "coach" plus a newline
    would pass \`\`^[a-z]+$\`\`), its \`\`.\`\` matches a carriage return, U+2028 and U+2029,
    which ECMA's does not, and its space, digit and word escapes take other characters:
    this package's validate() reaches the verdict of the TypeScript runtime (and of any
    ECMA validator), whatever a plain jsonschema.validate() says.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\\\":
            pair = pattern[i : i + 2]
            out.append(_ECMA_CLASS_ESCAPES_IN_CLASS.get(pair, pair) if in_class else _ECMA_CLASS_ESCAPES.get(pair, pair))
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "$":
            c = r"(?![\\s\\S])"
        elif c == ".":
            c = "[^\\n\\r\\u2028\\u2029]"
        out.append(c)
        i += 1
    return "".join(out)


def _in_python_dialect(node: Any) -> Any:
    """The schema with every \`\`pattern\`\` and \`\`patternProperties\`\` key translated by _ecma_pattern."""
    if isinstance(node, list):
        return [_in_python_dialect(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "pattern" and isinstance(value, str):
            out[key] = _ecma_pattern(value)
        elif key == "patternProperties" and isinstance(value, dict):
            out[key] = {_ecma_pattern(k): _in_python_dialect(v) for k, v in value.items()}
        elif key in ("examples", "default", "const", "enum"):
            out[key] = value
        else:
            out[key] = _in_python_dialect(value)
    return out


def validate(name: ContractName, document: object) -> None:
    """Raises ContractValidationError unless \`\`document\`\` satisfies the schema of contract \`\`name\`\`."""
    _check_name(name)
    found = sorted(_validator(name).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    errors = [f"at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in found]
    if errors:
        raise ContractValidationError(name, errors)
`
}

function renderPyproject(version: string): string {
  return `${pythonBanner('src/codegen/python-bindings.ts')}
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "${PYTHON_DISTRIBUTION}"
version = "${version}"
description = "Typed models and JSON Schemas of the kaizen-agentic schedule contracts"
requires-python = ">=3.11"
license = { text = "MIT" }
dependencies = []

[project.optional-dependencies]
validate = ["jsonschema>=4.0"]

[tool.setuptools]
packages = ["${PYTHON_PACKAGE}"]

[tool.setuptools.package-data]
${PYTHON_PACKAGE} = ["py.typed", "schemas/*.schema.json"]
`
}

/** Every file of the Python package. `schemas` are the formatted published schema files. */
export function renderPythonBindings(
  contracts: readonly (BindingInput & { readonly content: string })[],
  version: string,
): Artifact[] {
  const pkg = `${PYTHON_DIR}/${PYTHON_PACKAGE}`
  return [
    { path: `${PYTHON_DIR}/pyproject.toml`, content: renderPyproject(version) },
    { path: `${pkg}/__init__.py`, content: renderInit(contracts) },
    { path: `${pkg}/_schemas.py`, content: renderSchemasModule(contracts) },
    // PEP 561 marker: type checkers read the package's own annotations.
    { path: `${pkg}/py.typed`, content: `${pythonBanner('src/codegen/python-bindings.ts')}\n` },
    ...contracts.flatMap((c) => [
      { path: `${pkg}/${pythonModuleOf(c.name)}.py`, content: renderPythonModule(c) },
      { path: `${pkg}/schemas/${c.name}.schema.json`, content: c.content },
    ]),
  ]
}
