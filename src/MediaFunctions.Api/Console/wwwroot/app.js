// The console's entry: the session (the key, for this tab only), sign-in and the views.

import { Api, ApiError } from './api.js';
import { setUpLists } from './lists.js';
import { setUpNewJob } from './new-job.js';

const keyItem = 'mediafunctions.key';
const views = ['sign-in', 'new', 'lists'];

const session = {
  config: { multipartMaxBytes: Number.MAX_SAFE_INTEGER },
  key: sessionStorage.getItem(keyItem),
  api() { return new Api(this.key); },
};

const newJob = setUpNewJob(session);
const lists = setUpLists(session);

function show(view) {
  const name = session.key ? (views.includes(view) && view !== 'sign-in' ? view : 'new') : 'sign-in';
  for (const each of views) document.getElementById(`view-${each}`).hidden = each !== name;
  document.getElementById('nav').hidden = !session.key;
  for (const link of document.querySelectorAll('#nav a[data-view]')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${document.querySelector(`#view-${name} h1`).textContent} · MediaFunctions console`;
  if (name === 'lists') lists.refresh();
  else lists.stop();
  return name;
}

function route() {
  const name = show(location.hash.slice(1));
  // Moving focus to the new view's heading tells screen readers and keyboard users where they are.
  document.querySelector(`#view-${name} h1`).setAttribute('tabindex', '-1');
  document.querySelector(`#view-${name} h1`).focus();
}

async function signIn(key) {
  const api = new Api(key);
  // Any keyed read proves the key; a bad one is answered 401 with the API's message.
  await api.get('/api/jobs?pageSize=1');
  session.key = key;
  sessionStorage.setItem(keyItem, key);
  await started();
}

async function started() {
  try {
    session.config = await session.api().get('/api/console/config');
  } catch {
    // Without the config every file goes as one multipart POST, which the API caps with a 413 it words itself.
  }
  newJob.loadPresets();
}

document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('sign-in-error');
  const key = document.getElementById('api-key').value.trim();
  error.textContent = '';
  if (!key) {
    error.textContent = 'Enter your API key.';
    return;
  }
  try {
    await signIn(key);
    location.hash = '#new';
    route();
  } catch (reason) {
    error.textContent = reason instanceof ApiError ? reason.message : String(reason);
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(keyItem);
  session.key = null;
  location.hash = '';
  route();
  document.getElementById('api-key').value = '';
});

window.addEventListener('hashchange', route);
if (session.key) started();
show(location.hash.slice(1));
