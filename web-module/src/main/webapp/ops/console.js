'use strict';
// The operator's page: reads and acts only through OrderFlow's own API (/api/ops/*), with the user the
// browser logged in. Everything the server sends is shown as text, never parsed as HTML.

const API = '/api';
const REFRESH_MS = 5000;
const sections = ['flow', 'dead-letters', 'orders', 'audit'];
let caller = {name: '', mayAct: false};
let refreshTimer = null;

function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === null || value === undefined || value === false) continue;
        if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else if (name === 'text') node.textContent = value;
        else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
}

function when(instant) {
    return instant ? new Date(instant).toLocaleString() : '–';
}

function notice(text, isError = false) {
    const box = document.getElementById('notice');
    box.textContent = text;
    box.className = isError ? 'error' : '';
    box.hidden = !text;
}

async function call(path, options = {}) {
    const response = await fetch(API + path, {
        credentials: 'same-origin',
        headers: {'Accept': 'application/json', ...(options.body ? {'Content-Type': 'application/json'} : {})},
        ...options,
    });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
        const problem = body && (body.detail || body.title);
        throw new Error(problem || `${response.status} ${response.statusText}`);
    }
    return body;
}

function post(path, body) {
    return call(path, {method: 'POST', body: JSON.stringify(body)});
}

// ---- navigation

function show(route, moveFocus) {
    const [name, argument] = route.replace(/^#/, '').split('/');
    const section = sections.includes(name) ? name : 'flow';
    for (const id of sections) {
        document.getElementById(id).hidden = id !== section;
        const link = document.getElementById('nav-' + id);
        if (id === section) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
    clearInterval(refreshTimer);
    const load = {flow: loadFlow, 'dead-letters': loadDeadLetters, orders: () => loadOrders(argument), audit: loadAudit}[section];
    const refresh = () => load().catch(error => notice(error.message, true));
    refresh();
    if (section === 'flow') refreshTimer = setInterval(refresh, REFRESH_MS);
    // after a change of section, the keyboard carries on in it; on arrival, Tab starts at the skip link
    if (moveFocus) document.getElementById('main').focus({preventScroll: true});
}

// ---- flow

function sparkline(points, unit) {
    const width = 120, height = 20;
    const max = Math.max(1, ...points);
    const step = points.length > 1 ? width / (points.length - 1) : width;
    const coordinates = points.map((value, i) => `${(i * step).toFixed(1)},${(height - value / max * height).toFixed(1)}`);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'spark');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `at most ${max} ${unit}; last ${points[points.length - 1] || 0} ${unit}`);
    const base = document.createElementNS(svg.namespaceURI, 'line');
    Object.entries({x1: 0, y1: height, x2: width, y2: height}).forEach(([k, v]) => base.setAttribute(k, v));
    const line = document.createElementNS(svg.namespaceURI, 'polyline');
    line.setAttribute('points', coordinates.join(' '));
    svg.append(base, line);
    return svg;
}

function deliveryOf(effect) {
    const kill = effect.killSwitch;
    if (kill && kill.state !== 'CLOSED') {
        const probe = kill.nextProbeAt ? `, next probe ${when(kill.nextProbeAt)}` : '';
        return el('span', {class: 'state-tripped',
            text: `kill switch ${kill.state.toLowerCase()} since ${when(kill.openedAt)}${probe}: ${kill.lastFailure || ''}`});
    }
    if (effect.paused) {
        const by = effect.pausedBy ? ` by ${effect.pausedBy} at ${when(effect.pausedAt)}` : '';
        const why = effect.pauseReason ? `: ${effect.pauseReason}` : '';
        return el('span', {class: 'state-paused', text: 'paused' + by + why});
    }
    return el('span', {class: 'state-running', text: effect.consumers > 0 ? 'running' : 'no consumer'});
}

