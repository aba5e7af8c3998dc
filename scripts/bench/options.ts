/** Command-line options of scripts/bench.ts (npm run bench:eval). */
export interface Options {
  runs: number;
  quick: boolean;
  profile: boolean;
}

export function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 5, quick: false, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--runs") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error("--runs needs a positive integer");
      o.runs = n;
    } else if (a === "--quick") {
      o.quick = true;
    } else if (a === "--profile") {
      o.profile = true;
    } else {
      throw new Error(`unknown argument '${a}' (options: --runs N, --quick, --profile)`);
    }
  }
  if (o.quick && !argv.includes("--runs")) o.runs = 1;
  return o;
}
