/*
 * The Android app's content, for administrators: categories (the
 * "relationship stages"), the activities in them and blog posts.  Each
 * page lists every item, hidden ones marked, with a form to create one or
 * edit the one picked (every field, shown or hidden, ordinal) and, once
 * it exists, its pictures: uploaded as multipart to their own routes,
 * shown from their /media/ paths, removable.  The same admin API as
 * mentorshipctl's category, activity and blog commands.
 */
import * as api from "./api.js";
import { el, clear, field, timeEl, statusLine, setStatus, showErrors,
    clearErrors, busy, table, pager, heading } from "./ui.js";

const SHOWN = [["false", "Shown in the app"], ["true", "Hidden from the app"]];

/* "shown" or "hidden", marked so in lists. */
function stateBadge(item) {
	return el("span", { className: "badge " + (item.is_hidden ? "inactive" : "successful"),
	    text: item.is_hidden ? "hidden" : "shown" });
}

/* A small picture for a list, or null (the table shows "—"). */
function thumb(path, alt) {
	return path ? el("img", { src: path, alt, width: "48", loading: "lazy" }) : null;
}

/* Field specs: a text, a long text, the ordinal and the shown state. */
const text = (name, label, extra) => Object.assign({ name, label, maxlength: 10000 }, extra);
const long = (name, label, extra) => text(name, label, Object.assign({ type: "textarea", rows: 3 }, extra));
const TITLE = { name: "title", label: "Title", required: true, maxlength: 255 };
const ORDINAL = { name: "ordinal", label: "Order", type: "number",
    hint: "The app lists by this number, lowest first (then by age)." };
const HIDDEN = { name: "is_hidden", label: "In the app", options: SHOWN };

/* The JSON value of a form field, or undefined to leave it out. */
function valueOf(input) {
	const v = input.value;
	if (input.name === "is_hidden")
		return v === "true";
	if (input.name === "ordinal")
		return v === "" ? undefined : Number(v);
	if (input.name === "category")
		return v === "" ? undefined : Number(v);
	return v;
}

/* A field's starting value: the spec's own, else item's. */
function initial(spec, item) {
	if (spec.value !== undefined || !item)
		return spec.value;
	const v = item[spec.name];
	if (spec.name === "is_hidden")
		return String(!!v);
	return v === null ? "" : v;
}

/*
 * One picture of an item: what it is now (from its /media/ path) and a
 * form to upload another (FormData PUT with the part "image") or remove
 * it (DELETE).  done(saved) gets the item as stored after either.
 */
function pictureBox(spec, item, path, done) {
	const url = path + item.id + "/" + spec.route + "/";
	const current = item[spec.field];
	const file = field({ name: "image", label: "New " + spec.label.toLowerCase(), type: "file",
	    hint: "A PNG or JPEG picture, up to 10 MB. " + spec.hint });
	file.input.setAttribute("accept", "image/png,image/jpeg");
	const status = statusLine();
	const remove = el("button", { type: "button", className: "danger", disabled: !current,
	    text: "Remove " + spec.label.toLowerCase() });
	const form = el("form", { novalidate: true },
	    file,
	    el("div", { className: "actions" },
		el("button", { type: "submit", text: "Upload " + spec.label.toLowerCase() }),
		remove),
	    status);
	form.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		clearErrors(form);
		if (!file.input.files.length) {
			showErrors(form, new api.ApiError(400, { image: ["Choose a picture first."] }));
			return;
		}
		const body = new FormData();
		body.append("image", file.input.files[0]);
		setStatus(status, "Uploading…");
		try {
			const saved = await busy(form, () => api.put(url, body));
			done(saved, spec.label + " uploaded.");
		} catch (err) {
			setStatus(status, "");
			showErrors(form, err);
		}
	});
	remove.addEventListener("click", async () => {
		clearErrors(form);
		try {
			const saved = await busy(form, () => api.del(url));
			done(saved, spec.label + " removed.");
		} catch (err) {
			showErrors(form, err);
		}
	});
	return el("section", { "aria-label": spec.label },
	    el("h3", { text: spec.label }),
	    current ? el("img", { src: current, width: "240",
		alt: spec.label + " of " + item.title }) :
		el("p", { className: "empty", text: "No " + spec.label.toLowerCase() + " yet: " +
		    spec.none }),
	    form);
}