async function loadFlow() {
    const flow = await call('/ops/flow');
    document.getElementById('flow-at').textContent = 'As of ' + when(flow.at) + '.';
    const step = flow.stepSeconds * 1000;
    const end = Math.floor(Date.parse(flow.at) / step) * step;
    const buckets = 60;
    const rows = flow.effects.map(effect => {
        const points = new Array(buckets).fill(0);
        const latencies = new Array(buckets).fill(0);
        let latencySum = 0, latencyCount = 0;
        for (const point of flow.history.filter(p => p.effect === effect.effect)) {
            const index = buckets - 1 - Math.round((end - Date.parse(point.at)) / step);
            if (index >= 0 && index < buckets) {
                points[index] = point.done;
                latencies[index] = Math.round(point.meanLatencyMillis || 0);
            }
            if (point.meanLatencyMillis !== null && point.meanLatencyMillis !== undefined && index >= buckets - 6) {
                latencySum += point.meanLatencyMillis * point.done;
                latencyCount += point.done;
            }
        }
        const lastMinute = points.slice(-6).reduce((a, b) => a + b, 0);
        const action = effect.paused
            ? el('button', {type: 'button', 'data-effect': effect.effect, onclick: () => pause(effect.effect, false)}, 'Resume')
            : el('button', {type: 'button', 'data-effect': effect.effect, onclick: () => pause(effect.effect, true)}, 'Pause');
        action.disabled = !caller.mayAct;
        if (!caller.mayAct) action.title = 'Needs the role ops';
        return el('tr', {'data-effect': effect.effect},
            el('th', {scope: 'row', text: effect.effect}),
            el('td', {class: 'num waiting', text: effect.waiting}),
            el('td', {class: 'num', text: effect.consumers}),
            el('td', {class: 'delivery'}, deliveryOf(effect)),
            el('td', {class: 'num'}, effect.deadLetters > 0
                ? el('a', {href: '#dead-letters', text: effect.deadLetters}) : '0'),
            el('td', {class: 'num held', title: effect.oldestHeldAt ? `the oldest since ${when(effect.oldestHeldAt)}` : '',
                text: effect.heldEvents}),
            el('td', {class: 'num', text: (lastMinute / 60).toFixed(1)}),
            el('td', {class: 'num'}, latencyCount ? `${Math.round(latencySum / latencyCount)} ms` : '–',
                sparkline(latencies, 'ms')),
            el('td', {}, sparkline(points, 'per 10 s')),
            el('td', {class: 'acts'}, action));
    });
    document.querySelector('#flow-effects tbody').replaceChildren(...rows);
    await loadHeld();
    const telemetry = flow.telemetry;
    const meter = el('meter', {min: 0, max: 100, high: 80, value: telemetry.queueLimitPercent,
        'aria-label': 'telemetry queue against its cap'});
    document.getElementById('flow-telemetry').replaceChildren(
        el('dt', {text: 'Batches waiting'}), el('dd', {id: 'telemetry-queued', text: telemetry.queuedBatches}),
        el('dt', {text: 'Queue against its cap'}),
        el('dd', {}, meter, ` ${telemetry.queueLimitPercent} % (${(telemetry.queueBytes / 1048576).toFixed(1)} MiB)`),
        el('dt', {text: 'Drained'}), el('dd', {text: `${telemetry.drainRatePerSecond.toFixed(0)} readings/s over the last 10 s`}),
        el('dt', {text: 'Oldest unwritten'}),
        el('dd', {text: telemetry.oldestUnwrittenAgeMillis == null ? 'none' : `${(telemetry.oldestUnwrittenAgeMillis / 1000).toFixed(1)} s`}));
}

async function loadHeld() {
    const held = await call('/ops/held-events');
    document.getElementById('held-none').hidden = held.length > 0;
    document.getElementById('held-events').hidden = held.length === 0;
    document.querySelector('#held-events tbody').replaceChildren(...held.map(event => {
        const acts = ['release', 'discard'].map(act => {
            const button = el('button', {type: 'button', onclick: () => letGo(event, act)},
                act === 'release' ? 'Release' : 'Discard');
            button.disabled = !caller.mayAct;
            if (!caller.mayAct) button.title = 'Needs the role ops';
            return button;
        });
        return el('tr', {'data-order': event.orderId},
            el('td', {text: event.effect}),
            el('td', {}, el('a', {href: '#orders/' + event.orderId, text: event.orderId})),
            el('td', {text: `${event.sequence}: ${event.eventType}`}),
            el('td', {text: when(event.heldAt)}),
            el('td', {text: (event.predecessor || 'unknown').toLowerCase()}),
            el('td', {class: 'acts'}, ...acts));
    }));
}

