/*
 * The mentor's pages: messages, call, event log, schedule and to-do list.
 * They read and change only the mentor's own objects through the Mentor
 * API, which never shows a phone number.  New events from the poll in
 * app.js arrive in onEvents(), and each page refreshes what they concern.
 */
import * as api from "./api.js";
import { el, clear, field, timeEl, formatTime, timeZoneName, toLocalInput,
    fromLocalInput, statusLine, setStatus, showErrors, clearErrors, busy,
    pager, list, heading } from "./ui.js";

const EVENT_LABELS = {
	start_call: "Call started",
	call_failed: "Call failed",
	call_ended: "Call ended",
	call_timed_out: "Call timed out",
	feedback_task: "Feedback task",
	message_sent: "Message sent",
	receive_message: "Message received",
	call_scheduled: "Call scheduled",
	call_rescheduled: "Call rescheduled",
	call_cancelled: "Call cancelled",
};

const has = (events, types) => events.some((e) => types.includes(e.event_type));

/* ---- messages ---- */

const messages = {
	title: "Messages",
	shown: new Map(),	/* id -> message */
	list: null,
	timer: null,

	async render(main) {
		this.shown = new Map();
		this.list = el("ol", { className: "conversation", role: "log",
		    "aria-live": "polite", "aria-label": "Conversation with your mentee" });
		const text = field({ name: "content", label: "Message to your mentee",
		    type: "textarea", rows: 3, maxlength: 1600, required: true,
		    hint: "Sent as an SMS. Ctrl+Enter sends." });
		const status = statusLine();
		const form = el("form", { className: "composer", novalidate: true },
		    text,
		    el("div", { className: "actions" },
			el("button", { type: "submit", className: "primary", text: "Send" }),
			status));
		text.input.addEventListener("keydown", (ev) => {
			if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey))
				form.requestSubmit();
		});
		form.addEventListener("submit", async (ev) => {
			ev.preventDefault();
			clearErrors(form);
			const content = text.input.value;
			if (!content.trim()) {
				showErrors(form, new api.ApiError(400, { content: ["Write a message first."] }));
				return;
			}
			setStatus(status, "Sending…");
			try {
				const m = await busy(form, () => api.post("/mentor/message/", { content }));
				text.input.value = "";
				this.add([m]);
				setStatus(status, "Sent to your mentee.", "ok");
				this.watchQueued();
			} catch (err) {
				setStatus(status, "");
				showErrors(form, err);
			}
			text.input.focus();
		});
		main.append(...heading("Messages",
		    "Your conversation with your mentee, newest at the bottom. " +
		    "Messages go out as SMS; neither of you sees the other's number."),
		    el("section", { className: "card chat" }, this.list, form));
		const page = await api.get("/mentor/message/?page_size=100");
		this.add(page.results);
		if (this.shown.size === 0)
			this.list.appendChild(el("li", { className: "empty", text: "No messages yet. Say hello!" }));
		this.watchQueued();
	},

	/* Adds messages not shown yet (any order) or updates shown ones. */
	add(messages) {
		const empty = this.list.querySelector(".empty");
		if (empty && messages.length)
			empty.remove();
		for (const m of [...messages].sort((a, b) => a.id - b.id)) {
			const old = this.list.querySelector('[data-id="' + m.id + '"]');
			const node = this.item(m);
			if (old)
				old.replaceWith(node);
			else
				this.list.appendChild(node);
			this.shown.set(m.id, m);
		}
		this.list.scrollTop = this.list.scrollHeight;
	},

	item(m) {
		const out = m.direction === "outbound";
		const who = m.message_type === "system" ? "Automatic message" :
		    out ? "You" : "Your mentee";
		const meta = [who, " · ", timeEl(m.time_sent)];
		if (out)
			meta.push(" · ", el("span", { className: "delivery " + m.delivery_status,
			    text: m.delivery_status }));
		return el("li", { className: "msg " + (out ? "out" : "in") +
		    (m.message_type === "system" ? " system" : ""), "data-id": m.id },
		    el("p", { className: "msg-text", text: m.content }),
		    el("p", { className: "msg-meta" }, meta));
	},

	lastId() {
		return this.shown.size ? Math.max(...this.shown.keys()) : 0;
	},

	async fetchNew() {
		const page = await api.get("/mentor/message/" +
		    api.query({ since_id: this.lastId() || null, page_size: 100 }));
		this.add(page.results.filter((m) => !this.shown.has(m.id)));
	},

	/* While an SMS is still queued, look again until it is sent or failed. */
	watchQueued() {
		clearTimeout(this.timer);
		const queued = [...this.shown.values()].filter((m) => m.delivery_status === "queued");
		if (!queued.length)
			return;
		this.timer = setTimeout(async () => {
			try {
				for (const m of queued)
					this.add([await api.get("/mentor/message/" + m.id)]);
			} catch (err) {
				/* Try again on the next round. */
			}
			this.watchQueued();
		}, 3000);
	},

	onEvents(events) {
		if (has(events, ["receive_message", "message_sent", "call_scheduled",
		    "call_rescheduled", "call_cancelled"]))
			this.fetchNew().catch(() => {});
	},

	leave() {
		clearTimeout(this.timer);
	},
};

