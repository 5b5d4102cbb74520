// How numbers and times read on the page.

const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** 1234567 → "1.2 MB". */
export function bytes(count) {
  if (typeof count !== 'number' || !Number.isFinite(count)) return '';
  let value = count;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${count} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** An ISO time as the reader's local date and time. */
export function dateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

/** When a link stops working: "expires 14:32 (in 15 min)", or that it does not. */
export function expiry(iso) {
  if (!iso) return 'does not expire';
  const date = new Date(iso);
  const minutes = Math.round((date.getTime() - Date.now()) / 60000);
  const when = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return minutes >= 0 ? `expires ${when} (in ${minutes} min)` : `expired ${when}`;
}

/** Seconds → "1:05.2". */
export function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '';
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}`;
}