async function letGo(event, act) {
    const reason = await ask({
        title: act === 'release'
            ? `Release ${event.eventType} of ${event.effect} without its predecessor?`
            : `Discard ${event.eventType} of ${event.effect} for good?`,
        body: [el('p', {text: act === 'release'
            ? 'Its predecessor is given up: its effect will not be applied. This event goes ahead now.'
            : 'Its effect will not be applied. The event after it, if one waits, goes ahead.'})],
        okLabel: act === 'release' ? 'Release' : 'Discard',
        textLabel: 'Why (kept in the audit log)',
        textRequired: true,
    });
    if (reason === null) return;
    try {
        await post(`/ops/held-events/${act}`, {effect: event.effect, orderId: event.orderId, sequence: event.sequence, reason});
        notice(`${act === 'release' ? 'Released' : 'Discarded'} ${event.eventType} of ${event.effect}.`);
    } catch (error) {
        notice(`Could not ${act} it: ${error.message}`, true);
    }
    await loadFlow();
}

async function pause(effect, pausing) {
    try {
        await post(`/ops/effects/${encodeURIComponent(effect)}/${pausing ? 'pause' : 'resume'}`, {});
        notice(`${effect} ${pausing ? 'paused' : 'resumed'}.`);
        await loadFlow();
    } catch (error) {
        notice(`Could not ${pausing ? 'pause' : 'resume'} ${effect}: ${error.message}`, true);
    }
}

// ---- dead letters

let listing = null;

async function loadDeadLetters() {
    listing = await call('/ops/dead-letters');
    document.getElementById('dead-letters-total').textContent =
        listing.total === 0 ? 'No dead letter waits.' : `${listing.total} dead letters in ${listing.groups.length} ${listing.groups.length === 1 ? 'group' : 'groups'}.`;
    const byId = new Map(listing.deadLetters.map(d => [d.messageId, d]));
    document.getElementById('dead-letter-groups').replaceChildren(...listing.groups.map(group => groupCard(group, byId)));
}

function groupCard(group, byId) {
    const failure = group.failure || {exceptionClass: 'unknown', message: ''};
    const members = group.messageIds.map(id => byId.get(id)).filter(Boolean);
    const checkboxes = [];
    const rows = members.map(member => {
        const box = el('input', {type: 'checkbox', value: member.messageId, 'aria-label': 'select ' + member.messageId});
        checkboxes.push(box);
        return el('tr', {},
            el('td', {}, box),
            el('td', {}, el('button', {type: 'button', class: 'link', onclick: () => openDeadLetter(member.messageId)},
                member.eventType || 'message')),
            el('td', {}, member.orderId ? el('a', {href: `#orders/${member.orderId}`, text: member.orderId}) : '–'),
            el('td', {class: 'num', text: member.attempts}),
            el('td', {text: when(member.deadLetteredAt)}),
            el('td', {text: member.repeatedFailure ? `again, after ${member.retries} retries` : ''}));
    });
    const selected = () => checkboxes.filter(b => b.checked).map(b => b.value);
    const act = (label, handler, cls) => {
        const button = el('button', {type: 'button', class: cls, onclick: handler}, label);
        button.disabled = !caller.mayAct;
        if (!caller.mayAct) button.title = 'Needs the role ops';
        return button;
    };
    const investigation = group.investigation;
    return el('article', {class: 'group', 'data-fingerprint': group.fingerprint, 'aria-label': `${group.source}: ${failure.exceptionClass}`},
        el('h3', {text: `${group.source} · ${failure.exceptionClass}`}),
        el('p', {class: 'meta', text: `${group.count} dead letters · first ${when(group.firstSeen)} · last ${when(group.lastSeen)}`
                + (group.repeatedFailures ? ` · ${group.repeatedFailures} failed again after a retry` : '')}),
        el('pre', {class: 'sample', text: failure.message || '(no message)'}),
        investigation ? el('p', {class: 'investigation',
            text: `Under investigation by ${investigation.notedBy} since ${when(investigation.notedAt)}: ${investigation.note}`}) : null,
        el('div', {class: 'buttons'},
            act(`Retry the group (${group.count})`, () => previewRetry(group, members), 'primary retry-group'),
            act('Retry selected', () => previewRetry(group, members.filter(m => selected().includes(m.messageId)))),
            act('Discard selected…', () => discard(group, members.filter(m => selected().includes(m.messageId))), 'danger'),
            act(`Discard the group…`, () => discard(group, members), 'danger discard-group'),
            act(investigation ? 'Change the note…' : 'Under investigation…', () => investigate(group), 'investigate')),
        el('div', {class: 'scroll'}, el('table', {},
            el('thead', {}, el('tr', {},
                el('th', {scope: 'col'}, el('span', {class: 'visually-hidden', text: 'select'})),
                el('th', {scope: 'col', text: 'Event'}), el('th', {scope: 'col', text: 'Order'}),
                el('th', {scope: 'col', class: 'num', text: 'Attempts'}), el('th', {scope: 'col', text: 'Dead-lettered'}),
                el('th', {scope: 'col', text: 'Repeated'}))),
            el('tbody', {}, rows))));
}

