/**
 * `defaults` with every option that is not undefined laid over them. The house
 * rule (architecture.md) is that an explicit `undefined` means "use the default";
 * a plain spread `{ ...defaults, ...options }` would copy the undefined over the
 * default instead.
 */
export type ResolvedOptions<Defaults extends object, Options extends object> = Omit<Options, keyof Defaults> & {
  readonly [K in keyof Defaults]: K extends keyof Options ? Defaults[K] | Exclude<Options[K], undefined> : Defaults[K];
};

/**
 * Resolves an options object once, at the boundary (style.md "API"): the keys of
 * `defaults` always hold a value; other keys of `options` (callbacks, signals,
 * required settings) are kept as given when defined. Nothing is validated here.
 */
export function resolveOptions<Defaults extends object, Options extends object>(
  defaults: Defaults,
  options: Options = {} as Options,
): ResolvedOptions<Defaults, Options> {
  const resolved: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) resolved[key] = value;
  }
  return resolved as ResolvedOptions<Defaults, Options>;
}
