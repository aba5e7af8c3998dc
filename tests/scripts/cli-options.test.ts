import { PassThrough } from "node:stream";
import {
  afterPreview,
  askConfirmation,
  confirmationMode,
  DEPLOY_USAGE,
  DRIFT_USAGE,
  isConfirmed,
  parseDeployArgs,
  parseDriftArgs,
  refusalMessage,
  UsageError,
} from "../../scripts/lib/cli-options";

describe("npm run deploy arguments", () => {
  it("reads --stack, --yes, --refresh and --config-file", () => {
    expect(parseDeployArgs(["--stack", "prod", "--yes", "--refresh"])).toEqual({ stack: "prod", yes: true, refresh: true });
    expect(parseDeployArgs(["--stack=dev", "--config-file", "x/Pulumi.dev.yaml"])).toEqual({
      stack: "dev",
      yes: false,
      refresh: false,
      configFile: "x/Pulumi.dev.yaml",
    });
    expect(parseDeployArgs(["--stack", "acme/pulse-os/prod"]).stack).toBe("acme/pulse-os/prod");
  });

  it("requires --stack: no stack is deployed by default", () => {
    expect(() => parseDeployArgs(["--yes"])).toThrow(new UsageError(`'--stack' is required\n${DEPLOY_USAGE}`));
  });

  it("refuses a flag meant to skip the policy pack, like any unknown argument", () => {
    for (const arg of ["--skip-policy", "--no-policy-pack", "--policy-pack=none"]) {
      expect(() => parseDeployArgs(["--stack", "dev", arg])).toThrow(new UsageError(`unknown argument '${arg}'\n${DEPLOY_USAGE}`));
    }
  });

  it("refuses a missing value, a repeated flag, a value on a switch and an invalid stack name", () => {
    expect(() => parseDeployArgs(["--stack"])).toThrow(new UsageError(`'--stack' needs a value\n${DEPLOY_USAGE}`));
    expect(() => parseDeployArgs(["--stack", "--yes"])).toThrow(new UsageError(`'--stack' needs a value\n${DEPLOY_USAGE}`));
    expect(() => parseDeployArgs(["--stack", "dev", "--stack", "prod"])).toThrow(new UsageError(`'--stack' given twice\n${DEPLOY_USAGE}`));
    expect(() => parseDeployArgs(["--stack", "dev", "--yes=no"])).toThrow(new UsageError(`unknown argument '--yes=no'\n${DEPLOY_USAGE}`));
    expect(() => parseDeployArgs(["--stack", "dev prod"])).toThrow(
      new UsageError(`'--stack' must be a stack name ([org/[project/]]name of letters, digits, '-', '_', '.'), got 'dev prod'\n${DEPLOY_USAGE}`),
    );
  });
});

describe("npm run drift arguments", () => {
  it("reads --stack, --report and --config-file", () => {
    expect(parseDriftArgs(["--stack", "dev", "--report", "drift.md"])).toEqual({ stack: "dev", report: "drift.md" });
    expect(parseDriftArgs(["--stack", "local", "--config-file", "c.yaml"])).toEqual({ stack: "local", configFile: "c.yaml" });
  });

  it("has no --yes or --refresh (a drift check changes nothing and always refreshes)", () => {
    expect(() => parseDriftArgs(["--stack", "dev", "--yes"])).toThrow(new UsageError(`unknown argument '--yes'\n${DRIFT_USAGE}`));
    expect(() => parseDriftArgs(["--stack", "dev", "--refresh"])).toThrow(new UsageError(`unknown argument '--refresh'\n${DRIFT_USAGE}`));
    expect(() => parseDriftArgs(["--report", "x.md"])).toThrow(new UsageError(`'--stack' is required\n${DRIFT_USAGE}`));
  });
});

describe("deploy's confirmation", () => {
  it("skips the question with --yes, asks on a terminal, refuses without either", () => {
    expect(confirmationMode({ yes: true, stdinIsTTY: false })).toBe("skip");
    expect(confirmationMode({ yes: true, stdinIsTTY: true })).toBe("skip");
    expect(confirmationMode({ yes: false, stdinIsTTY: true })).toBe("ask");
    expect(confirmationMode({ yes: false, stdinIsTTY: false })).toBe("refuse");
  });

  it("says why it refused and what to do", () => {
    expect(refusalMessage("prod")).toBe(
      "refusing to deploy stack 'prod': no terminal to confirm on (stdin is not a TTY). " +
        "Run it in a terminal and answer 'yes', or pass --yes where the preview is reviewed elsewhere (CI).",
    );
  });

  it("proceeds on exactly 'yes' only", () => {
    expect(isConfirmed("yes")).toBe(true);
    expect(isConfirmed("  yes \r")).toBe(true);
    for (const a of ["y", "Yes", "YES", "yes please", "", "no"]) expect(isConfirmed(a)).toBe(false);
  });

  it("asks on the output and reads one line of the input", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const answer = askConfirmation("Deploy? ", input, output);
    input.write("ye");
    input.write("s\nmore");
    await expect(answer).resolves.toBe(true);
    expect(output.read()?.toString()).toBe("Deploy? ");
  });

  it("treats the end of the input, or another answer, as no", async () => {
    const closed = new PassThrough();
    const none = askConfirmation("Deploy? ", closed, new PassThrough());
    closed.end();
    await expect(none).resolves.toBe(false);
    const other = new PassThrough();
    const no = askConfirmation("Deploy? ", other, new PassThrough());
    other.write("no\n");
    await expect(no).resolves.toBe(false);
  });
});

describe("what deploy does after the preview", () => {
  it("stops on a failed preview or a policy violation, even with changes", () => {
    expect(afterPreview({ previewFailed: true, violations: 0, changes: 0 })).toBe("fail");
    expect(afterPreview({ previewFailed: false, violations: 1, changes: 3 })).toBe("fail");
  });

  it("ends without asking when nothing would change, and proceeds otherwise", () => {
    expect(afterPreview({ previewFailed: false, violations: 0, changes: 0 })).toBe("nothing-to-do");
    expect(afterPreview({ previewFailed: false, violations: 0, changes: 2 })).toBe("proceed");
  });
});
