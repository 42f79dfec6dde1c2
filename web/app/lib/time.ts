// Times as sellers read them: "3 minutes ago", with the exact UTC time for a tooltip.
export function timeAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (Number.isNaN(seconds)) return 'unknown';
  if (seconds < 45) return 'just now';
  const units: [number, string][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
  ];
  let chosen: [number, string] = units[0]!;
  for (const u of units) if (seconds >= u[0]) chosen = u;
  const n = Math.max(1, Math.round(seconds / chosen[0]));
  return `${n} ${chosen[1]}${n === 1 ? '' : 's'} ago`;
}

export function exactTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// A draft's deadline as the card says it: "Expires in 5 days", "Expires in 3 hours", "Expired".
export function expiresIn(iso: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Number.isNaN(seconds)) return 'Expiry unknown';
  if (seconds <= 0) return 'Expired';
  if (seconds < 3600) return 'Expires in less than an hour';
  if (seconds < 86400 * 2) {
    const h = Math.floor(seconds / 3600);
    return `Expires in ${h} hour${h === 1 ? '' : 's'}`;
  }
  return `Expires in ${Math.round(seconds / 86400)} days`;
}

// A length of time for people: "45 s", "2 min 5 s", "1 h 3 min".
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  const s = Math.round(ms / 1000);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

// The time a scan still needs: "About 2 minutes left", "A few seconds left".
export function timeLeft(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !(seconds >= 0)) return null;
  if (seconds < 10) return 'A few seconds left';
  if (seconds < 90) return `About ${Math.round(seconds / 5) * 5} seconds left`;
  const m = Math.round(seconds / 60);
  return m < 90 ? `About ${m} minutes left` : `About ${Math.round(m / 60)} hours left`;
}
