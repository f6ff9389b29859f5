/*
 * The administrators' pages (superusers): mentees and mentors (create,
 * list, edit, link a mentor to a mentee, set passwords), calls with their
 * CDRs and feedback, messages, the webhook log and the outbox.
 */
import * as api from "./api.js";
import { el, clear, field, timeEl, statusLine, setStatus, showErrors,
    clearErrors, busy, table, pager, heading } from "./ui.js";

const fullName = (p) => [p.first_name, p.last_name].filter(Boolean).join(" ");

/* Every account of a kind, for names in other lists: id -> account. */
async function accounts(kind) {
	const page = await api.get("/mentor/" + kind + "/?page_size=1000");
	return new Map(page.results.map((a) => [a.id, a]));
}

function personLabel(map, id) {
	const p = map && map.get(id);
	if (!p)
		return id === null || id === undefined ? "—" : "#" + id;
	return p.username + (fullName(p) ? " (" + fullName(p) + ")" : "");
}

/* ---- mentees and mentors ---- */

const PERSON_FIELDS = [
	{ name: "username", label: "Username", required: true, autocomplete: "off",
	    hint: "Letters, digits and @ . + - _; used to log in." },
	{ name: "first_name", label: "First name" },
	{ name: "last_name", label: "Last name" },
	{ name: "email", label: "Email", type: "email" },
	{ name: "contact_number", label: "Phone number", required: true, type: "tel",
	    hint: "International form, e.g. +27 82 123 4567." },
	{ name: "external_id", label: "External id" },
];

const MENTOR_FIELDS = [
	{ name: "job_title", label: "Job title" },
	{ name: "job_sector", label: "Job sector" },
	{ name: "skills", label: "Skills" },
	{ name: "tags", label: "Tags" },
	{ name: "motivation", label: "Motivation", type: "textarea" },
	{ name: "inspiration", label: "Inspiration", type: "textarea" },
];

/*
 * A page that lists accounts of one kind with a form to create one or
 * edit the one picked.
 */
function accountPage(kind, title, intro) {
	const isMentor = kind === "mentor";
	return {
		title,
		async render(main) {
			this.status = statusLine();
			this.formBox = el("section", { className: "card" });
			this.listBox = el("section", { className: "card" });
			main.append(...heading(title, intro), this.status, this.formBox, this.listBox);
			await this.reload();
			this.showForm(null);
		},

		async reload() {
			const [page, mentees] = await Promise.all([
				api.get("/mentor/" + kind + "/?page_size=1000"),
				isMentor ? accounts("mentee") : null,
			]);
			this.mentees = mentees;
			this.rows = page.results;
			const cols = [
				{ label: "", cell: (a) => el("button", { type: "button",
				    text: "Edit", "aria-label": "Edit " + a.username,
				    onclick: () => this.showForm(a) }) },
				{ label: "Username", cell: (a) => a.username },
				{ label: "Name", cell: fullName },
				{ label: "Email", cell: (a) => a.email },
				{ label: "Phone", cell: (a) => a.contact_number },
			];
			if (isMentor)
				cols.push({ label: "Mentee", cell: (a) => personLabel(mentees, a.mentee) });
			const search = field({ name: "search", label: "Find", type: "search",
			    hint: "Part of a name, username, email or number." });
			const results = el("div", {});
			const draw = () => {
				const q = search.input.value.trim().toLowerCase();
				const rows = q ? page.results.filter((a) => [a.username, fullName(a),
				    a.email, a.contact_number].join(" ").toLowerCase().includes(q)) : page.results;
				clear(results).append(table(title, cols, rows,
				    q ? "No " + kind + " matches." : "No " + kind + "s yet."));
			};
			search.input.addEventListener("input", draw);
			draw();
			clear(this.listBox).append(el("h2", { text: "All " + kind + "s (" + page.count + ")" }),
			    el("div", { className: "toolbar" }, search), results);
		},

		showForm(account) {
			const editing = !!account;
			const specs = PERSON_FIELDS.slice();
			if (isMentor) {
				const opts = [["", "— choose a mentee —"]];
				for (const m of this.mentees.values())
					opts.push([String(m.id), personLabel(this.mentees, m.id)]);
				specs.push({ name: "mentee", label: "Mentee", required: true, options: opts });
			}
			specs.push({ name: "password", label: editing ? "New password" : "Password",
			    type: "password", required: !editing, autocomplete: "new-password",
			    hint: editing ? "Leave empty to keep the current password. At least 8 characters." :
				"At least 8 characters. Give it to the person by a safe way." });
			if (isMentor)
				specs.push(...MENTOR_FIELDS);
			const fields = specs.map((s) => field(Object.assign({}, s,
			    { value: account ? account[s.name] : undefined })));
			const form = el("form", { className: "grid-form", novalidate: true },
			    fields,
			    el("div", { className: "actions" },
				el("button", { type: "submit", className: "primary",
				    text: editing ? "Save changes" : "Create " + kind }),
				editing ? el("button", { type: "button", text: "Cancel editing",
				    onclick: () => this.showForm(null) }) : null));
			form.addEventListener("submit", async (ev) => {
				ev.preventDefault();
				clearErrors(form);
				const body = {};
				for (const f of fields) {
					const v = f.input.value;
					if (f.input.name === "password" && v === "" && editing)
						continue;
					body[f.input.name] = f.input.name === "mentee" ?
					    (v === "" ? null : Number(v)) : v;
				}
				try {
					const saved = await busy(form, () => editing ?
					    api.put("/mentor/" + kind + "/" + account.id, body) :
					    api.post("/mentor/" + kind + "/", body));
					setStatus(this.status, (editing ? "Saved " : "Created ") + kind +
					    " " + saved.username + ".", "ok");
					await this.reload();
					this.showForm(null);
				} catch (err) {
					showErrors(form, err);
				}
			});
			clear(this.formBox).append(
			    el("h2", { text: editing ? "Edit " + account.username : "New " + kind }), form);
			if (editing)
				fields[0].input.focus();
		},
	};
}

