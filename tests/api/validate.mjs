// Checks the API description against the responses the server really sent.
//  1. docs/openapi.json must be a valid OpenAPI 3.1 document
//     (@seriousme/openapi-schema-validator).
//  2. Every recorded response (tests/support/http_client.cpp writes them)
//     must belong to a documented operation and status (or, for an error,
//     the documented error format), with a documented content type, and a
//     JSON body must validate against the response's schema (ajv, JSON
//     Schema 2020-12 as OpenAPI 3.1 uses).
//  3. Every recorded Infobutton Atom feed must parse with a real feed parser
//     (@rowanmanning/feed-parser) and agree with the XML's entries.
// Usage: node validate.mjs OPENAPI.json LOG.jsonl
import { readFileSync, existsSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parseFeed } from "@rowanmanning/feed-parser";

const [docPath, logPath] = process.argv.slice(2);
if (!docPath || !logPath) {
  console.error("usage: node validate.mjs OPENAPI.json LOG.jsonl");
  process.exit(2);
}
const doc = JSON.parse(readFileSync(docPath, "utf8"));
const failures = [];

// 1. The document itself.
const validator = new Validator();
const result = await validator.validate(doc);
if (!result.valid) {
  console.error("docs/openapi.json is not a valid OpenAPI 3.1 document:");
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`docs/openapi.json: valid OpenAPI ${doc.openapi} (${validator.version})`);
// Every operation answers errors in the documented format.
if (!doc.components?.schemas?.Error) failures.push("components.schemas.Error is missing");

if (!existsSync(logPath)) {
  console.log(`${logPath}: no responses recorded (no integration test ran); document checked only`);
  process.exit(failures.length ? 1 : 0);
}

// 2. The responses.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, "openapi.json");
const compiled = new Map();
function validatorFor(pointer) {
  if (!compiled.has(pointer)) {
    const v = ajv.getSchema("openapi.json#" + pointer);
    if (!v) throw new Error(`no schema at ${pointer}`);
    compiled.set(pointer, v);
  }
  return compiled.get(pointer);
}
const escape = (s) => s.replaceAll("~", "~0").replaceAll("/", "~1");

// Path templates as patterns, literal ones first ("/api/v1/drafts" before
// "/api/v1/drafts/{slug}"; segments never contain '/').
const templates = Object.keys(doc.paths)
  .map((t) => ({
    template: t,
    params: (t.match(/\{/g) || []).length,
    pattern: new RegExp("^" + t.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$"),
  }))
  .sort((a, b) => a.params - b.params);

function resolveResponse(r) {
  while (r && r.$ref) {
    const parts = r.$ref.replace(/^#\//, "").split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
    r = parts.reduce((o, k) => (o ? o[k] : undefined), doc);
  }
  return r;
}

const lines = readFileSync(logPath, "utf8").split("\n").filter((l) => l.trim());
const counts = { validated: 0, errors: 0, feeds: 0 };
const seenOperations = new Set();
for (const [i, line] of lines.entries()) {
  const rec = JSON.parse(line);
  const where = `${rec.method} ${rec.target} -> ${rec.status}`;
  let path;
  try {
    path = decodeURI(rec.target.split("?")[0]);
  } catch {
    path = rec.target.split("?")[0];
  }
  const mediaType = (rec.content_type || "").split(";")[0].trim();
  const match = templates.find((t) => t.pattern.test(path));
  const op = match ? doc.paths[match.template][rec.method.toLowerCase()] : undefined;
  let response, pointer;
  if (op) {
    const status = String(rec.status);
    const key = op.responses[status] ? status : op.responses["default"] ? "default" : undefined;
    if (key) {
      response = resolveResponse(op.responses[key]);
      pointer = `/paths/${escape(match.template)}/${rec.method.toLowerCase()}/responses/${key}`;
      if (op.responses[key].$ref) pointer = op.responses[key].$ref.replace(/^#/, "");
      seenOperations.add(`${rec.method} ${match.template}`);
    }
  }
  if (!response) {
    // Not a documented answer: only an error in the documented error format
    // is acceptable (a 404 for an unknown address, a 405 for a wrong method).
    if (rec.status >= 400 && mediaType === "application/json") {
      const v = validatorFor("/components/schemas/Error");
      if (!v(JSON.parse(rec.body)))
        failures.push(`${where}: error body does not match Error: ${ajv.errorsText(v.errors)}`);
      else counts.errors++;
      continue;
    }
    if (rec.status >= 400 && mediaType === "text/html") continue;  // an error page asked for by Accept
    failures.push(`${where}: no operation documents this ${match ? "method/status" : "path"} (line ${i + 1})`);
    continue;
  }
  const content = response.content || {};
  if (!content[mediaType]) {
    if (rec.body === "" && Object.keys(content).length === 0) continue;
    failures.push(`${where}: content type "${rec.content_type}" is not documented (${Object.keys(content).join(", ") || "no body"})`);
    continue;
  }
  if (mediaType === "application/json") {
    let body;
    try {
      body = JSON.parse(rec.body);
    } catch (e) {
      failures.push(`${where}: body is not JSON: ${e.message}`);
      continue;
    }
    const v = validatorFor(`${pointer}/content/${escape(mediaType)}/schema`);
    if (!v(body)) {
      failures.push(`${where}: ${ajv.errorsText(v.errors, { separator: "\n    " })}`);
      continue;
    }
    counts.validated++;
  } else if (path === "/infobutton" && /xml$/.test(mediaType) && rec.status === 200) {
    // 3. The Atom feed through a feed parser.
    let feed;
    try {
      feed = parseFeed(rec.body);
    } catch (e) {
      failures.push(`${where}: the feed parser rejects it: ${e.message}`);
      continue;
    }
    const xmlEntries = (rec.body.match(/<entry[ >]/g) || []).length;
    if (!feed.title || feed.items.length !== xmlEntries)
      failures.push(`${where}: feed parser read "${feed.title}" with ${feed.items.length} items, the XML has ${xmlEntries}`);
    for (const item of feed.items)
      if (!item.title || !item.url || !item.description)
        failures.push(`${where}: an entry without title, link or summary as a feed reader sees it: ${JSON.stringify(item.title)}`);
    counts.feeds++;
  } else {
    counts.validated++;  // documented non-JSON answer (JSONP, XML error)
  }
}

console.log(
  `${lines.length} recorded responses: ${counts.validated} validated against their operation, ` +
    `${counts.errors} errors against the error format, ${counts.feeds} Atom feeds parsed; ` +
    `${seenOperations.size} of ${Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0)} operations exercised`,
);
if (failures.length) {
  console.error(`${failures.length} responses do not match docs/openapi.json:`);
  for (const f of failures.slice(0, 50)) console.error("  " + f);
  process.exit(1);
}
