// The console's pages. Each returns a fresh element built from the API's answers; the
// buttons act through POSTs and redraw. In read-only mode no button is drawn.
import { currentSession, get, post, query } from './api.js';
import { badge, duration, h, time } from './dom.js';
import { throughputChart } from './chart.js';

const PAGE_SIZE = 20;
const STATES = ['QUEUED', 'SCHEDULED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'ABANDONED'];
const LIVE = ['QUEUED', 'SCHEDULED', 'RUNNING'];
const ENDED = ['FAILED', 'CANCELLED', 'ABANDONED', 'SUCCEEDED'];
const STORED = 'stored';

export function canAct() {
	return !currentSession().readOnly;
}

export function button(label, key, action, context, extra) {
	return h('button', Object.assign({ type: 'button', 'data-key': key, class: 'action',
		onclick: () => run(action, context) }, extra || {}), label);
}

async function run(action, context) {
	try {
		const message = await action();
		context.say(message || 'Done.');
	}
	catch (error) {
		context.say(error.message, true);
	}
	context.refresh();
}

function encode(value) {
	return encodeURIComponent(value);
}

// --- Overview -----------------------------------------------------------------------

// What is paused, per queue, into each queue's description
async function describeQueues(search) {
	const [described, paused] = await Promise.all([get(`api/queues${search}`), get('api/paused')]);
	for (const [name, queue] of Object.entries(described.queues)) {
		queue.paused = paused[name] || queue.paused || { queue: false, names: [] };
	}
	return described;
}

async function overview(route, context) {
	const [described, throughput] = await Promise.all([describeQueues('?limit=0'), get('api/throughput')]);
	const cards = Object.entries(described.queues).map(([name, queue]) => queueCard(name, queue,
			throughput[name] || [], context));
	if (described.durable) {
		cards.push(storeCard(described.durable));
	}
	return h('section', { 'aria-labelledby': 'overview-title' }, h('h2', { id: 'overview-title' }, 'Overview'),
			h('div', { class: 'cards' }, cards));
}

function queueCard(name, queue, points, context) {
	const paused = queue.paused && queue.paused.queue;
	const totals = queue.totals;
	return h('article', { class: 'card queue', 'data-queue': name, 'aria-labelledby': `queue-${name}` },
		h('h3', { id: `queue-${name}` }, name, ' ', badge(queue.state), paused ? badge('PAUSED') : null),
		h('dl', { class: 'figures' },
			figure('Concurrency', queue.concurrency, 'concurrency'),
			figure('Running', queue.running, 'running'),
			figure('Queued', queue.queued, 'queued'),
			figure('Scheduled', queue.scheduled, 'scheduled'),
			figure('Paused names', queue.paused ? queue.paused.names.length : 0, 'paused-names'),
			figure('Succeeded', totals.succeeded, 'succeeded'),
			figure('Failed', totals.failed, 'failed'),
			figure('Cancelled', totals.cancelled, 'cancelled')),
		throughputChart(points),
		canAct() ? h('div', { class: 'buttons' },
			paused ? button('Resume queue', `resume-${name}`, () => post(`api/queues/${encode(name)}/resume`)
				.then(() => `Queue ${name} resumed.`), context)
				: button('Pause queue', `pause-${name}`, () => post(`api/queues/${encode(name)}/pause`)
					.then(() => `Queue ${name} paused: running items finish, no new item starts.`), context))
			: null,
		h('p', {}, h('a', { href: `#/items?queue=${encode(name)}` }, `Items of ${name}`)));
}

function figure(label, value, key) {
	return h('div', { 'data-figure': key }, h('dt', {}, label), h('dd', {}, String(value)));
}

function storeCard(durable) {
	const byState = {};
	for (const count of durable.counts) {
		byState[count.state] = (byState[count.state] || 0) + count.count;
	}
	return h('article', { class: 'card store', 'aria-labelledby': 'store-title' },
		h('h3', { id: 'store-title' }, 'Stored work (all instances)'),
		h('dl', { class: 'figures' }, Object.keys(byState).length === 0 ? h('div', {}, h('dt', {}, 'Items'), h('dd', {}, '0'))
			: Object.entries(byState).map(([state, count]) => figure(state.toLowerCase(), count, `stored-${state}`))),
		h('p', { class: 'note' }, `Live items, and those that ended within ${duration(durable.endedWithin)}.`),
		h('p', {}, h('a', { href: `#/items?queue=${STORED}` }, 'Stored items')));
}

// --- Names --------------------------------------------------------------------------

async function names(route, context) {
	const described = await describeQueues('?limit=0');
	const sections = Object.entries(described.queues).map(([queueName, queue]) => {
		const paused = new Set(queue.paused ? queue.paused.names : []);
		const rows = queue.names.shown.map((summary) => nameRow(queueName, summary.name, paused,
			[summary.queued, summary.scheduled, summary.running, summary.recentFailures], context));
		for (const name of paused) {
			if (!queue.names.shown.some((summary) => summary.name === name)) {
				rows.push(nameRow(queueName, name, paused, [0, 0, 0, 0], context));
			}
		}
		return h('section', { 'aria-labelledby': `names-${queueName}` },
			h('h3', { id: `names-${queueName}` }, `In ${queueName}`),
			table(['Name', 'Queued', 'Scheduled', 'Running', 'Recent failures', 'State', ''], rows,
				'No work in flight or recently failed.'),
			queue.names.omitted ? h('p', { class: 'note' }, `${queue.names.omitted} more names not shown.`) : null);
	});
	if (described.durable) {
		sections.push(storedNames(described, context));
	}
	return h('section', { 'aria-labelledby': 'names-title' }, h('h2', { id: 'names-title' }, 'Names'), sections);
}

function nameRow(queueName, name, paused, counts, context) {
	const isPaused = paused.has(name);
	const base = `api/queues/${encode(queueName)}/names/${encode(name)}`;
	return h('tr', { 'data-name': name },
		h('th', { scope: 'row' }, h('a', { href: `#/items?queue=${encode(queueName)}&name=${encode(name)}` }, name)),
		counts.map((count) => h('td', { class: 'number' }, String(count))),
		h('td', {}, isPaused ? badge('PAUSED') : badge('ACTIVE')),
		h('td', {}, canAct() ? (isPaused
			? button('Resume', `resume-${queueName}-${name}`, () => post(`${base}/resume`).then(() => `${name} resumed.`), context)
			: button('Pause', `pause-${queueName}-${name}`, () => post(`${base}/pause`)
				.then(() => `${name} paused: no new item of it starts.`), context)) : null));
}

function storedNames(described, context) {
	const firstQueue = Object.keys(described.queues)[0];
	const paused = new Set();
	for (const queue of Object.values(described.queues)) {
		(queue.paused ? queue.paused.names : []).forEach((name) => paused.add(name));
	}
	const byName = new Map();
	for (const count of described.durable.counts) {
		const counts = byName.get(count.name) || {};
		counts[count.state] = count.count;
		byName.set(count.name, counts);
	}
	const rows = [...byName.entries()].map(([name, counts]) => nameRow(firstQueue, name, paused,
		[counts.QUEUED || 0, counts.SCHEDULED || 0, counts.RUNNING || 0, counts.FAILED || 0], context));
	return h('section', { 'aria-labelledby': 'names-stored' }, h('h3', { id: 'names-stored' }, 'Stored work (all instances)'),
		table(['Name', 'Queued', 'Scheduled', 'Running', 'Failed', 'State', ''], rows, 'No stored work.'));
}

export function table(headings, rows, empty) {
	if (rows.length === 0) {
		return h('p', { class: 'empty' }, empty);
	}
	return h('div', { class: 'table' }, h('table', {},
		h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
		h('tbody', {}, rows)));
}

// --- Items --------------------------------------------------------------------------

async function items(route, context) {
	const session = currentSession();
	const params = route.params;
	const source = params.get('queue') || (session.durable ? STORED : session.queues[0]);
	const filter = { state: params.get('state') || '', name: params.get('name') || '', key: params.get('key') || '' };
	const offset = Math.max(0, Number(params.get('offset')) || 0);
	const described = await get(`api/queues${query({
		queue: source === STORED ? session.queues[0] : source, state: filter.state, name: filter.name,
		key: filter.key, offset, limit: PAGE_SIZE })}`);
	const page = source === STORED ? described.durable.items : described.queues[source].items;
	const rows = page.list.map((item) => h('tr', { 'data-id': item.id, 'data-state': item.state },
		h('th', { scope: 'row' }, h('a', { href: `#/item/${encode(item.id)}`, 'data-key': `item-${item.id}` }, item.id)),
		h('td', {}, item.name), h('td', {}, badge(item.state)), h('td', {}, item.key || ''),
		h('td', {}, time(item.enqueuedAt)), h('td', {}, time(item.finishedAt)), h('td', { class: 'number' }, String(item.attempts)),
		h('td', {}, item.owner || '')));
	return h('section', { 'aria-labelledby': 'items-title' }, h('h2', { id: 'items-title' }, 'Items'),
		filterForm(session, source, filter),
		h('p', { class: 'note', id: 'items-total' }, `${page.total} matching item${page.total === 1 ? '' : 's'}` +
			(source === STORED ? ', most recently enqueued first.' : ': in flight oldest first, then the recently ended, newest first.') +
			(filter.key ? ' The key is looked for among the 100 newest items that match the rest of the filter.' : '')),
		table(['Id', 'Name', 'State', 'Key', 'Enqueued', 'Ended', 'Attempts', 'Owner'], rows, 'No item matches.'),
		pager(source, filter, offset, page.total),
		canAct() ? bulkBar(source, filter, page.total, context) : null);
}

function filterForm(session, source, filter) {
	const sources = session.queues.map((name) => h('option', { value: name, selected: name === source }, `${name} (in memory)`));
	if (session.durable) {
		sources.unshift(h('option', { value: STORED, selected: source === STORED }, 'Stored work (all instances)'));
	}
	const apply = (event) => {
		event.preventDefault();
		const form = event.target;
		location.hash = `#/items${query({ queue: form.queue.value, state: form.state.value,
			name: form.name.value.trim(), key: form.key.value.trim() })}`;
	};
	return h('form', { class: 'filters', onsubmit: apply, 'aria-label': 'Filter items' },
		h('label', {}, 'Where', h('select', { name: 'queue', 'data-key': 'filter-queue' }, sources)),
		h('label', {}, 'State', h('select', { name: 'state', 'data-key': 'filter-state' },
			h('option', { value: '' }, 'any'), STATES.map((state) => h('option', { value: state, selected: state === filter.state }, state)))),
		h('label', {}, 'Name', h('input', { name: 'name', value: filter.name, 'data-key': 'filter-name', autocomplete: 'off' })),
		h('label', {}, 'Key starts with', h('input', { name: 'key', value: filter.key, 'data-key': 'filter-key', autocomplete: 'off' })),
		h('button', { type: 'submit', 'data-key': 'filter-apply' }, 'Filter'));
}

function pager(source, filter, offset, total) {
	const link = (label, to, key) => h('a', { href: `#/items${query(Object.assign({ queue: source }, filter, { offset: to }))}`,
		'data-key': key, class: 'page-link' }, label);
	const last = Math.min(offset + PAGE_SIZE, total);
	return h('nav', { class: 'pager', 'aria-label': 'Pages of items' },
		offset > 0 ? link('← Newer', Math.max(0, offset - PAGE_SIZE), 'page-previous') : null,
		h('span', {}, total === 0 ? '' : `${offset + 1}–${last} of ${total}`),
		last < total ? link('Older →', offset + PAGE_SIZE, 'page-next') : null);
}

function bulkBar(source, filter, total, context) {
	const described = [filter.state || 'any state', filter.name ? `name ${filter.name}` : 'any name',
		filter.key ? `key starting with ${filter.key}` : null].filter(Boolean).join(', ');
	const where = source === STORED ? 'stored work' : `queue ${source}`;
	const bulk = (action) => async () => {
		const confirmed = await confirm(`${action[0].toUpperCase()}${action.substring(1)} every item of ${where} ` +
			`that matches: ${described}? About ${total} item${total === 1 ? '' : 's'} match now; items of another ` +
			'state are left alone.', `${action[0].toUpperCase()}${action.substring(1)} them`);
		if (!confirmed) {
			return 'Nothing changed.';
		}
		const result = await post(`api/bulk/${action}${query({ queue: source === STORED ? null : source,
			state: filter.state, name: filter.name, key: filter.key })}`);
		return `${action}: ${result.changed} of ${result.matched} matching items changed.`;
	};
	return h('div', { class: 'buttons bulk', role: 'group', 'aria-label': 'Act on every matching item' },
		h('span', {}, 'Every matching item:'),
		button('Retry all', 'bulk-retry', bulk('retry'), context),
		button('Cancel all', 'bulk-cancel', bulk('cancel'), context),
		button('Delete all', 'bulk-delete', bulk('delete'), context, { class: 'action danger' }));
}

function confirm(text, yes) {
	const dialog = document.getElementById('confirm');
	document.getElementById('confirm-text').textContent = text;
	document.getElementById('confirm-yes').textContent = yes;
	return new Promise((resolve) => {
		dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
		dialog.returnValue = '';
		dialog.showModal();
		document.getElementById('confirm-no').focus();
	});
}

// --- One item -----------------------------------------------------------------------

async function item(route, context) {
	const id = route.id;
	let described;
	try {
		described = await get(`api/items/${encode(id)}`);
	}
	catch (error) {
		if (error.status === 404) {
			return h('section', {}, h('h2', {}, `Item ${id}`), h('p', { class: 'empty' }, 'No item has this id (any more).'),
				h('p', {}, h('a', { href: '#/items' }, 'All items')));
		}
		throw error;
	}
	// Only where the application shows payloads (they may hold personal data), and only
	// for typed work kept in memory, which holds its request
	let payload = null;
	if (currentSession().showPayloads) {
		payload = await get(`api/items/${encode(id)}/payload`).catch(() => null);
	}
	const rows = [
		['Name', described.name], ['State', badge(described.state)], ['Key', described.key],
		['Enqueued', time(described.enqueuedAt)], ['Due', time(described.notBefore)], ['Started', time(described.startedAt)],
		['Ended', time(described.finishedAt)], ['Duration', duration(described.duration)],
		['Attempts', String(described.attempts)], ['Owner', described.owner],
		['Progress', described.progress ? `${described.progress.done} / ${described.progress.total}` : null],
		['Abandoned', described.abandoned ? 'yes, at the shutdown deadline' : null],
		['Unreadable', described.unreadable ? `by ${described.unreadable.by}: ${described.unreadable.reason}` : null],
		['Unhandled', described.unhandled ? 'no live instance handles this name: nothing runs it until one starts' : null],
		['Error', described.error ? `${described.error.type}${described.error.message ? `: ${described.error.message}` : ''}` : null],
	].filter(([, value]) => value !== null && value !== undefined && value !== '');
	return h('section', { 'aria-labelledby': 'item-title', 'data-id': described.id, 'data-state': described.state },
		h('h2', { id: 'item-title' }, `Item ${described.id}`),
		h('dl', { class: 'details' }, rows.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value)))),
		canAct() ? itemButtons(described, context) : null,
		described.stackTrace ? h('section', { 'aria-labelledby': 'trace-title' }, h('h3', { id: 'trace-title' }, 'Stack trace'),
			h('pre', { class: 'trace', id: 'stack-trace', tabindex: '0' }, described.stackTrace)) : null,
		Array.isArray(described.history) && described.history.length ? history(described.history) : null,
		payload ? h('section', { 'aria-labelledby': 'payload-title' }, h('h3', { id: 'payload-title' }, 'Payload'),
			h('p', { class: 'note' }, payload.type), h('pre', { class: 'payload', id: 'payload', tabindex: '0' },
				JSON.stringify(payload.payload, null, 2))) : null,
		h('p', {}, h('a', { href: `#/items?name=${encode(described.name)}` }, `Items named ${described.name}`)));
}