/* ---- calls ---- */

const calls = {
	title: "Calls",
	async render(main) {
		this.listBox = el("section", { className: "card" });
		this.detailBox = el("section", { className: "card", hidden: true, "aria-live": "polite" });
		main.append(...heading("Calls", "Every call, newest first, with the provider's details. " +
		    "Open one to see its call records (CDRs) and the mentee's feedback."),
		    this.detailBox, this.listBox);
		[this.mentors, this.mentees] = await Promise.all([accounts("mentor"), accounts("mentee")]);
		await this.load("/comms/call/?page_size=50");
	},

	async load(path) {
		const page = await api.get(path);
		clear(this.listBox).append(el("h2", { text: "Calls (" + page.count + ")" }),
		    table("Calls", [
			{ label: "Started", cell: (c) => timeEl(c.start_time) },
			{ label: "Ended", cell: (c) => c.end_time ? timeEl(c.end_time) : null },
			{ label: "Mentor", cell: (c) => personLabel(this.mentors, c.caller) },
			{ label: "Mentee", cell: (c) => personLabel(this.mentees, c.receiver) },
			{ label: "Status", cell: (c) => el("span", { className: "badge " + c.status, text: c.status }) },
			{ label: "Reason", cell: (c) => c.status_reason },
			{ label: "", cell: (c) => el("button", { type: "button", text: "Details",
			    "aria-label": "Details of call " + c.id, onclick: () => this.details(c.id) }) },
		    ], page.results, "No calls yet."),
		    pager(page, (p) => this.load(p), api.pagePath));
	},

	async details(id) {
		const box = this.detailBox;
		box.hidden = false;
		clear(box).append(el("p", { text: "Loading call " + id + "…" }));
		let c;
		try {
			c = await api.get("/admin/call/" + id);
		} catch (err) {
			clear(box).append(el("p", { className: "form-error", role: "alert",
			    text: "Call " + id + " could not be loaded: " + err.message }));
			return;
		}
		const dl = el("dl", { className: "facts" });
		const fact = (k, v) => dl.append(el("dt", { text: k }), el("dd", {}, v === null || v === "" ? "—" : v));
		fact("Mentor", personLabel(this.mentors, c.caller));
		fact("Mentee", personLabel(this.mentees, c.receiver));
		fact("Status", c.status);
		fact("Reason", c.status_reason);
		fact("Started", timeEl(c.start_time));
		fact("Ended", c.end_time ? timeEl(c.end_time) : null);
		fact("Provider's id", c.partner_id);
		fact("Provider's start", c.partner_start_time ? timeEl(c.partner_start_time) : null);
		fact("Provider's end", c.partner_end_time ? timeEl(c.partner_end_time) : null);
		fact("Conversation id", c.call_id);
		fact("Recording", /^https?:\/\//.test(c.recording_url || "") ?
		    el("a", { href: c.recording_url, rel: "noopener noreferrer", text: c.recording_url }) : null);
		const close = el("button", { type: "button", text: "Close details",
		    onclick: () => { box.hidden = true; clear(box); } });
		clear(box).append(
		    el("h2", { id: "call-detail", tabindex: "-1", text: "Call " + c.id }), dl,
		    el("h3", { text: "Call records (CDRs)" }),
		    table("Call records", [
			{ label: "Provider's id", cell: (d) => d.partner_id },
			{ label: "Started", cell: (d) => timeEl(d.start_time) },
			{ label: "Status", cell: (d) => d.status },
		    ], c.cdrs || [], "No call records."),
		    el("h3", { text: "Feedback" }),
		    table("Feedback", [
			{ label: "Received", cell: (f) => timeEl(f.received_at) },
			{ label: "Complete", cell: (f) => f.complete ? "yes" : "no" },
			{ label: "Answer 1", cell: (f) => f.question_1 },
			{ label: "Answer 2", cell: (f) => f.question_2 },
			{ label: "Answer 3", cell: (f) => f.question_3 },
			{ label: "Answer 4", cell: (f) => f.question_4 },
		    ], c.feedback || [], "No feedback."),
		    el("div", { className: "actions" }, close));
		box.querySelector("#call-detail").focus();
	},
};

