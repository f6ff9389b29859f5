/*
 * The console's shell: the session (login, restore after reload, logout),
 * the navigation, hash routes and the poll for new events that keeps the
 * mentor's pages live.  The pages themselves are in mentor.js, admin.js
 * and content.js; each is {title, render(main, ctx), onEvents?(events),
 * leave?()}.
 */
import * as api from "./api.js";
import { el, clear, field, statusLine, setStatus, showErrors, clearErrors, busy } from "./ui.js";
import { mentorPages } from "./mentor.js";
import { adminPages } from "./admin.js";
import { contentPages } from "./content.js";
import { passwordPage } from "./account.js";
import { showForgot } from "./reset.js";

/* How often the mentor's pages ask for new events, in milliseconds. */
const POLL_MS = 3000;

const state = {
	user: null,		/* the /auth/session body, without csrf_token */
	page: null,		/* the page shown */
	lastEventId: 0,		/* the newest event seen */
	pollTimer: null,
	polling: false,
	pollFailed: false,
};

const $ = (id) => document.getElementById(id);

function isMentor() {
	return state.user && state.user.role === "mentor";
}

function isAdmin() {
	return state.user && state.user.is_superuser;
}

/*
 * The routes this user may open, in menu order.  The password page is
 * everybody's and is reached from the top bar, not the menu.
 */
function routes() {
	const r = [];
	if (isMentor())
		for (const [hash, p] of Object.entries(mentorPages))
			r.push({ hash, page: p, group: "Mentor" });
	if (isAdmin())
		for (const [hash, p] of Object.entries(adminPages))
			r.push({ hash, page: p, group: "Admin" });
	if (isAdmin())
		for (const [hash, p] of Object.entries(contentPages))
			r.push({ hash, page: p, group: "Content" });
	r.push({ hash: "/password", page: passwordPage, group: "Account", inTopbar: true });
	return r;
}

/* ---- login and logout ---- */

function showLogin(message) {
	stopPolling();
	leavePage();
	state.user = null;
	api.setCsrfToken(null);
	document.body.classList.remove("signed-in");
	$("topbar-user").hidden = true;
	clear($("nav"));
	const main = clear($("main"));
	const user = field({ name: "username", label: "Username or email",
	    required: true, autocomplete: "username" });
	const pass = field({ name: "password", label: "Password", type: "password",
	    required: true, autocomplete: "current-password" });
	const status = statusLine();
	const forgot = el("button", { type: "button", className: "link",
	    text: "Forgot your password?" });
	forgot.addEventListener("click", () => showForgot(main, showLogin));
	const form = el("form", { className: "card login", novalidate: true },
	    el("h1", { id: "page-title", tabindex: "-1", text: "Log in" }),
	    el("p", { className: "lead", text: "The Mentoring Tool console for mentors and administrators." }),
	    user, pass,
	    el("div", { className: "actions" },
		el("button", { type: "submit", className: "primary", text: "Log in" }),
		forgot),
	    status);
	if (message)
		setStatus(status, message, "info");
	form.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		clearErrors(form);
		const body = { username: user.input.value.trim(), password: pass.input.value };
		const missing = {};
		if (!body.username)
			missing.username = ["This field is required."];
		if (!body.password)
			missing.password = ["This field is required."];
		if (Object.keys(missing).length) {
			showErrors(form, new api.ApiError(400, missing));
			return;
		}
		setStatus(status, "Logging in…");
		try {
			const me = await busy(form, () => api.post("/auth/login", body));
			setStatus(status, "");
			signedIn(me);
		} catch (err) {
			setStatus(status, "");
			pass.input.value = "";
			showErrors(form, err);
		}
	});
	main.appendChild(form);
	user.input.focus();
}

async function logout() {
	try {
		await api.post("/auth/logout");
	} catch (err) {
		/* The session is gone either way (401) or the server is away. */
		if (err.status !== 401) {
			setStatus($("global-status"), "Logging out failed: " + err.message, "error");
			return;
		}
	}
	if (location.hash)
		history.replaceState(null, "", location.pathname);
	showLogin("You have logged out.");
}

async function signedIn(me) {
	api.setCsrfToken(me.csrf_token);
	state.user = Object.assign({}, me);
	delete state.user.csrf_token;
	document.body.classList.add("signed-in");
	const who = [me.first_name, me.last_name].filter(Boolean).join(" ") || me.username;
	$("user-name").textContent = who;
	$("user-role").textContent = me.is_superuser ? "administrator" : me.role;
	$("topbar-user").hidden = false;
	drawNav();
	if (isMentor())
		await startPolling();
	route();
}

