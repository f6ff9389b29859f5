/*
 * Logging in and out of the console, the session surviving a reload, and
 * the CSRF check on the session cookie.
 */
"use strict";

const { test } = require("node:test");
const { assert, CONSOLE, BASE, PASSWORD, useBrowser, newPage, assertClean, login, logout,
    screenshot, makePair, admin, http, eventually } = require("./lib.js");

useBrowser();

test("a wrong password is refused on the page, without a Basic Auth dialog", async () => {
	const pair = await makePair("wrongpw");
	const page = await newPage();
	let dialogs = 0;
	page.on("dialog", (d) => {
		dialogs++;
		d.dismiss();
	});
	await page.goto(BASE + "/");
	assert.equal(new URL(page.url()).pathname, "/console/", "/ leads to the console");
	await page.getByRole("heading", { name: "Log in" }).waitFor();
	await screenshot(page, "login");

	/* Both fields are required, and say so next to them. */
	await page.getByRole("button", { name: "Log in" }).click();
	await page.getByText("This field is required.").first().waitFor();
	assert.equal(await page.getByLabel("Username or email").getAttribute("aria-invalid"), "true");

	await page.getByLabel("Username or email").fill(pair.mentor.username);
	await page.getByLabel("Password").fill("not-the-password");
	await page.getByRole("button", { name: "Log in" }).click();
	await page.getByRole("alert").filter({ hasText: "Invalid username/password." }).waitFor();
	assert.equal(await page.getByRole("button", { name: "Log out" }).count(), 0);
	assert.equal(dialogs, 0);
	await assertClean(page);
	await page.context().close();
});

test("a mentor logs in by email, stays logged in across a reload and logs out", async () => {
	const pair = await makePair("session");
	const email = pair.mentor.username + "@example.org";
	const r = await pair.as("GET", "/auth/me");
	assert.equal(r.status, 200);
	/* The admin API set no email: give the mentor one to log in with. */
	const put = await admin("PUT", "/mentor/mentor/" + pair.mentor.id,
	    Object.assign({}, pair.mentor, { email }));
	assert.equal(put.status, 200, JSON.stringify(put.body));

	const page = await newPage();
	await login(page, email, PASSWORD);
	await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
	assert.match(await page.locator(".topbar-user").innerText(), /Mo Mentor/);
	/* Mentor pages only: no admin menu for a mentor. */
	const nav = await page.getByRole("navigation", { name: "Pages" }).innerText();
	for (const name of ["Messages", "Call", "Event log", "Schedule", "To-do list"])
		assert.match(nav, new RegExp(name));
	assert.doesNotMatch(nav, /Mentees|Outbox/);

	/* The cookie is HttpOnly, Secure, SameSite=Strict. */
	const cookies = await page.context().cookies();
	const c = cookies.find((x) => x.name === "mt_session");
	assert.ok(c, "a session cookie");
	assert.equal(c.httpOnly, true);
	assert.equal(c.secure, true);
	assert.equal(c.sameSite, "Strict");
	assert.equal(await page.evaluate(() => document.cookie), "", "scripts cannot read it");

	await page.goto(CONSOLE + "#/schedule");
	await page.reload();
	await page.getByRole("heading", { name: "Schedule", level: 1 }).waitFor();
	assert.equal(await page.getByRole("button", { name: "Log out" }).count(), 1);

	await logout(page);
	await screenshot(page, "logged-out", { docs: false });
	await page.getByText("You have logged out.").waitFor();
	const status = await page.evaluate(async () =>
	    (await fetch("/auth/session", { headers: { "X-Requested-With": "XMLHttpRequest" } })).status);
	assert.equal(status, 401, "the session is gone");
	await page.reload();
	await page.getByRole("heading", { name: "Log in" }).waitFor();
	await assertClean(page);
	await page.context().close();
});

test("a change with the session cookie but without the CSRF token is refused", async () => {
	const pair = await makePair("csrf");
	const page = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();

	/* The page's own cookie, a request any script on the page could make. */
	const res = await page.evaluate(async () => {
		const r = await fetch("/mentor/message/", {
			method: "POST",
			headers: { "Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest" },
			body: JSON.stringify({ content: "forged without a token" }),
		});
		return { status: r.status, body: await r.json() };
	});
	assert.equal(res.status, 403);
	assert.equal(res.body.detail, "CSRF Failed: CSRF token missing or incorrect.");
	const wrong = await page.evaluate(async () => (await fetch("/mentor/schedule/", {
		method: "POST",
		headers: { "Content-Type": "application/json", "X-CSRF-Token": "wrong" },
		body: JSON.stringify({ call_time: "2099-01-01T10:00:00Z" }),
	})).status);
	assert.equal(wrong, 403);
	/* Reading needs no token. */
	const list = await page.evaluate(async () => (await fetch("/mentor/message/")).json());
	assert.equal(list.count, 0, "nothing was stored");

	/* The console itself sends the token: the same message goes through. */
	await page.getByLabel("Message to your mentee").fill("sent with the token");
	await page.getByRole("button", { name: "Send" }).click();
	await page.locator(".conversation").getByText("sent with the token").waitFor();
	await eventually("the message stored", async () =>
	    (await pair.as("GET", "/mentor/message/")).body.count === 1);
	await assertClean(page);
	await page.context().close();
});

