/*
 * The page every user has, whatever their role: changing their own
 * password.  The server ends every session of the old password, this
 * browser's too, and answers with this browser's new session, so the
 * console takes the new CSRF token and stays logged in.
 */
import * as api from "./api.js";
import { el, field, statusLine, setStatus, showErrors, clearErrors, busy,
    heading } from "./ui.js";

export const passwordPage = {
	title: "Password",

	render(main) {
		const current = field({ name: "current_password", label: "Current password",
		    type: "password", required: true, autocomplete: "current-password" });
		const next = field({ name: "new_password", label: "New password",
		    type: "password", required: true, autocomplete: "new-password",
		    hint: "At least 8 characters." });
		const again = field({ name: "new_password_again", label: "New password again",
		    type: "password", required: true, autocomplete: "new-password" });
		const status = statusLine();
		const form = el("form", { className: "card", novalidate: true },
		    current, next, again,
		    el("div", { className: "actions" },
			el("button", { type: "submit", className: "primary", text: "Change password" })),
		    status);
		form.addEventListener("submit", async (ev) => {
			ev.preventDefault();
			clearErrors(form);
			setStatus(status, "");
			const errors = {};
			for (const f of [current, next, again])
				if (!f.input.value)
					errors[f.input.name] = ["This field is required."];
			if (next.input.value && again.input.value && next.input.value !== again.input.value)
				errors.new_password_again = ["The two new passwords differ."];
			if (Object.keys(errors).length) {
				showErrors(form, new api.ApiError(400, errors));
				return;
			}
			try {
				const res = await busy(form, () => api.post("/auth/password",
				    { current_password: current.input.value, new_password: next.input.value }));
				api.setCsrfToken(res.csrf_token);
				form.reset();
				setStatus(status, "Password changed. Every other browser and device " +
				    "logged in with the old password has been logged out.", "ok");
			} catch (err) {
				showErrors(form, err);
			}
		});
		main.append(...heading("Password",
		    "Change the password you log in with, here and in the app."), form);
	},
};
