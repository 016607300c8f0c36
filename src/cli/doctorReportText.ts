import type { DoctorReport } from '../core/doctor/doctor';
import { neutraliseControls as safe } from '../core/displayText';

const paint = (enabled: boolean) => (code: string, text: string) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);

/**
 * The human-readable doctor report. Colour only when asked (a TTY without NO_COLOR). Messages and
 * fixes quote the remote host and the config: their control characters are neutralised, ours are not.
 */
export function formatDoctorReport(report: DoctorReport, colour: boolean): string {
  const c = paint(colour);
  const marks = { pass: c('32', '✓'), warn: c('33', '!'), fail: c('31', '✗'), skip: c('90', '-') };
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines = [`remote-docker-ssh doctor ${safe(report.target)} (path: ${report.path})`, ...(report.notes ?? []).map((note) => c('90', `note: ${safe(note)}`)), ''];
  for (const check of report.checks) {
    const code = check.code !== undefined ? ` ${c(check.status === 'warn' ? '33' : '31', `[${check.code}]`)}` : '';
    const time = check.status === 'skip' ? '' : c('90', ` (${check.durationMs} ms)`);
    lines.push(`  ${marks[check.status]} ${check.id.padEnd(width)}  ${check.status === 'skip' ? c('90', safe(check.message)) : safe(check.message)}${code}${time}`);
    if (check.fix !== undefined) lines.push(`    ${' '.repeat(width)}  ${c('33', 'fix:')} ${safe(check.fix)}`);
    if (check.seeCommand !== undefined) lines.push(`    ${' '.repeat(width)}  ${c('36', 'see:')} ${safe(check.seeCommand)}`);
  }
  const failed = report.checks.filter((check) => check.status === 'fail').length;
  const warned = report.checks.filter((check) => check.status === 'warn').length;
  lines.push('');
  if (!report.ok) lines.push(c('31', `${failed} check(s) failed (${report.totalMs} ms).`));
  else if (warned > 0) lines.push(c('33', `All ${report.checks.length} checks passed in ${report.totalMs} ms, ${warned} with a warning.`));
  else lines.push(c('32', `All ${report.checks.length} checks passed in ${report.totalMs} ms.`));
  return `${lines.join('\n')}\n`;
}
