import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Row } from './types';

export function formatValue(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function renderTable(rows: Row[]): string {
  const header = ['name', 'value', 'unit', 'note'];
  const cells = rows.map((row) => [row.name, formatValue(row.value), row.unit, row.note]);
  const widths = header.map((title, col) => Math.max(title.length, ...cells.map((line) => line[col].length)));
  const line = (parts: string[]) =>
    parts
      .map((part, col) => (col === 1 ? part.padStart(widths[col]) : part.padEnd(widths[col])))
      .join('  ')
      .trimEnd();
  const out: string[] = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  let group = '';
  for (const [i, row] of rows.entries()) {
    if (row.group !== group) out.push(...(i > 0 ? [''] : []), `[${row.group}]`);
    group = row.group;
    out.push(line(cells[i]));
  }
  return out.join('\n');
}

export function writeResults(file: string, rows: Row[], elapsedMs: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const payload = {
    finishedAt: new Date().toISOString(),
    elapsedMs: Math.round(elapsedMs),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '' },
    // Microsecond-level digits of a millisecond figure are noise; three decimals keep diffs readable.
    rows: rows.map((row) => ({ ...row, value: Math.round(row.value * 1000) / 1000 })),
  };
  fs.writeFileSync(file, JSON.stringify(payload, null, 2) + '\n');
}
