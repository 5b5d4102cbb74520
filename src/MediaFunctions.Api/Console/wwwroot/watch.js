// Live progress of a job, batch or production: the events route (Server-Sent Events; the key goes in the query because
// EventSource sends no headers), or, where a host has no events route, the resource's GET once a second.

const pollInterval = 1000;

/**
 * Follows the resource until it has ended or signal aborts. resource: { events, poll, ended(body) } (paths and a test of the
 * body); onUpdate(body) gets each state. Resolves with the last body (undefined when aborted); rejects with the poll's ApiError.
 */
export function watch(api, resource, onUpdate, signal) {
  return new Promise((resolve, reject) => {
    let heard = false;
    const source = new EventSource(api.withKey(resource.events));
    signal?.addEventListener('abort', () => {
      source.close();
      resolve(undefined);
    });
    const take = (event) => {
      heard = true;
      let body;
      try { body = JSON.parse(event.data); } catch { return; }
      onUpdate(body);
      if (event.type === 'done' || resource.ended(body)) {
        source.close();
        resolve(body);
      }
    };
    source.addEventListener('progress', take);
    source.addEventListener('done', take);
    source.addEventListener('error', () => {
      // Once it has spoken, EventSource reconnects by itself (with Last-Event-ID); before that, there is no events route.
      if (heard && source.readyState !== EventSource.CLOSED) return;
      source.close();
      if (!signal?.aborted) poll(api, resource, onUpdate, signal).then(resolve, reject);
    });
  });
}

async function poll(api, resource, onUpdate, signal) {
  for (;;) {
    if (signal?.aborted) return undefined;
    const body = await api.get(resource.poll);
    onUpdate(body);
    if (resource.ended(body)) return body;
    await new Promise((wake) => setTimeout(wake, pollInterval));
  }
}

const endedJobStates = new Set(['completed', 'failed', 'cancelled']);
const endedBatchStates = new Set(['completed', 'finished', 'failed', 'cancelled']);

/** A native job: GET /api/jobs/{id}. */
export const job = (id) => ({
  events: `/api/jobs/${encodeURIComponent(id)}/events`,
  poll: `/api/jobs/${encodeURIComponent(id)}`,
  ended: (body) => endedJobStates.has(body?.state),
});

/** A batch: GET /api/batches/{id}. */
export const batch = (id) => ({
  events: `/api/batches/${encodeURIComponent(id)}/events`,
  poll: `/api/batches/${encodeURIComponent(id)}`,
  ended: (body) => endedBatchStates.has(body?.state),
});

/** An Auphonic production: the envelope of GET /api/production/{uuid}.json; Done (3) and Error (2) end it. */
export const production = (uuid) => ({
  events: `/api/production/${encodeURIComponent(uuid)}/events`,
  poll: `/api/production/${encodeURIComponent(uuid)}.json`,
  ended: (body) => body?.data?.status === 2 || body?.data?.status === 3,
});