/** Asks in the page's dialog; resolves with the text typed (or true), or null when cancelled. */
function ask({title, body, okLabel, textLabel, textRequired, textValue = ''}) {
    const dialog = document.getElementById('confirm');
    const text = document.getElementById('confirm-text');
    const label = document.getElementById('confirm-text-label');
    const error = document.getElementById('confirm-error');
    document.getElementById('confirm-title').textContent = title;
    document.getElementById('confirm-body').replaceChildren(...body.filter(Boolean));
    document.getElementById('confirm-ok').textContent = okLabel;
    label.hidden = text.hidden = !textLabel;
    label.textContent = textLabel || '';
    text.value = textValue;
    error.hidden = true;
    return new Promise(resolve => {
        const form = document.getElementById('confirm-form');
        const cancel = document.getElementById('confirm-cancel');
        const finish = value => {
            form.removeEventListener('submit', submit);
            cancel.removeEventListener('click', cancelled);
            dialog.removeEventListener('cancel', cancelled);
            dialog.close();
            resolve(value);
        };
        const submit = event => {
            event.preventDefault();
            if (textLabel && textRequired && !text.value.trim()) {
                error.textContent = 'Please say why: it goes into the audit log.';
                error.hidden = false;
                text.focus();
                return;
            }
            finish(textLabel ? text.value.trim() : true);
        };
        const cancelled = () => finish(null);
        form.addEventListener('submit', submit);
        cancel.addEventListener('click', cancelled);
        dialog.addEventListener('cancel', cancelled);
        dialog.showModal();
        (textLabel ? text : document.getElementById('confirm-ok')).focus();
    });
}

async function orderStates(members) {
    const states = new Map();
    await Promise.all([...new Set(members.map(m => m.orderId).filter(Boolean))].slice(0, 25).map(async id => {
        try {
            states.set(id, await call(`/ops/orders/${id}`));
        } catch (error) {
            states.set(id, null);
        }
    }));
    return states;
}

