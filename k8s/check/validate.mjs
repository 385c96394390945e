// Checks Kubernetes manifests offline, as `kubectl apply --validate=strict` would on a cluster with KEDA and Strimzi:
// every document against its kind's schema (types, enums, required fields) and every field no schema declares is an
// error. Schemas: Kubernetes' and KEDA's from the kubernetes-models packages (generated from the Kubernetes OpenAPI
// document and KEDA's CRDs); Strimzi's from the CRDs in --crds (KubernetesManifestsTest generates them from Strimzi's
// own API model, Maven Central's io.strimzi:api and crd-generator).
//
// Usage: node validate.mjs [--crds DIR] FILE...
// Prints one line per problem ("FILE: Kind/name /path: message") and a summary; exit 0 when there is none, 1 otherwise,
// 2 on bad usage.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import Ajv from "ajv";
import * as kubernetes from "kubernetes-models";
import * as keda from "@kubernetes-models/keda";
import { validate as validateObjectMeta } from "@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta";

const args = process.argv.slice(2);
let crdDir = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--crds") crdDir = args[++i];
  else files.push(args[i]);
}
if (files.length === 0 || (args.includes("--crds") && !crdDir)) {
  console.error("usage: node validate.mjs [--crds DIR] FILE...");
  process.exit(2);
}

// apiVersion + kind -> the model's validate function (each model class names its apiVersion and kind)
const models = new Map();
// (a group's module holds its versions' modules; the core group's "v1" holds its models directly)
const register = (module) => {
  for (const value of Object.values(module)) {
    if (typeof value === "function" && value.apiVersion && value.kind && value.prototype.validate) {
      models.set(`${value.apiVersion} ${value.kind}`, value);
    } else if (value && typeof value === "object" && value[Symbol.toStringTag] === "Module") {
      register(value);
    }
  }
};
register(kubernetes);
register(keda);

// apiVersion + kind -> the CRD's schema, strict: an object schema that declares its properties and neither allows
// other ones (additionalProperties) nor keeps unknown fields (x-kubernetes-preserve-unknown-fields) refuses the rest
// — what the API server's strict field validation does; it prunes them otherwise, so CRD schemas never say it.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const crds = new Map();
if (crdDir) {
  for (const name of fs.readdirSync(crdDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    for (const crd of yaml.loadAll(fs.readFileSync(path.join(crdDir, name), "utf8"))) {
      if (!crd || crd.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions) {
        const schema = strict(structuredClone(version.schema.openAPIV3Schema));
        crds.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
}

function strict(schema) {
  if (!schema || typeof schema !== "object") return schema;
  if (schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
    schema.additionalProperties = false;
  }
  for (const key of ["properties", "patternProperties"]) {
    for (const child of Object.values(schema[key] ?? {})) strict(child);
  }
  for (const key of ["items", "additionalProperties", "not"]) {
    if (typeof schema[key] === "object") strict(schema[key]);
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    for (const child of schema[key] ?? []) strict(child);
  }
  return schema;
}

// The models' validators are compiled JSON schemas without additionalProperties: false (Kubernetes' own schemas do
// not forbid unknown fields: the API server prunes or, strict, refuses them). A compiled validator reads exactly the
// properties its schema declares, and enumerates the keys only of an object whose schema is a map (labels, a
// trigger's metadata): so the value is handed to it behind proxies that record what it reads, and a key of a
// non-map object it never read is a field its schema does not declare.
function tracked(value, objects, at) {
  if (value === null || typeof value !== "object") return value;
  const entry = { value, at, read: new Set(), map: false };
  objects.push(entry);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string" && Object.hasOwn(target, key)) {
        entry.read.add(key);
        if (!children.has(key)) children.set(key, tracked(target[key], objects, `${at}/${key}`));
        return children.get(key);
      }
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string") entry.read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      entry.map = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(objects) {
  const problems = [];
  for (const { value, at, read, map } of objects) {
    if (Array.isArray(value) || map) continue;
    for (const key of Object.keys(value)) {
      if (!read.has(key)) problems.push(`${at}/${key}: unknown field`);
    }
  }
  return problems;
}

function errorLines(errors) {
  return (errors ?? []).map((e) => {
    const where = e.instancePath || "/";
    if (e.keyword === "additionalProperties") return `${where === "/" ? "" : where}/${e.params.additionalProperty}: unknown field`;
    if (e.keyword === "required") return `${where}: required field ${e.params.missingProperty} is missing`;
    return `${where}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
  });
}

// One document's problems (an empty list when it is valid).
function check(doc) {
  const key = `${doc.apiVersion} ${doc.kind}`;
  const model = models.get(key);
  if (model) {
    const objects = [];
    try {
      model.prototype.validate.call(tracked(doc, objects, ""));
      return unknownFields(objects);
    } catch (e) {
      if (!e.errors) throw e;
      return [...errorLines(e.errors), ...unknownFields(objects)];
    }
  }
  const crd = crds.get(key);
  if (crd) {
    const problems = crd(doc) ? [] : errorLines(crd.errors);
    const objects = [];
    if (doc.metadata !== undefined && !validateObjectMeta(tracked(doc.metadata, objects, "/metadata"))) {
      problems.push(...errorLines(validateObjectMeta.errors.map((e) => ({ ...e, instancePath: `/metadata${e.instancePath}` }))));
    }
    return [...problems, ...unknownFields(objects)];
  }
  return [`no schema for apiVersion ${doc.apiVersion}, kind ${doc.kind}`];
}

let documents = 0;
let problems = 0;
const kinds = new Map();
for (const file of files) {
  let docs;
  try {
    docs = yaml.loadAll(fs.readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`${file}: not YAML: ${e.message.split("\n")[0]}`);
    problems++;
    continue;
  }
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    documents++;
    const name = `${doc.kind}/${doc.metadata?.name ?? "?"}`;
    kinds.set(doc.kind, (kinds.get(doc.kind) ?? 0) + 1);
    for (const problem of check(doc)) {
      console.log(`${file}: ${name} ${problem}`);
      problems++;
    }
  }
}
const summary = [...kinds].sort().map(([kind, n]) => `${kind} ${n}`).join(", ");
console.log(`${documents} documents (${summary}): ${problems === 0 ? "valid" : `${problems} problems`}`);
process.exit(problems === 0 ? 0 : 1);
