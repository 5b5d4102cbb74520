// The key's jobs, batches and productions with their state; a batch shows each item's progress and its zip; delete or
// cancel from the list.

import { bytes, dateTime, expiry } from './format.js';
import { element } from './dom.js';
import { fileList, jobFiles } from './results.js';
import * as watched from './watch.js';

const pageSize = 50;

/** Wires the lists view; returns its refresh, and stop for the live batches when the view is left. */
export function setUpLists(session) {
  const status = document.getElementById('lists-status');
  const error = document.getElementById('lists-error');
  // The live batches of the last refresh; a refresh (or leaving the page) stops them.
  let following = new AbortController();
  const refresh = async () => {
    following.abort();
    following = new AbortController();
    error.textContent = '';
    status.textContent = 'Loading…';
    const api = session.api();
    const results = await Promise.allSettled([showJobs(api, refresh), showBatches(api, refresh, following.signal), showProductions(api, refresh)]);
    const failed = results.find((result) => result.status === 'rejected');
    error.textContent = failed ? messageOf(failed.reason) : '';
    status.textContent = 'Lists loaded.';
  };
  document.getElementById('refresh-lists').addEventListener('click', refresh);
  return { refresh, stop: () => following.abort() };
}

function messageOf(reason) {
  return reason?.message ?? String(reason);
}

/** A button that runs action, then refreshes; its failure is shown with the API's words. */
function actionButton(label, accessibleName, action, refresh) {
  return element('button', {
    type: 'button',
    class: 'danger',
    'aria-label': accessibleName,
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      try {
        await action();
        await refresh();
        document.getElementById('lists-status').textContent = `${accessibleName}: done.`;
        // The button is gone with its row: keyboard focus goes back to the top of the lists.
        document.getElementById('lists-title').focus();
      } catch (reason) {
        document.getElementById('lists-error').textContent = messageOf(reason);
        button.disabled = false;
      }
    },
  }, label);
}

function progressCell(percent, label) {
  const value = Math.round(percent ?? 0);
  return element('td', {}, element('progress', { max: '100', value: String(value), 'aria-label': label }), ` ${value}%`);
}

async function showJobs(api, refresh) {
  const jobs = await api.get(`/api/jobs?pageSize=${pageSize}`);
  const body = document.querySelector('#jobs-table tbody');
  body.replaceChildren(...(jobs.length === 0 ? [element('tr', {}, element('td', { colspan: '7' }, 'No jobs yet.'))] : jobs.map((job) =>
    element('tr', { 'data-job': job.id },
      element('th', { scope: 'row' }, element('code', {}, job.id)),
      element('td', {}, job.kind),
      element('td', {}, job.error ? `${job.state}: ${job.error.message}` : job.state),
      progressCell(job.progress, `Progress of ${job.id}`),
      element('td', {}, dateTime(job.createdAt)),
      element('td', {}, job.outputs?.length ? fileList(jobFiles(job), `Files of job ${job.id}`, { players: false }) : ''),
      element('td', {}, actionButton('Delete', `Delete job ${job.id}`, () => api.delete(`/api/jobs/${encodeURIComponent(job.id)}`), refresh))))));
}

const endedBatch = new Set(['completed', 'finished', 'failed', 'cancelled']);

async function showBatches(api, refresh, signal) {
  const batches = await api.get(`/api/batches?pageSize=${pageSize}`);
  const list = document.getElementById('batches-list');
  list.replaceChildren(...(batches.length === 0 ? [element('p', {}, 'No batches yet.')] : batches.map((batch) => {
    const view = element('details', { class: 'batch', 'data-batch': batch.id });
    const show = (current) => view.replaceChildren(...batchContent(api, current, refresh));
    show(batch);
    // A running batch's items move live, from its events route.
    if (!endedBatch.has(batch.state)) watched.watch(api, watched.batch(batch.id), show, signal).catch(() => {});
    return view;
  })));
}

function batchContent(api, batch, refresh) {
  const items = (batch.items ?? []).map((item) => element('li', {},
    `${item.title || item.url || item.jobId || `Item ${item.index + 1}`}: ${item.state}`,
    element('progress', { max: '100', value: String(item.job?.progress ?? 0), 'aria-label': `Progress of item ${item.index + 1} of ${batch.id}` }),
    item.error ? element('span', { class: 'error' }, ` ${item.error.message}`) : null));
  const zip = batch.zip
    ? element('p', {}, element('a', { href: batch.zip.url, download: batch.zip.fileName }, `Download ${batch.zip.fileName}`), ` ${bytes(batch.zip.size)} · ${expiry(batch.zip.expiresAt)}`)
    : null;
  return [
    element('summary', {}, `${batch.title || batch.id} — ${batch.state}, ${batch.completed ?? 0} of ${batch.total ?? 0} completed (${batch.progress ?? 0}%)`),
    element('ol', {}, items),
    zip,
    endedBatch.has(batch.state) ? null : actionButton('Cancel', `Cancel batch ${batch.id}`, () => api.delete(`/api/batches/${encodeURIComponent(batch.id)}`), refresh),
  ].filter(Boolean);
}

async function showProductions(api, refresh) {
  const answer = await api.get('/api/productions.json?minimal_data=1&limit=50');
  const productions = answer?.data ?? [];
  const body = document.querySelector('#productions-table tbody');
  body.replaceChildren(...(productions.length === 0 ? [element('tr', {}, element('td', { colspan: '5' }, 'No productions yet.'))] : productions.map((production) =>
    element('tr', { 'data-production': production.uuid },
      element('th', { scope: 'row' }, element('code', {}, production.uuid)),
      element('td', {}, production.metadata?.title ?? ''),
      element('td', {}, production.status_string ?? String(production.status)),
      element('td', {}, dateTime(production.creation_time)),
      element('td', {}, actionButton('Delete', `Delete production ${production.uuid}`,
        () => api.delete(`/api/production/${encodeURIComponent(production.uuid)}.json`), refresh))))));
}