/*
 * A content page.  spec: {title, intro, noun, plural, path (the admin
 * API's collection), fields(ctx, item) (field specs; send: false for one
 * that is not a field of the API), body(fields) (optional: members of the
 * JSON body made from the fields; throws an ApiError), pictures
 * ([{route, field, label, hint, none}]), columns(ctx) (the list's), and
 * optionally prepare(ctx) (loads what fields and columns need),
 * toolbar(ctx, reload) and filter(ctx) (the list's query)}.
 */
function contentPage(spec) {
	return {
		title: spec.title,

		async render(main) {
			this.ctx = {};
			this.status = statusLine();
			this.formBox = el("section", { className: "card" });
			this.listBox = el("section", { className: "card" });
			main.append(...heading(spec.title, spec.intro), this.status);
			if (spec.prepare)
				await spec.prepare(this.ctx);
			main.append(this.formBox);
			if (spec.toolbar)
				main.append(spec.toolbar(this.ctx, () => this.load(this.listPath())));
			main.append(this.listBox);
			this.showForm(null);
			await this.load(this.listPath());
		},

		listPath() {
			return spec.path + api.query(Object.assign({ page_size: 100 },
			    spec.filter ? spec.filter(this.ctx) : {}));
		},

		async load(path) {
			this.lastPath = path;
			const page = await api.get(path);
			const cols = [
				{ label: "", cell: (x) => el("button", { type: "button", text: "Edit",
				    "aria-label": "Edit " + x.title, onclick: () => this.showForm(x, true) }) },
				...spec.columns(this.ctx),
				{ label: "In the app", cell: stateBadge },
				{ label: "", cell: (x) => el("button", { type: "button",
				    text: x.is_hidden ? "Show" : "Hide",
				    "aria-label": (x.is_hidden ? "Show " : "Hide ") + x.title,
				    onclick: (ev) => this.toggle(x, ev.currentTarget) }) },
			];
			clear(this.listBox).append(
			    el("h2", { text: spec.plural + " (" + page.count + ")" }),
			    table(spec.title, cols, page.results, "No " + spec.plural.toLowerCase() + " yet."),
			    pager(page, (p) => this.load(p), api.pagePath));
		},

		async reload() {
			if (spec.prepare)
				await spec.prepare(this.ctx);
			await this.load(this.lastPath || this.listPath());
		},

		async toggle(item, button) {
			button.disabled = true;
			try {
				const saved = await api.patch(spec.path + item.id + "/", { is_hidden: !item.is_hidden });
				setStatus(this.status, spec.noun + " " + saved.title + " is now " +
				    (saved.is_hidden ? "hidden from" : "shown in") + " the app.", "ok");
				await this.reload();
				if (this.editing && this.editing.id === saved.id)
					this.showForm(saved);
			} catch (err) {
				button.disabled = false;
				setStatus(this.status, spec.noun + " " + item.title + " could not be changed: " +
				    err.message, "error");
			}
		},

		/* The form for a new item (null) or item; focus: move there. */
		showForm(item, focus) {
			this.editing = item;
			const editing = !!item;
			const specs = spec.fields(this.ctx, item);
			const fields = specs.map((s) => {
				const f = field(Object.assign({}, s, { value: initial(s, item) }));
				/* A long text (a blog body) takes the form's whole width. */
				if (s.wide)
					f.classList.add("wide");
				return f;
			});
			const form = el("form", { className: "grid-form", novalidate: true },
			    fields,
			    el("div", { className: "actions" },
				el("button", { type: "submit", className: "primary",
				    text: editing ? "Save changes" : "Create " + spec.noun.toLowerCase() }),
				editing ? el("button", { type: "button", text: "New " + spec.noun.toLowerCase(),
				    onclick: () => this.showForm(null, true) }) : null));
			form.addEventListener("submit", async (ev) => {
				ev.preventDefault();
				clearErrors(form);
				let body;
				try {
					body = spec.body ? spec.body(fields) : {};
				} catch (err) {
					showErrors(form, err);
					return;
				}
				fields.forEach((f, i) => {
					const v = valueOf(f.input);
					if (specs[i].send !== false && !(f.input.name in body) && v !== undefined)
						body[f.input.name] = v;
				});
				try {
					const saved = await busy(form, () => editing ?
					    api.patch(spec.path + item.id + "/", body) :
					    api.post(spec.path, body));
					setStatus(this.status, (editing ? "Saved " : "Created ") +
					    spec.noun.toLowerCase() + " " + saved.title + "." +
					    (editing ? "" : " You can add its pictures below."), "ok");
					await this.reload();
					this.showForm(saved, true);
				} catch (err) {
					showErrors(form, err);
				}
			});
			const parts = [el("h2", { id: "content-form-title", tabindex: "-1",
			    text: editing ? "Edit " + item.title : "New " + spec.noun.toLowerCase() }), form];
			if (editing)
				parts.push(el("div", { className: "pictures" }, spec.pictures.map((p) =>
				    pictureBox(p, item, spec.path, async (saved, what) => {
					    setStatus(this.status, what, "ok");
					    await this.reload();
					    this.showForm(saved);
				    }))));
			clear(this.formBox).append(...parts);
			if (focus)
				this.formBox.querySelector("#content-form-title").focus();
		},
	};
}

