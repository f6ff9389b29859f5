/*
 * Small DOM helpers shared by the pages.  Text from the server is only
 * ever inserted as text (textContent), never as HTML.
 */

/* el("p", {className: "x", text: "hi"}, child, ...) */
export function el(tag, attrs, ...children) {
	const e = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k === "className")
			e.className = v;
		else if (k === "text")
			e.textContent = v;
		else if (k.startsWith("on") && typeof v === "function")
			e.addEventListener(k.slice(2), v);
		else if (v === true)
			e.setAttribute(k, "");
		else
			e.setAttribute(k, v);
	}
	for (const c of children.flat()) {
		if (c === undefined || c === null || c === false)
			continue;
		e.appendChild(typeof c === "string" || typeof c === "number" ?
		    document.createTextNode(String(c)) : c);
	}
	return e;
}

export function clear(node) {
	while (node.firstChild)
		node.removeChild(node.firstChild);
	return node;
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
	dateStyle: "medium", timeStyle: "short",
});

/* An API time (ISO 8601 UTC) in the browser's time zone, or "—". */
export function formatTime(iso) {
	if (!iso)
		return "—";
	const d = new Date(iso);
	return isNaN(d) ? iso : timeFormat.format(d);
}

/* A <time> element showing iso in local time. */
export function timeEl(iso) {
	return el("time", { datetime: iso || undefined, text: formatTime(iso) });
}

/* The browser's time zone name, for labels ("Africa/Johannesburg"). */
export function timeZoneName() {
	try {
		return Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";
	} catch (e) {
		return "local time";
	}
}

/* A Date as the value of an <input type=datetime-local> (local time). */
export function toLocalInput(date) {
	const p = (n) => String(n).padStart(2, "0");
	return date.getFullYear() + "-" + p(date.getMonth() + 1) + "-" +
	    p(date.getDate()) + "T" + p(date.getHours()) + ":" + p(date.getMinutes());
}

/* The value of a datetime-local input as ISO 8601 UTC, or null. */
export function fromLocalInput(value) {
	if (!value)
		return null;
	const d = new Date(value);	/* no offset: read as local time */
	return isNaN(d) ? null : d.toISOString();
}

let fieldSeq = 0;

/*
 * A labelled form field.  spec: {name, label, type, required, value,
 * hint, options: [[value, text]...], rows, maxlength, autocomplete}.
 * Returns the wrapper; its input is wrapper.input.
 */
export function field(spec) {
	const id = "f" + (++fieldSeq) + "-" + spec.name;
	let input;
	if (spec.options) {
		input = el("select", { id, name: spec.name, required: spec.required });
		for (const [v, t] of spec.options)
			input.appendChild(el("option", { value: v, text: t }));
		if (spec.value !== undefined && spec.value !== null)
			input.value = String(spec.value);
	} else if (spec.type === "textarea") {
		input = el("textarea", {
			id, name: spec.name, required: spec.required,
			rows: spec.rows || 3, maxlength: spec.maxlength,
		});
		input.value = spec.value || "";
	} else {
		input = el("input", {
			id, name: spec.name, type: spec.type || "text",
			required: spec.required, autocomplete: spec.autocomplete || "off",
			maxlength: spec.maxlength, min: spec.min,
		});
		if (spec.value !== undefined && spec.value !== null)
			input.value = String(spec.value);
	}
	const errId = id + "-err";
	const hintId = spec.hint ? id + "-hint" : null;
	input.setAttribute("aria-describedby", [hintId, errId].filter(Boolean).join(" "));
	const wrap = el("div", { className: "field" },
	    el("label", { for: id }, spec.label, spec.required ?
		el("span", { className: "required", "aria-hidden": "true", title: "required", text: " *" }) : null),
	    spec.hint ? el("p", { className: "hint", id: hintId, text: spec.hint }) : null,
	    input,
	    el("p", { className: "field-error", id: errId, "data-error-for": spec.name }));
	wrap.input = input;
	return wrap;
}

/* A status line read out by screen readers: setStatus(node, text, kind). */
export function statusLine(extraClass) {
	return el("p", { className: "status " + (extraClass || ""), role: "status",
	    "aria-live": "polite" });
}

export function setStatus(node, text, kind) {
	node.textContent = text || "";
	node.dataset.kind = kind || "";
}

