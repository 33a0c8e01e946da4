// Reads the commands and the shown output out of README's fenced code blocks.

interface Block {
  lang: string;
  lines: string[];
}

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  let current: Block | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^```(\S*)/.exec(line);
    if (fence && !current) current = { lang: fence[1] ?? '', lines: [] };
    else if (fence && current) {
      found.push(current);
      current = undefined;
    } else current?.lines.push(line);
  }
  return found;
}

// A trailing `# comment` (after two spaces or more, as README writes them) is not part of the command.
const withoutComment = (line: string) => line.replace(/\s{2,}#.*$/, '').trim();

/** Every command: each line of a `sh` block and each `$ ` line of a `console` block, comments removed. */
export function readmeCommands(markdown: string): string[] {
  return blocks(markdown).flatMap((block) => {
    if (block.lang === 'sh')
      return block.lines.map(withoutComment).filter((line) => line !== '' && !line.startsWith('#'));
    if (block.lang === 'console')
      return block.lines.filter((line) => line.startsWith('$ ')).map((line) => withoutComment(line.slice(2)));
    return [];
  });
}

/** The lines a `console` block shows after `$ <command>`, up to the next prompt. */
export function readmeConsoleOutput(markdown: string, command: string): string[] {
  for (const block of blocks(markdown).filter((b) => b.lang === 'console')) {
    const start = block.lines.findIndex((line) => line.startsWith('$ ') && withoutComment(line.slice(2)) === command);
    if (start < 0) continue;
    const next = block.lines.findIndex((line, i) => i > start && line.startsWith('$ '));
    return block.lines.slice(start + 1, next < 0 ? undefined : next);
  }
  return [];
}