function itemButtons(described, context) {
	const act = (action, done) => () => post(`api/items/${encode(described.id)}/${action}`).then((outcome) =>
		outcome.result === 'APPLIED' ? done : `${action} not applied: ${outcome.message || outcome.result}`);
	const buttons = [];
	if (LIVE.includes(described.state)) {
		buttons.push(button('Cancel', 'item-cancel', act('cancel', 'Cancellation requested.'), context));
	}
	if (ENDED.includes(described.state)) {
		if (described.state !== 'SUCCEEDED') {
			buttons.push(button('Retry', 'item-retry', act('retry', 'Queued to run again.'), context));
		}
		buttons.push(button('Delete', 'item-delete', act('delete', 'Deleted.'), context, { class: 'action danger' }));
	}
	return h('div', { class: 'buttons' }, buttons);
}

function history(attempts) {
	const headings = Object.keys(attempts[0]);
	return h('section', { 'aria-labelledby': 'history-title' }, h('h3', { id: 'history-title' }, 'Attempts'),
		table(headings, attempts.map((attempt) => h('tr', {}, headings.map((key) => {
			const value = attempt[key];
			return h('td', {}, value && typeof value === 'object' ? JSON.stringify(value) : (value ?? ''));
		}))), ''));
}

// --- Instances ----------------------------------------------------------------------

