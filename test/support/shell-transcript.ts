import { spawnSync } from 'node:child_process';

/** One `$ command` of a Markdown shell transcript and the output written under it. */
export interface TranscriptCommand {
  command: string;
  output: string;
  /** Lines of the document holding the output: [first, end), end exclusive. */
  outputLines: [number, number];
}

function isCompleteCommand(text: string): boolean {
  if (text.endsWith('\\')) return false;
  return spawnSync('bash', ['-n', '-c', text]).status === 0;
}

/**
 * The `$` commands of the ```sh blocks before `stopAt` (a heading), each with its printed output: a command goes
 * on over the following lines until bash can parse it, and its output runs to the next `$` line or the block end.
 */
export function parseTranscript(markdown: string, stopAt: string): TranscriptCommand[] {
  const lines = markdown.split('\n');
  const end = lines.findIndex((line) => line.startsWith(stopAt));
  const commands: TranscriptCommand[] = [];
  let inBlock = false;
  for (let i = 0; i < (end === -1 ? lines.length : end); i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      inBlock = !inBlock && line.trim() === '```sh';
      continue;
    }
    if (!inBlock || !line.startsWith('$ ')) continue;
    let command = line.slice(2);
    while (!isCompleteCommand(command) && i + 1 < lines.length) command += `\n${lines[++i]!}`;
    const first = i + 1;
    let last = first;
    while (last < lines.length && !lines[last]!.startsWith('$ ') && !lines[last]!.startsWith('```')) last++;
    let outputEnd = last;
    while (outputEnd > first && lines[outputEnd - 1]!.trim() === '') outputEnd--;
    commands.push({ command, output: lines.slice(first, outputEnd).join('\n'), outputLines: [first, outputEnd] });
    i = last - 1;
  }
  return commands;
}

/** Runs the commands in one bash session (variables carry over) and answers what each printed. */
export function runTranscript(commands: string[], cwd: string, timeoutMs: number): string[] {
  const marker = (n: number) => `@@@command ${n}@@@`;
  const script = commands.map((command, n) => `echo '${marker(n)}'\n${command}`).join('\n') + `\necho '${marker(commands.length)}'\n`;
  const result = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw result.error;
  const out = result.stdout;
  return commands.map((_, n) => {
    const from = out.indexOf(`${marker(n)}\n`);
    const to = out.indexOf(`${marker(n + 1)}\n`);
    if (from === -1 || to === -1) throw new Error(`command ${n} did not finish: ${result.stderr}`);
    return out.slice(from + marker(n).length + 1, to).replace(/\s+$/, '');
  });
}

/** What may differ from run to run: ids, times, carriage returns of `curl -i`. */
export function normaliseRun(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
}