/* ---- call ---- */

/* What a call's fields mean to the mentor: [state, words]. */
function callState(c, reason) {
	if (!c)
		return ["idle", "No call yet."];
	if (c.status === "inactive")
		return ["failed", "Failed" + (reason ? ": " + reason : ".")];
	if (c.status === "successful")
		return ["ended", "Ended."];
	if (c.status === "inprogress" && !c.end_time)
		return ["inprogress", "In progress since " + formatTime(c.start_time) + "."];
	if (c.status === "inprogress")
		return ["ended", "Ended at " + formatTime(c.end_time) + "."];
	return [c.status, c.status];
}

const call = {
	title: "Call",
	current: null,
	reason: "",
	nodes: null,

	async render(main) {
		const state = el("p", { className: "call-state", id: "call-state", role: "status",
		    "aria-live": "polite" });
		const start = el("button", { type: "button", className: "primary big",
		    text: "Call my mentee" });
		const stop = el("button", { type: "button", className: "danger big",
		    text: "End call" });
		const error = el("p", { className: "form-error", role: "alert", hidden: true });
		const recent = el("div", {});
		this.nodes = { state, start, stop, error, recent };
		start.addEventListener("click", () => this.start());
		stop.addEventListener("click", () => this.stop());
		main.append(...heading("Call",
		    "The provider rings your phone first, then connects you to your " +
		    "mentee. Neither of you sees the other's number."),
		    el("section", { className: "card call-panel", "aria-labelledby": "call-state-label" },
			el("h2", { id: "call-state-label", text: "Current call" }),
			state, error,
			el("div", { className: "actions" }, start, stop)),
		    el("section", { className: "card" },
			el("h2", { text: "Recent calls" }), recent));
		await this.reload();
	},

	draw() {
		const [kind, words] = callState(this.current, this.reason);
		const n = this.nodes;
		n.state.textContent = words;
		n.state.dataset.state = kind;
		const live = kind === "inprogress" || kind === "connecting";
		n.start.disabled = live;
		n.stop.disabled = kind !== "inprogress";
		n.stop.hidden = kind !== "inprogress";
	},

	async reload() {
		const list = await api.get("/mentor/call/?page_size=10");
		this.current = list.results[0] || null;
		this.reason = "";
		if (this.current && this.current.status === "inactive")
			this.reason = await this.failureReason(this.current.id);
		this.draw();
		this.drawRecent(list.results);
	},

	/* The provider's reason is the description of the call's failure event. */
	async failureReason(id) {
		try {
			const ev = await api.get("/mentor/event/?page_size=100");
			const e = ev.results.find((x) => x.object_id === id &&
			    (x.event_type === "call_failed" || x.event_type === "call_timed_out"));
			return e ? e.description : "";
		} catch (err) {
			return "";
		}
	},

	drawRecent(calls) {
		list(this.nodes.recent, "", calls, (c) =>
		    el("li", { "data-id": c.id },
			el("strong", {}, timeEl(c.start_time)), " — ",
			el("span", { className: "badge " + callState(c)[0], text: callState(c)[0] }),
			c.end_time ? [" until ", timeEl(c.end_time)] : null), "No calls yet.");
	},

	async start() {
		const n = this.nodes;
		n.error.hidden = true;
		n.state.textContent = "Connecting…";
		n.state.dataset.state = "connecting";
		n.start.disabled = true;
		try {
			this.current = await api.post("/mentor/call/");
			this.reason = "";
		} catch (err) {
			if (err.body && err.body.call) {
				/* 503: the provider refused; the call is recorded as failed. */
				this.current = err.body.call;
				this.reason = err.body.detail || "";
			} else {
				n.error.textContent = "The call could not be started: " + err.message;
				n.error.hidden = false;
			}
		}
		this.draw();
		this.reload().catch(() => {});
		if (!n.stop.hidden)
			n.stop.focus();
	},

	async stop() {
		const n = this.nodes;
		if (!this.current)
			return;
		n.error.hidden = true;
		n.stop.disabled = true;
		try {
			this.current = await api.patch("/mentor/call/" + this.current.id);
		} catch (err) {
			n.error.textContent = "The call could not be ended: " + err.message;
			n.error.hidden = false;
		}
		this.draw();
		this.reload().catch(() => {});
		n.start.focus();
	},

	onEvents(events) {
		if (has(events, ["start_call", "call_failed", "call_ended", "call_timed_out"]))
			this.reload().catch(() => {});
	},
};

