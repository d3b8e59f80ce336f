// Writes the bundled synthetic datasets (model/data/train.csv and holdout.csv) from a fixed
// seed. They stand in for real data until the service's data comes through the data
// concierge. After a change, run `npm run ml:train` to refit the model and update the registry.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_DIR } from './lib/config.ts';

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function rows(count: number, seed: number): string {
  const rand = random(seed);
  const lines = ['amount,account_age_days,transactions_last_24h,is_foreign,region,is_fraud'];
  for (let i = 0; i < count; i += 1) {
    const amount = Math.min(10_000, Math.max(1, Math.round(Math.exp(4.5 + normal(rand)) * 100) / 100));
    const age = Math.floor(3650 * rand() ** 1.5);
    const tx = Math.min(100, Math.floor(-Math.log(1 - rand()) * 3));
    const foreign = rand() < 0.15 ? 1 : 0;
    const region = rand() < 0.5 ? 'north' : 'south';
    const logit = -1.4 + 0.9 * (Math.log(amount) - 4.5) - 0.0009 * age + 0.3 * tx + 1.8 * foreign;
    const fraud = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    lines.push([amount, age, tx, foreign, region, fraud].join(','));
  }
  return `${lines.join('\n')}\n`;
}

mkdirSync(join(MODEL_DIR, 'data'), { recursive: true });
writeFileSync(join(MODEL_DIR, 'data', 'train.csv'), rows(2000, 20240601));
writeFileSync(join(MODEL_DIR, 'data', 'holdout.csv'), rows(1000, 20240602));
console.log('model/data/train.csv and model/data/holdout.csv written');