/* Removes the error messages shown by showErrors(). */
export function clearErrors(form) {
	for (const p of form.querySelectorAll(".field-error"))
		p.textContent = "";
	for (const i of form.querySelectorAll("[aria-invalid]"))
		i.removeAttribute("aria-invalid");
	const box = form.querySelector(".form-error");
	if (box) {
		box.textContent = "";
		box.hidden = true;
	}
}

/*
 * Shows an ApiError on form: field errors under their inputs, the rest
 * (detail, non_field_errors, fields the form does not have) in the
 * form's alert box.  Focuses the first invalid input.
 */
export function showErrors(form, err) {
	clearErrors(form);
	const body = err && err.body;
	const general = [];
	let first = null;
	if (body && typeof body === "object" && typeof body.detail !== "string") {
		for (const [name, msgs] of Object.entries(body)) {
			const text = Array.isArray(msgs) ? msgs.join(" ") : String(msgs);
			const p = form.querySelector('[data-error-for="' + CSS.escape(name) + '"]');
			const input = form.elements.namedItem(name);
			if (p && input) {
				p.textContent = text;
				input.setAttribute("aria-invalid", "true");
				first = first || input;
			} else {
				general.push((name === "non_field_errors" ? "" : name + ": ") + text);
			}
		}
		if (general.length === 0 && !first)
			general.push(err.message);
	} else {
		general.push(err ? err.message : "Something went wrong.");
	}
	let box = form.querySelector(".form-error");
	if (!box) {
		box = el("div", { className: "form-error", role: "alert" });
		form.prepend(box);
	}
	if (general.length) {
		box.textContent = general.join(" ");
		box.hidden = false;
	}
	if (first)
		first.focus();
	else if (general.length) {
		box.setAttribute("tabindex", "-1");
		box.focus();
	}
}

/*
 * A table.  columns: [{label, cell: (row) => node|string, className}].
 * An empty list shows emptyText instead.
 */
export function table(caption, columns, rows, emptyText) {
	if (!rows.length)
		return el("p", { className: "empty", text: emptyText || "Nothing yet." });
	return el("div", { className: "table-wrap" },
	    el("table", {},
		el("caption", { text: caption }),
		el("thead", {}, el("tr", {}, columns.map((c) =>
		    el("th", { scope: "col", text: c.label })))),
		el("tbody", {}, rows.map((r) => el("tr", { "data-id": r.id },
		    columns.map((c) => {
			    const v = c.cell(r);
			    return el("td", { className: c.className, "data-label": c.label },
				v === null || v === undefined || v === "" ? "—" : v);
		    }))))));
}

/*
 * A page's title (the h1 that takes the focus when the page opens) and
 * its introduction, to spread into main.append().
 */
export function heading(title, intro) {
	return [
		el("h1", { id: "page-title", tabindex: "-1", text: title }),
		intro ? el("p", { className: "lead", text: intro }) : null,
	];
}

/*
 * Replaces box's content with a list of items drawn by item(), or with
 * emptyText when there are none.
 */
export function list(box, className, items, item, emptyText) {
	clear(box);
	box.appendChild(items.length ?
	    el("ul", { className: "plain-list " + className }, items.map(item)) :
	    el("p", { className: "empty", text: emptyText }));
}

/* Previous/next page buttons for a DRF list; go(path) loads a page. */
export function pager(list, go, pathOf) {
	if (!list.next && !list.previous)
		return document.createDocumentFragment();
	return el("nav", { className: "pager", "aria-label": "Pages" },
	    el("button", { type: "button", disabled: !list.previous,
		onclick: () => go(pathOf(list.previous)), text: "Previous page" }),
	    el("span", { text: list.count + " in all" }),
	    el("button", { type: "button", disabled: !list.next,
		onclick: () => go(pathOf(list.next)), text: "Next page" }));
}

/* Disables a form's controls while fn runs. */
export async function busy(form, fn) {
	const controls = form.querySelectorAll("button, input, select, textarea");
	const was = [...controls].map((c) => c.disabled);
	controls.forEach((c) => { c.disabled = true; });
	form.setAttribute("aria-busy", "true");
	try {
		return await fn();
	} finally {
		controls.forEach((c, i) => { c.disabled = was[i]; });
		form.removeAttribute("aria-busy");
	}
}
