// The new-job view: a file or URL, what to do with it, then the upload's progress, the job's live progress and its files.

import { element } from './dom.js';
import { fileList, jobFiles, productionFiles } from './results.js';
import { postForm, uploadInBlocks } from './upload.js';
import * as watched from './watch.js';

/** Wires the form to the session (its api() and config, GET /api/console/config's answer); returns what the app calls on sign-in. */
export function setUpNewJob(session) {
  const form = document.getElementById('job-form');
  const fileInput = document.getElementById('source-file');
  const dropZone = document.getElementById('drop-zone');
  const run = runView();

  for (const radio of form.elements.kind) radio.addEventListener('change', () => showOptions(form));
  document.getElementById('full-audio').addEventListener('change', (event) => {
    document.getElementById('duration').disabled = event.target.checked;
  });
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    if (event.dataTransfer?.files?.length) fileInput.files = event.dataTransfer.files;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = document.getElementById('submit-job');
    submit.disabled = true;
    run.reset();
    try {
      await start(session, form, run);
    } catch (error) {
      run.fail(error?.message ?? String(error));
    } finally {
      submit.disabled = false;
    }
  });

  return { loadPresets: () => loadPresets(session.api()) };
}

function showOptions(form) {
  const kind = form.elements.kind.value;
  for (const fieldset of form.querySelectorAll('fieldset[data-kind]')) fieldset.hidden = fieldset.dataset.kind !== kind;
}

async function loadPresets(api) {
  const select = document.getElementById('preset');
  try {
    const answer = await api.get('/api/presets.json');
    select.replaceChildren(element('option', { value: '' }, 'None'),
      ...(answer?.data ?? []).map((preset) => element('option', { value: preset.uuid }, preset.preset_name || preset.uuid)));
  } catch {
    // Presets are optional; the production works without one.
  }
}

async function start(session, form, run) {
  const api = session.api();
  const kind = form.elements.kind.value;
  const file = form.elements.file.files[0] ?? null;
  const url = form.elements.url.value.trim();
  if (!file && !url) throw new Error('Choose a file or enter a URL.');
  if (kind === 'download' && !url) throw new Error('A download reads a URL: enter one.');

  if (kind === 'production') return startProduction(api, form, file, url, run, session.config);

  let accepted;
  if (kind === 'download') {
    accepted = await api.create('/api/jobs', downloadBody(form, url));
  } else if (url && !file) {
    accepted = await api.create('/api/jobs/extract-audio', { source: { url }, ...extractOptions(form) });
  } else if (file.size > session.config.multipartMaxBytes) {
    run.status(`Uploading ${file.name} in blocks…`);
    const upload = await uploadInBlocks(api, file, run.uploadProgress);
    accepted = await api.create('/api/jobs/extract-audio', { source: { upload: upload.id }, ...extractOptions(form) });
  } else {
    run.status(`Uploading ${file.name}…`);
    accepted = await postForm(api, '/api/jobs/extract-audio', extractForm(form, file), run.uploadProgress);
  }

  run.status(`Job ${accepted.id} started.`);
  const job = await watched.watch(api, watched.job(accepted.id), (body) => run.jobProgress(body.progress, `Job ${body.id}: ${body.state} (${body.stage})`));
  if (job.state !== 'completed') throw new Error(job.error?.message ?? `The job ended ${job.state}.`);
  run.done(`Job ${job.id} completed.`, fileList(jobFiles(job), `Files of job ${job.id}`));
}

function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

function extractOptions(form) {
  const options = {
    output_format: checked(form, 'format'),
    start_time: Number(form.elements.start_time.value || 0),
    full_audio: form.elements.full_audio.checked,
    persistent: form.elements.persistent.checked,
  };
  if (!options.full_audio) options.duration = Number(form.elements.duration.value || 0);
  return options;
}

function extractForm(form, file) {
  const options = extractOptions(form);
  const data = new FormData();
  for (const format of options.output_format) data.append('output_format', format);
  data.append('start_time', String(options.start_time));
  if (!options.full_audio) data.append('duration', String(options.duration));
  data.append('full_audio', String(options.full_audio));
  data.append('persistent', String(options.persistent));
  data.append('video', file, file.name);
  return data;
}

