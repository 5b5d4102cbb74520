// A finished job's or production's files: a link each, with its size and expiry, and a player.

import { bytes, duration, expiry } from './format.js';
import { element } from './dom.js';

/** The files of a native job (outputs of GET /api/jobs/{id}). */
export function jobFiles(job) {
  return (job.outputs ?? []).map((output) => ({
    name: output.fileName || `${job.id}.${output.format}`,
    format: output.format,
    url: output.url,
    size: output.size,
    duration: output.duration,
    expiresAt: output.expiresAt,
    mimeType: output.mimeType ?? '',
    role: output.role ?? 'media',
  }));
}

/** The files of a production (output_files of its envelope's data); their links need the key. */
export function productionFiles(api, data) {
  return (data.output_files ?? []).filter((file) => file.download_url).map((file) => ({
    name: file.filename,
    format: file.format,
    url: api.withKey(file.download_url),
    size: file.size,
    duration: file.duration,
    expiresAt: null,
    mimeType: /^(video|audiogram)$/.test(file.format) ? 'video/mp4' : 'audio/*',
    role: 'media',
  }));
}

/** A list of files with links, sizes and expiry, and with players a player for each audio or video file. */
export function fileList(files, label, { players = true } = {}) {
  if (files.length === 0) return element('p', {}, 'No files.');
  return element('ul', { class: 'files', 'aria-label': label }, files.map((file) => {
    const facts = [file.format, bytes(file.size), file.duration ? duration(file.duration) : null, expiry(file.expiresAt)].filter(Boolean).join(' · ');
    const player = !players || file.role !== 'media' ? null
      : file.mimeType.startsWith('video/')
        ? element('video', { src: file.url, controls: true, preload: 'metadata', 'aria-label': `Play ${file.name}` })
        : element('audio', { src: file.url, controls: true, preload: 'none', 'aria-label': `Play ${file.name}` });
    return element('li', { class: 'file' },
      element('a', { href: file.url, download: file.name, 'data-format': file.format }, `Download ${file.name}`),
      element('span', { class: 'facts' }, ` ${facts}`),
      player);
  }));
}