function drawNav() {
	const nav = clear($("nav"));
	const list = el("ul", {});
	let group = null;
	const menu = routes().filter((x) => !x.inTopbar);
	/* Group names only when there is more than one group to tell apart. */
	const grouped = new Set(menu.map((x) => x.group)).size > 1;
	for (const r of menu) {
		if (r.group !== group && grouped)
			list.appendChild(el("li", { className: "nav-group", text: r.group }));
		group = r.group;
		list.appendChild(el("li", {}, el("a", { href: "#" + r.hash, "data-route": r.hash,
		    text: r.page.title })));
	}
	nav.appendChild(list);
}

/* ---- routes ---- */

function leavePage() {
	if (state.page && state.page.leave)
		state.page.leave();
	state.page = null;
}

function route() {
	if (!state.user)
		return;
	const all = routes();
	const main = clear($("main"));
	setStatus($("global-status"), "");
	leavePage();
	const hash = location.hash.replace(/^#/, "");
	const r = all.find((x) => x.hash === hash);
	const home = all.find((x) => !x.inTopbar);
	if (!r && !home) {
		main.appendChild(el("section", { className: "card" },
		    el("h1", { id: "page-title", tabindex: "-1", text: "Nothing to show" }),
		    el("p", {}, "This console is for mentors and administrators; your account (" +
			state.user.role + ") has no pages here, except ",
			el("a", { href: "#/password", text: "changing your password" }), ".")));
		return;
	}
	if (!r) {
		location.replace("#" + home.hash);
		return;
	}
	for (const a of document.querySelectorAll("#nav a, #topbar-user a"))
		if (a.dataset.route === hash)
			a.setAttribute("aria-current", "page");
		else
			a.removeAttribute("aria-current");
	document.title = r.page.title + " · Mentoring Tool";
	state.page = r.page;
	const ctx = { user: state.user, api, isCurrent: (p) => state.page === p };
	Promise.resolve(r.page.render(main, ctx)).catch((err) => {
		if (state.page === r.page && err.status !== 401)
			main.appendChild(el("p", { className: "form-error", role: "alert",
			    text: "This page could not be loaded: " + err.message }));
	});
	/* After a menu choice or logging in, start reading at the title. */
	const h = document.getElementById("page-title");
	const a = document.activeElement;
	if (h && (!a || a === document.body || (a.closest && a.closest("#nav, #topbar-user"))))
		h.focus();
}

/* ---- live updates ---- */

async function startPolling() {
	stopPolling();
	state.lastEventId = 0;
	try {
		const list = await api.get("/mentor/event/?page_size=1");
		if (list.results.length)
			state.lastEventId = list.results[0].id;
	} catch (err) {
		/* The first poll tries again. */
	}
	schedulePoll();
}

function stopPolling() {
	clearTimeout(state.pollTimer);
	state.pollTimer = null;
}

function schedulePoll() {
	clearTimeout(state.pollTimer);
	state.pollTimer = setTimeout(poll, POLL_MS);
}

/*
 * One "events since" query; new events go to the page shown, which
 * refreshes what they concern.  Paused while the tab is hidden.
 */
async function poll() {
	if (!isMentor() || state.polling)
		return;
	if (document.hidden) {
		schedulePoll();
		return;
	}
	state.polling = true;
	try {
		const list = await api.get("/mentor/event/" +
		    api.query({ since_id: state.lastEventId || null, page_size: 100 }));
		const fresh = list.results.filter((e) => e.id > state.lastEventId);
		if (state.pollFailed) {
			state.pollFailed = false;
			setStatus($("live-status"), "");
		}
		if (fresh.length) {
			state.lastEventId = Math.max(...fresh.map((e) => e.id));
			if (state.page && state.page.onEvents)
				state.page.onEvents(fresh);
		}
	} catch (err) {
		if (err.status === 401)
			return;
		state.pollFailed = true;
		setStatus($("live-status"), "Live updates paused: " + err.message + " Retrying…", "error");
	} finally {
		state.polling = false;
	}
	if (state.user)
		schedulePoll();
}

document.addEventListener("visibilitychange", () => {
	if (!document.hidden && isMentor())
		poll();
});

/* ---- start ---- */

api.setUnauthorizedHandler(() => {
	if (state.user)
		showLogin("Your session has ended. Please log in again.");
});

window.addEventListener("hashchange", route);
$("logout").addEventListener("click", logout);

/* A session cookie from before a reload is still good: carry on. */
(async function start() {
	let me;
	try {
		me = await api.get("/auth/session");
	} catch (err) {
		showLogin(err.status === 401 ? null : err.message);
		return;
	}
	signedIn(me);
})();
