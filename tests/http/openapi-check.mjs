// openapi-check.mjs — validates mamori's API description (the answer of
// GET /api/openapi.json, saved to a file) with @apidevtools/swagger-parser
// against the OpenAPI 3.0 schema, then checks what mamori promises on
// top of it: every operation is tagged with the permission of its route,
// names its path parameters, takes ?org= when it is about one
// organisation, and is open without a login only when its permission is
// "public".
//
// Usage: node tests/http/openapi-check.mjs FILE
// Prints one line per problem and exits 1 when there is one; prints a
// summary and exits 0 otherwise. Exit 2: the validator is not installed.

import { readFileSync } from "node:fs";

let SwaggerParser;
try {
	SwaggerParser = (await import("@apidevtools/swagger-parser")).default;
} catch (err) {
	console.log(`@apidevtools/swagger-parser is not installed (make deps): ${err.message}`);
	process.exit(2);
}

const PERMS = new Set(["public", "login_any", "login", "instance_admin", "org_summary",
	"org_member", "org_read", "org_edit", "org_admin", "org_owner"]);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const file = process.argv[2];
if (!file) {
	console.log("usage: node openapi-check.mjs FILE");
	process.exit(2);
}

const problems = [];
const raw = JSON.parse(readFileSync(file, "utf8"));

try {
	// validate() checks the document against the OpenAPI 3.0 JSON schema
	// and the rules the schema can not say (unique operationIds, path
	// parameters that exist and are required, …). It works on a copy.
	await SwaggerParser.validate(structuredClone(raw));
} catch (err) {
	problems.push(`not a valid OpenAPI document: ${err.message}`);
}

if (!/^3\.0\.\d+$/.test(raw.openapi ?? "")) {
	problems.push(`openapi is ${JSON.stringify(raw.openapi)}, expected 3.0.x`);
}
if (!raw.info?.title || !raw.info?.version) {
	problems.push("info.title and info.version are required");
}
const schemes = raw.components?.securitySchemes ?? {};
if (!Object.values(schemes).some((s) => s.type === "http" && s.scheme === "bearer")) {
	problems.push("no bearer security scheme (Authorization: Bearer works on /api/)");
}
if (!Array.isArray(raw.security) || raw.security.length === 0) {
	problems.push("no top-level security requirement: every operation would look public");
}

let ops = 0;
const seen = new Map();
for (const [path, item] of Object.entries(raw.paths ?? {})) {
	if (!path.startsWith("/api/")) {
		problems.push(`${path}: paths of the API start with /api/`);
	}
	const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
	for (const method of METHODS) {
		const op = item[method];
		if (!op) continue;
		ops++;
		const where = `${method.toUpperCase()} ${path}`;
		if (!["get", "post"].includes(method)) {
			problems.push(`${where}: mamori serves only GET and POST`);
		}
		const tags = op.tags ?? [];
		const perm = tags[0];
		if (tags.length !== 1 || !PERMS.has(perm)) {
			problems.push(`${where}: tags ${JSON.stringify(tags)} — expected one permission id`);
		}
		if (!op.summary) problems.push(`${where}: no summary`);
		if (!op.operationId) problems.push(`${where}: no operationId`);
		if (seen.has(op.operationId)) {
			problems.push(`${where}: operationId ${op.operationId} also used by ${seen.get(op.operationId)}`);
		}
		seen.set(op.operationId, where);
		const params = op.parameters ?? [];
		for (const n of names) {
			const p = params.find((x) => x.in === "path" && x.name === n);
			if (!p) problems.push(`${where}: path parameter {${n}} is not described`);
			else if (p.required !== true) problems.push(`${where}: {${n}} must be required`);
		}
		const org = params.find((x) => x.in === "query" && x.name === "org");
		if (perm?.startsWith("org_") && !org) {
			problems.push(`${where}: an organisation operation without the ?org= parameter`);
		}
		if (org && !perm?.startsWith("org_")) {
			problems.push(`${where}: ?org= on an operation that is not about an organisation`);
		}
		const open = Array.isArray(op.security) && op.security.length === 0;
		if (open !== (perm === "public")) {
			problems.push(`${where}: security ${JSON.stringify(op.security)} does not match permission ${perm}`);
		}
		if (perm !== "public") {
			for (const code of ["401", "403"]) {
				if (!op.responses?.[code]) problems.push(`${where}: response ${code} is not described`);
			}
		}
		if (method === "post" && !op.requestBody) {
			problems.push(`${where}: a POST without requestBody`);
		}
		if (method === "get" && op.requestBody) {
			problems.push(`${where}: a GET with a requestBody`);
		}
	}
}
if (ops === 0) problems.push("no operations");

if (problems.length > 0) {
	for (const p of problems) console.log(p);
	process.exit(1);
}
console.log(`valid OpenAPI ${raw.openapi}: ${Object.keys(raw.paths).length} paths, ${ops} operations`);
