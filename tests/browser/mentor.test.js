/*
 * A mentor's day in the console: messages both ways, a call from start to
 * the provider's report, the feedback task, the event log, and scheduling.
 * Each test has its own mentor and mentee, made through the admin API.
 */
"use strict";

const { test } = require("node:test");
const { assert, CONSOLE, PASSWORD, useBrowser, h1, newPage, assertClean, login, logout,
    screenshot, makePair, provider, admin, providerLog, sql, eventually, smsTo } = require("./lib.js");

useBrowser();

async function go(page, hash, title) {
	await page.getByRole("link", { name: title, exact: true }).click();
	assert.equal(new URL(page.url()).hash, hash);
	await h1(page, title).waitFor();
}

test("messages: sent as SMS by the provider, and an incoming SMS appears without a reload", async () => {
	const pair = await makePair("msg");
	const page = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await h1(page, "Messages").waitFor();
	await page.getByText("No messages yet.").waitFor();
	await page.evaluate(() => { window.notReloaded = true; });

	const text = "Hello Tina, shall we talk on Friday?";
	await page.getByLabel("Message to your mentee").fill(text);
	await page.getByRole("button", { name: "Send" }).click();
	const mine = page.locator(".conversation .msg.out").filter({ hasText: text });
	await mine.waitFor();
	assert.equal(await page.getByLabel("Message to your mentee").inputValue(), "", "the box is emptied");
	await page.getByRole("status").filter({ hasText: "Sent to your mentee." }).waitFor();

	/* The worker hands the SMS to the example provider, and the page says so. */
	await smsTo(pair.menteeNumber, new RegExp("^" + text.replace(/\?/g, "\\?") + "$"));
	await mine.locator(".delivery", { hasText: "sent" }).waitFor();

	/* The mentee answers: OnionDev's incoming SMS webhook. */
	const reply = "Friday works, thank you!";
	const r = await provider("POST", "/comms/onion_dev_message/",
	    { message: reply, mobile: pair.menteeMsisdn });
	assert.equal(r.status, 200, JSON.stringify(r.body));
	const theirs = page.locator(".conversation .msg.in").filter({ hasText: reply });
	await theirs.waitFor();
	assert.match(await theirs.innerText(), /Your mentee/);
	assert.equal(await page.evaluate(() => window.notReloaded), true, "the page was not reloaded");

	/* Newest at the bottom. */
	const all = await page.locator(".conversation .msg .msg-text").allInnerTexts();
	assert.deepEqual(all, [text, reply]);
	/* No phone number anywhere on the page. */
	const body = await page.locator("body").innerText();
	assert.ok(!body.includes(pair.menteeMsisdn.slice(-7)) && !body.includes(pair.mentorMsisdn.slice(-7)),
	    "no phone number is shown");
	await screenshot(page, "messages");

	/* An empty message is not sent. */
	await page.getByRole("button", { name: "Send" }).click();
	await page.getByText("Write a message first.").waitFor();
	await assertClean(page);
	await page.context().close();
});

test("a call: started, ended, reported by the provider; its feedback task changes status", async () => {
	const pair = await makePair("call");
	const page = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await go(page, "#/call", "Call");
	const state = page.locator("#call-state");
	await page.getByText("No call yet.").waitFor();
	assert.equal(await page.getByRole("button", { name: "End call" }).count(), 0);

	await page.getByRole("button", { name: "Call my mentee" }).click();
	await state.filter({ hasText: /^In progress since / }).waitFor();
	assert.equal(await page.getByRole("button", { name: "Call my mentee" }).isDisabled(), true);
	/* The example provider was asked to connect the mentor to the mentee. */
	const dial = await eventually("the provider asked for the call", () =>
	    providerLog().find((e) => e.kind === "call" && e.to === pair.menteeNumber));
	assert.equal(dial.payload.from, pair.mentorNumber);
	await screenshot(page, "call");

	await page.getByRole("button", { name: "End call" }).click();
	await state.filter({ hasText: /^Ended at / }).waitFor();
	assert.equal(await page.getByRole("button", { name: "End call" }).count(), 0);
	assert.equal(await page.getByRole("button", { name: "Call my mentee" }).isDisabled(), false);

	/* The provider reports the call: a feedback task appears by itself. */
	await go(page, "#/tasks", "To-do list");
	await page.getByText("Nothing to do.").waitFor();
	const calls = await admin("GET", "/comms/call/?page_size=1000");
	const c = calls.body.results.find((x) => x.caller === pair.mentor.id);
	assert.ok(c && c.partner_id, "the call has the provider's id");
	const report = await provider("POST", "/comms/onion_dev_call_end/", {
		conversationId: "conv-" + c.partner_id, scheduledCallId: c.partner_id,
		conversationSuccess: true, totalTries: 1, handler: pair.mentorMsisdn,
		beneficiary: pair.menteeMsisdn, conversationStartTime: "2026-01-10 17:32:33",
		conversationEndTime: "2026-01-10 17:40:00", feedbackSubscriptionStatus: true,
		recordingUrl: "https://example.org/rec.mp3",
		cdrs: [{ id: "cdr-" + c.partner_id, startTime: "2026-01-10 17:31:18", errorCause: "NORMAL_CLEARING" }],
	});
	assert.equal(report.status, 200, JSON.stringify(report.body));
	const task = page.locator(".tasks li").filter({ hasText: "Complete feedback for call" });
	await task.waitFor();
	const select = task.getByRole("combobox");
	assert.equal(await select.inputValue(), "pending");
	await screenshot(page, "tasks");
	await select.selectOption("done");
	await page.getByRole("status").filter({ hasText: /is now done\.$/ }).waitFor();
	const tasks = await pair.as("GET", "/mentor/task/");
	assert.equal(tasks.body.results[0].status, "done");
	await page.reload();
	await h1(page, "To-do list").waitFor();
	assert.equal(await page.locator(".tasks li").getByRole("combobox").inputValue(), "done");

	/* The call page shows the provider's verdict, the event log the story. */
	await go(page, "#/call", "Call");
	await state.filter({ hasText: /^Ended\.$/ }).waitFor();
	await go(page, "#/events", "Event log");
	const types = await page.locator(".events .event-type").allInnerTexts();
	assert.deepEqual(types.slice(0, 3), ["Feedback task", "Call ended", "Call started"]);
	await assertClean(page);
	await page.context().close();
});

