import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// Datasets are small CSV files without quoting (numbers and simple labels). Replace this with
// the data platform's reader when the data comes through the data concierge.

export interface ColumnSchema {
  name: string;
  type: 'number' | 'integer' | 'string';
  min?: number;
  max?: number;
  enum?: Array<string | number>;
}

export interface Dataset {
  columns: string[];
  rows: Array<Record<string, string>>;
}

export function readCsv(path: string): Dataset {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter(line => line.length > 0);
  const columns = lines[0].split(',');
  const rows = lines.slice(1).map(line => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
  return { columns, rows };
}

/** `sha256:<hex>` of a file's bytes: the dataset fingerprint recorded in model/registry.yaml. */
export function fingerprint(path: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

/** Every way the dataset breaks its schema (column order, types, ranges, allowed values); empty when it conforms. */
export function checkSchema(dataset: Dataset, schema: ColumnSchema[], maxProblems = 20): string[] {
  const problems: string[] = [];
  const expected = schema.map(column => column.name);
  if (dataset.columns.join(',') !== expected.join(',')) {
    return [`columns are ${dataset.columns.join(',')}, expected ${expected.join(',')}`];
  }
  if (dataset.rows.length === 0) return ['the dataset has no rows'];
  dataset.rows.forEach((row, index) => {
    for (const column of schema) {
      if (problems.length >= maxProblems) return;
      const raw = row[column.name];
      const where = `row ${index + 2}, ${column.name}`;
      if (raw === '') {
        problems.push(`${where}: empty`);
        continue;
      }
      const value = column.type === 'string' ? raw : Number(raw);
      if (column.type !== 'string') {
        if (!Number.isFinite(value as number)) problems.push(`${where}: "${raw}" is not a number`);
        else if (column.type === 'integer' && !Number.isInteger(value)) problems.push(`${where}: "${raw}" is not an integer`);
        else if (column.min !== undefined && (value as number) < column.min) problems.push(`${where}: ${raw} < ${column.min}`);
        else if (column.max !== undefined && (value as number) > column.max) problems.push(`${where}: ${raw} > ${column.max}`);
      }
      if (column.enum && !column.enum.includes(value)) problems.push(`${where}: "${raw}" is not one of ${column.enum.join(', ')}`);
    }
  });
  return problems;
}

export function numericColumn(dataset: Dataset, name: string): number[] {
  return dataset.rows.map(row => Number(row[name]));
}