/* ---- messages ---- */

const messages = {
	title: "All messages",
	async render(main) {
		this.box = el("section", { className: "card" });
		main.append(...heading("All messages", "Every SMS between mentors and mentees, newest first."),
		    this.box);
		[this.mentors, this.mentees] = await Promise.all([accounts("mentor"), accounts("mentee")]);
		await this.load("/comms/message/?page_size=50");
	},

	async load(path) {
		const page = await api.get(path);
		const who = (id) => this.mentors.has(id) ? personLabel(this.mentors, id) :
		    personLabel(this.mentees, id);
		clear(this.box).append(el("h2", { text: "Messages (" + page.count + ")" }),
		    table("Messages", [
			{ label: "Sent", cell: (m) => timeEl(m.time_sent) },
			{ label: "From", cell: (m) => [who(m.sender), el("br"),
			    el("small", { text: m.sender_contact || "" })] },
			{ label: "To", cell: (m) => [who(m.recipient), el("br"),
			    el("small", { text: m.recipient_contact || "" })] },
			{ label: "Text", cell: (m) => m.content, className: "wrap" },
			{ label: "Type", cell: (m) => m.message_type },
			{ label: "Delivery", cell: (m) => el("span", { className: "badge " + m.delivery_status,
			    text: m.delivery_status }) },
		    ], page.results, "No messages yet."),
		    pager(page, (p) => this.load(p), api.pagePath));
	},
};

/* ---- webhook log ---- */

