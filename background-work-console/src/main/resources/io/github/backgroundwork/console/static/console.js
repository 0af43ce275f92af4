// The console: a page per hash route (#/overview, #/names, #/recurring, #/items?...,
// #/item/<id>, #/instances), each drawn from the API and redrawn every couple of seconds. Redrawing
// keeps the reader's place: the scroll position, the focused control, the filters, and
// no redraw happens while a confirmation is open or the tab is hidden.
import { loadSession } from './api.js';
import { pages as basePages } from './pages.js';
import { recurring } from './recurring.js';
import { h } from './dom.js';

const pages = Object.assign({ recurring }, basePages);
const REFRESH_MS = 2000;
const main = document.getElementById('main');
const status = document.getElementById('status');
let timer = null;
let generation = 0;

function route() {
	const hash = location.hash.replace(/^#\/?/, '');
	const [path, search] = hash.split('?');
	const [page, ...rest] = path.split('/');
	return {
		page: pages[page] ? page : 'overview',
		id: rest.length ? decodeURIComponent(rest.join('/')) : null,
		params: new URLSearchParams(search || ''),
	};
}

export function say(message, isError) {
	status.textContent = message;
	status.classList.toggle('error', !!isError);
}

async function draw(first) {
	const current = route();
	const mine = ++generation;
	clearTimeout(timer);
	document.querySelectorAll('nav a').forEach((link) => {
		const active = link.dataset.page === current.page || (current.page === 'item' && link.dataset.page === 'items');
		if (active) {
			link.setAttribute('aria-current', 'page');
		}
		else {
			link.removeAttribute('aria-current');
		}
	});
	try {
		const content = await pages[current.page](current, { refresh: () => draw(false), say });
		if (mine !== generation) {
			return;
		}
		replace(content, first);
		main.dataset.loaded = current.page;
		if (status.classList.contains('error')) {
			say('');
		}
	}
	catch (error) {
		if (mine !== generation) {
			return;
		}
		say(`Could not read the queues (${error.message}); retrying.`, true);
	}
	timer = setTimeout(tick, REFRESH_MS);
}

function tick() {
	const dialog = document.getElementById('confirm');
	if (document.hidden || dialog.open || main.contains(document.activeElement) && isEditing(document.activeElement)) {
		timer = setTimeout(tick, REFRESH_MS);
		return;
	}
	draw(false);
}

function isEditing(element) {
	return element.matches('input, select, textarea');
}

// Swap the page's content for the new one, keeping the scroll position and the focus
function replace(content, first) {
	const focusKey = document.activeElement && document.activeElement.dataset.key;
	const scroll = window.scrollY;
	main.replaceChildren(content);
	if (focusKey) {
		const again = main.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
		if (again) {
			again.focus({ preventScroll: true });
		}
	}
	if (first) {
		main.focus({ preventScroll: true });
	}
	else {
		window.scrollTo(0, scroll);
	}
}

async function start() {
	try {
		const session = await loadSession();
		const mode = document.getElementById('mode');
		if (session.readOnly) {
			document.body.classList.add('read-only');
			mode.replaceChildren(h('span', { class: 'badge read-only' }, 'read-only'));
		}
	}
	catch (error) {
		say(`Could not open the console (${error.message}).`, true);
		return;
	}
	window.addEventListener('hashchange', () => draw(true));
	draw(false);
}

// A broken page says so where the reader looks, rather than staying on "Loading"
window.addEventListener('error', (event) => say(`The console failed: ${event.message}`, true));
window.addEventListener('unhandledrejection', (event) => say(`The console failed: ${event.reason}`, true));

start();