test("the event log updates by itself", async () => {
	const pair = await makePair("events");
	const page = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await go(page, "#/events", "Event log");
	await page.getByText("No events yet.").waitFor();
	for (const text of ["First reply", "Second reply"]) {
		const r = await provider("POST", "/comms/onion_dev_message/",
		    { message: text, mobile: pair.menteeMsisdn });
		assert.equal(r.status, 200);
	}
	await page.locator(".events .event").nth(1).waitFor();
	const types = await page.locator(".events .event-type").allInnerTexts();
	assert.deepEqual(types, ["Message received", "Message received"]);
	await screenshot(page, "events");
	await assertClean(page);
	await page.context().close();
});

test("schedule, reschedule and cancel a call in local time; the mentee is told each time", async () => {
	const pair = await makePair("sched");
	const page = await newPage();	/* in Asia/Kolkata, UTC+05:30 */
	page.on("dialog", (d) => d.accept());
	await login(page, pair.mentor.username, PASSWORD);
	await go(page, "#/schedule", "Schedule");
	await page.getByText("No calls scheduled.").waitFor();
	assert.match(await page.locator("main").innerText(), /Asia\/(Kolkata|Calcutta)/);

	await page.getByLabel(/^Date and time/).fill("2031-03-04T15:30");
	await page.getByRole("button", { name: "Schedule call" }).click();
	const item = page.locator(".schedule li");
	await item.filter({ hasText: "4 Mar 2031, 15:30" }).waitFor();
	let list = await pair.as("GET", "/mentor/schedule/");
	assert.equal(list.body.count, 1);
	assert.match(list.body.results[0].call_time, /^2031-03-04T10:00:00(\.0+)?Z$/);
	await smsTo(pair.menteeNumber, /scheduled a call with you for 2031-03-04 10:00 UTC/);
	await screenshot(page, "schedule");

	/* A time in the past is refused next to the field. */
	await page.getByLabel(/^Date and time/).fill("2001-01-01T10:00");
	await page.getByRole("button", { name: "Schedule call" }).click();
	await page.getByText("Call time must be in the future.").waitFor();

	await page.getByRole("button", { name: /^Reschedule the call on 4 Mar 2031, 15:30/ }).click();
	await page.getByLabel("New date and time").fill("2031-03-05T09:15");
	await page.getByRole("button", { name: "Save new time" }).click();
	await item.filter({ hasText: "5 Mar 2031, 09:15" }).waitFor();
	list = await pair.as("GET", "/mentor/schedule/");
	assert.match(list.body.results[0].call_time, /^2031-03-05T03:45:00(\.0+)?Z$/);
	await smsTo(pair.menteeNumber, /moved your call to 2031-03-05 03:45 UTC/);

	await page.getByRole("button", { name: /^Cancel the call on 5 Mar 2031, 09:15/ }).click();
	await page.getByText("No calls scheduled.").waitFor();
	list = await pair.as("GET", "/mentor/schedule/");
	assert.equal(list.body.count, 0);
	await smsTo(pair.menteeNumber, /cancelled your call of 2031-03-05 03:45 UTC/);

	/* The three notices also show in the conversation, as automatic messages. */
	await go(page, "#/messages", "Messages");
	await page.locator(".conversation .msg.system").nth(2).waitFor();
	await logout(page);
	await assertClean(page);
	await page.context().close();
});

test("the console fits a phone-sized screen", async () => {
	const pair = await makePair("phone");
	const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true,
	    hasTouch: true });
	await login(page, pair.mentor.username, PASSWORD);
	await h1(page, "Messages").waitFor();
	await page.getByLabel("Message to your mentee").fill("Sent from my phone");
	await page.getByRole("button", { name: "Send" }).click();
	await page.locator(".conversation .msg.out").filter({ hasText: "Sent from my phone" }).waitFor();
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 390, "no sideways scrolling (" + width + " px)");
	await screenshot(page, "messages-phone");
	await assertClean(page);
	await page.context().close();
});

test("a call the provider cannot make shows as failed, with the reason", async () => {
	const pair = await makePair("failcall");
	/* No number to call: the voice provider refuses (an admin fixed it by hand). */
	sql("UPDATE users SET contact_number = NULL WHERE id = " + Number(pair.mentee.id));
	const page = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await go(page, "#/call", "Call");
	await page.getByRole("button", { name: "Call my mentee" }).click();
	const state = page.locator("#call-state");
	await state.filter({ hasText: /^Failed: .*a contact number is missing/ }).waitFor();
	assert.equal(await page.getByRole("button", { name: "End call" }).count(), 0);
	assert.equal(await page.getByRole("button", { name: "Call my mentee" }).isDisabled(), false);
	await screenshot(page, "call-failed", { docs: false });
	/* After a reload the reason comes from the call_failed event. */
	await page.reload();
	await state.filter({ hasText: /^Failed: a contact number is missing/ }).waitFor();
	await page.locator(".plain-list li .badge.failed").first().waitFor();
	await assertClean(page);
	await page.context().close();
});
