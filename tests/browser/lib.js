/*
 * What the browser tests share: the stack's settings from the environment
 * that `./dev.sh test` exports, Debian's Chromium through playwright-core,
 * the admin API over HTTPS with Basic Auth, the stack's database and
 * mentorshipctl, and waiting with a deadline (never a bare sleep).
 */
"use strict";

const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const https = require("node:https");
const path = require("node:path");
const { before, after } = require("node:test");
const { chromium } = require("playwright-core");

function env(name) {
	const v = process.env[name];
	if (!v)
		throw new Error(`${name} is not set: run the tests through ./dev.sh test`);
	return v;
}

const BASE = env("MT_BASE_URL");
const CONSOLE = BASE + "/console/";
const ARTIFACTS = process.env.MT_ARTIFACTS || path.join(__dirname, "artifacts");
/* Long enough for a loaded two-core machine and the worker's delivery. */
const SLOW = 20000;

/* ---- the browser ---- */

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
	"--no-first-run", "--disable-background-networking", "--disable-component-update",
	"--disable-sync"];

let browser = null;

/*
 * One browser for the test file that calls this at its top: launched
 * before its first test, closed after its last.  newPage() opens on it.
 */
function useBrowser() {
	before(async () => {
		browser = await chromium.launch({
			executablePath: process.env.MT_CHROMIUM || "/usr/bin/chromium",
			args: CHROMIUM_ARGS,
			timeout: 60000,
		});
	});
	after(async () => {
		await browser.close();
	});
}

/* The page's title: every console page has exactly one h1. */
const h1 = (page, name) => page.getByRole("heading", { name, level: 1 });

/*
 * A fresh context (its own cookies) and page.  The stack's certificate is
 * self-signed.  Asia/Kolkata (UTC+05:30, no summer time) makes the local
 * time conversions checkable.  Any Basic Auth dialog or page error fails
 * the test that calls assertClean().
 */
async function newPage(opts) {
	const context = await browser.newContext(Object.assign({
		ignoreHTTPSErrors: true,
		viewport: { width: 1280, height: 800 },
		timezoneId: "Asia/Kolkata",
		locale: "en-GB",
	}, opts || {}));
	context.setDefaultTimeout(SLOW);
	const page = await context.newPage();
	page.problems = [];
	page.on("pageerror", (e) => page.problems.push("page error: " + e.message));
	page.on("console", (m) => {
		if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of [45]\d\d/.test(m.text()))
			page.problems.push("console error: " + m.text());
	});
	page.on("response", (r) => {
		const h = r.headers()["www-authenticate"];
		if (h && /basic/i.test(h))
			page.problems.push("WWW-Authenticate: Basic on " + r.url());
	});
	return page;
}

/* No script errors, no Basic Auth challenge, live updates not failing. */
async function assertClean(page) {
	assert.deepEqual(page.problems, [], "the page had problems");
	const live = await page.locator("#live-status").textContent();
	assert.equal(live, "", "live updates failed");
}

async function login(page, username, password) {
	await page.goto(CONSOLE);
	await page.getByLabel("Username or email").fill(username);
	await page.getByLabel("Password").fill(password);
	await page.getByRole("button", { name: "Log in" }).click();
	await page.getByRole("button", { name: "Log out" }).waitFor();
}

async function logout(page) {
	await page.getByRole("button", { name: "Log out" }).click();
	await page.getByRole("heading", { name: "Log in" }).waitFor();
}

/*
 * Saves the whole page as ARTIFACTS/name.png.  With MT_DOCS_IMAGES set
 * (a directory: docs/images), also what the window shows, as
 * console-name.png there, unless opts.docs is false.
 */
async function screenshot(page, name, opts) {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: path.join(ARTIFACTS, name + ".png"), fullPage: true });
	const docs = process.env.MT_DOCS_IMAGES;
	if (docs && (!opts || opts.docs !== false)) {
		fs.mkdirSync(docs, { recursive: true });
		await page.screenshot({ path: path.join(docs, "console-" + name + ".png") });
	}
}

/* ---- the API, from Node ---- */

let ca = null;
try {
	ca = fs.readFileSync(path.join(env("MT_VAR"), "tls", "cert.pem"));
} catch (e) {
	ca = null;
}

