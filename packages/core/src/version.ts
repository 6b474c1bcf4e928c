/**
 * This package's version, as in its package.json (a test keeps the two equal;
 * `pnpm version-packages` rewrites it after `changeset version`). A constant, not
 * a read of package.json, so result files can name it in a browser too.
 */
export const VERSION = '0.1.0';
