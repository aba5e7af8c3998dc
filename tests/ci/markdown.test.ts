import { clip, codeBlock, fitBody, inline, omittedNote, openFence, stripAnsi } from "../../scripts/ci/markdown";

describe("code blocks that content cannot break out of", () => {
  it("uses a three-backtick fence for content without backticks", () => {
    expect(codeBlock("+ a\n- b", "diff")).toBe("```diff\n+ a\n- b\n```");
  });

  it("makes the fence one longer than the longest backtick run in the content", () => {
    const content = "line\n```\n## injected heading\n````\nmore";
    const block = codeBlock(content);
    expect(block.startsWith("`````\n")).toBe(true);
    expect(block.endsWith("\n`````")).toBe(true);
    // Nothing inside closes it: the block is still open right before its own closing fence.
    expect(openFence(block.slice(0, -5))).toBe("`````");
    expect(openFence(block)).toBeUndefined();
  });

  it("keeps a block open across a tilde fence in the content", () => {
    expect(openFence(`${codeBlock("~~~\nx")}\nafter`)).toBeUndefined();
    expect(openFence("```\n~~~\n")).toBe("```");
  });
});

describe("inline text", () => {
  it("escapes markdown and HTML syntax and joins lines", () => {
    expect(inline("a`b*c_<img>\n[x](y)|#")).toBe("a\\`b\\*c\\_\\<img\\> \\[x\\](y)\\|\\#");
  });
});

describe("clipping", () => {
  const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n");

  it("returns short text unchanged", () => {
    expect(clip("abc", 3, "head")).toEqual({ text: "abc", omitted: 0 });
  });

  it("keeps the beginning up to a line boundary", () => {
    const c = clip(lines, 50, "head");
    expect(c.text).toBe("line 0\nline 1\nline 2\nline 3\nline 4\nline 5\nline 6\n");
    expect(c.text.length + c.omitted).toBe(lines.length);
  });

  it("keeps the end from a line boundary", () => {
    const c = clip(lines, 30, "tail");
    expect(c.text).toBe("line 97\nline 98\nline 99");
    expect(c.text.length + c.omitted).toBe(lines.length);
  });

  it("keeps a line that starts or ends exactly at the cut", () => {
    expect(clip(lines, 31, "tail").text).toBe("line 96\nline 97\nline 98\nline 99");
    expect(clip(lines, 13, "head").text).toBe("line 0\nline 1");
  });

  it("says how much was left out and where the rest is", () => {
    expect(omittedNote(0, "head")).toBe("");
    expect(omittedNote(1200, "head", "https://example.test/run/1")).toBe(
      "_1200 characters at the end left out (GitHub's 65536-character limit); [the workflow run](https://example.test/run/1) has the whole output._",
    );
  });
});

describe("fitting a body into GitHub's limit", () => {
  it("leaves a body within the limit alone", () => {
    expect(fitBody("short", 100)).toBe("short");
  });

  it("cuts a long body and closes the code block the cut left open", () => {
    const body = `head\n\n${codeBlock(Array.from({ length: 500 }, (_, i) => `+ ${i}`).join("\n"), "diff")}\n\ntrailer`;
    const fitted = fitBody(body, 1000);
    expect(fitted.length).toBeLessThanOrEqual(1000);
    expect(openFence(fitted)).toBeUndefined();
    expect(fitted.endsWith("_…cut to fit GitHub's size limit; the workflow run has the whole output._")).toBe(true);
  });
});

describe("terminal sequences", () => {
  it("are removed", () => {
    expect(stripAnsi("\u001b[1m\u001b[38;5;2m+ \u001b[0mcreate\u001b]8;;http://x\u0007link\u001b]8;;\u0007")).toBe("+ createlink");
  });
});