/* ---- event log ---- */

const events = {
	title: "Event log",
	list: null,

	async render(main, ctx) {
		this.list = el("ol", { className: "events", "aria-live": "polite",
		    "aria-label": "Events, newest first" });
		this.pagerBox = el("div", {});
		main.append(...heading("Event log",
		    "What happened, newest first. New events appear by themselves."),
		    el("section", { className: "card" }, this.list, this.pagerBox));
		await this.load("/mentor/event/?page_size=50");
	},

	async load(path) {
		const page = await api.get(path);
		clear(this.list);
		this.add(page.results, false);
		if (!page.results.length)
			this.list.appendChild(el("li", { className: "empty", text: "No events yet." }));
		clear(this.pagerBox).append(pager(page, (p) => this.load(p), api.pagePath));
		this.first = !page.previous;
	},

	item(e) {
		return el("li", { className: "event " + e.event_type, "data-id": e.id },
		    el("span", { className: "event-type", text: EVENT_LABELS[e.event_type] || e.event_type }),
		    el("span", { className: "event-desc", text: e.description }),
		    timeEl(e.occured_at));
	},

	add(list, atTop) {
		for (const e of atTop ? [...list].reverse() : list) {
			if (this.list.querySelector('[data-id="' + e.id + '"]'))
				continue;
			const node = this.item(e);
			if (atTop)
				this.list.prepend(node);
			else
				this.list.appendChild(node);
		}
	},

	onEvents(fresh) {
		if (!this.first)
			return;
		const empty = this.list.querySelector(".empty");
		if (empty)
			empty.remove();
		/* fresh is newest first, like the list. */
		this.add(fresh, true);
	},
};

/* ---- schedule ---- */

/*
 * A form around a date-and-time field "call_time": on submit the chosen
 * local time, as UTC ISO 8601, goes to send(iso) with the form disabled;
 * an empty time is refused on the page, an API error shown on the form.
 */
function callTimeForm(when, buttons, send) {
	const form = el("form", { className: "inline-form", novalidate: true },
	    when, el("div", { className: "actions" }, buttons));
	form.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		clearErrors(form);
		const iso = fromLocalInput(when.input.value);
		if (!iso) {
			showErrors(form, new api.ApiError(400, { call_time: ["Choose a date and time."] }));
			return;
		}
		try {
			await busy(form, () => send(iso));
		} catch (err) {
			showErrors(form, err);
		}
	});
	return form;
}

