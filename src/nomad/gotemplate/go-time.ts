const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Layout chunks, longest first where one is a prefix of another, as Go's time package matches them. */
const CHUNKS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST',
  '2006', '002', '01', '02', '03', '04', '05', '06', '__2', '_2', '15', '1', '2', '3', '4', '5',
  'PM', 'pm',
  '-07:00:00', '-070000', '-07:00', '-0700', '-07',
  'Z07:00:00', 'Z070000', 'Z07:00', 'Z0700', 'Z07',
];

/**
 * Formats a time in UTC with a Go reference layout (`2006-01-02T15:04:05Z07:00`), which is how
 * consul-template's `timestamp` takes its format argument.
 */
export function formatGoTime(t: Date, layout: string): string {
  const d = {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth(),
    day: t.getUTCDate(),
    weekday: t.getUTCDay(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
  };
  const yday = Math.floor((Date.UTC(d.year, d.month, d.day) - Date.UTC(d.year, 0, 1)) / 86_400_000) + 1;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const hour12 = d.hour % 12 === 0 ? 12 : d.hour % 12;
  let out = '';
  for (let i = 0; i < layout.length; ) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const digits = (String(d.ms).padStart(3, '0') + '000000').slice(0, frac[1]!.length);
      out += frac[1]![0] === '0' ? layout[i] + digits : digits.replace(/0+$/, '') === '' ? '' : layout[i] + digits.replace(/0+$/, '');
      i += frac[0].length;
      continue;
    }
    const chunk = CHUNKS.find((c) => layout.startsWith(c, i));
    if (chunk === undefined) {
      out += layout[i];
      i++;
      continue;
    }
    i += chunk.length;
    switch (chunk) {
      case 'January': out += MONTHS[d.month]; break;
      case 'Jan': out += MONTHS[d.month]!.slice(0, 3); break;
      case 'Monday': out += DAYS[d.weekday]; break;
      case 'Mon': out += DAYS[d.weekday]!.slice(0, 3); break;
      case 'MST': out += 'UTC'; break;
      case '2006': out += String(d.year).padStart(4, '0'); break;
      case '06': out += p2(d.year % 100); break;
      case '002': out += String(yday).padStart(3, '0'); break;
      case '01': out += p2(d.month + 1); break;
      case '1': out += String(d.month + 1); break;
      case '02': out += p2(d.day); break;
      case '2': out += String(d.day); break;
      case '_2': out += String(d.day).padStart(2, ' '); break;
      case '__2': out += String(yday).padStart(3, ' '); break;
      case '15': out += p2(d.hour); break;
      case '03': out += p2(hour12); break;
      case '3': out += String(hour12); break;
      case '04': out += p2(d.minute); break;
      case '4': out += String(d.minute); break;
      case '05': out += p2(d.second); break;
      case '5': out += String(d.second); break;
      case 'PM': out += d.hour >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += d.hour >= 12 ? 'pm' : 'am'; break;
      default:
        // Zone offsets: the time is UTC, so `Z…` layouts print "Z" and numeric ones a zero offset.
        out += chunk.startsWith('Z') ? 'Z' : chunk.replace('-', '+').replace(/07|00/g, '00');
    }
  }
  return out;
}
