/**
 * Markdown building blocks of the comments and issues the CI workflows write: code blocks that
 * content cannot break out of, and clipping to GitHub's size limit.
 */

/** GitHub refuses an issue or comment body longer than this (characters). */
export const GITHUB_BODY_LIMIT = 65536;

// eslint-disable-next-line no-control-regex -- ESC and BEL are what an ANSI escape sequence is made of
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Removes terminal colour and cursor sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * A fenced code block holding `content` verbatim. The fence is one backtick longer than the longest
 * run of backticks in the content (at least three), so no line of the content can close it
 * (CommonMark: a closing fence is at least as long as the opening one).
 */
export function codeBlock(content: string, info = ""): string {
  let longest = 0;
  for (const m of content.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  const body = content.endsWith("\n") ? content : `${content}\n`;
  return `${fence}${info}\n${body}${fence}`;
}

/** Text for inline use in markdown: no line breaks, no HTML, no markdown link or emphasis syntax. */
export function inline(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

export interface Clipped {
  readonly text: string;
  /** Characters left out (0 when the text fitted). */
  readonly omitted: number;
}

/**
 * At most `max` characters of `text`, cut at a line boundary when one is near: the beginning
 * (`keep: "head"`, for a diff) or the end (`keep: "tail"`, for an error log).
 */
export function clip(text: string, max: number, keep: "head" | "tail"): Clipped {
  if (text.length <= max) return { text, omitted: 0 };
  if (max <= 0) return { text: "", omitted: text.length };
  let part: string;
  if (keep === "head") {
    part = text.slice(0, max);
    const nl = part.lastIndexOf("\n");
    if (text[max] !== "\n" && nl > max / 2) part = part.slice(0, nl + 1);
  } else {
    const start = text.length - max;
    part = text.slice(start);
    const nl = part.indexOf("\n");
    if (text[start - 1] !== "\n" && nl >= 0 && nl < max / 2) part = part.slice(nl + 1);
  }
  return { text: part, omitted: text.length - part.length };
}

/** A note saying how much of a block was left out and where to find all of it. */
export function omittedNote(omitted: number, where: "head" | "tail", runUrl?: string): string {
  if (omitted === 0) return "";
  const at = where === "head" ? "the end" : "the beginning";
  const link = runUrl ? ` [the workflow run](${runUrl}) has the whole output` : " the workflow run has the whole output";
  return `_${omitted} characters at ${at} left out (GitHub's ${GITHUB_BODY_LIMIT}-character limit);${link}._`;
}

/**
 * The last line of defence: a body that is still too long is cut at a line boundary and every
 * code block left open is closed, so the cut cannot swallow the rest of the page.
 */
export function fitBody(body: string, limit = GITHUB_BODY_LIMIT): string {
  if (body.length <= limit) return body;
  const tail = "\n\n_…cut to fit GitHub's size limit; the workflow run has the whole output._";
  let cut = clip(body, limit - tail.length - 64, "head").text;
  const open = openFence(cut);
  if (open) cut = `${cut.endsWith("\n") ? cut : `${cut}\n`}${open}`;
  return `${cut}${tail}`.slice(0, limit);
}

/** The fence that closes a code block left open at the end of `markdown`, if any. */
export function openFence(markdown: string): string | undefined {
  let open: string | undefined;
  for (const line of markdown.split("\n")) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!m) continue;
    const fence = m[1]!;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open;
}
