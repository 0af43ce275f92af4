// The console's JSON API, under the page's own path ("api/..."): GETs, and POSTs that
// carry Spring Security's CSRF token when the application has one.

let session = null;

export async function loadSession() {
	session = await get('api/session');
	return session;
}

export async function get(url) {
	const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
	return answer(response);
}

export async function post(url) {
	const headers = { Accept: 'application/json' };
	if (session && session.csrf && session.csrf.headerName) {
		headers[session.csrf.headerName] = session.csrf.token;
	}
	const response = await fetch(url, { method: 'POST', headers, credentials: 'same-origin' });
	return answer(response);
}

async function answer(response) {
	const text = await response.text();
	let body = null;
	try {
		body = text ? JSON.parse(text) : null;
	}
	catch (ignored) {
		body = { message: text.trim() };
	}
	if (!response.ok && !(body && body.result)) {
		const message = (body && body.message) || response.statusText || 'failed';
		const error = new Error(`${response.status}: ${message}`);
		error.status = response.status;
		throw error;
	}
	return body;
}

export function query(params) {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value !== undefined && value !== null && value !== '') {
			search.set(key, value);
		}
	}
	const text = search.toString();
	return text ? `?${text}` : '';
}

export function currentSession() {
	return session;
}
