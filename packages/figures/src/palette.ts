// Colours of the figures, all from colour-blind-safe palettes: Okabe & Ito (2008),
// "Color Universal Design", and Paul Tol's schemes (Tol 2021, SRON/EPS/TN/09-002).

/** The Okabe-Ito palette, in its usual order. */
export const OKABE_ITO = Object.freeze({
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
});

/** Neutral grey for the silent pattern and for reference marks (Tol's grey). */
export const NEUTRAL_GREY = '#BBBBBB';
/** Dark grey for reference lines and markers (prior, solution, targets). */
export const REFERENCE_INK = '#333333';

/** Style of reference markers (prior, solution) drawn over bars: dark with a white edge, visible on any bar colour. */
export const REFERENCE_MARKER = Object.freeze({ color: '#333333', borderColor: '#FFFFFF', borderWidth: 1 });

// Gain patterns are coloured by family: the number m of active contexts picks the
// hue family (cool for context-specialised neurons, m = 1; warm for m = 2; ...),
// the pattern's rank within its family picks the member. Up to K = 3 every pattern
// gets its own palette colour; beyond, members past a family's list are lighter
// shades of it. The colour is a function of the pattern alone, so it is the same
// in every figure.
const FAMILIES: readonly (readonly string[])[] = [
  [NEUTRAL_GREY],
  [OKABE_ITO.blue, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen],
  [OKABE_ITO.vermillion, OKABE_ITO.orange, OKABE_ITO.reddishPurple],
  ['#332288'], // Tol indigo
  ['#882255'], // Tol wine
  ['#117733'], // Tol green
  ['#999933'], // Tol olive
  ['#44AA99'], // Tol teal
  ['#AA4499'], // Tol purple
  ['#DDCC77'], // Tol sand
];

/** Label of a gain pattern as the CLI prints it: digit k is 1 when the neuron is active in context k + 1. */
export function patternLabel(pattern: readonly number[]): string {
  return pattern.map((gain) => (gain > 0 ? '1' : '0')).join('');
}

/**
 * The label of a population: its pattern, and for clusters of continuous gains
 * (mean gains other than 0 and 1, model.md §7) the mean gains too, since several
 * clusters can share a pattern.
 */
export function populationLabel(population: { readonly pattern: readonly number[]; readonly gains?: readonly number[] }): string {
  const gains = population.gains;
  const binary = gains === undefined || gains.every((gain) => gain === 0 || gain === 1);
  return binary ? patternLabel(population.pattern) : `${patternLabel(population.pattern)} (${gains.map((gain) => gain.toFixed(2)).join(' ')})`;
}

/** Number of contexts in which a pattern is active, |g|. */
export function activeCount(pattern: readonly number[]): number {
  let count = 0;
  for (const gain of pattern) if (gain > 0) count++;
  return count;
}

/**
 * The colour of a gain pattern (see above), stable across figures and files.
 * For K <= 3 all 2^K patterns have distinct colours.
 */
export function patternColor(pattern: readonly number[]): string {
  const m = activeCount(pattern);
  const family = FAMILIES[Math.min(m, FAMILIES.length - 1)];
  const rank = rankInFamily(pattern);
  const size = binomial(pattern.length, m);
  const base = family[rank % family.length];
  const shadeLevels = Math.ceil(size / family.length);
  const shade = Math.floor(rank / family.length);
  return shade === 0 ? base : mixWithWhite(base, (0.6 * shade) / shadeLevels);
}

/**
 * Rank of a pattern among the patterns with as many active contexts, in the order
 * of the pattern index sum_k g_k 2^k (colexicographic rank of its set bits).
 */
function rankInFamily(pattern: readonly number[]): number {
  let rank = 0;
  let seen = 0;
  for (let k = 0; k < pattern.length; k++) {
    if (pattern[k] > 0) {
      seen++;
      rank += binomial(k, seen);
    }
  }
  return rank;
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let value = 1;
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
  return Math.round(value);
}

/** Colours for series indexed by an ordered parameter (one line per sigma, per K): Tol's "bright" scheme. */
export const SERIES_COLORS: readonly string[] = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377', '#000000'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/** Tol's diverging "BuRd" (9 stops), for signed weights centred on 0. */
export const DIVERGING_RAMP: readonly string[] = [
  '#2166AC', '#4393C3', '#92C5DE', '#D1E5F0', '#F7F7F7', '#FDDBC7', '#F4A582', '#D6604D', '#B2182B',
];

/** Tol's sequential "YlOrBr" (9 stops), for non-negative values. */
export const SEQUENTIAL_RAMP: readonly string[] = [
  '#FFFFE5', '#FFF7BC', '#FEE391', '#FEC44F', '#FB9A29', '#EC7014', '#CC4C02', '#993404', '#662506',
];

export type Rgb = readonly [number, number, number];

export function parseHex(color: string): Rgb {
  const value = Number.parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Colour at position t in [0, 1] along evenly spaced stops, interpolated linearly
 * in sRGB and rounded per channel: the same rule ECharts' continuous visualMap
 * uses for its colour bar (zrender `fastLerp`), so pixels and bar agree.
 */
export function rampColor(stops: readonly Rgb[], t: number): Rgb {
  const clamped = t <= 0 ? 0 : t >= 1 ? 1 : t;
  const position = clamped * (stops.length - 1);
  const left = Math.floor(position);
  const right = Math.ceil(position);
  const fraction = position - left;
  const a = stops[left];
  const b = stops[right];
  return [
    Math.round(a[0] + (b[0] - a[0]) * fraction),
    Math.round(a[1] + (b[1] - a[1]) * fraction),
    Math.round(a[2] + (b[2] - a[2]) * fraction),
  ];
}

function mixWithWhite(color: string, amount: number): string {
  const [r, g, b] = parseHex(color);
  const mix = (channel: number) => Math.round(channel + (255 - channel) * amount);
  return `#${[mix(r), mix(g), mix(b)].map((channel) => channel.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}
