/*
 * Draws the API reference from ./openapi.json: one section per tag, one
 * card per operation (parameters, request body, responses), then every
 * schema of components/schemas as a field table.  Plain DOM, no library,
 * nothing loaded from elsewhere (the page's Content-Security-Policy is
 * default-src 'self').  Text from the document is only ever inserted as
 * text: `backticks` become <code>, blank lines paragraphs.
 */
(function () {
	"use strict";

	var METHODS = ["get", "head", "post", "put", "patch", "delete", "options"];
	var ACCESS = {
		"public": "Anybody, no credentials",
		"user": "Any account",
		"superuser": "Superusers",
		"mentor": "Mentors",
		"comms": "Provider accounts and superusers"
	};
	/* Answers every endpoint shares: one line per card, details under Errors. */
	var COMMON = ["Unauthorized", "Forbidden", "MethodNotAllowed",
	    "PayloadTooLarge", "UnsupportedMediaType", "TooManyRequests",
	    "InternalServerError", "ServiceUnavailable"];
	var spec = null;

	/* ---- DOM helpers ---- */

	function el(tag, attrs) {
		var e = document.createElement(tag), k, i, c;

		for (k in attrs || {}) {
			if (!Object.prototype.hasOwnProperty.call(attrs, k) ||
			    attrs[k] === undefined || attrs[k] === null)
				continue;
			if (k === "className")
				e.className = attrs[k];
			else if (k === "text")
				e.textContent = attrs[k];
			else
				e.setAttribute(k, attrs[k]);
		}
		for (i = 2; i < arguments.length; i++) {
			c = arguments[i];
			if (c === undefined || c === null || c === false)
				continue;
			e.appendChild(typeof c === "string" ?
			    document.createTextNode(c) : c);
		}
		return e;
	}

	/* Inline text: `code` spans, the rest as text. */
	function inline(text) {
		var f = document.createDocumentFragment();
		var parts = String(text).split("`"), i;

		for (i = 0; i < parts.length; i++) {
			if (parts[i] === "")
				continue;
			if (i % 2 === 1 && i < parts.length - 1)
				f.appendChild(el("code", null, parts[i]));
			else
				f.appendChild(document.createTextNode(
				    i % 2 === 1 ? "`" + parts[i] : parts[i]));
		}
		return f;
	}

	/* Block text: paragraphs at blank lines. */
	function rich(text, className) {
		var d = el("div", { className: className || "desc" });

		String(text || "").split(/\n\s*\n/).forEach(function (p) {
			if (p.trim() !== "")
				d.appendChild(el("p", null, inline(p.trim())));
		});
		return d;
	}

	function slug(s) {
		return String(s).replace(/[^A-Za-z0-9_-]+/g, "-");
	}

	/* ---- references and schemas ---- */

	function lookup(ref) {
		var node = spec, parts, i;

		if (typeof ref !== "string" || ref.indexOf("#/") !== 0)
			throw new Error("unsupported $ref " + ref);
		parts = ref.slice(2).split("/");
		for (i = 0; i < parts.length; i++) {
			node = node[parts[i].replace(/~1/g, "/").replace(/~0/g, "~")];
			if (node === undefined)
				throw new Error("dangling $ref " + ref);
		}
		return node;
	}

	function deref(o) {
		var n = 0;

		while (o && o.$ref) {
			if (++n > 20)
				throw new Error("$ref loop at " + o.$ref);
			o = lookup(o.$ref);
		}
		return o;
	}

	function schemaName(s) {
		var m = s && s.$ref && /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
		return m ? m[1] : null;
	}

	/*
	 * A schema with allOf merged: properties in order of first appearance
	 * (later definitions win), required the union.
	 */
	function flatten(schema) {
		var out = { properties: {}, order: [], required: {} };

		(function merge(s) {
			s = deref(s);
			if (!s)
				return;
			/* The outermost description, type and example win. */
			Object.keys(s).forEach(function (k) {
				if (k !== "allOf" && k !== "properties" &&
				    k !== "required" && out[k] === undefined)
					out[k] = s[k];
			});
			(s.allOf || []).forEach(merge);
			Object.keys(s.properties || {}).forEach(function (p) {
				if (!(p in out.properties))
					out.order.push(p);
				out.properties[p] = s.properties[p];
			});
			(s.required || []).forEach(function (r) {
				out.required[r] = true;
			});
		})(schema);
		return out;
	}

	function isObjectSchema(s) {
		var f;

		s = deref(s);
		if (!s)
			return false;
		if (s.allOf)
			return true;
		f = s.type === "object" || s.properties;
		return !!f;
	}

	function schemaLink(name) {
		return el("a", { href: "#schema-" + slug(name) }, name);
	}

	/* The type column: "integer (int64)", "array of Call", "string or null". */
	function typeCell(s) {
		var f = document.createDocumentFragment(), name = schemaName(s), d;

		if (name) {
			f.appendChild(schemaLink(name));
			if (deref(s).nullable)
				f.appendChild(document.createTextNode(" or null"));
			return f;
		}
		d = deref(s) || {};
		if (d.oneOf) {
			f.appendChild(document.createTextNode("one of "));
			d.oneOf.forEach(function (alt, i) {
				if (i > 0)
					f.appendChild(document.createTextNode(" | "));
				f.appendChild(typeCell(alt));
			});
			return f;
		}
		if (d.type === "array") {
			f.appendChild(document.createTextNode("array of "));
			if (d.items && Object.keys(d.items).length > 0)
				f.appendChild(typeCell(d.items));
			else
				f.appendChild(document.createTextNode("objects"));
			return f;
		}
		if (d.type === "object" && d.additionalProperties &&
		    !d.properties) {
			f.appendChild(document.createTextNode("object of "));
			f.appendChild(typeCell(d.additionalProperties));
			return f;
		}
		f.appendChild(document.createTextNode(
		    (d.type || (d.allOf ? "object" : "any")) +
		    (d.format ? " (" + d.format + ")" : "") +
		    (d.nullable ? " or null" : "")));
		return f;
	}

	/* Enumerations and limits, as a line under the description. */
	function constraints(s) {
		var d = deref(s) || {}, bits = [], f;

		if (d.type === "array" && d.items)
			d = deref(d.items) || {};
		if (d.enum)
			bits.push(["One of ", d.enum.map(function (v) {
				return v === null ? "null" : "`" + v + "`";
			}).join(", ")]);
		if (d.minLength !== undefined && d.maxLength !== undefined)
			bits.push([d.minLength + " to " + d.maxLength + " characters"]);
		else if (d.maxLength !== undefined)
			bits.push(["At most " + d.maxLength + " characters"]);
		else if (d.minLength !== undefined)
			bits.push(["At least " + d.minLength + " characters"]);
		if (d.minimum !== undefined && d.maximum !== undefined)
			bits.push([d.minimum + " to " + d.maximum]);
		else if (d.minimum !== undefined)
			bits.push(["At least " + d.minimum]);
		if (d["default"] !== undefined)
			bits.push(["Default `" + d["default"] + "`"]);
		if (d.writeOnly)
			bits.push(["Write-only: never in a response"]);
		if (bits.length === 0)
			return null;
		f = el("span", { className: "limits" });
		f.appendChild(inline(bits.map(function (b) {
			return b.join("");
		}).join(". ") + "."));
		return f;
	}

	/* The object a property holds, if it deserves a nested table. */
	function nestedObject(s) {
		var d = deref(s);

		if (d && d.type === "array" && d.items)
			s = d.items;
		return isObjectSchema(s) && Object.keys(flatten(s).properties)
		    .length > 0 ? s : null;
	}

	/*
	 * A table of the fields of an object schema; oneOf gives one table per
	 * alternative.  depth bounds the nested tables.
	 */
	function fieldTable(schema, mode, depth) {
		var d = deref(schema), f, tbody, table, wrap, nameRow;

		if (!d)
			return el("p", { className: "muted" }, "No schema.");
		if (d.oneOf) {
			f = el("div", { className: "oneof" });
			f.appendChild(el("p", { className: "oneof-head" },
			    "One of these shapes:"));
			d.oneOf.forEach(function (alt) {
				var n = schemaName(alt), box = el("div",
				    { className: "alt" });

				box.appendChild(el("p", { className: "alt-name" },
				    n ? schemaLink(n) : "(inline)",
				    deref(alt).description ? ": " : "",
				    deref(alt).description ?
				    inline(deref(alt).description) : null));
				box.appendChild(fieldTable(alt, mode, depth));
				f.appendChild(box);
			});
			return f;
		}
		d = flatten(schema);
		tbody = el("tbody");
		d.order.forEach(function (p) {
			var ps = d.properties[p], pd = deref(ps) || {};
			var desc = el("td", { className: "c-desc" });
			var nested = depth > 0 ? nestedObject(ps) : null;
			var lim, name;

			if ((mode === "response" && pd.writeOnly) ||
			    (mode === "request" && pd.readOnly))
				return;
			if (ps.description || pd.description)
				desc.appendChild(inline(ps.description ||
				    pd.description));
			lim = constraints(ps);
			if (lim)
				desc.appendChild(lim);
			if (nested) {
				name = schemaName(nested) || "the object";
				desc.appendChild(el("details", { className: "nested" },
				    el("summary", null, "Fields of " + name),
				    fieldTable(nested, mode, depth - 1)));
			}
			tbody.appendChild(el("tr", null,
			    el("td", { className: "c-name" }, el("code", null, p),
				d.required[p] ? (mode === "request" ?
				el("span", { className: "req" }, "required") :
				el("span", { className: "always" }, "always")) : null),
			    el("td", { className: "c-type" }, typeCell(ps)),
			    desc));
		});
		if (d.additionalProperties && typeof d.additionalProperties ===
		    "object") {
			tbody.appendChild(el("tr", null,
			    el("td", { className: "c-name" },
				el("em", null, "any field name")),
			    el("td", { className: "c-type" },
				typeCell(d.additionalProperties)),
			    el("td", { className: "c-desc" },
				"The messages for that field.")));
		}
		if (!tbody.firstChild)
			return el("p", { className: "muted" }, "No fields.");
		nameRow = el("tr", null,
		    el("th", { scope: "col" }, "Field"),
		    el("th", { scope: "col" }, "Type"),
		    el("th", { scope: "col" }, "Description"));
		table = el("table", { className: "fields" }, el("thead", null,
		    nameRow), tbody);
		wrap = el("div", { className: "table-wrap" }, table);
		return wrap;
	}

	/* ---- examples ---- */

	function exampleOf(schema, mode, depth) {
		var d = deref(schema), f, out;

		if (!d || depth > 6)
			return null;
		if (d.example !== undefined)
			return d.example;
		if (d.oneOf)
			return exampleOf(d.oneOf[0], mode, depth + 1);
		if (d.enum)
			return d.enum[0];
		if (d.type === "array")
			return d.items && Object.keys(d.items).length ?
			    [exampleOf(d.items, mode, depth + 1)] : [];
		if (isObjectSchema(d)) {
			f = flatten(d);
			if (f.example !== undefined && !d.allOf)
				return f.example;
			out = {};
			f.order.forEach(function (p) {
				var ps = deref(f.properties[p]) || {};

				if ((mode === "response" && ps.writeOnly) ||
				    (mode === "request" && ps.readOnly))
					return;
				out[p] = exampleOf(f.properties[p], mode,
				    depth + 1);
			});
			return out;
		}
		if (d.type === "integer" || d.type === "number")
			return 1;
		if (d.type === "boolean")
			return true;
		if (d.format === "date-time")
			return "2016-01-14T08:56:59.152335Z";
		return "string";
	}

	function mediaExample(media, mode) {
		if (!media)
			return null;
		if (media.example !== undefined)
			return media.example;
		return exampleOf(media.schema, mode, 0);
	}

	function pre(json, className) {
		return el("pre", { className: className || "code" },
		    el("code", null, JSON.stringify(json, null, 2)));
	}

	/* ---- operations ---- */

	function baseUrl() {
		if (/^https?:$/.test(location.protocol))
			return location.origin;
		return "https://mentorship.example.org";
	}

	function shellQuote(s) {
		return "'" + String(s).replace(/'/g, "'\\''") + "'";
	}

	function curlExample(path, method, op) {
		var url = baseUrl() + path.replace(/\{id\}/g, "1") + "/";
		var parts = ["curl"], media, ex;

		if (method !== "get")
			parts.push("-X " + method.toUpperCase());
		if (op.security === undefined || op.security.length > 0)
			parts.push("-u USERNAME:PASSWORD");
		if (op.requestBody) {
			media = (deref(op.requestBody).content || {})
			    ["application/json"];
			ex = mediaExample(media, "request");
			parts.push("-H 'Content-Type: application/json'");
			parts.push("-d " + shellQuote(JSON.stringify(ex)));
		}
		parts.push(shellQuote(url));
		return parts.join(" \\\n  ");
	}

	function parametersBlock(params) {
		var tbody = el("tbody");

		params.forEach(function (p) {
			var d = deref(p), desc = el("td", { className: "c-desc" });
			var lim = constraints(d.schema);

			if (d.description)
				desc.appendChild(inline(d.description));
			if (lim)
				desc.appendChild(lim);
			tbody.appendChild(el("tr", null,
			    el("td", { className: "c-name" }, el("code", null, d.name),
				d.required ? el("span", { className: "req" },
				"required") : null),
			    el("td", { className: "c-in" }, d["in"]),
			    el("td", { className: "c-type" }, typeCell(d.schema)),
			    desc));
		});
		return el("div", { className: "table-wrap" },
		    el("table", { className: "fields" },
			el("thead", null, el("tr", null,
			    el("th", { scope: "col" }, "Name"),
			    el("th", { scope: "col" }, "In"),
			    el("th", { scope: "col" }, "Type"),
			    el("th", { scope: "col" }, "Description"))),
			tbody));
	}

	function requestBlock(rb) {
		var d = deref(rb), media = (d.content || {})["application/json"];
		var box = el("div", { className: "body-block" }), name;

		if (!media)
			return box;
		name = schemaName(media.schema);
		box.appendChild(el("p", { className: "media" },
		    el("code", null, "application/json"),
		    d.required ? ", required" : ", optional",
		    name ? " \u00b7 " : null, name ? schemaLink(name) : null));
		if (d.description)
			box.appendChild(rich(d.description));
		box.appendChild(fieldTable(media.schema, "request", 1));
		box.appendChild(el("details", { className: "example" },
		    el("summary", null, "Example body"),
		    pre(mediaExample(media, "request"))));
		return box;
	}

	function statusClass(code) {
		return "status s" + String(code).charAt(0);
	}

	function headerNames(r) {
		return Object.keys(r.headers || {});
	}

	/* JSON on one line, with spaces so that it can wrap. */
	function oneLine(json) {
		return JSON.stringify(json, null, 1).replace(/\n\s*/g, " ");
	}

	function commonName(r) {
		var m = r && r.$ref &&
		    /^#\/components\/responses\/(.+)$/.exec(r.$ref);

		return m && COMMON.indexOf(m[1]) >= 0 ? m[1] : null;
	}

	/* 2xx answers in full; the others as one compact table. */
	function responsesBlock(responses) {
		var box = el("div", { className: "responses" });
		var codes = Object.keys(responses).sort();
		var errBody = el("tbody"), anyErr = false;
		var common = el("p", { className: "common" },
		    el("span", { className: "common-head" }, "Also, as everywhere: "));
		var anyCommon = false;

		codes.forEach(function (code) {
			var r = deref(responses[code]);
			var media = (r.content || {})["application/json"];
			var hdrs = headerNames(r), item, name;

			if (code.charAt(0) === "2") {
				name = media ? schemaName(media.schema) : null;
				item = el("div", { className: "resp ok" },
				    el("p", { className: "resp-head" },
					el("span", { className: statusClass(code) },
					    code), " ", inline(r.description || ""),
					name ? " \u00b7 " : null,
					name ? schemaLink(name) : null));
				if (hdrs.length)
					item.appendChild(el("p", { className: "muted" },
					    "Headers: ", inline("`" +
					    hdrs.join("`, `") + "`")));
				if (media) {
					item.appendChild(fieldTable(media.schema,
					    "response", 1));
					item.appendChild(el("details",
					    { className: "example" },
					    el("summary", null, "Example"),
					    pre(mediaExample(media, "response"))));
				}
				box.appendChild(item);
				return;
			}
			if (commonName(responses[code])) {
				common.appendChild(el("a", { href: "#errors",
				    className: statusClass(code),
				    title: r.description.replace(/`/g, "") },
				    code));
				common.appendChild(document.createTextNode(" "));
				anyCommon = true;
				return;
			}
			anyErr = true;
			item = el("td", { className: "c-desc" },
			    inline(r.description || ""));
			if (hdrs.length)
				item.appendChild(el("span", { className: "limits" },
				    inline("With `" + hdrs.join("`, `") + "`.")));
			errBody.appendChild(el("tr", null,
			    el("td", null, el("span",
				{ className: statusClass(code) }, code)),
			    item,
			    el("td", { className: "c-body" }, media ?
				el("code", null, oneLine(
				mediaExample(media, "response"))) : "")));
		});
		if (anyErr)
			box.appendChild(el("div", { className: "table-wrap" },
			    el("table", { className: "fields errors" },
				el("caption", null, "Errors"),
				el("thead", null, el("tr", null,
				    el("th", { scope: "col" }, "Status"),
				    el("th", { scope: "col" }, "When"),
				    el("th", { scope: "col" }, "Example body"))),
				errBody)));
		if (anyCommon) {
			common.appendChild(el("a", { href: "#errors" },
			    "(see Errors)"));
			box.appendChild(common);
		}
		return box;
	}

	function operationCard(path, method, op, pathItem) {
		var id = "op-" + slug(op.operationId || method + path);
		var params = (pathItem.parameters || []).concat(
		    op.parameters || []);
		var access = op["x-access"];
		var secured = op.security === undefined || op.security.length > 0;
		var card = el("article", { className: "op", id: id });

		card.appendChild(el("h3", { className: "op-title" },
		    el("span", { className: "method m-" + method },
			method.toUpperCase()), " ",
		    el("code", { className: "path" }, path),
		    el("a", { className: "anchor", href: "#" + id,
			"aria-label": "Link to " + method.toUpperCase() + " " +
			path }, "#")));
		if (op.summary)
			card.appendChild(el("p", { className: "op-summary" },
			    inline(op.summary)));
		card.appendChild(el("p", { className: "who" },
		    el("span", { className: "badge access-" + (access || "x") },
			ACCESS[access] || "See the description"),
		    " ", el("span", { className: "badge auth" },
			secured ? "Basic Auth" : "No authentication")));
		if (op.description)
			card.appendChild(rich(op.description));
		if (params.length) {
			card.appendChild(el("h4", null, "Parameters"));
			card.appendChild(parametersBlock(params));
		}
		if (op.requestBody) {
			card.appendChild(el("h4", null, "Request body"));
			card.appendChild(requestBlock(op.requestBody));
		}
		card.appendChild(el("h4", null, "Responses"));
		card.appendChild(responsesBlock(op.responses || {}));
		card.appendChild(el("details", { className: "example curl" },
		    el("summary", null, "Example request"),
		    el("pre", { className: "code" }, el("code", null,
			curlExample(path, method, op)))));
		return card;
	}

	/* ---- the page ---- */

	function operationsByTag() {
		var groups = {}, order = [];

		(spec.tags || []).forEach(function (t) {
			groups[t.name] = { tag: t, ops: [] };
			order.push(t.name);
		});
		Object.keys(spec.paths).forEach(function (path) {
			var item = spec.paths[path];

			METHODS.forEach(function (m) {
				var op = item[m], tag;

				if (!op)
					return;
				tag = (op.tags && op.tags[0]) || "Other";
				if (!groups[tag]) {
					groups[tag] = { tag: { name: tag }, ops: [] };
					order.push(tag);
				}
				groups[tag].ops.push({ path: path, method: m,
				    op: op, item: item });
			});
		});
		return order.map(function (n) {
			return groups[n];
		}).filter(function (g) {
			return g.ops.length > 0;
		});
	}

	function render() {
		var root = document.getElementById("reference");
		var toc = document.getElementById("toc-endpoints");
		var groups = operationsByTag(), schemas, tocList, schemaList;
		var endpoints = el("section", { id: "endpoints" });

		document.getElementById("version").textContent =
		    " \u00b7 version " + spec.info.version;
		toc.appendChild(el("p", { className: "toc-head" },
		    el("a", { href: "#endpoints" }, "Endpoints")));
		tocList = el("ul", { className: "toc-ops" });
		toc.appendChild(tocList);
		groups.forEach(function (g) {
			var sid = "tag-" + slug(g.tag.name);
			var sec = el("section", { className: "tag", id: sid },
			    el("h2", { className: "tag-title" }, g.tag.name));
			var sub = el("ul");

			if (g.tag.description)
				sec.appendChild(rich(g.tag.description,
				    "tag-desc"));
			g.ops.forEach(function (o) {
				var card = operationCard(o.path, o.method, o.op,
				    o.item);

				sec.appendChild(card);
				sub.appendChild(el("li", null, el("a",
				    { href: "#" + card.id },
				    el("span", { className: "method small m-" +
					o.method }, o.method.toUpperCase()),
				    el("span", { className: "toc-path" }, o.path))));
			});
			tocList.appendChild(el("li", null,
			    el("a", { href: "#" + sid, className: "toc-tag" },
				g.tag.name), sub));
			endpoints.appendChild(sec);
		});

		schemas = el("section", { id: "schemas" },
		    el("h2", null, "Objects"),
		    el("p", { className: "desc" }, "The objects the endpoints " +
			"take and answer, with every field. \u201calways\u201d: " +
			"the field is in every answer (its value may still be " +
			"null where the type says so)."));
		schemaList = el("ul");
		Object.keys((spec.components || {}).schemas || {}).forEach(
		    function (name) {
			var s = spec.components.schemas[name];
			var sid = "schema-" + slug(name);
			var card = el("article", { className: "schema", id: sid },
			    el("h3", null, el("code", null, name),
				el("a", { className: "anchor", href: "#" + sid,
				    "aria-label": "Link to " + name }, "#")));

			if (s.description)
				card.appendChild(rich(s.description));
			card.appendChild(fieldTable({ $ref:
			    "#/components/schemas/" + name },
			    /Input|Create|Update|Patch|Change/.test(name) ?
			    "request" : "response", 0));
			schemas.appendChild(card);
			schemaList.appendChild(el("li", null,
			    el("a", { href: "#" + sid }, name)));
		});
		toc.appendChild(el("p", { className: "toc-head" },
		    el("a", { href: "#schemas" }, "Objects")));
		toc.appendChild(el("details", { className: "toc-schemas" },
		    el("summary", null, "All objects"), schemaList));

		root.textContent = "";
		root.appendChild(endpoints);
		root.appendChild(schemas);
		/* The fragment's target exists only now. */
		if (location.hash.length > 1) {
			var target = document.getElementById(
			    decodeURIComponent(location.hash.slice(1)));

			if (target)
				target.scrollIntoView();
		}
	}

	function fail(msg) {
		var root = document.getElementById("reference");

		root.textContent = "";
		root.appendChild(el("p", { className: "notice error" },
		    "The reference could not be drawn (" + msg + "). The " +
		    "document itself is ", el("a", { href: "openapi.json" },
		    "openapi.json"), "."));
	}

	function start() {
		var details = document.getElementById("toc-details");

		/* The contents fold away on narrow screens. */
		if (details && window.matchMedia &&
		    !window.matchMedia("(min-width: 60em)").matches)
			details.open = false;
		fetch("openapi.json", { credentials: "same-origin" })
		    .then(function (r) {
			if (!r.ok)
				throw new Error("HTTP " + r.status);
			return r.json();
		    })
		    .then(function (doc) {
			spec = doc;
			render();
		    })
		    .catch(function (e) {
			fail(e && e.message ? e.message : String(e));
		    });
	}

	if (document.readyState === "loading")
		document.addEventListener("DOMContentLoaded", start);
	else
		start();
})();
