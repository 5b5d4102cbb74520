// Uploads: one multipart POST with progress events (XMLHttpRequest, as fetch reports none), or for files over the host's
// cap an upload session: blocks PUT straight to storage, each with its progress, then completed.

import { ApiError, messageOf, newIdempotencyKey, parseJson } from './api.js';

const maxBlockTries = 3;

/**
 * POSTs form to path with the key under a new Idempotency-Key, once more if the connection fails (the API then replays its first
 * answer rather than start the work twice); onProgress(fraction 0–1) as bytes go up. Resolves with the parsed answer.
 */
export async function postForm(api, path, form, onProgress) {
  const headers = { Authorization: `Bearer ${api.key}`, Accept: 'application/json', 'Idempotency-Key': newIdempotencyKey() };
  let answer = await send('POST', path, form, headers, onProgress);
  if (answer.status === 0) answer = await send('POST', path, form, headers, onProgress);
  const { status, body } = answer;
  if (status < 200 || status >= 300 || (body && typeof body.status_code === 'number' && body.status_code >= 400)) {
    throw new ApiError(status, messageOf(status, body), body?.error?.code ?? body?.error_code);
  }
  return body;
}

/**
 * Sends file through an upload session (POST /api/uploads, Put Block per block, complete); onProgress(fraction) counts the
 * bytes of finished blocks plus those of the block going up. Resolves with the ready upload (its id names it as a job's source).
 */
export async function uploadInBlocks(api, file, onProgress) {
  const session = await api.create('/api/uploads', { size: file.size, name: file.name, content_type: file.type || 'application/octet-stream' });
  let done = 0;
  for (let index = 0; index < session.block_count; index++) {
    const start = index * session.block_size;
    const block = file.slice(start, Math.min(start + session.block_size, file.size));
    await putBlock(session.upload_url, index, block, (sent) => onProgress((done + sent) / file.size));
    done += block.size;
    onProgress(done / file.size);
  }
  return api.post(`/api/uploads/${encodeURIComponent(session.id)}/complete`);
}

/** The block id of block index: base64 of its number as six digits (the contract's naming, so a resume can list them). */
export function blockId(index) {
  return btoa(String(index).padStart(6, '0'));
}

async function putBlock(uploadUrl, index, block, onSent) {
  const url = `${uploadUrl}&comp=block&blockid=${encodeURIComponent(blockId(index))}`;
  for (let attempt = 1; ; attempt++) {
    const { status, text } = await send('PUT', url, block, { 'x-ms-version': '2021-08-06' }, (fraction) => onSent(fraction * block.size));
    if (status >= 200 && status < 300) return;
    // Storage answers in XML; its Message element says why.
    const reason = /<Message>([^<]*)/.exec(text ?? '')?.[1] ?? `Storage answered ${status}.`;
    if (attempt >= maxBlockTries || (status >= 400 && status < 500 && status !== 408)) {
      throw new ApiError(status, `Block ${index + 1} could not be stored: ${reason}`);
    }
  }
}

function send(method, url, body, headers, onProgress) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => resolve({ status: request.status, text: request.responseText, body: parseJson(request.responseText) }));
    request.addEventListener('error', () => resolve({ status: 0, text: '', body: null }));
    request.send(body);
  });
}
