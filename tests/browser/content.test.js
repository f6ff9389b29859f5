/*
 * An administrator manages the Android app's content in the console: a
 * category with an uploaded image, edited; an activity in it; a blog post
 * (a body the app cannot draw is refused next to its field); then hiding
 * takes them out of what a mentor's app lists over /v2/mentor.
 */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { test } = require("node:test");
const { assert, env, useBrowser, h1, newPage, assertClean, login, logout, screenshot,
    makePair, admin, eventually } = require("./lib.js");

useBrowser();

const stamp = () => String(Date.now() % 1e8).padStart(8, "0");

/* ---- a PNG file, as a phone or a drawing program would save it ---- */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++)
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf)
		c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([len, body, crc]);
}

/* A w x h RGB PNG, all of one colour, written to a temporary file. */
function pngFile(w, h, rgb) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill(rgb).flat())]);
	const raw = Buffer.concat(Array(h).fill(row));
	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	    chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mt-content-"));
	const file = path.join(dir, "stage.png");
	fs.writeFileSync(file, png);
	return file;
}

async function go(page, title) {
	await page.getByRole("link", { name: title, exact: true }).click();
	await h1(page, title).waitFor();
}

const status = (page, text) => page.getByRole("status").filter({ hasText: text }).waitFor();

/* Nothing of the page reads "null" or "undefined" (a value drawn as text). */
async function assertNoStrayValues(page) {
	assert.doesNotMatch(await page.locator("main").innerText(), /\b(null|undefined)\b/);
}

