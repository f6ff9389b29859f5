/*
 * A forgotten password from the console's login page: the address, the
 * code from the mail the stack's worker sends (caught by the stack's fake
 * SMTP server in MT_MAIL_LOG), the new password; the old one and every
 * session opened with it stop working.
 */
"use strict";

const fs = require("node:fs");
const { test } = require("node:test");
const { assert, CONSOLE, PASSWORD, useBrowser, newPage, assertClean, login, logout,
    screenshot, makePair, http, sql, eventually, env } = require("./lib.js");

useBrowser();

/* The reset code of the last mail caught for address, or null. */
function codeFor(address) {
	let code = null;
	for (const line of fs.readFileSync(env("MT_MAIL_LOG"), "utf8").split("\n")) {
		if (!line)
			continue;
		const m = JSON.parse(line);
		const found = /Your reset code is:\s+(\d{10})/.exec(m.data);
		if (m.rcpt_to.includes(address) && found)
			code = found[1];
	}
	return code;
}

test("a mentor who forgot their password sets a new one from the login page", async () => {
	const pair = await makePair("forgot");
	const address = `${pair.mentor.username}@example.org`;
	sql(`UPDATE users SET email = '${address}' WHERE id = ${pair.mentor.id}`);
	const NEW = "a brand new pass phrase";

	/* a console logged in with the old password, elsewhere */
	const other = await newPage();
	await login(other, pair.mentor.username, PASSWORD);

	const page = await newPage();
	await page.goto(CONSOLE);
	await page.getByRole("button", { name: "Forgot your password?" }).click();
	await page.getByRole("heading", { name: "Forgot your password?", level: 1 }).waitFor();
	/* the address is required, and must be one */
	await page.getByRole("button", { name: "Send the code" }).click();
	await page.getByText("This field is required.").waitFor();
	await page.getByLabel("Email").fill("not an address");
	await page.getByRole("button", { name: "Send the code" }).click();
	await page.getByText("Enter a valid email address.").waitFor();
	await page.getByLabel("Email").fill(" " + address.toUpperCase() + " ");
	await screenshot(page, "forgot-password");
	await page.getByRole("button", { name: "Send the code" }).click();
	await page.getByRole("heading", { name: "Set a new password", level: 1 }).waitFor();
	await page.getByText("a reset code is on its way").waitFor();

	const code = await eventually("the mail with the code", () => codeFor(address));
	/* a wrong code is refused on the page, and the form stays */
	await page.getByLabel("Reset code").fill("0000000000");
	await page.getByLabel(/^New password(?! again)/).fill(NEW);
	await page.getByLabel("New password again").fill(NEW);
	await page.getByRole("button", { name: "Set the password" }).click();
	await page.getByRole("alert").filter({ hasText: "Reset code is incorrect or has expired." }).waitFor();
	assert.equal(await page.getByRole("heading", { name: "Set a new password" }).count(), 1);
	/* the two passwords must agree */
	await page.getByLabel("Reset code").fill(code);
	await page.getByLabel(/^New password(?! again)/).fill(NEW);
	await page.getByLabel("New password again").fill(NEW + "x");
	await page.getByRole("button", { name: "Set the password" }).click();
	await page.getByText("The two new passwords differ.").waitFor();

	await page.getByLabel(/^New password(?! again)/).fill(NEW);
	await page.getByLabel("New password again").fill(NEW);
	await page.getByRole("button", { name: "Set the password" }).click();
	await page.getByText("Your password has been changed: log in with it.").waitFor();
	await page.getByRole("heading", { name: "Log in", level: 1 }).waitFor();

	/* the old password and the other browser's session are done */
	assert.equal((await http("GET", "/auth/me/", { user: pair.mentor.username, pass: PASSWORD })).status, 401);
	const status = await other.evaluate(async () =>
	    (await fetch("/auth/session", { headers: { "X-Requested-With": "XMLHttpRequest" } })).status);
	assert.equal(status, 401, "the other session outlived the reset");
	await login(page, address, NEW);
	await logout(page);
	await assertClean(page);
	await page.context().close();
	await other.context().close();
});