/* ---- categories ---- */

const categories = contentPage({
	title: "Categories",
	noun: "Category",
	plural: "Categories",
	path: "/admin/category/",
	intro: "The relationship stages of the Android app's About tab, in the app's order. " +
	    "A hidden category is not in the app, nor is any of its activities.",
	fields: () => [
		TITLE,
		{ name: "color", label: "Colour", maxlength: 7,
		    hint: "#rrggbb, e.g. #2b7ab5. Leave empty and the app picks one by the category's place." },
		ORDINAL,
		HIDDEN,
		long("about", "About", { hint: "What this stage is about (the About tab)." }),
		long("goal", "Goal", { hint: "What mentor and mentee reach in it." }),
	],
	pictures: [
		{ route: "image", field: "image", label: "Image",
		    hint: "The app shows it at 340×160 (About tab) and 112×112 (milestone).",
		    none: "the app shows none." },
	],
	columns: () => [
		{ label: "Order", cell: (c) => String(c.ordinal) },
		{ label: "Title", cell: (c) => c.title, className: "wrap" },
		{ label: "Colour", cell: (c) => c.color },
		{ label: "Image", cell: (c) => thumb(c.image, "Image of " + c.title) },
	],
});

/* ---- activities ---- */

/* Every category, for the activities' choices and names. */
async function loadCategories(ctx) {
	const page = await api.get("/admin/category/?page_size=1000");
	ctx.categories = new Map(page.results.map((c) => [c.id, c]));
}

function categoryName(ctx, id) {
	const c = ctx.categories && ctx.categories.get(id);
	if (!c)
		return id === null || id === undefined ? "—" : "#" + id;
	return c.title + (c.is_hidden ? " (hidden)" : "");
}

function categoryOptions(ctx, first) {
	const opts = [["", first]];
	for (const c of ctx.categories.values())
		opts.push([String(c.id), categoryName(ctx, c.id)]);
	return opts;
}