test("an admin publishes a category with an image, an activity and a post, and hides them from the app", async () => {
	const n = stamp();
	const title = "Stage " + n;
	const pair = await makePair("content");
	const png = pngFile(64, 48, [200, 40, 40]);

	const page = await newPage();
	await login(page, env("MT_ADMIN_USER"), env("MT_ADMIN_PASS"));
	const nav = await page.getByRole("navigation", { name: "Pages" }).innerText();
	assert.match(nav, /Content/i);
	for (const name of ["Categories", "Activities", "Blog"])
		assert.match(nav, new RegExp(name));

	/* A category: created, then its image uploaded and shown. */
	await go(page, "Categories");
	const form = page.locator("form.grid-form");
	await form.getByLabel(/^Title/).fill(title);
	await form.getByLabel(/^Colour/).fill("#2b7ab5");
	await form.getByLabel(/^Order/).fill("7");
	await form.getByLabel(/^About/).fill("The first weeks.");
	await form.getByLabel(/^Goal/).fill("Trust.");
	await page.getByRole("button", { name: "Create category" }).click();
	await status(page, "Created category " + title + ".");
	await page.getByRole("heading", { name: "Edit " + title }).waitFor();
	const created = (await admin("GET", "/admin/category/?page_size=1000")).body.results
	    .find((c) => c.title === title);
	assert.ok(created, "the category is stored");
	assert.equal(created.color, "#2b7ab5");
	assert.equal(created.ordinal, 7);
	assert.equal(created.about, "The first weeks.");
	assert.equal(created.image, null);

	await page.getByLabel("New image").setInputFiles(png);
	await page.getByRole("button", { name: "Upload image" }).click();
	await status(page, "Image uploaded.");
	const img = page.getByRole("img", { name: "Image of " + title }).first();
	await img.waitFor();
	const src = await img.getAttribute("src");
	assert.match(src, /^\/media\/category\/[0-9a-f]+\.png$/);
	await eventually("the image loaded", () => img.evaluate((e) => e.complete && e.naturalWidth === 64));
	assert.equal((await admin("GET", "/admin/category/" + created.id)).body.image, src);
	const row = page.locator("tbody tr").filter({ hasText: title });
	await row.getByRole("img", { name: "Image of " + title }).waitFor();
	await assertNoStrayValues(page);
	await screenshot(page, "admin-categories");

	/* Edited: the rest, and the image, kept. */
	await form.getByLabel(/^Title/).fill(title + " edited");
	await page.getByRole("button", { name: "Save changes" }).click();
	await status(page, "Saved category " + title + " edited.");
	let cat = (await admin("GET", "/admin/category/" + created.id)).body;
	assert.equal(cat.title, title + " edited");
	assert.equal(cat.about, "The first weeks.");
	assert.equal(cat.image, src);

	/* An activity in it. */
	await go(page, "Activities");
	await form.getByLabel(/^Category/).selectOption({ label: title + " edited" });
	await form.getByLabel(/^Title/).fill("Activity " + n);
	await form.getByLabel(/^Objective/).fill("Get to know each other.");
	await form.getByLabel(/^Tips/).fill("Ask about music.");
	await form.getByLabel(/^Order/).fill("2");
	await page.getByRole("button", { name: "Create activity" }).click();
	await status(page, "Created activity Activity " + n + ".");
	await page.getByRole("heading", { name: "Edit Activity " + n }).waitFor();
	await page.locator("tbody tr").filter({ hasText: "Activity " + n }).waitFor();
	await assertNoStrayValues(page);
	await screenshot(page, "admin-activities");

	/* A blog post: blocks the app cannot draw are refused at the field. */
	await go(page, "Blog");
	await form.getByLabel(/^Title/).fill("Post " + n);
	await form.getByLabel(/^Body written as/).selectOption("blocks");
	await form.getByLabel(/^Body( \*)?$/).fill('[{"type": "video", "value": "/x.mp4"}]');
	await page.getByRole("button", { name: "Create post" }).click();
	const bodyField = form.getByLabel(/^Body( \*)?$/);
	await eventually("the body marked invalid", async () =>
	    (await bodyField.getAttribute("aria-invalid")) === "true");
	assert.match(await form.locator('[data-error-for="body_content"]').innerText(), /type/);
	await bodyField.fill('["Listen first.", {"type": "list", "value": ["Ask", "Wait"]}]');
	await page.getByRole("button", { name: "Create post" }).click();
	await status(page, "Created post Post " + n + ".");
	await page.locator("tbody tr").filter({ hasText: "Post " + n }).waitFor();
	await assertNoStrayValues(page);
	await screenshot(page, "admin-blog");

	/* What the mentor's app lists now. */
	const listed = async (p, id) => {
		const r = await pair.as("GET", p);
		assert.equal(r.status, 200, JSON.stringify(r.body));
		return r.body.results.some((x) => x.id === id);
	};
	const act = (await admin("GET", "/admin/activity/?category=" + created.id)).body.results[0];
	assert.equal(act.title, "Activity " + n);
	const post = (await admin("GET", "/admin/blog/?page_size=1000")).body.results
	    .find((x) => x.title === "Post " + n);
	assert.deepEqual(post.body_content, ["Listen first.", { type: "list", value: ["Ask", "Wait"] }]);
	assert.ok(await listed("/v2/mentor/category/", created.id));
	assert.ok(await listed("/v2/mentor/activity/", act.id));
	assert.ok(await listed("/v2/mentor/blog/", post.id));

	/* Hidden from the list's button: marked, and gone from the app. */
	const prow = page.locator("tbody tr").filter({ hasText: "Post " + n });
	await prow.getByRole("button", { name: "Hide Post " + n }).click();
	await status(page, "Post Post " + n + " is now hidden from the app.");
	await prow.getByText("hidden", { exact: true }).waitFor();
	assert.equal(await listed("/v2/mentor/blog/", post.id), false, "a hidden post is listed");

	await go(page, "Categories");
	const crow = page.locator("tbody tr").filter({ hasText: title + " edited" });
	await crow.getByRole("button", { name: "Hide " + title + " edited" }).click();
	await crow.getByText("hidden", { exact: true }).waitFor();
	assert.equal(await listed("/v2/mentor/category/", created.id), false,
	    "a hidden category is listed");
	assert.equal(await listed("/v2/mentor/activity/", act.id), false,
	    "an activity of a hidden category is listed");
	cat = (await admin("GET", "/admin/category/" + created.id)).body;
	assert.equal(cat.is_hidden, true);

	/* The image can be removed too. */
	await crow.getByRole("button", { name: "Edit " + title + " edited" }).click();
	await page.getByRole("button", { name: "Remove image" }).click();
	await status(page, "Image removed.");
	assert.equal((await admin("GET", "/admin/category/" + created.id)).body.image, null);

	await logout(page);
	await assertClean(page);
	await page.context().close();
	fs.rmSync(path.dirname(png), { recursive: true, force: true });
});
