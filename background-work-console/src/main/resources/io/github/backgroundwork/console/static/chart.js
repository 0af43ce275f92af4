// The overview's throughput chart: how many items ended per interval over the last
// minutes, as an inline SVG (no library), with a text equivalent for screen readers.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
	const element = document.createElementNS(SVG, tag);
	for (const [name, value] of Object.entries(attributes)) {
		element.setAttribute(name, String(value));
	}
	return element;
}

export function throughputChart(points) {
	const width = 240;
	const height = 48;
	const total = points.reduce((sum, point) => sum + point.succeeded + point.failed + point.cancelled, 0);
	const failed = points.reduce((sum, point) => sum + point.failed, 0);
	const minutes = Math.max(1, Math.round(points.length * 5 / 60));
	const label = `${total} item${total === 1 ? '' : 's'} ended in the last ${minutes} minute${minutes === 1 ? '' : 's'}, ${failed} of them failed`;
	const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label });
	const max = Math.max(1, ...points.map((point) => point.succeeded + point.failed + point.cancelled));
	// A fixed slot per interval of the window, so that bars do not widen as the history fills
	const slot = width / 120;
	points.forEach((point, index) => {
		const x = width - (points.length - index) * slot;
		let y = height;
		for (const [kind, count] of [['succeeded', point.succeeded], ['cancelled', point.cancelled], ['failed', point.failed]]) {
			if (count > 0) {
				const barHeight = Math.max(1, count / max * (height - 2));
				y -= barHeight;
				const bar = svg('rect', { x: x.toFixed(1), y: y.toFixed(1), width: Math.max(1, slot - 1).toFixed(1),
					height: barHeight.toFixed(1), class: kind });
				bar.appendChild(svg('title', {})).textContent = `${count} ${kind}`;
				chart.appendChild(bar);
			}
		}
	});
	return h('figure', { class: 'throughput' }, chart, h('figcaption', {}, label));
}