async function previewRetry(group, members) {
    if (members.length === 0) {
        notice('Select the dead letters to retry first.', true);
        return;
    }
    const orders = await orderStates(members);
    const rows = members.slice(0, 25).map(member => {
        const order = orders.get(member.orderId);
        const effect = order && order.effects ? order.effects[member.source] : null;
        return el('tr', {},
            el('td', {text: member.eventType || 'message'}),
            el('td', {text: member.source === 'telemetry' ? 'telemetry.readings'
                    : member.source === 'payment-voids' ? 'payment.voids' : `order.effects.${member.source}`}),
            el('td', {text: member.orderId || '–'}),
            el('td', {text: order ? `${order.status}${effect ? ', ' + member.source + ' ' + effect.state : ''}` : '–'}));
    });
    const more = members.length > 25 ? el('p', {text: `… and ${members.length - 25} more.`}) : null;
    const confirmed = await ask({
        title: `Send ${members.length} dead letters back?`,
        body: [el('p', {text: 'Each goes back to the queue it failed in; its effect applies it once.'}),
            el('div', {class: 'scroll'}, el('table', {id: 'retry-preview'},
                el('thead', {}, el('tr', {}, el('th', {text: 'Event'}), el('th', {text: 'Sent to'}),
                    el('th', {text: 'Order'}), el('th', {text: 'Order now'}))),
                el('tbody', {}, rows))), more],
        okLabel: `Send ${members.length} back`,
    });
    if (!confirmed) return;
    try {
        const outcome = await post('/ops/dead-letters/retry', {messageIds: members.map(m => m.messageId)});
        notice(`Sent ${outcome.done} of ${outcome.selected} back.`);
    } catch (error) {
        notice('Retry refused: ' + error.message, true);
    }
    await loadDeadLetters();
}

async function discard(group, members) {
    if (members.length === 0) {
        notice('Select the dead letters to discard first.', true);
        return;
    }
    const reason = await ask({
        title: `Discard ${members.length} dead letters for good?`,
        body: [el('p', {text: `${group.source}: their effect will not be applied. The event after each, if one waits, goes ahead.`})],
        okLabel: `Discard ${members.length}`,
        textLabel: 'Why (kept in the audit log)',
        textRequired: true,
    });
    if (reason === null) return;
    try {
        const outcome = await post('/ops/dead-letters/discard', {messageIds: members.map(m => m.messageId), reason});
        notice(`Discarded ${outcome.done} of ${outcome.selected}.`);
    } catch (error) {
        notice('Discard refused: ' + error.message, true);
    }
    await loadDeadLetters();
}

async function investigate(group) {
    const note = await ask({
        title: 'Under investigation',
        body: [el('p', {text: 'Tell the others who is looking into this group and what is known. An empty note closes it.'})],
        okLabel: 'Save the note',
        textLabel: 'Note',
        textValue: group.investigation ? group.investigation.note : '',
    });
    if (note === null) return;
    try {
        await post('/ops/dead-letters/investigations', {fingerprint: group.fingerprint, note});
        notice(note ? 'Group marked under investigation.' : 'Investigation closed.');
    } catch (error) {
        notice('Note refused: ' + error.message, true);
    }
    await loadDeadLetters();
}

async function openDeadLetter(messageId) {
    const panel = document.getElementById('dead-letter-detail');
    try {
        const detail = await call('/ops/dead-letters/' + encodeURIComponent(messageId));
        const letter = detail.deadLetter;
        const message = detail.message;
        document.getElementById('detail-body').replaceChildren(
            el('dl', {class: 'facts'},
                el('dt', {text: 'Message'}), el('dd', {text: letter.messageId}),
                el('dt', {text: 'Source'}), el('dd', {text: letter.source}),
                el('dt', {text: 'Event'}), el('dd', {text: `${letter.eventType || '–'} ${letter.eventId || ''}`}),
                el('dt', {text: 'Order'}), el('dd', {}, letter.orderId
                    ? el('a', {href: `#orders/${letter.orderId}`, text: letter.orderId}) : '–'),
                el('dt', {text: 'Dead-lettered'}), el('dd', {text: when(letter.deadLetteredAt)})),
            el('h4', {text: 'Attempts'}),
            detail.attempts.length === 0 ? el('p', {text: 'No failed attempt recorded.'}) :
                el('ol', {}, detail.attempts.map(a => el('li', {},
                    `${when(a.failedAt)}: ${a.exceptionClass}: ${a.message}${a.permanent ? ' (permanent)' : ''}`))),
            el('h4', {text: 'Body'}),
            el('pre', {text: message ? message.body : '(no longer in its dead-letter queue)'}),
            el('h4', {text: 'Properties'}),
            message ? el('dl', {class: 'facts'}, Object.entries(message.properties).flatMap(([k, v]) =>
                [el('dt', {text: k}), el('dd', {text: v})])) : el('p', {text: '–'}));
        panel.hidden = false;
        panel.scrollIntoView();
        document.getElementById('detail-title').focus();
    } catch (error) {
        notice(error.message, true);
    }
}