async function instances(route, context) {
	const described = await get('api/queues?limit=0');
	let content;
	if (!described.durable) {
		content = h('p', { class: 'empty' }, 'Typed work is kept in memory (background-work.store=memory): each instance '
			+ 'runs its own, and this console shows this instance only.');
	}
	else if (!Array.isArray(described.durable.instances)) {
		content = h('p', { class: 'empty' }, 'This version of the store does not list its instances.');
	}
	else {
		const rows = described.durable.instances.map((instance) => h('tr', { 'data-instance': instance.id },
			h('th', { scope: 'row' }, instance.id), h('td', {}, instance.queue), h('td', {}, instance.host),
			h('td', {}, badge(instance.live ? 'LIVE' : 'GONE')), h('td', { class: 'number' }, String(instance.concurrency)),
			h('td', {}, time(instance.startedAt)), h('td', {}, time(instance.lastSeen)),
			h('td', {}, (instance.names || []).join(', '))));
		content = table(['Instance', 'Queue', 'Host', 'State', 'Concurrency', 'Started', 'Last seen', 'Handles'], rows,
			'No instance claims from the store now.');
	}
	return h('section', { 'aria-labelledby': 'instances-title' }, h('h2', { id: 'instances-title' }, 'Instances'), content);
}

export const pages = { overview, names, items, item, instances };
