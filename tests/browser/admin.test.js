/*
 * An administrator in the console: accounts (create, link, passwords),
 * calls with their CDRs and feedback, messages, the webhook log and the
 * outbox with the retry of a dead entry.
 */
"use strict";

const { test } = require("node:test");
const { assert, env, PASSWORD, useBrowser, h1, newPage, assertClean, login, logout, screenshot,
    makePair, provider, admin, providerLog, eventually } = require("./lib.js");

useBrowser();

const stamp = () => String(Date.now() % 1e8).padStart(8, "0");

async function adminPage() {
	const page = await newPage();
	await login(page, env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"));
	return page;
}

async function go(page, title) {
	await page.getByRole("link", { name: title, exact: true }).click();
	await h1(page, title).waitFor();
}

test("an admin creates a mentee and their mentor, and that mentor can log in", async () => {
	const n = stamp();
	const page = await adminPage();
	await h1(page, "Mentees").waitFor();
	const nav = await page.getByRole("navigation", { name: "Pages" }).innerText();
	for (const name of ["Mentees", "Mentors", "Calls", "All messages", "Webhook log", "Outbox"])
		assert.match(nav, new RegExp(name));

	/* A bad number is refused next to its field, and nothing is created. */
	const form = page.locator("form");
	await form.getByLabel(/^Username/).fill("ui_mentee_" + n);
	await form.getByLabel(/^First name/).fill("Thandi");
	await form.getByLabel(/^Phone number/).fill("12");
	await form.getByLabel(/^Password/).fill(PASSWORD);
	await page.getByRole("button", { name: "Create mentee" }).click();
	const numberField = form.getByLabel(/^Phone number/);
	await eventually("the number marked invalid", async () =>
	    (await numberField.getAttribute("aria-invalid")) === "true");
	assert.notEqual(await form.locator('[data-error-for="contact_number"]').innerText(), "");

	await numberField.fill("+27 71 " + n.slice(0, 3) + " " + n.slice(3));
	await page.getByRole("button", { name: "Create mentee" }).click();
	await page.getByRole("status").filter({ hasText: "Created mentee ui_mentee_" + n + "." }).waitFor();
	const row = page.locator("tbody tr").filter({ hasText: "ui_mentee_" + n });
	await row.waitFor();
	assert.match(await row.innerText(), new RegExp("\\+2771" + n));
	await screenshot(page, "admin-mentees");

	await go(page, "Mentors");
	await form.getByLabel(/^Username/).fill("ui_mentor_" + n);
	await form.getByLabel(/^First name/).fill("Sipho");
	await form.getByLabel(/^Email/).fill("ui_mentor_" + n + "@example.org");
	await form.getByLabel(/^Phone number/).fill("+2772" + n);
	await form.getByLabel(/^Mentee/).selectOption({ label: "ui_mentee_" + n + " (Thandi)" });
	await form.getByLabel(/^Password/).fill(PASSWORD);
	await form.getByLabel(/^Job title/).fill("Engineer");
	await page.getByRole("button", { name: "Create mentor" }).click();
	const mrow = page.locator("tbody tr").filter({ hasText: "ui_mentor_" + n });
	await mrow.waitFor();
	assert.match(await mrow.innerText(), new RegExp("ui_mentee_" + n));

	/* Editing: a new password, the rest kept. */
	await mrow.getByRole("button", { name: "Edit ui_mentor_" + n }).click();
	await page.getByRole("heading", { name: "Edit ui_mentor_" + n }).waitFor();
	assert.equal(await form.getByLabel(/^Job title/).inputValue(), "Engineer");
	await form.getByLabel(/^New password/).fill("second-password-1");
	await page.getByRole("button", { name: "Save changes" }).click();
	await page.getByRole("status").filter({ hasText: "Saved mentor ui_mentor_" + n + "." }).waitFor();
	await screenshot(page, "admin-mentors");
	await logout(page);
	await assertClean(page);
	await page.context().close();

	const mentor = await newPage();
	await login(mentor, "ui_mentor_" + n + "@example.org", "second-password-1");
	await h1(mentor, "Messages").waitFor();
	await mentor.getByLabel("Message to your mentee").fill("Hi Thandi");
	await mentor.getByRole("button", { name: "Send" }).click();
	await mentor.locator(".conversation .msg.out").filter({ hasText: "Hi Thandi" }).waitFor();
	await eventually("an SMS to the new mentee", () => providerLog().find((e) =>
	    e.kind === "sms" && e.to === "+2771" + n && e.payload.text === "Hi Thandi"));
	await assertClean(mentor);
	await mentor.context().close();
});

test("an admin sees a call with its CDRs and feedback, the messages and the webhook log", async () => {
	const pair = await makePair("adm");
	const thanks = "Thanks for the call, " + pair.mentor.username;
	let r = await pair.as("POST", "/mentor/call/");
	assert.equal(r.status, 201, JSON.stringify(r.body));
	const callId = r.body.id;
	r = await admin("GET", "/comms/call/" + callId);
	const partner = r.body.partner_id;
	r = await provider("POST", "/comms/onion_dev_call_end/", {
		conversationId: "conv-" + partner, scheduledCallId: partner, conversationSuccess: true,
		totalTries: 2, handler: pair.mentorMsisdn, beneficiary: pair.menteeMsisdn,
		conversationStartTime: "2026-01-10 17:32:33", conversationEndTime: "2026-01-10 17:40:00",
		feedbackSubscriptionStatus: true, recordingUrl: "https://example.org/rec.mp3",
		cdrs: [
			{ id: "na-" + partner, startTime: "2026-01-10 17:31:18", errorCause: "NO_ANSWER" },
			{ id: "ok-" + partner, startTime: "2026-01-10 17:32:18", errorCause: "NORMAL_CLEARING" },
		],
	});
	assert.equal(r.status, 200, JSON.stringify(r.body));
	r = await provider("POST", "/comms/onion_dev_feedback/", {
		conversationId: "fb-" + partner, surveyId: "484", completed: true,
		/* a few seconds from now in Asia/Calcutta, as OnionDev writes it
		 * (whole seconds): after the call began */
		cdr: { start_time: new Date(Date.now() + 19800e3 + 3000).toISOString().slice(0, 19).replace("T", " "),
			id: "23", callerid: pair.menteeMsisdn },
		records: {
			"1": { answer: "Happy", questionTime: "2037-04-21 07:00:54", order: "1" },
			"2": { answer: "Yes", questionTime: "2037-04-21 07:01:04", order: "2" },
		},
	});
	assert.equal(r.status, 200, JSON.stringify(r.body));
	r = await provider("POST", "/comms/onion_dev_message/",
	    { message: thanks, mobile: pair.menteeMsisdn });
	assert.equal(r.status, 200, JSON.stringify(r.body));

	const page = await adminPage();
	await go(page, "Calls");
	const row = page.locator("tbody tr").filter({ hasText: pair.mentor.username });
	await row.waitFor();
	assert.match(await row.innerText(), /successful/);
	await row.getByRole("button", { name: "Details of call " + callId }).click();
	const details = page.locator("section").filter({ has: page.getByRole("heading", { name: "Call " + callId }) });
	await details.getByText("NORMAL_CLEARING").waitFor();
	const text = await details.innerText();
	for (const want of ["na-" + partner, "ok-" + partner, "NO_ANSWER", partner, "conv-" + partner,
	    "Happy", "Yes", "https://example.org/rec.mp3"])
		assert.ok(text.includes(want), "the details show " + want);
	await screenshot(page, "admin-calls");

	await go(page, "All messages");
	const msg = page.locator("tbody tr").filter({ hasText: thanks });
	await msg.waitFor();
	assert.ok((await msg.innerText()).includes(pair.menteeNumber), "admins see the numbers");
	await screenshot(page, "admin-messages");

	await go(page, "Webhook log");
	const hook = page.locator("tbody tr").filter({ hasText: thanks }).first();
	await hook.waitFor({ state: "attached" });
	assert.match(await hook.innerText(), /processed/);
	await hook.getByText("Show body").click();
	await hook.locator("pre").filter({ hasText: pair.menteeMsisdn }).waitFor();
	await screenshot(page, "admin-webhooks");
	await assertClean(page);
	await page.context().close();
});

test("an admin retries a dead outbox entry and the worker delivers it", async () => {
	const pair = await makePair("outbox");
	/* An SMS from the mentee means a push to the mentor, who has no device yet: dead. */
	const r = await provider("POST", "/comms/onion_dev_message/",
	    { message: "Are you there?", mobile: pair.menteeMsisdn });
	assert.equal(r.status, 200, JSON.stringify(r.body));
	const dead = await eventually("a dead push to the mentor", async () =>
	    (await admin("GET", "/admin/outbox/?status=dead&page_size=1000")).body.results
		.find((o) => o.recipient_id === pair.mentor.id && o.kind === "push"));
	/* The admin gives the mentor a device, then retries. */
	const token = "device-" + stamp();
	const put = await admin("PUT", "/mentor/mentor/" + pair.mentor.id,
	    Object.assign({}, pair.mentor, { android_registration_token: token }));
	assert.equal(put.status, 200, JSON.stringify(put.body));

	const page = await adminPage();
	await go(page, "Outbox");
	await page.getByLabel("Show").selectOption("dead");
	const row = page.locator('tbody tr[data-id="' + dead.id + '"]');
	await row.waitFor();
	assert.match(await row.innerText(), /dead/);
	await screenshot(page, "admin-outbox");
	await row.getByRole("button", { name: "Retry entry " + dead.id }).click();
	await page.getByRole("status").filter({ hasText: "Entry " + dead.id + " is pending again" }).waitFor();

	await page.getByLabel("Show").selectOption("");
	await eventually("the entry shown as sent", async () => {
		await page.getByRole("button", { name: "Refresh" }).click();
		const t = await page.locator('tbody tr[data-id="' + dead.id + '"]').innerText({ timeout: 5000 });
		return /\bsent\b/.test(t);
	});
	const push = providerLog().find((e) => e.kind === "push" && e.to === token);
	assert.ok(push, "the example provider got the push");
	await assertClean(page);
	await page.context().close();
});

test("mentors cannot open the admin pages", async () => {
	const pair = await makePair("noadm");
	const page = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await h1(page, "Messages").waitFor();
	await page.goto(page.url().replace(/#.*$/, "") + "#/admin/outbox");
	await h1(page, "Messages").waitFor();
	assert.equal(new URL(page.url()).hash, "#/messages");
	await assertClean(page);
	await page.context().close();
});
