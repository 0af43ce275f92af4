// The demo page: posts work, then redraws the queue, the mailbox and the pictures every second.
'use strict';

const REFRESH_MILLIS = 1000;

function element(tag, text, className) {
	const node = document.createElement(tag);
	if (text !== undefined && text !== null) {
		node.textContent = text;
	}
	if (className) {
		node.className = className;
	}
	return node;
}

function row(cells) {
	const tr = document.createElement('tr');
	cells.forEach((cell) => {
		const td = (cell instanceof Node) ? cell : element('td', cell);
		tr.appendChild(td);
	});
	return tr;
}

function emptyRow(text) {
	const td = element('td', text, 'empty');
	td.colSpan = 5;
	return row([td]);
}

function cell(child, className) {
	const td = element('td', null, className);
	td.appendChild(child);
	return td;
}

function seconds(from, to) {
	if (!from) {
		return '';
	}
	const millis = (to ? Date.parse(to) : Date.now()) - Date.parse(from);
	return (Math.max(0, millis) / 1000).toFixed(1) + ' s';
}

// Shows the server's problem detail, or the status when there is none
async function problemOf(response) {
	try {
		const problem = await response.json();
		return problem.detail || problem.title || ('HTTP ' + response.status);
	}
	catch (ex) {
		return 'HTTP ' + response.status;
	}
}

function show(target, text, failed, id) {
	target.textContent = text;
	target.classList.toggle('error', failed);
	if (id) {
		target.dataset.id = id;
	}
	else {
		delete target.dataset.id;
	}
}

async function postNotification(event) {
	event.preventDefault();
	const result = document.getElementById('notify-result');
	const body = {
		subject: document.getElementById('subject').value,
		message: document.getElementById('message').value,
	};
	const response = await fetch('customers/notifications', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
		body: JSON.stringify(body),
	});
	if (response.status === 202) {
		const work = await response.json();
		show(result, 'Queued ' + work.name + ' ' + work.id + ' (202 Accepted)', false, work.id);
	}
	else {
		show(result, await problemOf(response), true);
	}
	refresh();
}

async function postPicture(event) {
	event.preventDefault();
	const result = document.getElementById('upload-result');
	const response = await fetch('pictures', {
		method: 'POST',
		headers: { 'Accept': 'application/json' },
		body: new FormData(event.target),
	});
	if (response.status === 202) {
		const upload = await response.json();
		show(result, 'Stored ' + upload.picture.name + '; queued ' + upload.work.name + ' ' + upload.work.id,
				false, upload.work.id);
		event.target.reset();
	}
	else {
		show(result, await problemOf(response), true);
	}
	refresh();
}

function progressCell(item) {
	const bar = element('progress');
	let label = '';
	if (item.progress) {
		bar.max = Math.max(1, item.progress.total);
		bar.value = item.progress.done;
		label = ' ' + item.progress.done + ' / ' + item.progress.total;
	}
	const td = cell(bar);
	td.appendChild(document.createTextNode(label));
	return td;
}

function drawWork(snapshot) {
	const totals = snapshot.totals || {};
	document.getElementById('queue').textContent = 'Queue ' + snapshot.state + ': ' + snapshot.running
			+ ' running of ' + snapshot.concurrency + ', ' + snapshot.queued + ' queued of ' + snapshot.capacity
			+ ' | accepted ' + totals.accepted + ', succeeded ' + totals.succeeded + ', failed ' + totals.failed
			+ ', cancelled ' + totals.cancelled + ', rejected ' + totals.rejected + ', abandoned ' + totals.abandoned;

	const inFlight = document.getElementById('in-flight');
	inFlight.replaceChildren(...snapshot.inFlight.map((item) => {
		const tr = row([item.name, element('td', item.id, 'id'), cell(element('span', item.state, 'badge ' + item.state)),
			seconds(item.startedAt || item.enqueuedAt), progressCell(item)]);
		tr.dataset.id = item.id;
		tr.dataset.state = item.state;
		return tr;
	}));
	if (snapshot.inFlight.length === 0) {
		inFlight.appendChild(emptyRow('Nothing in flight'));
	}

	const recent = document.getElementById('recent');
	recent.replaceChildren(...snapshot.recent.map((item) => {
		let detail = '';
		if (item.error) {
			detail = item.error.type + ': ' + (item.error.message || '');
		}
		else if (item.progress) {
			detail = item.progress.done + ' / ' + item.progress.total;
		}
		if (item.abandoned) {
			detail = 'abandoned at shutdown ' + detail;
		}
		const tr = row([item.name, element('td', item.id, 'id'), cell(element('span', item.state, 'badge ' + item.state)),
			seconds(item.startedAt, item.finishedAt), detail]);
		tr.dataset.id = item.id;
		tr.dataset.state = item.state;
		return tr;
	}));
	if (snapshot.recent.length === 0) {
		recent.appendChild(emptyRow('Nothing finished yet'));
	}
}

function drawMailbox(mailbox) {
	const latest = mailbox.latest.length ? ' Latest: ' + mailbox.latest[0].to + ', "' + mailbox.latest[0].subject + '"' : '';
	document.getElementById('mailbox').textContent = 'The embedded SMTP server received ' + mailbox.received
			+ ' mails (GET /mailbox).' + latest;
}

function drawPictures(pictures) {
	document.getElementById('pictures').replaceChildren(...pictures.map((picture) => {
		const figure = element('figure');
		figure.dataset.name = picture.name;
		const link = element('a');
		link.href = picture.url;
		if (picture.thumbnailUrl) {
			const image = element('img', null, 'thumbnail');
			image.src = picture.thumbnailUrl;
			image.alt = 'Thumbnail of ' + picture.name;
			link.appendChild(image);
		}
		else {
			link.appendChild(element('div', 'Making the thumbnail…', 'pending'));
		}
		figure.appendChild(link);
		return figure;
	}));
}

// Redraws a part only when its data changed, so that images do not flicker
const drawn = {};

async function load(url, draw, onMissing) {
	try {
		const response = await fetch(url, { headers: { 'Accept': 'application/json' } });
		if (!response.ok) {
			onMissing(await problemOf(response));
			return;
		}
		const text = await response.text();
		if (drawn[url] !== text) {
			drawn[url] = text;
			draw(JSON.parse(text));
		}
	}
	catch (ex) {
		onMissing('The demo is not reachable: ' + ex.message);
	}
}

function refresh() {
	return Promise.all([
		load('actuator/backgroundwork', drawWork, (why) => {
			document.getElementById('queue').textContent = 'The backgroundwork endpoint is not available: ' + why;
		}),
		load('mailbox', drawMailbox, (why) => {
			document.getElementById('mailbox').textContent = why;
		}),
		load('pictures', drawPictures, () => {}),
	]);
}

async function poll() {
	await refresh();
	setTimeout(poll, REFRESH_MILLIS);
}

document.getElementById('notify-form').addEventListener('submit', postNotification);
document.getElementById('upload-form').addEventListener('submit', postPicture);
poll();