const schedule = {
	title: "Schedule",
	box: null,
	status: null,

	async render(main) {
		const tz = timeZoneName();
		const when = field({ name: "call_time", label: "Date and time", type: "datetime-local",
		    required: true, hint: "In your time zone (" + tz + "). Your mentee gets an SMS with the time.",
		    min: toLocalInput(new Date()) });
		this.status = statusLine();
		const form = callTimeForm(when,
		    [el("button", { type: "submit", className: "primary", text: "Schedule call" })],
		    async (iso) => {
			const sc = await api.post("/mentor/schedule/", { call_time: iso });
			when.input.value = "";
			setStatus(this.status, "Call scheduled for " + formatTime(sc.call_time) +
			    ". Your mentee will be told by SMS.", "ok");
			await this.reload();
		    });
		this.box = el("div", {});
		main.append(...heading("Schedule",
		    "Plan calls with your mentee. Times are shown in your time zone (" + tz + ")."),
		    el("section", { className: "card" },
			el("h2", { text: "Schedule a call" }), form),
		    this.status,
		    el("section", { className: "card" },
			el("h2", { text: "Scheduled calls" }), this.box));
		await this.reload();
	},

	async reload() {
		const page = await api.get("/mentor/schedule/?page_size=100");
		list(this.box, "schedule", page.results, (sc) => this.item(sc),
		    "No calls scheduled.");
	},

	item(sc) {
		const li = el("li", { "data-id": sc.id });
		const when = formatTime(sc.call_time);
		const edit = el("button", { type: "button", text: "Reschedule",
		    "aria-label": "Reschedule the call on " + when, "aria-expanded": "false" });
		const cancel = el("button", { type: "button", className: "danger", text: "Cancel",
		    "aria-label": "Cancel the call on " + when });
		const slot = el("div", {});
		edit.addEventListener("click", () => {
			if (slot.firstChild) {
				clear(slot);
				edit.setAttribute("aria-expanded", "false");
				return;
			}
			edit.setAttribute("aria-expanded", "true");
			slot.appendChild(this.rescheduleForm(sc, () => {
				clear(slot);
				edit.setAttribute("aria-expanded", "false");
				edit.focus();
			}));
			slot.querySelector("input").focus();
		});
		cancel.addEventListener("click", async () => {
			if (!window.confirm("Cancel the call on " + when + "? Your mentee will be told by SMS."))
				return;
			cancel.disabled = true;
			try {
				await api.del("/mentor/schedule/" + sc.id);
				setStatus(this.status, "The call on " + when +
				    " is cancelled. Your mentee will be told by SMS.", "ok");
				await this.reload();
			} catch (err) {
				cancel.disabled = false;
				setStatus(this.status, "The call could not be cancelled: " + err.message, "error");
			}
		});
		li.append(el("div", { className: "row" },
		    el("strong", {}, timeEl(sc.call_time)),
		    el("span", { className: "actions" }, edit, cancel)), slot);
		return li;
	},

	rescheduleForm(sc, close) {
		const when = field({ name: "call_time", label: "New date and time", type: "datetime-local",
		    required: true, value: toLocalInput(new Date(sc.call_time)),
		    min: toLocalInput(new Date()) });
		return callTimeForm(when, [
			el("button", { type: "submit", className: "primary", text: "Save new time" }),
			el("button", { type: "button", text: "Close", onclick: close }),
		    ], async (iso) => {
			const upd = await api.patch("/mentor/schedule/" + sc.id, { call_time: iso });
			setStatus(this.status, "Call moved to " + formatTime(upd.call_time) +
			    ". Your mentee will be told by SMS.", "ok");
			await this.reload();
		    });
	},

	onEvents(fresh) {
		if (has(fresh, ["call_scheduled", "call_rescheduled", "call_cancelled"]))
			this.reload().catch(() => {});
	},
};

/* ---- to-do list ---- */

const TASK_STATUSES = [["pending", "To do"], ["in-progress", "In progress"], ["done", "Done"]];

const tasks = {
	title: "To-do list",
	box: null,

	async render(main) {
		this.box = el("div", {});
		this.status = statusLine();
		main.append(...heading("To-do list",
		    "Your tasks, such as the feedback after each call. Change a task's status as you go."),
		    this.status,
		    el("section", { className: "card" }, this.box));
		await this.reload();
	},

	async reload() {
		const page = await api.get("/mentor/task/?page_size=100");
		list(this.box, "tasks", page.results, (t) => this.item(t), "Nothing to do.");
	},

	item(t) {
		const sel = field({ name: "status", label: "Status", options: TASK_STATUSES,
		    value: t.status });
		sel.input.setAttribute("aria-label", "Status of: " + t.description);
		const li = el("li", { "data-id": t.id, className: "task " + t.status },
		    el("div", { className: "task-text" },
			el("p", { className: "task-desc", text: t.description }),
			t.due_date ? el("p", { className: "hint" }, "Due ", timeEl(t.due_date)) : null,
			/^https?:\/\//.test(t.link || "") ?
			    el("p", {}, el("a", { href: t.link, rel: "noopener noreferrer", text: t.link })) :
			    null),
		    sel);
		sel.input.addEventListener("change", async () => {
			const want = sel.input.value;
			sel.input.disabled = true;
			try {
				const upd = await api.patch("/mentor/task/" + t.id, { status: want });
				t.status = upd.status;
				li.className = "task " + upd.status;
				setStatus(this.status, "“" + t.description + "” is now " +
				    TASK_STATUSES.find((s) => s[0] === upd.status)[1].toLowerCase() + ".", "ok");
			} catch (err) {
				sel.input.value = t.status;
				setStatus(this.status, "The task could not be changed: " + err.message, "error");
			} finally {
				sel.input.disabled = false;
				sel.input.focus();
			}
		});
		return li;
	},

	onEvents(fresh) {
		if (has(fresh, ["feedback_task"]))
			this.reload().catch(() => {});
	},
};

export const mentorPages = {
	"/messages": messages,
	"/call": call,
	"/events": events,
	"/schedule": schedule,
	"/tasks": tasks,
};
