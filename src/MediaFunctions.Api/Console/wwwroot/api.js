// The public API, called with the signed-in key. Every failure becomes an ApiError carrying the API's own words.

/** An answer that was not a success: the status and the API's message (error.message, or Auphonic's error_message). */
export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The message of an error body in any of the API's dialects, else a plain description of the status. */
export function messageOf(status, body) {
  if (body && typeof body === 'object') {
    if (body.error && body.error.message) return body.error.message;
    if (body.error_message) {
      const fields = body.form_errors ? Object.entries(body.form_errors).map(([k, v]) => `${k}: ${v}`) : [];
      return [body.error_message, ...fields].join(' ');
    }
  }
  return status === 0 ? 'The service could not be reached.' : `The service answered ${status}.`;
}

export function parseJson(text) {
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

/** A fresh Idempotency-Key: 128 random bits in hex (crypto.randomUUID needs a secure context; plain http on a LAN is not one). */
export function newIdempotencyKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Calls the API with one key. */
export class Api {
  constructor(key) {
    this.key = key;
  }

  /**
   * Sends a request; json is sent as JSON. With retries, a request whose connection failed is sent again (only safe with an
   * Idempotency-Key). Resolves with the parsed body (null when empty), rejects with ApiError.
   */
  async request(method, path, { json, headers = {}, retries = 0 } = {}) {
    // The API rides on no cookies; omitting credentials also keeps the browser from prompting for the Basic challenge of a 401.
    const init = { method, credentials: 'omit', headers: { Authorization: `Bearer ${this.key}`, Accept: 'application/json', ...headers } };
    if (json !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    }
    let response;
    for (let attempt = 0; !response; attempt++) {
      try {
        response = await fetch(path, init);
      } catch {
        if (attempt >= retries) throw new ApiError(0, messageOf(0));
      }
    }
    const body = parseJson(await response.text());
    if (!response.ok || (body && typeof body.status_code === 'number' && body.status_code >= 400)) {
      throw new ApiError(response.status, messageOf(response.status, body), body?.error?.code ?? body?.error_code);
    }
    return body;
  }

  get(path) { return this.request('GET', path); }
  post(path, json) { return this.request('POST', path, { json }); }

  /** POSTs what creates work under a new Idempotency-Key, so the one retry after a dropped connection starts nothing twice. */
  create(path, json) { return this.request('POST', path, { json, headers: { 'Idempotency-Key': newIdempotencyKey() }, retries: 1 }); }
  delete(path) { return this.request('DELETE', path); }

  /** A link that carries the key in its query, for what cannot send headers (EventSource, players, download links). */
  withKey(url) {
    const link = new URL(url, location.origin);
    if (link.origin === location.origin) link.searchParams.set('bearer_token', this.key);
    return link.toString();
  }
}