// ---- orders

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadOrders(orderId) {
    if (orderId) await showJourney(orderId);
}

async function findOrders(event) {
    event.preventDefault();
    const query = document.getElementById('order-query').value.trim();
    if (UUID.test(query)) {
        location.hash = '#orders/' + query;
        return;
    }
    try {
        const found = await call('/search?q=' + encodeURIComponent(query));
        document.getElementById('order-hits').replaceChildren(...(found.hits.length === 0
            ? [el('li', {text: 'No order matches.'})]
            : found.hits.map(hit => el('li', {}, el('a', {href: '#orders/' + hit.orderId, text: hit.orderId}),
                ` · ${hit.customerEmail} · ${hit.status} · ${hit.total} · ${when(hit.placedAt)}`))));
    } catch (error) {
        notice('Search failed: ' + error.message, true);
    }
}

async function showJourney(orderId) {
    const journey = await call(`/ops/orders/${encodeURIComponent(orderId)}/journey`);
    const order = journey.order;
    const effects = [...new Set(journey.events.map(e => e.effect))];
    document.getElementById('journey').replaceChildren(
        el('h3', {id: 'journey-title', text: `Order ${order.id}`}),
        el('p', {text: `${order.status} · ${order.customerEmail} · ${order.total} ${order.currency} · placed ${when(order.createdAt)}`
                + (order.cancelledAt ? ` · cancelled ${when(order.cancelledAt)}` : '')}),
        ...effects.map(effect => {
            const attempts = journey.attempts.filter(a => a.effect === effect);
            return el('section', {class: 'journey-effect', 'data-effect': effect, 'aria-label': effect},
                el('h4', {text: effect}),
                el('div', {class: 'scroll'}, el('table', {},
                    el('thead', {}, el('tr', {}, el('th', {text: '#'}), el('th', {text: 'Event'}), el('th', {text: 'State'}),
                        el('th', {class: 'num', text: 'Attempts'}), el('th', {text: 'Done'}))),
                    el('tbody', {}, journey.events.filter(e => e.effect === effect).map(step => el('tr', {},
                        el('td', {text: step.sequence}),
                        el('td', {text: step.eventType}),
                        el('td', {class: 'state state-' + step.state,
                            text: step.state === 'WAITING' ? 'WAITING for the event before it' : step.state}),
                        el('td', {class: 'num', text: step.attempts}),
                        el('td', {text: when(step.completedAt)})))))),
                attempts.length ? el('ol', {class: 'attempts'}, attempts.map(a => el('li', {},
                    `event ${a.sequence}, attempt ${a.attempt}, ${when(a.failedAt)}: ${a.exceptionClass}: ${a.message}`
                    + (a.permanent ? ' (permanent)' : '')))) : null);
        }));
}

// ---- audit

async function loadAudit() {
    const log = await call('/ops/dead-letters/audit?limit=200');
    document.querySelector('#audit-log tbody').replaceChildren(...log.map(line => el('tr', {},
        el('td', {text: when(line.at)}), el('td', {text: line.actor}), el('td', {text: line.action.toLowerCase()}),
        el('td', {text: line.source}), el('td', {text: line.eventId}),
        el('td', {}, line.orderId ? el('a', {href: '#orders/' + line.orderId, text: line.orderId}) : '–'),
        el('td', {text: line.reason || ''}))));
}

// ---- start

async function start() {
    try {
        caller = await call('/ops/me');
    } catch (error) {
        notice('Could not tell who you are: ' + error.message, true);
    }
    document.getElementById('caller-name').textContent = caller.name;
    document.getElementById('caller-role').textContent = caller.mayAct ? 'ops: reads and acts' : 'staff: reads only';
    document.getElementById('order-search').addEventListener('submit', findOrders);
    window.addEventListener('hashchange', () => show(location.hash, true));
    show(location.hash, false);
}

start();