/* One HTTPS request: resolves {status, headers, body (parsed JSON or text)}. */
function http(method, urlPath, { user, pass, body, headers } = {}) {
	const url = new URL(urlPath, BASE);
	const h = Object.assign({ "Accept": "application/json" }, headers || {});
	let data = null;
	if (body !== undefined) {
		data = typeof body === "string" ? body : JSON.stringify(body);
		h["Content-Type"] = "application/json";
		h["Content-Length"] = Buffer.byteLength(data);
	}
	if (user)
		h["Authorization"] = "Basic " + Buffer.from(user + ":" + pass).toString("base64");
	return new Promise((resolve, reject) => {
		const req = https.request(url, { method, headers: h, ca,
		    rejectUnauthorized: ca !== null, timeout: SLOW }, (res) => {
			const chunks = [];
			res.on("data", (c) => chunks.push(c));
			res.on("end", () => {
				const text = Buffer.concat(chunks).toString("utf8");
				let parsed = text;
				try {
					parsed = text ? JSON.parse(text) : null;
				} catch (e) { /* not JSON */ }
				resolve({ status: res.statusCode, headers: res.headers, body: parsed });
			});
		});
		req.on("timeout", () => req.destroy(new Error(method + " " + urlPath + ": timed out")));
		req.on("error", reject);
		if (data !== null)
			req.write(data);
		req.end();
	});
}

const admin = (method, p, body) =>
	http(method, p, { user: env("MT_ADMIN_USER"), pass: env("MT_ADMIN_PASS"), body });
const provider = (method, p, body) =>
	http(method, p, { user: env("MT_PROVIDER_USER"), pass: env("MT_PROVIDER_PASS"), body });

const PASSWORD = "browser-test-pw1";
let seq = 0;

/* A unique tag and phone numbers for this run. */
function unique() {
	seq++;
	const n = String(Date.now() % 1e7).padStart(7, "0") + String(seq % 10);
	return { tag: "b" + n, mentee: "+2779" + n, mentor: "+2778" + n };
}

/*
 * A new mentee and their mentor, through the admin API, so that a test
 * changes only what is its own.  Returns their accounts (password PASSWORD)
 * and MSISDNs (numbers without "+", as OnionDev sends them).
 */
async function makePair(label) {
	const u = unique();
	let r = await admin("POST", "/mentor/mentee/", {
		username: `${label}_mentee_${u.tag}`, first_name: "Tina", last_name: "Mentee",
		contact_number: u.mentee, password: PASSWORD,
	});
	assert.equal(r.status, 201, JSON.stringify(r.body));
	const mentee = r.body;
	r = await admin("POST", "/mentor/mentor/", {
		username: `${label}_mentor_${u.tag}`, first_name: "Mo", last_name: "Mentor",
		contact_number: u.mentor, password: PASSWORD, mentee: mentee.id,
	});
	assert.equal(r.status, 201, JSON.stringify(r.body));
	const mentor = r.body;
	return {
		mentee, mentor,
		menteeNumber: u.mentee, mentorNumber: u.mentor,
		menteeMsisdn: u.mentee.slice(1), mentorMsisdn: u.mentor.slice(1),
		as: (method, p, body) => http(method, p, { user: mentor.username, pass: PASSWORD, body }),
	};
}

/* ---- the stack's tools ---- */

/* What the example provider was asked to do, newest first. */
function providerLog() {
	const out = execFileSync(env("MT_CTL"), ["-c", env("MT_CONF"), "provider-log", "--limit", "500"],
	    { encoding: "utf8" });
	return out.split("\n").filter(Boolean).map((line) => {
		const m = /^(\d+) (\S+ \S+) (\S+) (\S+) to=(\S+) (\{.*\})(?: partner_id=(\S+))?$/.exec(line);
		if (!m)
			return { line };
		let payload = null;
		try {
			payload = JSON.parse(m[6]);
		} catch (e) { /* keep null */ }
		return { id: Number(m[1]), provider: m[3], kind: m[4], to: m[5], payload,
		    partnerId: m[7] || null, line };
	});
}

/* One SQL statement as the stack's root, over its socket; rows of fields. */
function sql(statement) {
	const out = execFileSync("mariadb", ["--no-defaults",
		"--socket=" + path.join(env("MT_VAR"), "run", "mysqld.sock"), "-u", "root",
		"mentorship", "-N", "-B", "-e", statement], { encoding: "utf8" });
	return out.split("\n").filter(Boolean).map((l) => l.split("\t"));
}

/*
 * Calls fn until it returns something truthy, up to ms; the last value
 * or error goes into the failure message.
 */
async function eventually(what, fn, ms) {
	const deadline = Date.now() + (ms || SLOW);
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last)
				return last;
		} catch (e) {
			last = e;
		}
		if (Date.now() > deadline)
			assert.fail(`${what}: not within ${(ms || SLOW) / 1000} s (last: ${last && last.message || JSON.stringify(last)})`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/* Waits until the example provider recorded an SMS to number matching text. */
function smsTo(number, pattern) {
	return eventually(`an SMS to ${number} matching ${pattern}`, () =>
	    providerLog().find((e) => e.kind === "sms" && e.to === number &&
		e.payload && pattern.test(e.payload.text)));
}

module.exports = {
	assert, env, BASE, CONSOLE, SLOW, PASSWORD, useBrowser, h1, newPage, assertClean, login, logout,
	screenshot, http, admin, provider, makePair, providerLog, sql, eventually, smsTo,
};
