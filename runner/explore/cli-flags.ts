/**
 * The conformance command's exploration flags, taken out of the arguments before they go to `playwright test`:
 * `--explore N` (cases per operation: EXPLORE_CASES) and `--explore-seconds S` (EXPLORE_SECONDS), also as `--flag=N`.
 * A flag without a whole number is an error naming it and the fix.
 */
const FLAGS: Record<string, string> = { '--explore': 'EXPLORE_CASES', '--explore-seconds': 'EXPLORE_SECONDS' };

export function takeExploreFlags(args: string[]): { args: string[]; env: Record<string, string> } {
  const rest: string[] = [];
  const env: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag = '', inline] = arg.startsWith('--explore') ? arg.split('=', 2) : [arg];
    const variable = FLAGS[flag];
    if (!variable) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || !/^[0-9]+$/.test(value)) {
      throw new Error(
        `${flag} needs a whole number (e.g. ${flag} ${flag === '--explore' ? 50 : 60}); got ${value === undefined ? 'nothing' : `"${value}"`}.`,
      );
    }
    env[variable] = value;
  }
  return { args: rest, env };
}
