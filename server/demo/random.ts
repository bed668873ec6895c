// Seeded randomness for the demo data. The scenario generators double as the test
// fixtures of the whole project, so the same seed must give the same report on every
// machine and every run: nothing here may read Math.random or the clock.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** Standard normal (mean 0, sd 1), clamped to +-4 so one unlucky draw cannot produce an absurd metric. */
  normal(): number;
  /** Exponential with mean 1: heavy-ish tail for loss and jitter noise. */
  exponential(): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
  /** RFC 4122 version-4 layout, so validators that check the version nibble accept it. */
  uuid(): string;
}

/** mulberry32: tiny, fast and good enough for plausible noise; not for anything secret. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * FNV-1a over the parts. Streams derive their own seed from the call seed and a label,
 * so adding an event or a stream to a spec does not reshuffle the noise of the others.
 */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u0000`;
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash >>> 0;
}

const HEX = '0123456789abcdef';

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  // Box-Muller yields two normals per pair of uniforms; keep the spare one.
  let spare: number | null = null;

  const rng: Rng = {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    normal: () => {
      let value: number;
      if (spare !== null) {
        value = spare;
        spare = null;
      } else {
        const u = 1 - next();
        const v = next();
        const radius = Math.sqrt(-2 * Math.log(u));
        value = radius * Math.cos(2 * Math.PI * v);
        spare = radius * Math.sin(2 * Math.PI * v);
      }
      return Math.max(-4, Math.min(4, value));
    },
    exponential: () => -Math.log(1 - next()),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    hex: (length) => {
      let out = '';
      for (let i = 0; i < length; i += 1) out += HEX[Math.floor(next() * 16)] ?? '0';
      return out;
    },
    uuid: () => {
      const variant = HEX[8 + Math.floor(next() * 4)] ?? '8';
      return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`;
    },
  };
  return rng;
}
