/*
 * A forgotten password, from the login page: the e-mail address (the
 * server mails a reset code and answers the same whether or not an
 * account has it), then the code with the new password.  Setting it ends
 * every session of the account; the user logs in again with it.
 */
import * as api from "./api.js";
import { el, clear, field, statusLine, setStatus, showErrors, clearErrors, busy } from "./ui.js";

const required = (fields) => {
	const errors = {};
	for (const f of fields)
		if (!f.input.value.trim())
			errors[f.input.name] = ["This field is required."];
	return errors;
};

function card(title, lead, ...children) {
	return el("form", { className: "card login", novalidate: true },
	    el("h1", { id: "page-title", tabindex: "-1", text: title }),
	    el("p", { className: "lead", text: lead }), ...children);
}

function linkButton(text, onClick) {
	const b = el("button", { type: "button", className: "link", text });
	b.addEventListener("click", onClick);
	return b;
}

/*
 * Shows the first step in main; done(message) goes back to the login
 * page, with message when the password was changed.
 */
export function showForgot(main, done) {
	const email = field({ name: "email", label: "Email", type: "email",
	    required: true, autocomplete: "email" });
	const status = statusLine();
	const form = card("Forgot your password?",
	    "Type the email address of your account: we will send it a reset code.",
	    email,
	    el("div", { className: "actions" },
		el("button", { type: "submit", className: "primary", text: "Send the code" }),
		linkButton("I have a code", () => showCode(main, done, "")),
		linkButton("Back to log in", () => done(""))),
	    status);
	form.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		clearErrors(form);
		const errors = required([email]);
		if (Object.keys(errors).length) {
			showErrors(form, new api.ApiError(400, errors));
			return;
		}
		try {
			const res = await busy(form, () => api.post("/auth/reset-password",
			    { email: email.input.value.trim() }));
			showCode(main, done, res.detail);
		} catch (err) {
			showErrors(form, err);
		}
	});
	clear(main).appendChild(form);
	email.input.focus();
}

function showCode(main, done, sent) {
	const code = field({ name: "token", label: "Reset code", required: true,
	    autocomplete: "one-time-code", hint: "The ten digits of the email." });
	code.input.inputMode = "numeric";
	const next = field({ name: "new_password", label: "New password", type: "password",
	    required: true, autocomplete: "new-password", hint: "At least 8 characters." });
	const again = field({ name: "check_new_password", label: "New password again",
	    type: "password", required: true, autocomplete: "new-password" });
	const status = statusLine();
	const form = card("Set a new password",
	    "The code works once, for an hour. Every browser and phone logged in " +
	    "with the old password is logged out.",
	    code, next, again,
	    el("div", { className: "actions" },
		el("button", { type: "submit", className: "primary", text: "Set the password" }),
		linkButton("Send another code", () => showForgot(main, done)),
		linkButton("Back to log in", () => done(""))),
	    status);
	if (sent)
		setStatus(status, sent, "info");
	form.addEventListener("submit", async (ev) => {
		ev.preventDefault();
		clearErrors(form);
		const errors = required([code, next, again]);
		if (next.input.value && again.input.value && next.input.value !== again.input.value)
			errors.check_new_password = ["The two new passwords differ."];
		if (Object.keys(errors).length) {
			showErrors(form, new api.ApiError(400, errors));
			return;
		}
		setStatus(status, "");
		try {
			await busy(form, () => api.post("/auth/confirm-password", {
				token: code.input.value.trim(),
				new_password: next.input.value,
				check_new_password: again.input.value,
			}));
			done("Your password has been changed: log in with it.");
		} catch (err) {
			next.input.value = again.input.value = "";
			showErrors(form, err);
		}
	});
	clear(main).appendChild(form);
	code.input.focus();
}
