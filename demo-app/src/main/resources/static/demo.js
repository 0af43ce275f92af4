// The demo page: posts work, follows each accepted item at its Location (/work/{id}), cancels items
// there, and redraws the queue and the stored items (GET /work), the mailbox and the pictures every second.
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

function emptyRow(text, columns) {
	const td = element('td', text, 'empty');
	td.colSpan = columns;
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

// The items this page queued, by result paragraph: { name, id, location }, followed until they end
const followed = {};

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
		follow(result, work, response.headers.get('Location'));
	}
	else {
		show(result, await problemOf(response), true);
	}
	refresh();
}

// One stored item per customer: the mailbox below shows the mails arrive, a restart resumes them
async function postDurableNotification() {
	const result = document.getElementById('notify-result');
	const form = document.getElementById('notify-form');
	if (!form.reportValidity()) {
		return;
	}
	const response = await fetch('customers/notifications/durable', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
		body: JSON.stringify({
			subject: document.getElementById('subject').value,
			message: document.getElementById('message').value,
		}),
	});
	delete followed[result.id];
	if (response.status === 202) {
		const mailing = await response.json();
		show(result, 'Campaign ' + mailing.campaign + ': queued ' + mailing.queued + ' stored customer-mail-durable items'
			+ (mailing.duplicates ? ' (' + mailing.duplicates + ' already queued)' : ''), false);
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
		follow(result, upload.work, response.headers.get('Location'), 'Stored ' + upload.picture.name + '; ');
		event.target.reset();
	}
	else {
		show(result, await problemOf(response), true);
	}
	refresh();
}

function describe(item, prefix) {
	const progress = item.progress ? ' ' + item.progress.done + ' / ' + item.progress.total : '';
	return (prefix || '') + 'Queued ' + item.name + ' ' + item.id + ': ' + item.state + progress;
}

function follow(result, work, location, prefix) {
	followed[result.id] = { location: location, prefix: prefix };
	show(result, describe({ name: work.name, id: work.id, state: 'accepted' }, prefix), false, work.id);
}

// Reads each followed item at its Location until it has ended
async function refreshFollowed() {
	await Promise.all(Object.entries(followed).map(async ([resultId, item]) => {
		const result = document.getElementById(resultId);
		const response = await fetch(item.location, { headers: { 'Accept': 'application/json' } });
		if (!response.ok) {
			show(result, await problemOf(response), true);
			delete followed[resultId];
			return;
		}
		const work = await response.json();
		show(result, describe(work, item.prefix), work.state === 'FAILED', work.id);
		result.dataset.state = work.state;
		if (!['QUEUED', 'RUNNING'].includes(work.state)) {
			delete followed[resultId];
		}
	}));
}

async function cancel(id) {
	const response = await fetch('work/' + encodeURIComponent(id), {
		method: 'DELETE',
		headers: { 'Accept': 'application/json' },
	});
	const status = document.getElementById('cancel-result');
	if (response.status === 202) {
		const work = await response.json();
		show(status, 'Cancellation requested for ' + work.name + ' ' + work.id + ' (' + work.state + ')', false,
				work.id);
	}
	else {
		show(status, await problemOf(response), true);
	}
	refresh();
}

