// The recurring page: each recurring name with its schedule, next due time, last run
// (when, where, outcome) and whether it is paused; pause, resume, or run it now. The
// runs themselves are ordinary items, on the items page under the name.
import { get, post } from './api.js';
import { badge, h, time } from './dom.js';
import { button, canAct, table } from './pages.js';

function encode(value) {
	return encodeURIComponent(value);
}

export async function recurring(route, context) {
	const statuses = await get('api/recurring');
	const rows = statuses.map((status) => recurringRow(status, context));
	return h('section', { 'aria-labelledby': 'recurring-title' }, h('h2', { id: 'recurring-title' }, 'Recurring'),
		h('p', { class: 'note' }, 'A paused name skips its due times until resumed; "Run now" adds a run outside the '
			+ 'schedule, which may overlap a scheduled one.'),
		table(['Name', 'Schedule', 'Next due', 'Last run', 'Ran on', 'Outcome', 'State', ''], rows,
			'No recurring work: no @BackgroundWorkHandler has cron or every, or every such name is switched off.'));
}

function recurringRow(status, context) {
	const base = `api/recurring/${encode(status.name)}`;
	const last = status.lastRun;
	return h('tr', { 'data-recurring': status.name, 'data-paused': String(status.paused) },
		h('th', { scope: 'row' }, h('a', { href: `#/items?name=${encode(status.name)}` }, status.name)),
		h('td', {}, status.schedule), h('td', {}, time(status.nextDue)),
		h('td', {}, last ? h('a', { href: `#/item/${encode(last.id)}` }, last.at ? time(last.at) : last.id) : 'none yet'),
		h('td', {}, last && last.owner ? last.owner : ''),
		h('td', {}, last ? badge(last.state) : ''),
		h('td', {}, status.paused ? badge('PAUSED') : badge('ACTIVE')),
		h('td', {}, canAct() ? h('div', { class: 'buttons' },
			status.paused
				? button('Resume', `recurring-resume-${status.name}`, () => post(`${base}/resume`)
					.then(() => `${status.name} resumed: it runs at its next due time.`), context)
				: button('Pause', `recurring-pause-${status.name}`, () => post(`${base}/pause`)
					.then(() => `${status.name} paused: its due times are skipped until it is resumed.`), context),
			button('Run now', `recurring-trigger-${status.name}`, () => post(`${base}/trigger`)
				.then((run) => `${status.name}: run ${run.id} queued.`), context)) : null));
}