const webhooks = {
	title: "Webhook log",
	async render(main) {
		this.box = el("section", { className: "card" });
		main.append(...heading("Webhook log",
		    "What the provider sent us, as received, newest first, and what became of it."),
		    this.box);
		await this.load("/admin/webhook/?page_size=50");
	},

	async load(path) {
		const page = await api.get(path);
		clear(this.box).append(el("h2", { text: "Webhooks (" + page.count + ")" }),
		    table("Webhooks", [
			{ label: "Received", cell: (w) => timeEl(w.received_at) },
			{ label: "Endpoint", cell: (w) => w.endpoint },
			{ label: "Outcome", cell: (w) => el("span", { className: "badge " + w.outcome, text: w.outcome }) },
			{ label: "Detail", cell: (w) => w.detail, className: "wrap" },
			{ label: "Body", cell: (w) => el("details", {}, el("summary", { text: "Show body" }),
			    el("pre", { text: w.body === null ? "(not UTF-8 text: not shown)" : w.body })) },
		    ], page.results, "No webhooks received yet."),
		    pager(page, (p) => this.load(p), api.pagePath));
	},
};

/* ---- outbox ---- */

const outbox = {
	title: "Outbox",
	async render(main) {
		/* First: the filter and Refresh render rows, which name people. */
		[this.mentors, this.mentees] = await Promise.all([accounts("mentor"), accounts("mentee")]);
		this.status = statusLine();
		const filter = field({ name: "status", label: "Show", options: [
			["", "All entries"], ["pending", "Pending"], ["dead", "Dead"], ["sent", "Sent"]] });
		this.filter = filter.input;
		filter.input.addEventListener("change", () => this.load(this.path()));
		this.box = el("section", { className: "card" });
		main.append(...heading("Outbox",
		    "SMS and push notifications waiting for delivery. The worker retries failures with back-off; " +
		    "after the last attempt an entry is dead until you retry it."),
		    el("div", { className: "toolbar" }, filter,
			el("button", { type: "button", text: "Refresh", onclick: () => this.load(this.path()) })),
		    this.status, this.box);
		await this.load(this.path());
	},

	path() {
		return "/admin/outbox/" + api.query({ status: this.filter.value, page_size: 50 });
	},

	async load(path) {
		const page = await api.get(path);
		clear(this.box).append(el("h2", { text: "Entries (" + page.count + ")" }),
		    table("Outbox", [
			{ label: "Created", cell: (o) => timeEl(o.created_at) },
			{ label: "Kind", cell: (o) => o.kind },
			{ label: "Recipient", cell: (o) => this.mentors.has(o.recipient_id) ?
			    personLabel(this.mentors, o.recipient_id) : personLabel(this.mentees, o.recipient_id) },
			{ label: "Status", cell: (o) => el("span", { className: "badge " + o.status, text: o.status }) },
			{ label: "Attempts", cell: (o) => String(o.attempts) },
			{ label: "Next attempt", cell: (o) => o.status === "pending" ? timeEl(o.next_attempt_at) : null },
			{ label: "Last error", cell: (o) => o.last_error, className: "wrap" },
			{ label: "Payload", cell: (o) => el("details", {}, el("summary", { text: "Show" }),
			    el("pre", { text: typeof o.payload === "string" ? o.payload : JSON.stringify(o.payload, null, 2) })) },
			{ label: "", cell: (o) => o.status === "dead" ? el("button", { type: "button",
			    text: "Retry", "aria-label": "Retry entry " + o.id,
			    onclick: (ev) => this.retry(o, ev.currentTarget) }) : null },
		    ], page.results, "The outbox is empty."),
		    pager(page, (p) => this.load(p), api.pagePath));
	},

	async retry(o, button) {
		button.disabled = true;
		try {
			await api.post("/admin/outbox/" + o.id + "/retry");
			setStatus(this.status, "Entry " + o.id + " is pending again: the worker will send it shortly.", "ok");
			await this.load(this.path());
		} catch (err) {
			button.disabled = false;
			setStatus(this.status, "Entry " + o.id + " could not be retried: " + err.message, "error");
		}
	},
};

export const adminPages = {
	"/admin/mentees": accountPage("mentee", "Mentees",
	    "The people being mentored. Their numbers are only shown here."),
	"/admin/mentors": accountPage("mentor", "Mentors",
	    "The volunteers, each linked to one mentee."),
	"/admin/calls": calls,
	"/admin/messages": messages,
	"/admin/webhooks": webhooks,
	"/admin/outbox": outbox,
};