const activities = contentPage({
	title: "Activities",
	noun: "Activity",
	plural: "Activities",
	path: "/admin/activity/",
	intro: "What mentors do on their calls, grouped by category, in the app's order within each. " +
	    "A hidden activity is not in the app; neither are those of a hidden category.",
	prepare: loadCategories,
	toolbar(ctx, reload) {
		const pick = field({ name: "category_filter", label: "Show",
		    options: categoryOptions(ctx, "All categories") });
		ctx.filterInput = pick.input;
		pick.input.addEventListener("change", reload);
		return el("div", { className: "toolbar" }, pick);
	},
	filter(ctx) {
		return { category: ctx.filterInput ? ctx.filterInput.value : "" };
	},
	fields: (ctx) => [
		{ name: "category", label: "Category", required: true,
		    options: categoryOptions(ctx, "— choose a category —") },
		TITLE,
		ORDINAL,
		HIDDEN,
		long("objective", "Objective", { hint: "Also shown with call notes." }),
		long("lesson_rationale", "Why it matters"),
		long("instructions", "Instructions"),
		long("prompts", "Tips", { hint: "Questions to ask (the app's \"Tips\")." }),
		long("reflection_points", "Reflection points"),
		long("skills_developed", "Skills developed"),
		long("description", "Description", { hint: "Kept for administrators; the app does not show it." }),
	],
	pictures: [
		{ route: "icon", field: "icon", label: "Icon",
		    hint: "The app shows it at 72×72 (lists) and 56×56 (journey).",
		    none: "the app shows its own." },
		{ route: "poster", field: "poster", label: "Poster",
		    hint: "The app shows it at 360×248 on the activity's screen.",
		    none: "the app shows none." },
	],
	columns: (ctx) => [
		{ label: "Category", cell: (a) => categoryName(ctx, a.category) },
		{ label: "Order", cell: (a) => String(a.ordinal) },
		{ label: "Title", cell: (a) => a.title, className: "wrap" },
		{ label: "Icon", cell: (a) => thumb(a.icon, "Icon of " + a.title) },
		{ label: "Poster", cell: (a) => thumb(a.poster, "Poster of " + a.title) },
	],
});

/* ---- blog posts ---- */

const BODY_FORMATS = [["markdown", "Text (markdown)"], ["blocks", "Blocks (JSON)"]];

const blog = contentPage({
	title: "Blog",
	noun: "Post",
	plural: "Blog posts",
	path: "/admin/blog/",
	intro: "The posts of the Android app's blog tab, newest first. A hidden post is not in the app.",
	fields: (ctx, post) => {
		const blocks = post && typeof post.body_content !== "string";
		return [
			TITLE,
			HIDDEN,
			{ name: "body_format", label: "Body written as", options: BODY_FORMATS,
			    value: blocks ? "blocks" : "markdown", send: false },
			{ name: "body_content", label: "Body", type: "textarea", rows: 14, required: true,
			    wide: true,
			    value: post ? (blocks ? JSON.stringify(post.body_content, null, 2) :
				post.body_content) : "",
			    hint: "Markdown text, or blocks: a JSON list of markdown strings and " +
				"{\"type\": …, \"value\": …} with the type paragraph, heading, image " +
				"(a /media/… path), list or numbered_list (a list of strings)." },
		];
	},
	/* The body as the chosen format says: the text, or its JSON. */
	body(fields) {
		const get = (n) => fields.find((f) => f.input.name === n).input;
		const text = get("body_content").value;
		if (get("body_format").value === "markdown")
			return { body_content: text };
		try {
			return { body_content: JSON.parse(text) };
		} catch (e) {
			throw new api.ApiError(400, { body_content: ["These blocks are not JSON: " + e.message] });
		}
	},
	pictures: [
		{ route: "thumbnail", field: "thumbnail", label: "Thumbnail",
		    hint: "The app shows it at 96×96 in the list.", none: "the list shows none." },
		{ route: "image", field: "image", label: "Image",
		    hint: "The app shows it at 360×203 above the post.", none: "the post shows none." },
	],
	columns: () => [
		{ label: "Created", cell: (p) => timeEl(p.created_at) },
		{ label: "Title", cell: (p) => p.title, className: "wrap" },
		{ label: "Thumbnail", cell: (p) => thumb(p.thumbnail, "Thumbnail of " + p.title) },
	],
});

export const contentPages = {
	"/admin/categories": categories,
	"/admin/activities": activities,
	"/admin/blog": blog,
};
