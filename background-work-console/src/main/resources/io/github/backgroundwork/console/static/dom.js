// A small element builder: h('td', { class: 'x' }, 'text', child). Text is always set as
// text, never parsed as HTML, so that names, keys and errors cannot inject markup.

export function h(tag, attributes, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes || {})) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name.startsWith('on')) {
			element.addEventListener(name.substring(2), value);
		}
		else {
			element.setAttribute(name, value === true ? '' : String(value));
		}
	}
	append(element, children);
	return element;
}

function append(element, children) {
	for (const child of children) {
		if (child === undefined || child === null || child === false) {
			continue;
		}
		if (Array.isArray(child)) {
			append(element, child);
		}
		else {
			element.append(child instanceof Node ? child : String(child));
		}
	}
}

export function time(value) {
	if (!value) {
		return '';
	}
	const date = new Date(value);
	return h('time', { datetime: value, title: value }, date.toLocaleString());
}

export function duration(value) {
	if (!value) {
		return '';
	}
	// ISO-8601 durations as Jackson writes them: PT1M2.5S
	const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(value);
	if (!match) {
		return value;
	}
	const seconds = (Number(match[1] || 0) * 3600) + (Number(match[2] || 0) * 60) + Number(match[3] || 0);
	return seconds < 60 ? `${seconds.toFixed(seconds < 10 ? 2 : 1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function badge(state) {
	return h('span', { class: `badge ${String(state).toLowerCase()}` }, state);
}
