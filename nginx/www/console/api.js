/*
 * The JSON API, as the console uses it: same origin, the session cookie
 * (HttpOnly, so never seen here), the CSRF token on every request that
 * changes something, and X-Requested-With so that a 401 never brings up
 * the browser's Basic Auth dialog.
 */

let csrfToken = null;
let onUnauthorized = null;

/* The token from /auth/login or /auth/session; null after logout. */
export function setCsrfToken(token) {
	csrfToken = token;
}

/* Called with the error when a request answers 401 (the session ended). */
export function setUnauthorizedHandler(fn) {
	onUnauthorized = fn;
}

/*
 * An answer other than 2xx.  body is the parsed JSON ({"detail": ...} or
 * field errors) or null.
 */
export class ApiError extends Error {
	constructor(status, body) {
		super(describe(status, body));
		this.status = status;
		this.body = body;
	}
}

function describe(status, body) {
	if (body && typeof body.detail === "string")
		return body.detail;
	if (status === 0)
		return "The server cannot be reached. Check the connection and try again.";
	if (body && typeof body === "object")
		return "Please correct the fields marked below.";
	return "The server answered " + status + ".";
}

/*
 * request("POST", "/mentor/message/", {content: "hi"}) resolves to the
 * parsed body (null for 204) or rejects with an ApiError.  A FormData
 * body goes as multipart/form-data (picture uploads).
 */
export async function request(method, path, body) {
	const headers = {
		"Accept": "application/json",
		"X-Requested-With": "XMLHttpRequest",
	};
	const opts = { method, headers, credentials: "same-origin", cache: "no-store" };
	if (method !== "GET" && method !== "HEAD" && csrfToken)
		headers["X-CSRF-Token"] = csrfToken;
	if (body instanceof FormData) {
		/* A picture upload: the browser writes the multipart body and
		 * its Content-Type with the boundary. */
		opts.body = body;
	} else if (body !== undefined) {
		headers["Content-Type"] = "application/json";
		opts.body = JSON.stringify(body);
	}
	let res;
	try {
		res = await fetch(path, opts);
	} catch (e) {
		throw new ApiError(0, null);
	}
	let data = null;
	const text = await res.text();
	if (text) {
		try {
			data = JSON.parse(text);
		} catch (e) {
			data = null;
		}
	}
	if (!res.ok) {
		const err = new ApiError(res.status, data);
		if (res.status === 401 && onUnauthorized && !path.startsWith("/auth/"))
			onUnauthorized(err);
		throw err;
	}
	return data;
}

export const get = (path) => request("GET", path);
export const post = (path, body) => request("POST", path, body);
export const put = (path, body) => request("PUT", path, body);
export const patch = (path, body) => request("PATCH", path, body);
export const del = (path) => request("DELETE", path);

/*
 * The path and query of a list's next/previous link: they are absolute
 * URLs, possibly with another host name than the one in the address bar.
 */
export function pagePath(url) {
	if (!url)
		return null;
	const u = new URL(url, location.href);
	return u.pathname + u.search;
}

/* A query string from an object, leaving out empty values. */
export function query(params) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params))
		if (v !== undefined && v !== null && v !== "")
			q.set(k, String(v));
	const s = q.toString();
	return s ? "?" + s : "";
}
