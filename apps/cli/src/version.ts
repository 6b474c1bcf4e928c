/**
 * The version of the `maxent` command, as in apps/cli/package.json (a test keeps
 * the two equal). Result files record it beside the packages' versions.
 */
export const VERSION = '0.1.0';