function downloadBody(form, url) {
  const body = {
    kind: 'download',
    url,
    format: form.elements.dl_format.value,
    max_resolution: form.elements.max_resolution.value,
    audio_only: form.elements.audio_only.checked,
    subtitles: form.elements.subtitles.checked,
    thumbnail: form.elements.thumbnail.checked,
    persistent: form.elements.persistent.checked,
  };
  if (form.elements.clip_start.value.trim()) body.clip_start = form.elements.clip_start.value.trim();
  if (form.elements.clip_end.value.trim()) body.clip_end = form.elements.clip_end.value.trim();
  return body;
}

/** "00:01:30 Title" lines → Auphonic's chapter objects. */
function chapters(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [start, ...title] = line.split(/\s+/);
    return { start, title: title.join(' ') };
  });
}

async function startProduction(api, form, file, url, run, config) {
  if (file && file.size > config.multipartMaxBytes) {
    throw new Error(`A production's upload goes in one request, so its file can be at most ${config.multipartMaxBytes} bytes here.`);
  }
  const body = {
    metadata: { title: form.elements.title.value, artist: form.elements.artist.value },
    output_files: checked(form, 'output').map((format) => ({ format })),
    algorithms: { normloudness: true, loudnesstarget: Number(form.elements.loudnesstarget.value) },
    chapters: chapters(form.elements.chapters.value),
  };
  if (form.elements.preset.value) body.preset = form.elements.preset.value;
  if (!file) body.input_file = url;
  const created = await api.create('/api/productions.json', body);
  const uuid = created.data.uuid;
  if (file) {
    run.status(`Uploading ${file.name}…`);
    const data = new FormData();
    data.append('input_file', file, file.name);
    await postForm(api, `/api/production/${encodeURIComponent(uuid)}/upload.json`, data, run.uploadProgress);
  }
  await api.post(`/api/production/${encodeURIComponent(uuid)}/start.json`);
  run.status(`Production ${uuid} started.`);
  // Auphonic's statuses carry no percentage: each step it passes moves the bar.
  const steps = { 1: 10, 12: 20, 4: 50, 14: 60, 5: 80, 6: 90, 3: 100 };
  const ended = await watched.watch(api, watched.production(uuid),
    (envelope) => run.jobProgress(steps[envelope.data.status] ?? 0, `Production ${uuid}: ${envelope.data.status_string}`));
  if (ended.data.status !== 3) throw new Error(ended.data.error_message || 'The production failed.');
  run.done(`Production ${uuid} is done.`, fileList(productionFiles(api, ended.data), `Files of production ${uuid}`));
}

/** The progress section: two bars, a polite status line, an alert line and the results. */
function runView() {
  const section = document.getElementById('run');
  const bar = (name) => ({ row: document.getElementById(`${name}-row`), bar: document.getElementById(`${name}-progress`), text: document.getElementById(`${name}-percent`) });
  const upload = bar('upload');
  const job = bar('job');
  const status = document.getElementById('run-status');
  const error = document.getElementById('run-error');
  const results = document.getElementById('results');
  const set = (which, percent) => {
    const value = Math.max(0, Math.min(100, Math.round(percent)));
    which.row.hidden = false;
    which.bar.value = value;
    which.text.textContent = `${value}%`;
  };
  return {
    reset() {
      section.hidden = false;
      upload.row.hidden = true;
      job.row.hidden = true;
      status.textContent = '';
      error.textContent = '';
      results.replaceChildren();
    },
    status(text) { status.textContent = text; },
    uploadProgress: (fraction) => set(upload, fraction * 100),
    jobProgress(percent, text) {
      set(job, percent ?? 0);
      status.textContent = text;
    },
    done(text, content) {
      status.textContent = text;
      results.replaceChildren(content);
    },
    fail(message) {
      status.textContent = '';
      error.textContent = message;
    },
  };
}
