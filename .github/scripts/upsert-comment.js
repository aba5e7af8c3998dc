// Creates or edits the one pull-request comment that starts with `marker`, from every *.md
// file in `dir` (sorted). GitHub limits a comment to 65536 characters.
const fs = require("fs");
const path = require("path");

module.exports = async function upsert({ github, context, marker, title, dir, issueNumber }) {
  const number = issueNumber ?? context.payload.pull_request.number;
  const parts = fs.readdirSync(dir).filter((f) => f.endsWith(".md")).sort().map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  let body = `${marker}\n## ${title}\n\n${parts.join("\n\n") || "_nothing to report_"}`;
  if (body.length > 65000) body = `${body.slice(0, 64900)}\n\n_…truncated; see the workflow run for the full output._`;
  const { owner, repo } = context.repo;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
  const existing = comments.find((c) => c.body && c.body.startsWith(marker));
  if (existing) await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
};