function cancelCell(item) {
	const button = element('button', 'Cancel', 'cancel');
	button.type = 'button';
	button.addEventListener('click', () => cancel(item.id));
	return cell(button);
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

// One line per queue: the mailings' backgroundWorkQueue and the thumbnails' pictureQueue, each with its own workers
function queueLine(name, queue) {
	const totals = queue.totals || {};
	const line = element('span', 'Queue ' + name + ' ' + queue.state + ': ' + queue.running
			+ ' running of ' + queue.concurrency + ', ' + queue.queued + ' queued of ' + queue.capacity
			+ ' | accepted ' + totals.accepted + ', succeeded ' + totals.succeeded + ', failed ' + totals.failed
			+ ', cancelled ' + totals.cancelled + ', rejected ' + totals.rejected + ', abandoned ' + totals.abandoned,
			'queue-line');
	line.dataset.queue = name;
	return line;
}

// Recurring work (the daily digest): its schedule, next due time and last run
function recurringLine(status) {
	const last = status.lastRun;
	const line = element('span', 'Recurring ' + status.name + ' (' + status.schedule + ')'
			+ (status.paused ? ', paused' : '') + ': next due ' + (status.nextDue ? new Date(status.nextDue).toLocaleString() : '-')
			+ ', last run ' + (last ? (last.at ? new Date(last.at).toLocaleString() : last.id) + ' ' + last.state
				+ (last.owner ? ' on ' + last.owner : '') : 'none yet'), 'queue-line');
	line.dataset.recurring = status.name;
	return line;
}

function drawWork(overview) {
	document.getElementById('queue').replaceChildren(...Object.entries(overview.queues)
		.map(([name, queue]) => queueLine(name, queue)));
	document.getElementById('recurring').replaceChildren(...(overview.recurring || []).map(recurringLine));

	const inFlight = document.getElementById('in-flight');
	inFlight.replaceChildren(...overview.inFlight.map((item) => {
		const tr = row([item.name, element('td', item.id, 'id'), cell(element('span', item.state, 'badge ' + item.state)),
			seconds(item.startedAt || item.enqueuedAt), progressCell(item), cancelCell(item)]);
		tr.dataset.id = item.id;
		tr.dataset.state = item.state;
		return tr;
	}));
	if (overview.inFlight.length === 0) {
		inFlight.appendChild(emptyRow('Nothing in flight', 6));
	}
	else if (overview.inFlightTotal > overview.inFlight.length) {
		inFlight.appendChild(emptyRow('and ' + (overview.inFlightTotal - overview.inFlight.length) + ' more', 6));
	}

	const recent = document.getElementById('recent');
	recent.replaceChildren(...overview.recent.map((item) => {
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
	if (overview.recent.length === 0) {
		recent.appendChild(emptyRow('Nothing finished yet', 5));
	}
	drawDurable(overview.durable);
}

// Stored items come from the database (the queue's own tables list only what it keeps in memory)
function drawDurable(durable) {
	const part = document.getElementById('durable-part');
	part.hidden = !durable;
	if (!durable) {
		return;
	}
	document.getElementById('durable-counts').textContent = 'In the database: ' + Object.entries(durable.counts)
		.map(([state, count]) => count + ' ' + state.toLowerCase()).join(', ');
	const rows = document.getElementById('durable');
	rows.replaceChildren(...durable.items.map((item) => {
		const live = ['QUEUED', 'SCHEDULED', 'RUNNING'].includes(item.state);
		const tr = row([item.name, element('td', item.id, 'id'), cell(element('span', item.state, 'badge ' + item.state)),
			element('td', item.owner || '', 'id'), String(item.attempts), live ? cancelCell(item) : '']);
		tr.dataset.id = item.id;
		tr.dataset.state = item.state;
		return tr;
	}));
	if (durable.items.length === 0) {
		rows.appendChild(emptyRow('Nothing stored', 6));
	}
}

// The ledger's counts come from the database: they add up the runs before a restart or a kill too
function drawMailbox(mailbox) {
	const latest = mailbox.latest.length ? ' Latest: ' + mailbox.latest[0].to + ', "' + mailbox.latest[0].subject + '"' : '';
	document.getElementById('mailbox').textContent = (mailbox.received === null)
		? 'The embedded SMTP server is off (spring.mail.host is set); the demo counts what it sent (GET /mailbox):'
		: 'The embedded SMTP server received ' + mailbox.received + ' mails since this start (GET /mailbox).' + latest;
	document.getElementById('campaigns').replaceChildren(...mailbox.campaigns.slice(0, 3).map((campaign) => {
		const line = element('li', 'Campaign ' + campaign.campaign + ': ' + campaign.mails + ' mails to '
				+ campaign.customers + ' customers, ' + campaign.duplicates + ' duplicates');
		line.dataset.campaign = campaign.campaign;
		return line;
	}));
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
		load('work', drawWork, (why) => {
			document.getElementById('queue').textContent = 'The queue is not available: ' + why;
		}),
		refreshFollowed(),
		load('mailbox', drawMailbox, (why) => {
			document.getElementById('mailbox').textContent = why;
			document.getElementById('campaigns').replaceChildren();
		}),
		load('pictures', drawPictures, () => {}),
	]);
}

async function poll() {
	await refresh();
	setTimeout(poll, REFRESH_MILLIS);
}

document.getElementById('notify-form').addEventListener('submit', postNotification);
document.getElementById('notify-durable-button').addEventListener('click', postDurableNotification);
document.getElementById('upload-form').addEventListener('submit', postPicture);
poll();