test("a mentor changes their password: this browser stays logged in, another one is logged out", async () => {
	const pair = await makePair("passwd");
	const NEW = "a-new-password-4";
	const page = await newPage();
	const other = await newPage();
	await login(page, pair.mentor.username, PASSWORD);
	await login(other, pair.mentor.username, PASSWORD);

	await page.getByRole("link", { name: "Password", exact: true }).click();
	await page.getByRole("heading", { name: "Password", level: 1 }).waitFor();
	assert.equal(new URL(page.url()).hash, "#/password");
	const change = page.getByRole("button", { name: "Change password" });
	/* Two different new passwords: refused on the page. */
	await page.getByLabel("Current password").fill(PASSWORD);
	await page.getByLabel(/^New password(?! again)/).fill(NEW);
	await page.getByLabel("New password again").fill(NEW + "x");
	await change.click();
	await page.getByText("The two new passwords differ.").waitFor();
	/* A wrong current password: the server's answer, under its field. */
	await page.getByLabel("Current password").fill("not-the-password");
	await page.getByLabel("New password again").fill(NEW);
	await change.click();
	await page.getByText("Wrong password.").waitFor();
	assert.equal((await pair.as("GET", "/auth/me")).status, 200, "the password is unchanged");

	await page.getByLabel("Current password").fill(PASSWORD);
	await change.click();
	await page.getByText(/^Password changed\./).waitFor();
	await screenshot(page, "password");
	assert.equal(await page.getByLabel("Current password").inputValue(), "", "the form is emptied");

	/* Still logged in here, with the new session's CSRF token: a message goes out. */
	await page.getByRole("link", { name: "Messages", exact: true }).click();
	await page.getByLabel("Message to your mentee").fill("after the password change");
	await page.getByRole("button", { name: "Send" }).click();
	await page.locator(".conversation").getByText("after the password change").waitFor();
	const mine = await http("GET", "/mentor/message/", { user: pair.mentor.username, pass: NEW });
	assert.equal(mine.status, 200);
	assert.equal(mine.body.count, 1, "the message was stored");
	assert.equal((await pair.as("GET", "/auth/me")).status, 401, "the old password still works");

	/* The other browser's session ended with the old password. */
	await other.reload();
	await other.getByRole("heading", { name: "Log in" }).waitFor();
	await other.context().close();

	await logout(page);
	await login(page, pair.mentor.username, NEW);
	await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
	await assertClean(page);
	await page.context().close();
});

test("repeated failed logins are throttled, and the page says so", async () => {
	const pair = await makePair("throttle");
	const page = await newPage();
	await page.goto(CONSOLE);
	const alert = page.getByRole("alert");
	/* The test stack allows 5 failures per login name and address (the dev stack 10). */
	for (let i = 0; i < 15; i++) {
		await page.getByLabel("Username or email").fill(pair.mentor.username);
		await page.getByLabel("Password").fill("wrong-" + i);
		await page.getByRole("button", { name: "Log in" }).click();
		await alert.filter({ hasText: /Invalid username\/password\.|throttled/ }).waitFor();
		if (/throttled/.test(await alert.innerText()))
			break;
		await page.getByLabel("Password").waitFor();
	}
	assert.match(await alert.innerText(), /^Request was throttled\. Expected available in \d+ seconds?\.$/);
	/* Even the right password waits now. */
	await page.getByLabel("Password").fill(PASSWORD);
	await page.getByRole("button", { name: "Log in" }).click();
	await alert.filter({ hasText: "throttled" }).waitFor();
	assert.equal(await page.getByRole("button", { name: "Log out" }).count(), 0);
	await page.context().close();
});

test("the console works with the keyboard alone", async () => {
	const pair = await makePair("keys");
	const page = await newPage();
	await page.goto(CONSOLE);
	await page.getByRole("heading", { name: "Log in" }).waitFor();
	/* The username field has the focus; Tab, type, Enter. */
	await page.keyboard.type(pair.mentor.username);
	await page.keyboard.press("Tab");
	await page.keyboard.type(PASSWORD);
	await page.keyboard.press("Enter");
	await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();

	/* Tab until a control is focused; returns its text. */
	async function tabTo(name) {
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press("Tab");
			const t = await page.evaluate(() => document.activeElement &&
			    document.activeElement.textContent.trim());
			if (t === name)
				return;
		}
		assert.fail("Tab never reached " + name);
	}
	await tabTo("Call");
	await page.keyboard.press("Enter");
	await page.getByRole("heading", { name: "Call", level: 1 }).waitFor();
	await tabTo("Call my mentee");
	/* The focused control is drawn with a visible outline. */
	const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
	assert.notEqual(outline, "none");
	await page.keyboard.press("Enter");
	await page.locator("#call-state").filter({ hasText: /^In progress since / }).waitFor();
	await tabTo("End call");
	await page.keyboard.press("Enter");
	await page.locator("#call-state").filter({ hasText: /^Ended at / }).waitFor();
	await tabTo("Log out");
	await page.keyboard.press("Enter");
	await page.getByRole("heading", { name: "Log in" }).waitFor();
	await assertClean(page);
	await page.context().close();
});
